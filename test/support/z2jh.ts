import Ajv, { ValidateFunction } from "ajv";
import { HelmValues, mergeHelmValues, NullHandling } from "../../lib/core/formats/helm-values";
import { loadSchema } from "./schemas";
import { bodies, StackJson } from "./synth";

/** The chart's values schema and default values.yaml at 4.4.0, or undefined when the oracles are missing. */
export interface Z2jhOracle {
  readonly validate: ValidateFunction;
  readonly defaults: HelmValues;
}

let cached: Z2jhOracle | null | undefined;

/** Loads and compiles the oracle once per test file; undefined outside CI when the schema files are missing. */
export function z2jhOracle(): Z2jhOracle | undefined {
  if (cached === undefined) {
    const schema = loadSchema("z2jh-values.schema.json");
    const defaults = loadSchema("z2jh-values.defaults.json");
    // The options the schemas README gives: the smallest set that compiles this schema without strict-mode noise.
    cached =
      schema && defaults
        ? {
            validate: new Ajv({ allowMatchingProperties: true, strictTypes: false, allErrors: true }).compile(schema),
            defaults,
          }
        : null;
  }
  return cached ?? undefined;
}

/**
 * What Helm would check: our values coalesced onto the chart's defaults (maps merge, lists replace, null deletes),
 * validated against the chart's schema. Returns the errors as `path: message` lines; empty when valid.
 */
export function z2jhViolations(oracle: Z2jhOracle, values: HelmValues): string[] {
  const coalesced = mergeHelmValues(oracle.defaults, values, NullHandling.DELETE);
  if (oracle.validate(coalesced)) return [];
  return (oracle.validate.errors ?? []).map(
    (e) => `${e.instancePath || "/"}: ${e.message} ${JSON.stringify(e.params)}`,
  );
}

/** The jupyterhub helm_release bodies of a synthesized stack. */
export function hubReleases(doc: StackJson): any[] {
  return bodies(doc, "helm_release").filter((r) => r.chart === "jupyterhub");
}

/** The parsed values of a jupyterhub helm_release (its one JSON values document). */
export function valuesOf(release: any): HelmValues {
  expect(release.values).toHaveLength(1);
  return JSON.parse(release.values[0]);
}
