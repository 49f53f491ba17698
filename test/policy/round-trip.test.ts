import { YamlVersion, parseYaml, toCloudConfig, toYaml } from "../../lib/core/formats/yaml";
import { TLJH_CONFIG_PATH, writtenFile } from "../../lib/policy/cloud-config";
import { exampleCloudConfigs, exampleDocuments, exampleHelmReleases } from "../support/example-documents";

// The law that keeps the writers (constructs) and the reader (the policy pack) on one model of the formats: for
// every example, what the pack reads back is exactly what the constructs rendered, and re-writing what was read
// gives the rendered text byte for byte. (round-trip.integration.test.ts: cloud-init's own YAML reader agrees.)
const docs = exampleDocuments();
const userData = exampleCloudConfigs(docs);
const releases = exampleHelmReleases(docs);

describe("the policy pack reads back what the constructs rendered, for every example", () => {
  test("the examples carry cloud-configs, TLJH configs and Helm releases to check", () => {
    expect(userData.length).toBeGreaterThanOrEqual(8);
    expect(releases.length).toBeGreaterThanOrEqual(3);
  });

  test.each(userData)("%s: the cloud-config re-renders to the same text", (_, text) => {
    const read = parseYaml(text, YamlVersion.V1_1) as any;
    expect(toCloudConfig(read)).toBe(text);
    const tljh = writtenFile(read, TLJH_CONFIG_PATH);
    if (tljh !== undefined) expect(toYaml(parseYaml(tljh, YamlVersion.V1_2) as any, YamlVersion.V1_2)).toBe(tljh);
  });

  test.each(releases)("%s: the release's values are the rendered values", (_, release) => {
    const rendered = (release.body.values as string[]).map((t) => JSON.parse(t));
    expect(release.valuesReadable).toBe(true);
    expect(rendered).toHaveLength(1);
    expect(release.values).toEqual(rendered[0]);
  });
});
