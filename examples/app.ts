// The main job: synthesizes every example stack into cdktf.out/ (no credentials, no network) and prints a short
// table with one line per stack: how it runs a hub, its VMs, their SU per hour and the hub's URL, then the policy
// findings per stack. Run with `npm run synth`, or `npx cdktf synth`, which runs this same file.
// Set JETSTREAM_STATE_BUCKET to keep the examples' state in the Jetstream2 object store (docs/state-backend.md).
// Synthesis fails on any error finding of the JetstreamChecks pack (docs/policy.md), and on any protected resource
// that leaves the configuration without a declared decision: the DataLedger (docs/data-safety.md) keeps its record
// in jetstream-ledger.json beside cdktf.json, and with CI set it fails when that file would change.
import * as path from "path";
import { App } from "cdktf";
import { DataLedger } from "../lib";
import { formatFindings, prepareExamples } from "./policy";
import { formatSummaries, shapeOf, summarizeStack } from "./summary";

const app = new App();
const { stacks, checks } = prepareExamples(app, { JETSTREAM_STATE_BUCKET: process.env.JETSTREAM_STATE_BUCKET });
const ledger = DataLedger.applyTo(app);
try {
  app.synth();
} catch (e) {
  // The validation messages say what is wrong and how to fix it; a stack trace from inside cdktf adds nothing.
  console.error((e as Error).message);
  process.exit(1);
}
console.log(formatSummaries(stacks.map((s) => summarizeStack(s.node.id, s.toTerraform(), shapeOf(s)))));
console.log(formatFindings(stacks, checks.findings));
console.log(
  ledger.changes.length === 0
    ? `data ledger: ${path.relative(process.cwd(), ledger.path)} is up to date`
    : `data ledger: ${path.relative(process.cwd(), ledger.path)} updated:\n${ledger.changes.map((c) => `    ${c}`).join("\n")}`,
);
for (const notice of ledger.notices) console.log(notice);
