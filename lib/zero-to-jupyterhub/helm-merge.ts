// Helm's rules for layering values, in one place: the construct uses them to put `extraValues` over the typed
// values, and the tests use them to coalesce our values onto the chart's defaults before schema validation.

/** A values tree: what a values.yaml holds. */
export type HelmValues = { [key: string]: any };

/** How `mergeHelmValues` treats a `null` in the overlay. */
export enum NullHandling {
  /**
   * Keep the `null` in the result. Right when both layers are user values that Helm will coalesce onto the chart
   * defaults later: the `null` must survive to delete the chart's default there.
   */
  KEEP = "keep",
  /** Delete the key, as Helm does when it coalesces user values onto the chart's defaults. */
  DELETE = "delete",
}

function isMap(value: unknown): value is HelmValues {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Layers `overlay` over `base` the way Helm does: maps merge key by key, recursively; lists and scalars in the
 * overlay replace what the base had; a `null` either stays (to delete a chart default later) or deletes the key.
 * Pure: neither input is modified.
 */
export function mergeHelmValues(base: HelmValues, overlay: HelmValues, nulls: NullHandling): HelmValues {
  const out: HelmValues = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) {
      if (nulls === NullHandling.DELETE) delete out[key];
      else out[key] = null;
    } else if (isMap(value) && isMap(out[key])) {
      out[key] = mergeHelmValues(out[key], value, nulls);
    } else if (isMap(value)) {
      // Nothing to merge into: still apply the null rule inside the new subtree.
      out[key] = nulls === NullHandling.DELETE ? mergeHelmValues({}, value, nulls) : structuredClone(value);
    } else {
      out[key] = Array.isArray(value) ? structuredClone(value) : value;
    }
  }
  return out;
}
