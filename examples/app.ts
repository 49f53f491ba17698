// The main job: synthesizes every example stack into cdktf.out/ (no credentials, no network) and prints a
// short summary per stack. Run with `npm run synth`, or `npx cdktf synth`, which runs this same file.
import { App, TerraformStack } from "cdktf";
import { buildExamples } from "./examples";
import { formatSummaries, summarizeStack } from "./summary";

const app = new App();
const stacks: TerraformStack[] = buildExamples(app);
app.synth();
console.log(formatSummaries(stacks.map((s) => summarizeStack(s.node.id, s.toTerraform()))));
