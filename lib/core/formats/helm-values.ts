// Helm's vocabulary, in one place for the constructs that write values and the policy pack that reads them back:
// how values layers coalesce, the `--set` key syntax (which `set` and `set_sensitive` blocks use), the secrets the
// chart generates itself, and which chart a release installs. Which keys and values are secrets: ./secrets.ts.

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

/** Whether a value is a map (not a list, not null). */
export function isMap(value: unknown): value is HelmValues {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Layers `overlay` over `base` the way Helm does (pkg/chartutil/coalesce.go): maps merge key by key, recursively;
 * lists and scalars in the overlay replace what the base had; a `null` either stays (to delete a chart default
 * later) or deletes the key. Pure: neither input is modified.
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

// --set syntax (helm pkg/strvals/parser.go): `.` separates keys, `[n]` indexes a list, `,` separates assignments
// and `=` ends a key; a backslash makes the next character literal.
const SET_SYNTAX = /([\\.,=[\]])/g;

/**
 * A Helm `--set` name from path segments, escaping what the provider's parser would read as structure.
 */
export function helmSetName(path: string[]): string {
  return path.map((segment) => segment.replace(SET_SYNTAX, "\\$1")).join(".");
}

/** One assignment that a `set` or `set_sensitive` block makes. */
export interface SetAssignment {
  /** Key path; a number is a list index. */
  readonly path: (string | number)[];
  /** The value, typed as Helm types it. */
  readonly value: unknown;
  /** Whether this assignment carries the block's own `value` (false for one smuggled in through the name). */
  readonly fromValue: boolean;
}

/**
 * What a `set`/`set_sensitive` block assigns. The Helm provider hands `<name>=<value>` to Helm's strvals parser
 * (terraform-provider-helm resource_release.go `getValue`), so an unescaped `,` or `=` in the name makes more
 * than one assignment: `a=x,b` with value `y` sets `a` to `x` and `b` to `y`. `type: string` keeps the block's
 * value as text; everything else gets Helm's typing (true, false, null, integers).
 */
export function parseSet(name: string, value: unknown, type?: string): SetAssignment[] {
  const out: SetAssignment[] = [];
  let path: (string | number)[] = [];
  let key = "";
  let inValue = false;
  let text = "";
  const flushKey = () => {
    if (key !== "") path.push(key);
    key = "";
  };
  const assign = (v: unknown, fromValue: boolean) => {
    if (path.length > 0) out.push({ path, value: v, fromValue });
    path = [];
    key = "";
    text = "";
    inValue = false;
  };
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === "\\" && i + 1 < name.length) {
      if (inValue) text += name[++i];
      else key += name[++i];
      continue;
    }
    if (inValue) {
      if (ch === ",") assign(typed(text, undefined), false);
      else text += ch;
      continue;
    }
    if (ch === ".") flushKey();
    else if (ch === "[") {
      flushKey();
      const close = name.indexOf("]", i);
      const index = Number(name.slice(i + 1, close));
      if (close < 0 || !Number.isInteger(index) || index < 0) throw new Error(`bad list index in --set name ${name}`);
      path.push(index);
      i = close;
    } else if (ch === "=") {
      flushKey();
      inValue = true;
    } else if (ch === ",") {
      // Helm: "key has no value (cannot end with ,)"; the key is set to "" before the error.
      flushKey();
      assign("", false);
    } else key += ch;
  }
  if (inValue) {
    // `name` held `k=v`: the block's value is appended to that text, as the provider's string concatenation does.
    assign(typed(`${text}=${String(value)}`, type), false);
    return out;
  }
  flushKey();
  assign(typed(value, type), true);
  return out;
}

function typed(value: unknown, type: string | undefined): unknown {
  if (typeof value !== "string" || type === "string") return value;
  if (value === "true" || value === "false") return value === "true";
  if (value === "null") return null;
  if (/^-?[0-9]+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  return value;
}

/** Whether a `set`/`set_sensitive` name holds more than one assignment (an unescaped `,` or `=`). */
export function setNameInjects(name: string): boolean {
  return /(^|[^\\])(\\\\)*[,=]/.test(name);
}

/** Applies a `set` block to values (see `parseSet`). Returns new values. */
export function applySet(values: HelmValues, name: string, value: unknown, type?: string): HelmValues {
  return applyAssignments(values, parseSet(name, value, type));
}

/** Applies assignments (see `parseSet`) to values, in order. Returns new values. */
export function applyAssignments(values: HelmValues, assignments: SetAssignment[]): HelmValues {
  const root: HelmValues = structuredClone(values);
  for (const a of assignments) {
    let node: any = root;
    a.path.forEach((part, i) => {
      const last = i === a.path.length - 1;
      if (last) node[part] = a.value;
      else {
        const next = a.path[i + 1];
        const want = typeof next === "number" ? Array.isArray(node[part]) : isMap(node[part]);
        if (!want) node[part] = typeof next === "number" ? [] : {};
        node = node[part];
      }
    });
  }
  return root;
}

/** Secrets the z2jh chart generates and keeps across upgrades itself: never set them. */
export const CHART_GENERATED_SECRETS = ["hub.cookieSecret", "proxy.secretToken", "hub.config.CryptKeeper.keys"];

/** The z2jh chart's name in its repository (https://hub.jupyter.org/helm-chart/). */
export const Z2JH_CHART = "jupyterhub";

/**
 * The chart a `helm_release.chart` names: the last path segment of a name, a repository path, a URL or a
 * directory (trailing slashes ignored), without a `-<version>` suffix or `.tgz`.
 */
export function chartName(chart: string): string {
  const last =
    chart
      .replace(/[?#].*$/, "")
      .split("/")
      .filter((s) => s !== "")
      .pop() ?? "";
  return last.replace(/\.tgz$/, "").replace(/-v?\d[\w.+-]*$/, "");
}
