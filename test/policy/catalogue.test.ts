import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import { JetstreamChecks, PolicyRuleInfo } from "../../lib";

// docs/policy.md carries the rule catalogue between two markers, generated from the rules' own metadata.
// Regenerate after changing a rule: UPDATE_POLICY_DOCS=1 npx jest test/policy/catalogue.test.ts
const DOC = path.resolve(__dirname, "..", "..", "docs", "policy.md");
const START = "<!-- rules:start (generated from the rule metadata; see test/policy/catalogue.test.ts) -->";
const END = "<!-- rules:end -->";

function render(rules: PolicyRuleInfo[]): string {
  const table = [
    "| Id | Level | Hard | Compliant configuration |",
    "|---|---|---|---|",
    ...rules.map((r) => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.level} | ${r.hard ? "hard" : ""} | ${r.title} |`),
  ];
  const sections = rules.flatMap((r) => [`### ${r.id}`, "", `**${r.title}.** ${r.explanation}`, ""]);
  return [START, "", ...table, "", ...sections, END].join("\n");
}

/** Markdown with its tables' cells trimmed and their rules shortened, and trailing space gone. */
function unpadded(markdown: string): string {
  return markdown
    .split("\n")
    .map((line) =>
      line.startsWith("|")
        ? line
            .split("|")
            .map((cell) => (/^\s*-+\s*$/.test(cell) ? "---" : cell.trim()))
            .join("|")
        : line.trimEnd(),
    )
    .join("\n")
    .trim();
}

describe("the rule catalogue", () => {
  const rules = JetstreamChecks.rules();

  test("docs/policy.md lists every rule as the code defines it", () => {
    const text = fs.readFileSync(DOC, "utf8");
    const [before, rest] = text.split(START);
    expect(rest).toBeDefined();
    const [generated, after] = rest.split(END);
    if (process.env.UPDATE_POLICY_DOCS) {
      // Written as `npm run lint` wants it. (Prettier 3 cannot be loaded inside jest without experimental VM
      // modules, so it runs as its own process.)
      const formatted = execFileSync(
        process.execPath,
        [require.resolve("prettier/bin/prettier.cjs"), "--stdin-filepath", DOC],
        { input: `${before}${render(rules)}${after}`, encoding: "utf8" },
      );
      fs.writeFileSync(DOC, formatted);
      return;
    }
    // The formatter only pads the table; `npm run lint` holds the file to its layout. (Should a rule's text ever hold
    // markdown that prettier rewrites, such as emphasis or escapes, unpadded() must learn that rewrite too.)
    expect(unpadded(`${START}${generated}${END}`)).toBe(unpadded(render(rules)));
  });

  test("every rule lives in its own file, named after its id", () => {
    const dir = path.resolve(__dirname, "..", "..", "lib", "policy", "rules");
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts");
    const ids = files.map((f) => {
      const [area, nn] = f.split("-");
      return `JSH-${area.toUpperCase()}-${nn}`;
    });
    expect(ids.sort()).toEqual(rules.map((r) => r.id).sort());
  });

  test("every rule that checks something has a test that makes it fire", () => {
    const dir = path.resolve(__dirname, "rules");
    const tests = fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
      .join("\n");
    const all = tests + fs.readFileSync(path.resolve(__dirname, "jetstream-checks.test.ts"), "utf8");
    // A firing test expects the id as a finding: `"JSH-X-01[finding]"`, `toEqual(["JSH-X-01"`, or `["JSH-X-01"]`.
    const fires = (id: string) =>
      all.includes(`"${id}[`) || all.includes(`["${id}"]`) || new RegExp(`toEqual\\(\\[\\s*"${id}"`).test(all);
    expect(rules.map((r) => r.id).filter((id) => !fires(id))).toEqual([]);
  });
});
