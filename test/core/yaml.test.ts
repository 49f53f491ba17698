import { execFileSync } from "child_process";
import * as fc from "fast-check";
import { YamlValue, YamlVersion, parseYaml, toCloudConfig, toYaml } from "../../lib/core/formats/yaml";
import { testWithTool } from "../support/tools";

// Values of the kinds the documents carry: JSON data, any Unicode text, the words YAML 1.1 reads as other types.
const yamlValue: fc.Arbitrary<YamlValue> = fc.letrec<{ value: YamlValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string({ unit: "binary" }),
    fc.constantFrom(
      "yes",
      "No",
      "on",
      "OFF",
      "y",
      "~",
      "null",
      "0600",
      "1:20",
      "- x",
      "a: b",
      "#c",
      " lead",
      "#!/bin/sh\n",
    ),
    fc.string({ unit: fc.constantFrom("a", " ", "\n", "\t", "#", ":", "-", "|", '"', "'", "$", "&", "*") }),
    fc.integer(),
    fc.integer({ min: -4000, max: 4000 }).map((n) => n / 4),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: "binary" }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

// cloud-init reads user data with PyYAML (cloudinit/util.py load_yaml: yaml.safe_load), the oracle for YAML 1.1.
function pyyaml(text: string): unknown {
  const script = "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))";
  return JSON.parse(execFileSync("python3", ["-c", script], { input: text, encoding: "utf8" }));
}

describe("toYaml / parseYaml (lib/core/formats/yaml.ts)", () => {
  test.each([YamlVersion.V1_1, YamlVersion.V1_2])("reads back as the same data in YAML %s (fixed seed)", (version) => {
    fc.assert(
      fc.property(yamlValue, (value) => {
        expect(parseYaml(toYaml(value, version), version)).toEqual(value);
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  test("quotes every string a YAML 1.1 reader would take for a boolean, null or number", () => {
    const text = toYaml({ a: "yes", b: "off", c: "0600", d: "1:20", e: "~", f: "ON" }, YamlVersion.V1_1);
    expect(text).toBe('a: "yes"\nb: "off"\nc: "0600"\nd: "1:20"\ne: "~"\nf: "ON"\n');
  });

  test("reads `yes` and `0600` as cloud-init does in 1.1, and as TLJH does in 1.2", () => {
    const text = "a: yes\nb: 0600\nc: y\nd: 1:20\n";
    expect(parseYaml(text, YamlVersion.V1_1)).toEqual({ a: true, b: 384, c: "y", d: 80 });
    expect(parseYaml(text, YamlVersion.V1_2)).toEqual({ a: "yes", b: 600, c: "y", d: "1:20" });
  });

  test("resolves anchors, aliases and merge keys, and keeps the last of a repeated key", () => {
    const text = "base: &b {type: dummy}\nauth:\n  <<: *b\n  x: 1\nk: 1\nk: 2\n";
    expect(parseYaml(text, YamlVersion.V1_1)).toEqual({
      base: { type: "dummy" },
      auth: { type: "dummy", x: 1 },
      k: 2,
    });
  });

  test("writes multi-line text as a literal block", () => {
    expect(toYaml({ content: "#!/bin/sh\necho hi\n", runcmd: [["/x"], "plain words"] }, YamlVersion.V1_1)).toBe(
      "content: |\n  #!/bin/sh\n  echo hi\nruncmd:\n  - - /x\n  - plain words\n",
    );
  });

  test("starts a cloud-config with the header cloud-init requires", () => {
    expect(toCloudConfig({ packages: ["x"] })).toMatch(/^#cloud-config\npackages:\n/);
  });

  testWithTool(
    "cloud-init",
    "YAML 1.1 reading agrees with PyYAML, cloud-init's reader, on tricky scalars",
    async () => {
      const text = [
        "a: yes",
        "b: No",
        "c: on",
        "d: OFF",
        "e: y",
        "f: n",
        "g: 0600",
        "h: 0x1F",
        "i: 1:20",
        "j: ~",
        "k: null",
        "l: 1e3",
        "m: .5",
        "n: '0600'",
        "o: &x [1, 2]",
        "p: *x",
        "q: {<<: {r: 1}, s: 2}",
        "t: 2001:db8::/48",
        "u: 012345",
        "v: +12",
        "w: 1_000",
      ].join("\n");
      expect(parseYaml(text, YamlVersion.V1_1)).toEqual(pyyaml(text));
    },
  );

  testWithTool("cloud-init", "PyYAML reads what the 1.1 writer wrote as the same data (fixed seed)", async () => {
    const values = fc.sample(yamlValue, { numRuns: 40, seed: 14 });
    const text = toYaml({ values } as YamlValue, YamlVersion.V1_1);
    expect(pyyaml(text)).toEqual(JSON.parse(JSON.stringify({ values })));
  });
});
