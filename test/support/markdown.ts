import * as fs from "fs";
import * as path from "path";

/** The cells of a markdown table, row by row, without the separator row. Prettier pads tables; this does not care. */
export function tableCells(markdownTable: string): string[][] {
  return markdownTable
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|[\s:|-]+\|$/.test(line))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

/** README.md and every guide under docs/, as absolute paths. */
export function markdownFiles(): string[] {
  const root = path.resolve(__dirname, "..", "..");
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      .filter((f) => f.endsWith(".md"));
  return [path.join(root, "README.md"), ...walk(path.join(root, "docs"))];
}
