import { YamlVersion, parseYaml } from "../../lib/core/formats/yaml";
import { exampleCloudConfigs } from "../support/example-documents";
import { pyyaml } from "../support/programs";

// The other half of round-trip.test.ts: cloud-init's own YAML reader (PyYAML, as cloud-init runs it) reads every
// example's cloud-config as the same data as the policy pack does.
test.each(exampleCloudConfigs())("%s: PyYAML, cloud-init's reader, reads the same data as the pack", (_, text) => {
  expect(parseYaml(text, YamlVersion.V1_1)).toEqual(pyyaml(text));
});
