// Small readers for values in a resolved Terraform JSON document: references, nested paths, quantities.

/** A parsed JSON object. */
export type Json = { [key: string]: any };

/** Whether a value is (or contains) a Terraform expression, i.e. is known only at plan time. */
export function isReference(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** Whether a value is a plain object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a dotted path (`proxy.https.enabled`), or undefined. Keys may not contain dots. */
export function at(value: unknown, path: string): any {
  let current: any = value;
  for (const key of path.split(".")) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A value as a list: arrays as they are, a single value as a one-item list, nothing as an empty list. */
export function asList(value: unknown): any[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Strings of a list, ignoring anything else. */
export function stringsOf(value: unknown): string[] {
  return asList(value).filter((v): v is string => typeof v === "string");
}

const UNITS: { [suffix: string]: number } = {
  "": 1,
  k: 1e3,
  K: 1024,
  M: 1024 ** 2,
  G: 1024 ** 3,
  T: 1024 ** 4,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/**
 * A memory amount in bytes: a number of bytes, or a number with a K/M/G/T suffix (JupyterHub's
 * ByteSpecification and systemd both count these in powers of 1024) or Ki/Mi/Gi/Ti. Undefined when unreadable.
 */
export function parseBytes(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([kKMGT]i?)?\s*$/.exec(value);
  if (!m) return undefined;
  const unit = UNITS[m[2] ?? ""];
  return unit === undefined ? undefined : Number(m[1]) * unit;
}

/** A CPU amount: a number, or a Kubernetes millicore string such as `500m`. */
export function parseCpu(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)(m?)\s*$/.exec(value);
  if (!m) return undefined;
  return m[2] ? Number(m[1]) / 1000 : Number(m[1]);
}
