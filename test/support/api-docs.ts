import * as fs from "fs";
import * as path from "path";

/** The jsii package name: jsii-docgen prefixes every anchor in API.md with it. */
export const PACKAGE = "cdktf-jupyterhub-jetstream";

/**
 * Names of the types declared in generated code (lib/imports): the raw OpenStack bindings, documented by the
 * provider's own docs, whose JSDoc we never edit. Some are re-exported at the root (`OpenstackProvider`).
 */
export function generatedTypeNames(importsDir: string): Set<string> {
  const names = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        for (const m of fs
          .readFileSync(full, "utf8")
          .matchAll(/^export (?:declare )?(?:class|interface|enum) (\w+)/gm)) {
          names.add(m[1]);
        }
      }
    }
  };
  visit(importsDir);
  return names;
}

/**
 * Where API.md (jsii-docgen's markdown) lacks documentation for one of our own symbols:
 *
 * - a table row that reads "*No description.*" (a member, parameter or enum member without JSDoc);
 * - a type heading (`### Name`) followed by no prose before its first subsection (a type without JSDoc).
 *
 * Symbols of types in `ignored` (generated bindings) are skipped. Returns one line per finding, naming the
 * anchor, so a failure says what to document.
 */
export function undocumentedSymbols(apiMarkdown: string, ignored: Set<string>): string[] {
  const findings: string[] = [];
  const typeOf = (anchor: string) => anchor.slice(PACKAGE.length + 1).split(".")[0];
  const lines = apiMarkdown.split("\n");

  for (const line of lines) {
    if (!line.startsWith("|") || !line.includes("*No description.*")) continue;
    const anchor = /href="#([^"]+)"/.exec(line)?.[1];
    if (anchor === undefined || !anchor.startsWith(`${PACKAGE}.`)) continue; // a member of another package
    if (!ignored.has(typeOf(anchor))) findings.push(`${anchor}: no description`);
  }

  lines.forEach((line, i) => {
    const heading = new RegExp(`^### \\S+ <a name="[^"]*" id="(${PACKAGE.replace(/-/g, "\\-")}\\.[^"]+)"></a>$`).exec(
      line,
    );
    if (!heading || ignored.has(typeOf(heading[1]))) return;
    let prose = false;
    for (let j = i + 1; j < lines.length && !lines[j].startsWith("#"); j++) {
      const text = lines[j].trim();
      // jsii-docgen lists Implements/Extends as bullets before the type's own description.
      if (text !== "" && !text.startsWith("- *") && text !== "---") prose = true;
    }
    if (!prose) findings.push(`${heading[1]}: the type has no description`);
  });
  return findings;
}
