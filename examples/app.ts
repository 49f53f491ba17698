// The main job: synthesizes every example stack into cdktf.out/ (no credentials, no network) and prints a short
// table with one line per stack: how it runs a hub, its VMs, their SU per hour and the hub's URL, then the policy
// findings per stack. Run with `npm run synth`, or `npx cdktf synth`, which runs this same file.
// Set JETSTREAM_STATE_BUCKET to keep the examples' state in the Jetstream2 object store (docs/state-backend.md).
// Synthesis fails on any error finding of the JetstreamChecks pack (docs/policy.md).
import { App } from "cdktf";
import { formatFindings, prepareExamples } from "./policy";
import { formatSummaries, shapeOf, summarizeStack } from "./summary";

const app = new App();
const { stacks, checks } = prepareExamples(app, { JETSTREAM_STATE_BUCKET: process.env.JETSTREAM_STATE_BUCKET });
app.synth();
console.log(formatSummaries(stacks.map((s) => summarizeStack(s.node.id, s.toTerraform(), shapeOf(s)))));
console.log(formatFindings(stacks, checks.findings));
