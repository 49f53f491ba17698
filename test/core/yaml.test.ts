import * as fc from "fast-check";
import { load } from "js-yaml";
import * as yaml from "js-yaml";
import { YamlValue, toCloudConfig, toYaml } from "../../lib/core/yaml";

// Values of the kinds the emitter supports: JSON without fractional numbers, any Unicode text.
const yamlValue: fc.Arbitrary<YamlValue> = fc.letrec<{ value: YamlValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string({ unit: "binary" }),
    fc.constantFrom("yes", "No", "on", "OFF", "~", "null", "0600", "1:20", "- x", "a: b", "#c", " lead", "#!/bin/sh\n"),
    fc.string({ unit: fc.constantFrom("a", " ", "\n", "\t", "#", ":", "-", "|", '"', "'", "$") }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: "binary" }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

describe("toYaml", () => {
  test("reads back as the same data, whatever the strings hold", () => {
    fc.assert(
      fc.property(yamlValue, (value) => {
        expect(load(toYaml(value))).toEqual(value);
      }),
      { numRuns: 400 },
    );
  });

  test("quotes every string a YAML 1.1 reader would take for a boolean, null or number", () => {
    // GIVEN strings that PyYAML (cloud-init's parser) reads as other types when plain
    const text = toYaml({ a: "yes", b: "off", c: "0600", d: "1:20", e: "~", f: "Y" });
    // THEN none is plain
    expect(text).toBe('a: "yes"\nb: "off"\nc: "0600"\nd: "1:20"\ne: "~"\nf: "Y"\n');
  });

  test("writes multi-line text as a literal block and keys with dots quoted", () => {
    const text = toYaml({
      content: "#!/bin/sh\necho hi\n",
      idps: { "https://access-ci.org/idp": { username_derivation: { username_claim: "email" } } },
      runcmd: [["/usr/local/sbin/setup"], "plain words"],
    });
    expect(text).toBe(
      [
        "content: |",
        "  #!/bin/sh",
        "  echo hi",
        "idps:",
        '  "https://access-ci.org/idp":',
        "    username_derivation:",
        "      username_claim: email",
        "runcmd:",
        "  - - /usr/local/sbin/setup",
        "  - plain words",
        "",
      ].join("\n"),
    );
  });

  test("fails when given a fraction, which YAML 1.1 and 1.2 could read differently", () => {
    expect(() => toYaml({ cpu: 0.5 })).toThrow(/only whole numbers/);
  });
});

describe("toYaml with the values cloud-init documents carry", () => {
  test("round-trips values that would break hand-written YAML", () => {
    // GIVEN values with YAML syntax in them
    const value = {
      colon: "a: b",
      hash: "# not a comment",
      quotes: "say \"hi\" and 'bye'",
      bool: "yes",
      number: "0600",
      block: "line one\n  indented: two\n",
      noNewline: "a\nb",
      list: ["- x", ["sh", "-c", "echo $HOME"]],
      nested: { empty: [], deep: [{ k: "v", n: 1 }] },
      skipped: undefined,
    };
    // THEN parsing the text gives the same value back
    const { skipped, ...expected } = value;
    void skipped;
    expect(yaml.load(toYaml(value))).toEqual(expected);
  });

  test("quotes keys that are not plain, and refuses numbers it cannot write exactly", () => {
    expect(yaml.load(toYaml({ "a key": "x" }))).toEqual({ "a key": "x" });
    expect(() => toYaml({ n: Number.NaN })).toThrow(/only whole numbers/);
  });

  test("starts a cloud-config with the header cloud-init requires", () => {
    expect(toCloudConfig({ packages: ["x"] })).toMatch(/^#cloud-config\n/);
  });
});
