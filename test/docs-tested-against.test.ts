import * as fs from "fs";
import * as path from "path";
import { tableCells } from "./support/markdown";

// docs/tested-against.md names the test behind each claim; a renamed or deleted test must not leave the claim
// standing.
const ROOT = path.resolve(__dirname, "..");
const DOC = fs.readFileSync(path.join(ROOT, "docs", "tested-against.md"), "utf8");

describe("docs/tested-against.md", () => {
  const rows = tableCells(DOC).slice(1);

  test("lists the upstream components, each with a version, a check and a test", () => {
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      expect(row).toHaveLength(4);
      for (const cell of row) expect(cell).not.toBe("");
    }
  });

  test("every test it names exists", () => {
    const named = rows.flatMap((row) => [...row[3].matchAll(/`(test\/[^`]+\.ts)`/g)].map((m) => m[1]));
    expect(named.length).toBeGreaterThanOrEqual(rows.length);
    expect(named.filter((file) => !fs.existsSync(path.join(ROOT, file)))).toEqual([]);
  });
});
