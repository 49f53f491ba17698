import { Testing } from "cdktf";
import { buildExamples } from "../../examples/examples";
import { PolicyDocument } from "../../lib/policy/document";

/** Every example's synthesized stack document, by stack name. */
export function exampleDocuments(): { name: string; json: any }[] {
  return buildExamples(Testing.app()).map((s) => ({ name: s.node.id, json: JSON.parse(Testing.synth(s)) }));
}

/** Each cloud-config the examples give a VM, as `[stack/resource, user data]`. */
export function exampleCloudConfigs(docs = exampleDocuments()): (readonly [string, string])[] {
  return docs.flatMap(({ name, json }) =>
    Object.entries(json.resource?.openstack_compute_instance_v2 ?? {})
      .filter(
        ([, body]: [string, any]) => typeof body.user_data === "string" && body.user_data.startsWith("#cloud-config"),
      )
      .map(([id, body]: [string, any]) => [`${name}/${id}`, body.user_data as string] as const),
  );
}

/** Each Helm release of the examples, as `[stack/release, release]`. */
export function exampleHelmReleases(docs = exampleDocuments()) {
  return docs.flatMap(({ name, json }) =>
    new PolicyDocument(json).helmReleases().map((r) => [`${name}/${r.name}`, r] as const),
  );
}
