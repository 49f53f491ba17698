// The library's one home for YAML, on the `yaml` package (bundled through jsii's bundleDependencies). Each document
// is written and read with the YAML version of the program that consumes it:
// - cloud-config, and the k3s config it carries, are read by YAML 1.1 readers (cloud-init uses PyYAML), where
//   `yes`, `on`, `0600` or `1:20` in a plain scalar are a boolean, an octal number or a sexagesimal number;
// - TLJH's config.yaml is read with ruamel.yaml's round-trip loader, YAML 1.2 (the-littlest-jupyterhub tljh/yaml.py,
//   "ensures the same yaml settings for reading/writing throughout tljh").
// Writing quotes whatever the consumer would take for something other than a string, and multi-line text becomes
// a literal block, readable in /var/lib/cloud/instance/user-data.txt.
import { Document, Scalar, parse, visit, type ScalarTag, type Tags } from "yaml";

/** A value the writer takes: JSON data. Mapping entries whose value is undefined are left out. */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined };

/** Which YAML a consumer reads. */
export enum YamlVersion {
  /** YAML 1.1, as PyYAML (cloud-init) and go-yaml v2 (Helm, k3s) read it. */
  V1_1 = "1.1",
  /** YAML 1.2 (core schema), as ruamel.yaml (TLJH) reads it. */
  V1_2 = "1.2",
  /**
   * YAML 1.1 as Helm reads a values file (go-yaml through sigs.k8s.io/yaml): the 1.1 type repository as it is,
   * `y`/`n` booleans included, unlike PyYAML; merge keys.
   */
  HELM = "helm",
}

// PyYAML's boolean words (resolver.py Resolver.add_implicit_resolver 'tag:yaml.org,2002:bool'): unlike the YAML
// 1.1 type repository, PyYAML does not read `y`/`n` as booleans, and cloud-init reads what PyYAML reads.
const PYYAML_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PYYAML_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
// PyYAML's floats in exponent form need a dot and a signed exponent (`1.0e+3`); `1e3` is a string to it.
const PYYAML_FLOAT_EXP = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|[-+]?\.[0-9_]+)[eE][-+][0-9]+$/;

function pyyamlScalars(tags: Tags): Tags {
  return tags.map((tag) => {
    const scalar = tag as ScalarTag;
    if (typeof tag !== "object" || !scalar.test) return tag;
    if (scalar.tag === "tag:yaml.org,2002:bool") {
      return { ...scalar, test: scalar.test.test("true") ? PYYAML_TRUE : PYYAML_FALSE };
    }
    if (scalar.tag === "tag:yaml.org,2002:float" && scalar.format === "EXP")
      return { ...scalar, test: PYYAML_FLOAT_EXP };
    return tag;
  });
}

function options(version: YamlVersion) {
  if (version === YamlVersion.V1_1) return { version: "1.1" as const, customTags: pyyamlScalars };
  return version === YamlVersion.HELM ? { version: "1.1" as const } : { version: "1.2" as const };
}

/**
 * Renders `value` as a YAML document (block style) for a reader of `version`, ending with a newline.
 */
export function toYaml(value: YamlValue, version: YamlVersion): string {
  const doc = new Document(value, { ...options(version), aliasDuplicateObjects: false });
  // A literal block takes its indentation from its first line, so text starting with white space is quoted.
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === "string" && node.value.includes("\n") && /^\s/.test(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return doc.toString({ blockQuote: "literal", lineWidth: 0 });
}

/** Renders a cloud-config document: the `#cloud-config` header cloud-init requires, then the YAML 1.1 body. */
export function toCloudConfig(config: { [key: string]: YamlValue | undefined }): string {
  return `#cloud-config\n${toYaml(config, YamlVersion.V1_1)}`;
}

/**
 * Reads a YAML document as a reader of `version` does: anchors and aliases resolved, `<<` merge keys applied in
 * YAML 1.1, a repeated key keeping its last value (as PyYAML and ruamel do). Throws on text that is not YAML.
 */
export function parseYaml(text: string, version: YamlVersion): unknown {
  const key = `${version}\n${text}`;
  const known = READ.get(key);
  if (known !== undefined) return known;
  const value = deepFreeze(
    parse(text, { ...options(version), uniqueKeys: false, merge: version !== YamlVersion.V1_2 }) as unknown,
  );
  if (READ.size >= READ_LIMIT) READ.delete(READ.keys().next().value!);
  READ.set(key, value);
  return value;
}

// The policy pack reads the same user data from several rules and stacks; reading is the costly part of a check
// (the yaml package parses about 3 MB/s), so recent results are kept, frozen so no reader can change another's.
const READ = new Map<string, unknown>();
const READ_LIMIT = 64;

/** Freezes a JSON value and everything in it, so that readers sharing it cannot change it for each other. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
