// The main job: synthesizes every example stack into cdktf.out/ (no credentials, no network) and prints a
// short summary per stack. Run with `npm run synth`, or `npx cdktf synth`, which runs this same file.
// Set JETSTREAM_STATE_BUCKET to keep the examples' state in the Jetstream2 object store (docs/state-backend.md).
// Synthesis fails on any error finding of the JetstreamChecks pack (docs/policy.md).
import { App } from "cdktf";
import { formatFindings, prepareExamples } from "./policy";
import { formatSummaries, summarizeStack } from "./summary";

const app = new App();
const { stacks, checks } = prepareExamples(app, { JETSTREAM_STATE_BUCKET: process.env.JETSTREAM_STATE_BUCKET });
app.synth();
console.log(formatSummaries(stacks.map((s) => summarizeStack(s.node.id, s.toTerraform()))));
console.log(formatFindings(stacks, checks.findings));
