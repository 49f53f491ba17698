// The one vocabulary of secrets, for the constructs that refuse to write them and the policy pack that looks for
// them: which keys name a secret, which values look like one (known credential formats, URLs with a password,
// long random-looking tokens), and which assignments in text (YAML, shell, INI, Python) give a secret key a
// literal value. Helm values, user data and outputs are all judged with it.
import { CHART_GENERATED_SECRETS, isMap } from "./helm-values";

// Key names whose value is a secret wherever they appear (client_secret, api_token, apiKey, access_token,
// db.password, AWS_SECRET_ACCESS_KEY, a TLS client_key, ...), and keys that merely name a Kubernetes secret.
const SECRET_KEY =
  /(secret|password|passwd|pwd|token|api_?key|apikey|access_?key|private_?key|client_?key|credentials?|auth_?key)$/i;
const SECRET_NAME_KEYS = /^(existingSecret|secretName|secretRef|.*SecretName|.*_secret_name|tokenUrl|token_url)$/i;
const SECRET_PATHS = new Set([...CHART_GENERATED_SECRETS, "proxy.https.manual.key"]);

/** Whether a key names a secret (`client_secret`, `apiKey`, `AWS_SECRET_ACCESS_KEY`), given its parent path. */
export function isSecretKey(key: string, path: string[] = []): boolean {
  if (SECRET_PATHS.has([...path, key].join("."))) return true;
  if (key === "keys" && path[path.length - 1] === "CryptKeeper") return true;
  return SECRET_KEY.test(key) && !SECRET_NAME_KEYS.test(key);
}

/** What `credentialFormat` calls a PEM private key. */
export const PEM_PRIVATE_KEY = "a PEM private key";

// Terraform references (`${...}`, not the escaped `$${`): resolved at apply time, so not literals in themselves.
const REFERENCE = /(?<!\$)\$\{[^{}]*\}/g;

// Known credential formats (prefixes documented by their issuers) and URLs that carry a password.
const SECRET_VALUES: [string, RegExp][] = [
  [PEM_PRIVATE_KEY, /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["an AWS access key id", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["a GitHub token", /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/],
  ["a GitLab token", /\bglpat-[A-Za-z0-9_-]{20,}\b/],
  ["a Slack token", /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/],
  ["a URL with a password", /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i],
];

// A secret-named key and its assignment operator: `key: ` (YAML, JSON, Python dicts), `KEY=` (shell, env files,
// `--password=` flags), `key = ` (INI, Python). What follows is read by `literalAfter`.
const KEY_OPERATOR = /(?<![\w$])(--)?(["']?)([A-Za-z_][\w-]*)\2\]?([ \t]*)(=(?!=)|:(?=[ \t]|$))([ \t]*)/gm;
// Values that are not secrets however they are spelt: nothing, a boolean, a short number (a port, a count), a
// path, an expansion, a template, a flow mapping, a placeholder.
const NOT_A_SECRET =
  /^(?:|null|~|none|true|false|yes|no|on|off|[-+]?[0-9]{1,5}(?:\.[0-9]+)?|[/$~].*|\{\{.*|\{.*:.*\}|<[^>]*>|\*+|\.\.\.)$/i;
// An unquoted value that is code, not a literal: a name, a dotted name, a call or a subscript (`secret`,
// `os.environ["X"]`, `read_secret()`), with no digit in the name.
const EXPRESSION = /^[A-Za-z_][A-Za-z_.]*(?:\s*[([].*)?$/;

// The literal an assignment gives, or undefined when it gives code. Quoted strings are literals everywhere. An
// unquoted value is a literal in YAML (`key: rest of line`, comments aside) and shell (`KEY=word`); after a quoted
// key (`"key": value`, JSON or a Python dict) or an attribute (`c.X.key = value`) it is code; after `key = ` (INI
// or Python, which text alone cannot tell apart) it is a literal unless it reads as an expression.
function literalAfter(rest: string, form: { quotedKey: boolean; attribute: boolean; yaml: boolean; shell: boolean }) {
  const quoted = /^(["'])(.*?)\1/.exec(rest);
  if (quoted) return quoted[2];
  const line = rest.replace(/[ \t]+#.*$/, "").trim();
  if (form.quotedKey || form.attribute) return undefined;
  if (form.yaml) return line;
  if (form.shell) return /^[^\s;&|`]*/.exec(line)![0];
  return EXPRESSION.test(line) ? undefined : line;
}

/**
 * The secret keys that `text` assigns a literal value to, in order of appearance (each once): `password: hunter2`,
 * `API_TOKEN=abc`, `PASSWORD=hunter2 psql`, `--password=abc`, `c.X.client_secret = "abc"`. Values that are empty,
 * booleans, short numbers, paths, `$` expansions (shell variables, Terraform references) or code (`os.environ[...]`,
 * a variable after an attribute or a quoted key) are not literals.
 */
export function secretAssignments(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.replace(REFERENCE, "$ref").matchAll(KEY_OPERATOR)) {
    const [whole, flag, quote, key, spaceBefore, operator, spaceAfter] = m;
    if (!isSecretKey(key)) continue;
    const at = m.index! + whole.length;
    // The value's first 256 characters decide whether it is a literal; reading no further keeps hostile input linear.
    const rest = m.input!.slice(at, at + 256).split("\n", 1)[0];
    const value = literalAfter(rest, {
      quotedKey: quote !== "",
      attribute: m.index! > 0 && m.input![m.index! - 1] === ".",
      yaml: operator === ":",
      shell: operator === "=" && (flag !== undefined || (spaceBefore === "" && spaceAfter === "")),
    });
    if (value !== undefined && !NOT_A_SECRET.test(value.trim())) found.add(key);
  }
  return [...found];
}

/**
 * The kind of credential `text` holds by its format alone (a PEM private key, an AWS access key id, a GitHub,
 * GitLab or Slack token, a URL with a password), or undefined. Terraform references (`${...}`) are not read.
 */
export function credentialFormat(text: string): string | undefined {
  const literal = text.replace(REFERENCE, "");
  for (const [kind, pattern] of SECRET_VALUES) if (pattern.test(literal)) return kind;
  return undefined;
}

/**
 * The kind of credential `text` holds in a form that is a secret wherever it appears, or undefined: a known
 * credential format (a PEM private key, an AWS access key id, a GitHub, GitLab or Slack token), a URL with a
 * password, or a secret key assigned a literal value (see `secretAssignments`). Unlike `secretLikeValue`, no
 * guess from randomness: user data and outputs carry public keys and certificates that look random.
 */
export function knownSecretFormat(text: string): string | undefined {
  const credential = credentialFormat(text);
  if (credential) return credential;
  const assigned = secretAssignments(text);
  return assigned.length > 0 ? `a secret assigned to ${assigned[0]}` : undefined;
}

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / text.length) * Math.log2(n / text.length);
  return h;
}

/**
 * What kind of secret a value looks like, or undefined: a known secret format (see `knownSecretFormat`), or
 * (for values under a key that names no secret) a long random-looking token (at least 32 characters of letters,
 * digits and `+/=_-` with more than 4.5 bits of entropy per character, i.e. not a word, a path or a hex digest of
 * a public thing such as an image). Terraform references (`${...}`) are not secrets in themselves.
 */
export function secretLikeValue(value: string): string | undefined {
  const known = knownSecretFormat(value);
  if (known) return known;
  const literal = value.replace(REFERENCE, "");
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
