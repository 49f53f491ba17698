// The pinned chart's values schema, checked at synth on the coalesced values, as Helm checks them at install. A
// small draft-07 validator for exactly the keywords the chart's schema uses (type, properties, required,
// additionalProperties, patternProperties, enum, const, minimum, items, oneOf, if/then/else); the tests hold it to
// Ajv's verdicts on the same schema. Pure: no I/O (the data is imported with the module).
import { HelmValues } from "../core/formats/helm-values";
import { Z2JH_DEFAULTS_VERSION, z2jhEffectiveValues } from "../core/formats/upstream-defaults";
import CHART_SCHEMA from "../core/formats/z2jh-chart/jupyterhub-4.4.0.values.schema.json";

/** The chart version whose schema and defaults are bundled. */
export const SCHEMA_CHART_VERSION = Z2JH_DEFAULTS_VERSION;

type Schema = { [keyword: string]: any } | boolean;

/**
 * What the chart's values schema says about the coalesced `values`: one `path: problem` line per violation, empty
 * when Helm would accept them.
 */
export function chartSchemaViolations(values: HelmValues): string[] {
  return violations(CHART_SCHEMA as Schema, z2jhEffectiveValues(values), "");
}

/** Validates `value` against `schema`; exported for the tests, which compare it with Ajv. */
export function violations(schema: Schema, value: any, path: string): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path || "/"}: not allowed`];
  const out: string[] = [];
  const at = path || "/";
  if (schema.type !== undefined) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => hasType(value, t))) {
      return [`${at}: must be ${types.join(" or ")}, got ${JSON.stringify(value)}`];
    }
  }
  if (schema.enum !== undefined && !schema.enum.some((e: any) => same(e, value))) {
    out.push(`${at}: must be one of ${JSON.stringify(schema.enum)}, got ${JSON.stringify(value)}`);
  }
  if (schema.const !== undefined && !same(schema.const, value)) {
    out.push(`${at}: must be ${JSON.stringify(schema.const)}`);
  }
  if (schema.minimum !== undefined && typeof value === "number" && value < schema.minimum) {
    out.push(`${at}: must be at least ${schema.minimum}`);
  }
  if (isObject(value)) {
    for (const key of schema.required ?? []) {
      if (!(key in value)) out.push(`${at}: must have ${key}`);
    }
    const properties: { [key: string]: Schema } = schema.properties ?? {};
    const patterns = Object.entries((schema.patternProperties ?? {}) as { [re: string]: Schema });
    for (const [key, child] of Object.entries(value)) {
      const childPath = `${path}/${key}`;
      let matched = false;
      if (key in properties) {
        matched = true;
        out.push(...violations(properties[key], child, childPath));
      }
      for (const [re, sub] of patterns) {
        if (new RegExp(re, "u").test(key)) {
          matched = true;
          out.push(...violations(sub, child, childPath));
        }
      }
      if (!matched && schema.additionalProperties !== undefined) {
        if (schema.additionalProperties === false) out.push(`${childPath}: not a key the chart knows`);
        else out.push(...violations(schema.additionalProperties, child, childPath));
      }
    }
  }
  if (Array.isArray(value) && schema.items !== undefined && !Array.isArray(schema.items)) {
    value.forEach((item, i) => out.push(...violations(schema.items, item, `${path}/${i}`)));
  }
  if (schema.oneOf !== undefined) {
    const passing = (schema.oneOf as Schema[]).filter((s) => violations(s, value, path).length === 0).length;
    if (passing !== 1) out.push(`${at}: must match exactly one of ${schema.oneOf.length} shapes, matches ${passing}`);
  }
  if (schema.if !== undefined) {
    const branch = violations(schema.if, value, path).length === 0 ? schema.then : schema.else;
    if (branch !== undefined) out.push(...violations(branch, value, path));
  }
  return out;
}

function hasType(value: any, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "boolean":
      return typeof value === "boolean";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "string":
      return typeof value === "string";
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    default:
      return false;
  }
}

function isObject(value: any): value is { [key: string]: any } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function same(a: any, b: any): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
