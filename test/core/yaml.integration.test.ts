import * as fc from "fast-check";
import { YamlValue, YamlVersion, parseYaml, toYaml } from "../../lib/core/formats/yaml";
import { pyyaml } from "../support/programs";
import { yamlValue } from "../support/yaml-values";

// The YAML 1.1 writer and reader (lib/core/formats/yaml.ts) against PyYAML as cloud-init runs it on a VM.
describe("toYaml / parseYaml against PyYAML", () => {
  test("YAML 1.1 reading agrees with PyYAML, cloud-init's reader, on tricky scalars", () => {
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
  });

  test("PyYAML reads what the 1.1 writer wrote as the same data (fixed seed)", () => {
    const values = fc.sample(yamlValue, { numRuns: 40, seed: 14 });
    const text = toYaml({ values } as YamlValue, YamlVersion.V1_1);
    expect(pyyaml(text)).toEqual(JSON.parse(JSON.stringify({ values })));
  });
});
