import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { markdownFiles } from "./support/markdown";

const ROOT = path.resolve(__dirname, "..");

// What npm itself packs (docs-links.test.ts checks that every relative link reaches a file in the checkout).
describe("links in the README and the guides, in the package", () => {
  // The package ships README.md, API.md, LICENSE and docs/ (package.json "files"), so a link from them to anything
  // else (examples/, test/, lib/) would be dead for everyone who reads the installed package or its registry page.
  test("every relative link leads to a file the package ships", () => {
    const shipped = new Set(
      (
        JSON.parse(
          execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" }),
        )[0].files as { path: string }[]
      ).map((f) => f.path),
    );
    const outside = markdownFiles().flatMap((file) => {
      const withoutCode = fs
        .readFileSync(file, "utf8")
        .replace(/```[\s\S]*?```/g, "")
        .replace(/`[^`\n]*`/g, "");
      return [...withoutCode.matchAll(/\]\(([^)\s#]+)[^)\s]*\)/g)]
        .map((m) => m[1])
        .filter((t) => !/^[a-z]+:/i.test(t))
        .map((t) => path.relative(ROOT, path.resolve(path.dirname(file), t)))
        .filter((t) => !shipped.has(t))
        .map((t) => `${path.relative(ROOT, file)} -> ${t}`);
    });
    expect(outside).toEqual([]);
  });
});
