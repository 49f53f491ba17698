import * as fs from "fs";
import * as path from "path";
import { PACKAGE, generatedTypeNames, undocumentedSymbols } from "./support/api-docs";

// API.md is generated from the JSDoc by `npm run docgen` (jsii-docgen) and committed; CI regenerates it and fails
// on any difference. This test reads the committed file, so it needs no jsii build and fails when one of our
// public symbols has no JSDoc. The generated OpenStack bindings are documented by the provider's own docs.
const ROOT = path.resolve(__dirname, "..");
const API_MD = path.join(ROOT, "API.md");

describe("API.md", () => {
  const generated = generatedTypeNames(path.join(ROOT, "lib", "imports"));

  test("exists: run npm run docgen and commit it", () => {
    expect(fs.existsSync(API_MD)).toBe(true);
  });

  test("documents every public symbol of ours", () => {
    expect(undocumentedSymbols(fs.readFileSync(API_MD, "utf8"), generated)).toEqual([]);
  });

  test("documents the root of the package only, not the OpenStack bindings namespace", () => {
    const text = fs.readFileSync(API_MD, "utf8");
    expect(text).toMatch(new RegExp(`id="${PACKAGE}\\.SingleServerHub"`));
    expect(text).not.toMatch(new RegExp(`id="${PACKAGE}\\.openstack\\.`));
  });

  test("treats the generated bindings as someone else's docs", () => {
    expect(generated.has("OpenstackProvider")).toBe(true);
    expect(generated.has("ComputeInstanceV2")).toBe(true);
    expect(generated.has("SingleServerHub")).toBe(false);
  });

  test("the checker reports a member, a parameter and a type without JSDoc, and nothing else", () => {
    // GIVEN jsii-docgen's markdown for a documented type, an undocumented type, and a generated type
    const md = [
      `### Good <a name="Good" id="${PACKAGE}.Good"></a>`,
      "",
      "- *Implements:* IThing",
      "",
      "A documented type.",
      "",
      '#### Initializers <a name="Initializers" id="x"></a>',
      `| <code><a href="#${PACKAGE}.Good.Initializer.parameter.scope">scope</a></code> | <code>Construct</code> | *No description.* |`,
      `| <code><a href="#${PACKAGE}.Good.property.size">size</a></code> | <code>number</code> | The size. |`,
      `| <code><a href="#constructs.Construct.property.node">node</a></code> | <code>Node</code> | *No description.* |`,
      `### Bare <a name="Bare" id="${PACKAGE}.Bare"></a>`,
      "",
      "- *Implements:* IThing",
      "",
      '#### Properties <a name="Properties" id="Properties"></a>',
      `| <code><a href="#${PACKAGE}.Bare.property.name">name</a></code> | <code>string</code> | *No description.* |`,
      `### Made <a name="Made" id="${PACKAGE}.Made"></a>`,
      `| <code><a href="#${PACKAGE}.Made.property.alias">alias</a></code> | <code>string</code> | *No description.* |`,
    ].join("\n");
    // THEN only our own undocumented symbols are reported
    expect(undocumentedSymbols(md, new Set(["Made"]))).toEqual([
      `${PACKAGE}.Good.Initializer.parameter.scope: no description`,
      `${PACKAGE}.Bare.property.name: no description`,
      `${PACKAGE}.Bare: the type has no description`,
    ]);
  });
});
