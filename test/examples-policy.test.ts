import { Testing } from "cdktf";
import { prepareExamples } from "../examples/policy";

// The examples as `npm run synth` builds them: with state configured and the policy pack added.
function findingsFor(env: { JETSTREAM_STATE_BUCKET?: string }) {
  const app = Testing.app();
  const { stacks, checks } = prepareExamples(app, env);
  const docs = stacks.map((s) => ({ stack: s, doc: JSON.parse(Testing.synth(s, true)) }));
  return { stacks, docs, findings: checks.findings };
}

// Two tests read the examples with state in the object store, and building and synthesizing every example is most
// of this file's time: that build is made once. Both only read what it returns.
const IN_OBJECT_STORE = { JETSTREAM_STATE_BUCKET: "cis230085-examples" };
let inObjectStore: ReturnType<typeof findingsFor> | undefined;
const findingsOf = (env: { JETSTREAM_STATE_BUCKET?: string }) =>
  env === IN_OBJECT_STORE ? (inObjectStore ??= findingsFor(env)) : findingsFor(env);

// The documented, reasoned acknowledgements of each example, besides the state finding every stack has
// (local state: JSH-STATE-01; object-store state: JSH-STATE-03). Each one is explained where it is made.
const ACKNOWLEDGED: Record<string, string[]> = {
  "jetstream-cluster": [],
  // Engine demonstrations: their NFS home servers are not backed up (kubernetes-hub's is).
  "kubernetes-magnum": ["JSH-DATA-10"],
  // Terraform-made join tokens reach the control plane and the three workers through user data.
  "kubernetes-self-managed": ["JSH-DATA-10", "JSH-SEC-03", "JSH-SEC-03", "JSH-SEC-03", "JSH-SEC-03"],
  // The backup credentials reach the NFS home server through user data.
  "kubernetes-hub-cluster": ["JSH-SEC-03"],
  "kubernetes-hub": [],
  // The OAuth client secret reaches the hub VM through user data.
  "single-server-hub": ["JSH-SEC-03"],
  "gateway-companion": [],
  // One VM: the OAuth client secret reaches the hub VM through user data.
  "planned-hub-seminar": ["JSH-SEC-03"],
  "planned-hub-seminar-k8s": [],
  // The backup credentials reach the NFS home server through user data, and the pattern's Magnum cluster shares
  // the allocation's network, so the NFS port is open to its subnet.
  "planned-hub-course": ["JSH-NET-10", "JSH-SEC-03"],
  "planned-hub-course-k8s": [],
};
const withState = (stateRule: string) =>
  Object.fromEntries(Object.entries(ACKNOWLEDGED).map(([stack, ids]) => [stack, [...ids, stateRule].sort()]));

describe("the examples under the JetstreamChecks pack", () => {
  test.each([
    ["with local state", {}, withState("JSH-STATE-01")],
    ["with state in the object store", IN_OBJECT_STORE, withState("JSH-STATE-03")],
  ])("pass %s, with only these acknowledged findings", (_, env, acknowledged) => {
    const { stacks, findings } = findingsOf(env);
    expect(findings.filter((f) => f.acknowledgedReason === undefined)).toEqual([]);
    const byStack = Object.fromEntries(
      stacks.map((s) => [
        s.node.id,
        findings
          .filter((f) => f.constructPath.split("/")[0] === s.node.id && f.acknowledgedReason)
          .map((f) => f.ruleId)
          .sort(),
      ]),
    );
    expect(byStack).toEqual(acknowledged);
  });

  test("keep state in the object store, one key per stack, when JETSTREAM_STATE_BUCKET is set", () => {
    const { docs } = findingsOf(IN_OBJECT_STORE);
    for (const { stack, doc } of docs) {
      expect(doc.terraform.backend.s3).toMatchObject({
        bucket: "cis230085-examples",
        key: `${stack.node.id}/terraform.tfstate`,
      });
    }
  });
});
