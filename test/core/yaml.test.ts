import * as fc from "fast-check";
import { YamlVersion, parseYaml, toCloudConfig, toYaml } from "../../lib/core/formats/yaml";
import { yamlValue } from "../support/yaml-values";

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
});
