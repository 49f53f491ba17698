// The tutorial notebooks kept with the gateway-companion example, read from the checkout.
import * as fs from "fs";
import * as path from "path";

export const NOTEBOOKS = path.resolve(__dirname, "..", "..", "examples", "gateway-companion", "notebooks");
export const notebookFiles = fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb"));
export const notebooks = notebookFiles.sort().map((file) => ({
  file,
  nb: JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, file), "utf8")),
}));
export const codeOf = (nb: any): string[] =>
  nb.cells.filter((c: any) => c.cell_type === "code").map((c: any) => c.source.join(""));
