// The main job: synthesizes every example stack into cdktf.out/ (no credentials, no network) and prints a
// table with one line per stack: how it runs a hub, its VMs, their SU per hour and the hub's URL.
// Run with `npm run synth`, or `npx cdktf synth`, which runs this same file.
import { App, TerraformStack } from "cdktf";
import { buildExamples } from "./examples";
import { formatSummaries, shapeOf, summarizeStack } from "./summary";

const app = new App();
const stacks: TerraformStack[] = buildExamples(app);
app.synth();
console.log(formatSummaries(stacks.map((s) => summarizeStack(s.node.id, s.toTerraform(), shapeOf(s)))));
