import * as fs from "fs";
import * as path from "path";
import { markdownFiles } from "./support/markdown";

// The README and the guides link to each other and into sections; a renamed heading or a moved file would leave a
// gateway developer at a dead end. Every relative link must reach a file that exists, and an anchor a heading.
const ROOT = path.resolve(__dirname, "..");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

function anchorsIn(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "");
  return new Set([...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1])));
}

/** Relative links of a markdown text that lead nowhere, as "target: why". */
function deadLinks(file: string, markdown: string, read: (f: string) => string | undefined): string[] {
  const dead: string[] = [];
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  for (const m of withoutCode.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1];
    if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
    const [filePart, anchor] = target.split("#");
    const targetFile = filePart === "" ? file : path.resolve(path.dirname(file), filePart);
    const text = read(targetFile);
    if (text === undefined) {
      dead.push(`${target}: no such file`);
    } else if (anchor !== undefined && targetFile.endsWith(".md") && !anchorsIn(text).has(anchor)) {
      dead.push(`${target}: no such heading`);
    }
  }
  return dead;
}

const readFile = (f: string): string | undefined => {
  if (!fs.existsSync(f)) return undefined;
  return fs.statSync(f).isDirectory() ? "" : fs.readFileSync(f, "utf8");
};

describe("links in the README and the guides", () => {
  test.each(markdownFiles().map((f) => [path.relative(ROOT, f), f]))("%s has no dead relative link", (_, file) => {
    expect(deadLinks(file, fs.readFileSync(file, "utf8"), readFile)).toEqual([]);
  });

  test("the checker finds a missing file and a missing heading, and follows GitHub's anchors", () => {
    const files: Record<string, string> = {
      "/d/a.md": "# Top\n## What survives what\n### 1. Write the app\n## From a `config.yaml`\n",
    };
    const read = (f: string) => files[f];
    const text =
      "[ok](a.md#what-survives-what) [ok](#1-write-the-app) [ok](a.md#from-a-configyaml) [web](https://x.org/#y) " +
      "[gone](b.md) [bad](a.md#what-survives) `[code](c.md)`";
    expect(deadLinks("/d/a.md", text, read)).toEqual(["b.md: no such file", "a.md#what-survives: no such heading"]);
  });
});
