// The library's one YAML emitter, for the documents it writes: cloud-config user data (hub VM, NFS server, k3s
// nodes) and the files they carry, such as TLJH's config.yaml. Both are read by PyYAML-style YAML 1.1 readers, where `yes`, `on`, `0600` or `1:20` in a plain
// scalar mean something other than a string. So the rule is simple: a string is written plain only when no YAML
// reader could take it for anything else, multi-line text becomes a literal block (readable in
// /var/lib/cloud/instance/user-data.txt), and everything else is a double-quoted string with escapes.
// No runtime dependency: the library stays free of a YAML package.

/** A value the emitter can write: JSON data. Mapping entries whose value is undefined are left out. */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined };

/** Renders a cloud-config document: the `#cloud-config` header cloud-init requires, then the YAML body. */
export function toCloudConfig(config: { [key: string]: YamlValue | undefined }): string {
  return `#cloud-config\n${toYaml(config)}`;
}

// Words that YAML 1.1 reads as booleans or null when plain.
const SPECIAL_WORDS = /^(y|yes|n|no|true|false|on|off|null|~)$/i;
// Starts with a letter or '/', and holds no indicator characters (':', '#', quotes, brackets, ...).
const PLAIN_STRING = /^[A-Za-z/][A-Za-z0-9 ._/+@-]*$/;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// Text that can go into a literal block unchanged: printable ASCII, tabs and newlines.
const BLOCK_TEXT = /^[\x20-\x7e\t\n]*$/;

/**
 * Renders `value` as a YAML document (block style), ending with a newline.
 */
export function toYaml(value: YamlValue): string {
  return `${lines(value).join("\n")}\n`;
}

function lines(value: YamlValue): string[] {
  if (Array.isArray(value)) return value.length === 0 ? ["[]"] : sequence(value);
  if (isMapping(value)) return definedKeys(value).length === 0 ? ["{}"] : mapping(value);
  if (isBlock(value)) return literalBlock(value as string);
  return [scalar(value)];
}

function mapping(map: { [key: string]: YamlValue | undefined }): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const k = PLAIN_KEY.test(key) && !SPECIAL_WORDS.test(key) ? key : quote(key);
    if (isBlock(value)) {
      const [header, ...body] = literalBlock(value as string);
      out.push(`${k}: ${header}`, ...body);
    } else if (isNested(value)) {
      out.push(`${k}:`, ...lines(value).map(indent));
    } else {
      out.push(`${k}: ${lines(value)[0]}`);
    }
  }
  return out;
}

function sequence(items: YamlValue[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    const [first, ...rest] = lines(item);
    out.push(`- ${first}`, ...rest.map(indent));
  }
  return out;
}

// `|` keeps one final newline, `|-` none, `|+` all of them.
function literalBlock(text: string): string[] {
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  const chomp = !text.endsWith("\n") ? "-" : body.endsWith("\n") ? "+" : "";
  return [`|${chomp}`, ...body.split("\n").map((line) => (line === "" ? "" : `  ${line}`))];
}

function scalar(value: YamlValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`YAML emitter: only whole numbers are supported, got ${value}`);
    return String(value);
  }
  if (typeof value === "string") {
    return PLAIN_STRING.test(value) && !value.endsWith(" ") && !SPECIAL_WORDS.test(value) ? value : quote(value);
  }
  throw new Error(`YAML emitter: unsupported value of type ${typeof value}`);
}

/** A YAML double-quoted string; everything outside printable ASCII is escaped. */
function quote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (cp >= 0x20 && cp <= 0x7e) out += ch;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, "0")}`;
    else out += `\\U${cp.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

function isBlock(value: YamlValue): boolean {
  return (
    typeof value === "string" &&
    value.includes("\n") &&
    BLOCK_TEXT.test(value) &&
    // A literal block takes its indentation from the first line, which must therefore start with text.
    /^[^\s]/.test(value)
  );
}

function isNested(value: YamlValue): boolean {
  return (Array.isArray(value) && value.length > 0) || (isMapping(value) && definedKeys(value).length > 0);
}

function definedKeys(map: { [key: string]: YamlValue | undefined }): string[] {
  return Object.keys(map).filter((k) => map[k] !== undefined);
}

function isMapping(value: YamlValue): value is { [key: string]: YamlValue | undefined } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Empty lines stay empty: inside a literal block they are part of the text, not indentation.
function indent(line: string): string {
  return line === "" ? "" : `  ${line}`;
}
