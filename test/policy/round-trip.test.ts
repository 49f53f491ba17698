import { execFileSync } from "child_process";
import { Testing } from "cdktf";
import { buildExamples } from "../../examples/examples";
import { YamlVersion, parseYaml, toCloudConfig, toYaml } from "../../lib/core/formats/yaml";
import { TLJH_CONFIG_PATH, writtenFile } from "../../lib/policy/cloud-config";
import { PolicyDocument } from "../../lib/policy/document";
import { hasTool } from "../support/tools";

// The law that keeps the writers (constructs) and the reader (the policy pack) on one model of the formats: for
// every example, what the pack reads back is exactly what the constructs rendered. Re-writing what was read gives
// the rendered text byte for byte, and cloud-init's own YAML reader (PyYAML) reads the same data.
const app = Testing.app();
const docs = buildExamples(app).map((s) => ({ name: s.node.id, json: JSON.parse(Testing.synth(s)) }));

const userData = docs.flatMap(({ name, json }) =>
  Object.entries(json.resource?.openstack_compute_instance_v2 ?? {})
    .filter(
      ([, body]: [string, any]) => typeof body.user_data === "string" && body.user_data.startsWith("#cloud-config"),
    )
    .map(([id, body]: [string, any]) => [`${name}/${id}`, body.user_data as string] as const),
);
const releases = docs.flatMap(({ name, json }) =>
  new PolicyDocument(json).helmReleases().map((r) => [`${name}/${r.name}`, r] as const),
);

describe("the policy pack reads back what the constructs rendered, for every example", () => {
  test("the examples carry cloud-configs, TLJH configs and Helm releases to check", () => {
    expect(userData.length).toBeGreaterThanOrEqual(8);
    expect(releases.length).toBeGreaterThanOrEqual(3);
  });

  test.each(userData)("%s: the cloud-config re-renders to the same text", (_, text) => {
    const read = parseYaml(text, YamlVersion.V1_1) as any;
    expect(toCloudConfig(read)).toBe(text);
    const tljh = writtenFile(read, TLJH_CONFIG_PATH);
    if (tljh !== undefined) expect(toYaml(parseYaml(tljh, YamlVersion.V1_2) as any, YamlVersion.V1_2)).toBe(tljh);
  });

  (hasTool("cloud-init") ? test.each(userData) : test.skip.each(userData))(
    "%s: PyYAML, cloud-init's reader, reads the same data as the pack (cloud-init)",
    (_, text) => {
      const script = "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))";
      const pyyaml = JSON.parse(execFileSync("python3", ["-c", script], { input: text, encoding: "utf8" }));
      expect(parseYaml(text, YamlVersion.V1_1)).toEqual(pyyaml);
    },
  );

  test.each(releases)("%s: the release's values are the rendered values", (_, release) => {
    const rendered = (release.body.values as string[]).map((t) => JSON.parse(t));
    expect(release.valuesReadable).toBe(true);
    expect(rendered).toHaveLength(1);
    expect(release.values).toEqual(rendered[0]);
  });
});
