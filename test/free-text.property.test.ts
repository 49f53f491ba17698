import { Testing } from "cdktf";
import fc from "fast-check";
import {
  ClusterKeyPair,
  ClusterNetwork,
  JetstreamCluster,
  JetstreamFlavor,
  JetstreamImage,
  KubernetesEngine,
  KubernetesOnJetstream,
  Protocol,
} from "../lib";
import { EXAMPLE_PUBLIC_KEY } from "../examples/settings";
import { escapeTerraformTemplate } from "../lib/core/terraform-text";
import { newStack } from "./support/synth";

// One rule for free text: whatever text a user puts into a prop that becomes a Terraform string, Terraform reads it
// as text. Each generated text carries a marker (`${EVIL`, `%{EVIL`, or a cdktf token marker cdktf never issued);
// after synthesis every marker must appear escaped (`$${`, `%%{`), and every other unescaped `${` must be a
// reference that cdktf rendered from a real token. Template syntax: Terraform language, "String Templates"
// (https://developer.hashicorp.com/terraform/language/expressions/strings#string-templates).

// A fixed seed keeps CI deterministic; set FC_SEED to explore other inputs locally.
const SEED = Number(process.env.FC_SEED ?? 20261206);

const marker = fc.constantFrom("${EVIL}", '${file("~/.ssh/id_rsa")}', "%{EVIL if true}", "${TfToken[TOKEN.4242]}");
const freeText = fc
  .tuple(fc.string({ maxLength: 6 }), marker, fc.string({ maxLength: 6 }))
  .map(([a, m, b]) => `${a}${m}${b}`.replace(/\n/g, " "));

// What cdktf writes for a real token: a reference or a function call (cdktf 0.21.0, tokens/private/resolve.js).
// `${"$"}` is the escaper's own spelling of a `$` before text that looks like a token (lib/core/terraform-text.ts).
const RENDERED_REFERENCE =
  /^\$\{(?:\\"\$\\"\}|var\.|data\.|local\.|openstack_|random_|tls_|helm_|kubernetes_|[a-z0-9_]+\()/;

/** Every unescaped `${` or `%{` in the synthesized document, with some text after it. */
export function unescapedTemplates(json: string): string[] {
  const found: string[] = [];
  for (const m of json.matchAll(/(\$+|%+)\{/g)) {
    const run = m[1];
    // HCL scans templates by longest match at each position: in `$$${` the first `$` is literal and `$${` is the
    // escape, so only a lone `$` (or `%`) before `{` opens a template (hashicorp/hcl, hclsyntax/scan_tokens.rl).
    if (run.length > 1) continue;
    const rest = json.slice(m.index! + run.length - 1, m.index! + run.length + 40);
    if (run[0] === "$" && RENDERED_REFERENCE.test(rest)) continue;
    found.push(rest);
  }
  return found;
}

describe("free text in Terraform strings, generated", () => {
  test("every marker put into a free-text prop is escaped; nothing else opens a template", () => {
    fc.assert(
      fc.property(
        fc.record({
          userData: freeText,
          volumeType: freeText,
          volumeDescription: freeText,
          ruleDescription: freeText,
          imageName: freeText,
          networkName: freeText,
          keyName: freeText,
          label: freeText,
        }),
        (t) => {
          const stack = newStack();
          const cluster = new JetstreamCluster(stack, "Lab", {
            name: "lab",
            adminCidrs: ["198.51.100.0/24"],
            network: ClusterNetwork.fromName(t.networkName),
            keyPair: ClusterKeyPair.fromName(t.keyName),
            nodeGroups: [
              {
                name: "web",
                flavor: JetstreamFlavor.M3_SMALL,
                image: JetstreamImage.fromName(t.imageName),
                userData: t.userData,
                volumes: [{ name: "data", sizeGiB: 10, volumeType: t.volumeType, description: t.volumeDescription }],
                ingressRules: [
                  { description: t.ruleDescription, protocol: Protocol.TCP, fromPort: 8080, cidrs: ["10.0.0.0/8"] },
                ],
              },
            ],
          });
          new KubernetesOnJetstream(stack, "K8s", {
            apiAllowedCidrs: ["198.51.100.0/24"],
            keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
            engine: KubernetesEngine.magnum({ labels: { note: t.label } }),
          });
          const json = Testing.synth(stack, true);
          expect(unescapedTemplates(json)).toEqual([]);
          // The escaped text is still there for Terraform to turn back into the user's text.
          expect(json).toContain(JSON.stringify(escapeTerraformTemplate(t.ruleDescription)).slice(1, -1));
          void cluster;
        },
      ),
      { numRuns: 25, seed: SEED },
    );
  });

  test("the scan finds what it is for", () => {
    expect(unescapedTemplates(JSON.stringify({ a: "x ${EVIL} $${ok} $$${ok} %{x} %%{ok} %%%{ok}" }))).toEqual([
      "${EVIL} $${ok} $$${ok} %{x} %%{ok} %%%{ok",
      '%{x} %%{ok} %%%{ok}"}',
    ]);
    expect(unescapedTemplates(JSON.stringify({ a: "${openstack_compute_instance_v2.x.id}" }))).toEqual([]);
  });
});
