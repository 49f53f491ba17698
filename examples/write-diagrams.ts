// Writes docs/examples/: a Mermaid picture of each example stack, drawn from its synthesized JSON. Run with
// `npm run diagrams` after changing an example or a construct; the test suite fails while a picture is stale.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { DIAGRAM_DIR, renderDiagramFiles } from "./diagram";
import { buildExamples } from "./examples";

// Synthesized into a scratch folder: the app must synthesize to resolve cross-stack references, and the main
// job's cdktf.out/ is left as it was.
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "diagrams-"));
try {
  const app = new App({ outdir });
  const stacks = buildExamples(app);
  app.synth();
  const files = renderDiagramFiles(stacks.map((s) => ({ stack: s.node.id, doc: s.toTerraform() })));

  const dir = path.resolve(__dirname, "..", "..", DIAGRAM_DIR); // from build/examples/ to the checkout
  fs.mkdirSync(dir, { recursive: true });
  for (const stale of fs.readdirSync(dir).filter((f) => f.endsWith(".md") && !(f in files))) {
    fs.rmSync(path.join(dir, stale));
    console.log(`removed ${DIAGRAM_DIR}/${stale}`);
  }
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) continue;
    fs.writeFileSync(file, text);
    console.log(`wrote ${DIAGRAM_DIR}/${name}`);
  }
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
