import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import * as library from "../lib";
import { markdownFiles } from "./support/markdown";

// Every TypeScript block in README.md and docs/ type-checks against the library's sources, as aws-cdk's README
// snippets are compiled against a fixture (STYLE.md 20). A block that imports nothing is a fragment: it sees the
// library's and cdktf's exports, and the variables the guides assume (`app`, `stack`, `hubStack`, ...), declared in
// the fixture below. A block with imports stands on its own.
const ROOT = path.resolve(__dirname, "..");
const LIBRARY = "cdktf-jupyterhub-jetstream";

interface Snippet {
  readonly where: string; // docs/x.md:LINE
  readonly file: string; // the virtual file name
  readonly code: string;
  readonly prelude: number; // lines added in front
}

function snippets(): Snippet[] {
  const libraryExports = Object.keys(library).filter((n) => /^[A-Za-z_]\w*$/.test(n));
  const prelude =
    `import { ${libraryExports.join(", ")} } from "${LIBRARY}";\n` +
    `import { App, Fn, TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";\n` +
    `import { Construct } from "constructs";\n`;
  return markdownFiles().flatMap((md) => {
    const text = fs.readFileSync(md, "utf8");
    return [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m, i) => {
      const line = text.slice(0, m.index).split("\n").length + 1;
      const body = m[1];
      const standalone = /^import /m.test(body);
      const add = standalone ? "" : prelude;
      return {
        where: `${path.relative(ROOT, md)}:${line}`,
        file: path.join(ROOT, "build", "snippets", `${path.basename(md, ".md")}-${i}.ts`),
        code: `${add}${body}\nexport {};\n`,
        prelude: add.split("\n").length - 1,
      };
    });
  });
}

// What the guides' fragments assume already exists. Each is what the guide around it sets up in prose.
const FIXTURE = `
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  Authenticator, JetstreamCluster, KubernetesOnJetstream, SingleServerHub,
} from "${LIBRARY}";
declare global {
  const app: App;
  const stack: TerraformStack;
  const hubStack: TerraformStack;
  const authenticator: Authenticator;
  const cluster: KubernetesOnJetstream;
  const hub: SingleServerHub;
  const workshopCluster: JetstreamCluster;
  /** A security group rule the gateway stack opens for its public API. */
  const gatewayApiRule: Construct;
  /** An app's own stack classes, as the policy guide and the README write them. */
  class HubStack extends TerraformStack {
    constructor(scope: Construct, id: string);
  }
  class LabStack extends TerraformStack {
    constructor(scope: Construct, id: string);
  }
}
export {};
`;

function diagnostics(): string[] {
  const all = snippets();
  const fixtureFile = path.join(ROOT, "build", "snippets", "fixture.d.ts");
  const virtual = new Map<string, string>([[fixtureFile, FIXTURE], ...all.map((s) => [s.file, s.code] as const)]);
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ["node", "jest"],
    baseUrl: ROOT,
    paths: { [LIBRARY]: ["lib/index.ts"] },
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, ...rest) =>
    virtual.has(f) ? ts.createSourceFile(f, virtual.get(f)!, lang) : getSourceFile.call(host, f, lang, ...rest);
  const program = ts.createProgram([fixtureFile, ...all.map((s) => s.file)], options, host);
  const bySnippet = new Map(all.map((s) => [s.file, s]));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || virtual.has(d.file.fileName))
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      const s = d.file ? bySnippet.get(d.file.fileName) : undefined;
      if (!s || d.start === undefined) return `${d.file?.fileName ?? ""}: ${message}`;
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start);
      const [md, first] = s.where.split(":");
      return `${md}:${Number(first) + line - s.prelude}: ${message}`;
    });
}

describe("TypeScript in README.md and docs/", () => {
  test("there are snippets to check, and the fixture leaves standalone ones alone", () => {
    const all = snippets();
    expect(all.length).toBeGreaterThanOrEqual(19);
    expect(all.find((s) => s.where.startsWith("README.md") && s.prelude === 0)).toBeDefined();
  });

  test("every ts block type-checks against the library's sources", () => {
    expect(diagnostics()).toEqual([]);
  });
});
