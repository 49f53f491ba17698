// Helm's vocabulary, in one place for the constructs that write values and the policy pack that reads them back:
// how values layers coalesce, the `--set` key syntax (which `set` and `set_sensitive` blocks use), which keys and
// values are secrets, and which chart a release installs.

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

// Key names whose value is a secret wherever they appear (client_secret, api_token, apiKey, access_token,
// db.password, AWS_SECRET_ACCESS_KEY, ...), and keys that merely name a Kubernetes secret.
const SECRET_KEY =
  /(secret|password|passwd|pwd|token|api_?key|apikey|access_?key|private_?key|credentials?|auth_?key)$/i;
const SECRET_NAME_KEYS = /^(existingSecret|secretName|secretRef|.*SecretName|.*_secret_name|tokenUrl|token_url)$/i;
const SECRET_PATHS = new Set([...CHART_GENERATED_SECRETS, "proxy.https.manual.key"]);

/** Whether a key names a secret (`client_secret`, `apiKey`, `AWS_SECRET_ACCESS_KEY`), given its parent path. */
export function isSecretKey(key: string, path: string[] = []): boolean {
  if (SECRET_PATHS.has([...path, key].join("."))) return true;
  if (key === "keys" && path[path.length - 1] === "CryptKeeper") return true;
  return SECRET_KEY.test(key) && !SECRET_NAME_KEYS.test(key);
}

// Known credential formats (prefixes documented by their issuers) and URLs that carry a password.
const SECRET_VALUES: [string, RegExp][] = [
  ["a PEM private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["an AWS access key id", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["a GitHub token", /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/],
  ["a GitLab token", /\bglpat-[A-Za-z0-9_-]{20,}\b/],
  ["a Slack token", /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/],
  ["a URL with a password", /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i],
  // Python or shell in a values string (hub.extraConfig, an env command): `c.X.client_secret = "..."`.
  [
    "a secret assigned in code",
    /\b\w*(secret|password|passwd|token|api_?key)\w*["']?\]?\s*[:=]\s*["'][^"'\s${}]{6,}["']/i,
  ],
];

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / text.length) * Math.log2(n / text.length);
  return h;
}

/**
 * What kind of secret a value looks like, or undefined: a known credential format, a URL with a password, or
 * (for values under a key that names no secret) a long random-looking token (at least 32 characters of letters,
 * digits and `+/=_-` with more than 4.5 bits of entropy per character, i.e. not a word, a path or a hex digest of
 * a public thing such as an image). Terraform references (`${...}`) are not secrets in themselves.
 */
export function secretLikeValue(value: string): string | undefined {
  const literal = value.replace(/(?<!\$)\$\{[^}]*\}/g, "");
  for (const [kind, pattern] of SECRET_VALUES) if (pattern.test(literal)) return kind;
  for (const word of literal.split(/[\s"',;:]+/)) {
    if (word.length >= 32 && /^[A-Za-z0-9+/=_-]+$/.test(word) && /[0-9]/.test(word) && /[A-Za-z]/.test(word)) {
      if (!/^(sha256-)?[0-9a-f]+$/i.test(word) && entropy(word) > 4.5) return "a high-entropy token";
    }
  }
  return undefined;
}

/**
 * The dotted paths in `values` that hold a secret in plain text, by key name or by value. These would be written
 * into the synthesized configuration and the Terraform state's `values`. Empty when there are none.
 */
export function plainSecretPaths(values: unknown, path: string[] = []): string[] {
  const found: string[] = [];
  const visit = (value: unknown, here: string[]) => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...here, String(i)]));
    else if (isMap(value)) {
      for (const [key, v] of Object.entries(value)) {
        if (v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) continue;
        const literal = typeof v === "string" ? !isReferenceOnly(v) : Array.isArray(v) && v.some((x) => !isMap(x));
        if (isSecretKey(key, here) && literal) found.push([...here, key].join("."));
        else visit(v, [...here, key]);
      }
    } else if (typeof value === "string" && secretLikeValue(value)) found.push(here.join("."));
  };
  visit(values, path);
  return found;
}

// A value that is only a Terraform reference is resolved at apply time; whether the reference is sensitive is
// the policy pack's concern (JSH-SEC-04), not this vocabulary's.
function isReferenceOnly(value: unknown): boolean {
  return typeof value === "string" && /^\$\{[^}]*\}$/.test(value);
}

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
