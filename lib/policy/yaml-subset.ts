// A reader for the subset of YAML that cloud-config and TLJH's config.yaml use in practice: block mappings and
// sequences, plain, quoted and block (| and >) scalars, and single-line or bracket-balanced flow collections.
// The library may not depend on a YAML package at run time, and the policy rules must read what cloud-init will
// actually receive. Anything outside the subset (anchors, aliases, tags, multi-line plain or quoted scalars,
// complex keys, several documents) is refused with YamlSubsetError rather than guessed at, so a rule can report
// that it could not decide. Scalars resolve with the YAML 1.2 core schema (what TLJH's ruamel.yaml uses).

/** Thrown for text outside the supported subset, or malformed. */
export class YamlSubsetError extends Error {
  public constructor(message: string, line?: number) {
    super(line === undefined ? message : `line ${line + 1}: ${message}`);
    this.name = "YamlSubsetError";
  }
}

interface Line {
  indent: number;
  text: string; // the line without its indentation
  raw: string;
}

/** Parses one YAML document of the supported subset. An empty document is null. */
export function parseYaml(source: string): unknown {
  const raws = source.split(/\r?\n/);
  // A final newline ends the last line; it does not start another (which keep-chomping would count).
  if (raws.length > 1 && raws[raws.length - 1] === "") raws.pop();
  const lines: Line[] = raws.map((raw) => {
    const indent = raw.length - raw.replace(/^ */, "").length;
    return { indent, text: raw.slice(indent), raw };
  });
  const reader = new Reader(lines);
  return reader.document();
}

class Reader {
  private pos = 0;

  public constructor(private readonly lines: Line[]) {}

  public document(): unknown {
    this.skipBlank();
    if (this.pos < this.lines.length && /^%/.test(this.lines[this.pos].text)) {
      throw new YamlSubsetError("directives are not supported", this.pos);
    }
    if (this.pos < this.lines.length && /^---(\s|$)/.test(this.lines[this.pos].raw)) {
      const rest = stripComment(this.lines[this.pos].raw.slice(3)).trim();
      if (rest !== "") throw new YamlSubsetError("content after --- is not supported", this.pos);
      this.pos++;
      this.skipBlank();
    }
    if (this.pos >= this.lines.length) return null;
    const value = this.node(this.lines[this.pos].indent, -1);
    this.skipBlank();
    if (this.pos < this.lines.length) {
      const line = this.lines[this.pos];
      if (/^(---|\.\.\.)(\s|$)/.test(line.raw))
        throw new YamlSubsetError("several documents are not supported", this.pos);
      throw new YamlSubsetError(`unexpected indentation or content: ${JSON.stringify(line.raw)}`, this.pos);
    }
    return value;
  }

  // Skips empty lines and comment-only lines.
  private skipBlank(): void {
    while (this.pos < this.lines.length) {
      const t = this.lines[this.pos].text;
      if (t.trim() === "" || t.startsWith("#")) {
        if (/^\t/.test(t) && t.trim() !== "")
          throw new YamlSubsetError("tabs are not allowed for indentation", this.pos);
        this.pos++;
      } else break;
    }
  }

  // The node starting at the current line, which is indented `indent`.
  private node(indent: number, parentIndent: number): unknown {
    const line = this.lines[this.pos];
    if (line.text.startsWith("\t")) throw new YamlSubsetError("tabs are not allowed for indentation", this.pos);
    if (isSequenceEntry(line.text)) return this.sequence(indent);
    if (findMappingColon(line.text) >= 0) return this.mapping(indent);
    const text = stripComment(line.text).trim();
    if (/^[|>]/.test(text)) {
      this.pos++;
      return this.blockScalar(text, parentIndent);
    }
    return this.inlineValue(text, indent);
  }

  private sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    for (;;) {
      this.skipBlank();
      if (this.pos >= this.lines.length) break;
      const line = this.lines[this.pos];
      if (line.text.startsWith("\t")) throw new YamlSubsetError("tabs are not allowed for indentation", this.pos);
      if (line.indent < indent) break;
      if (line.indent > indent) throw new YamlSubsetError("unexpected indentation in a sequence", this.pos);
      if (!isSequenceEntry(line.text)) break;
      const after = line.text.slice(1);
      const gap = after.length - after.replace(/^ +/, "").length;
      const content = after.slice(gap);
      if (stripComment(content).trim() === "") {
        this.pos++;
        items.push(this.nestedOrNull(indent, false));
      } else if (/^[|>]/.test(content)) {
        this.pos++;
        items.push(this.blockScalar(stripComment(content).trim(), indent));
      } else {
        // Re-read the rest of the line as a node at its own column: `- key: v` opens a mapping there, `- - x`
        // a sequence, `- x` is a scalar.
        const column = indent + 1 + gap;
        this.lines[this.pos] = { indent: column, text: content, raw: " ".repeat(column) + content };
        items.push(this.node(column, indent));
      }
    }
    return items;
  }

  private mapping(indent: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (;;) {
      this.skipBlank();
      if (this.pos >= this.lines.length) break;
      const line = this.lines[this.pos];
      if (line.text.startsWith("\t")) throw new YamlSubsetError("tabs are not allowed for indentation", this.pos);
      if (line.indent < indent) break;
      if (line.indent > indent) throw new YamlSubsetError("unexpected indentation in a mapping", this.pos);
      if (isSequenceEntry(line.text)) break;
      const colon = findMappingColon(line.text);
      if (colon < 0) throw new YamlSubsetError(`expected "key: value": ${JSON.stringify(line.text)}`, this.pos);
      const key = this.key(line.text.slice(0, colon).trim());
      if (Object.prototype.hasOwnProperty.call(result, key)) {
        throw new YamlSubsetError(`duplicate key ${JSON.stringify(key)}`, this.pos);
      }
      const rest = stripComment(line.text.slice(colon + 1)).trim();
      const lineNo = this.pos;
      this.pos++;
      let value: unknown;
      if (rest === "") {
        value = this.nestedOrNull(indent, true);
      } else if (/^[|>]/.test(rest)) {
        value = this.blockScalar(rest, indent);
      } else {
        this.pos = lineNo;
        value = this.inlineValue(rest, indent, line.text.slice(colon + 1));
      }
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return result;
  }

  // The value of a key or entry whose line ends after the indicator: a more-indented block, a sequence at the
  // same indentation (only for mapping values), or null.
  private nestedOrNull(indent: number, sameIndentSequence: boolean): unknown {
    this.skipBlank();
    if (this.pos >= this.lines.length) return null;
    const next = this.lines[this.pos];
    if (next.indent > indent) return this.node(next.indent, indent);
    if (sameIndentSequence && next.indent === indent && isSequenceEntry(next.text)) return this.sequence(indent);
    return null;
  }

  private key(text: string): string {
    if (text.startsWith('"') || text.startsWith("'")) {
      const [value, end] = readQuoted(text, 0, this.pos);
      if (text.slice(end).trim() !== "") throw new YamlSubsetError("text after a quoted key", this.pos);
      return value;
    }
    if (text === "") throw new YamlSubsetError("empty keys are not supported", this.pos);
    if (/^[?&*!|>%@`[{]/.test(text)) {
      throw new YamlSubsetError(`keys starting with ${JSON.stringify(text[0])} are not supported`, this.pos);
    }
    return text;
  }

  // A single-line value (scalar or flow collection) starting at the current line. Flow collections may continue
  // on the following lines until their brackets balance.
  private inlineValue(text: string, indent: number, rawRest?: string): unknown {
    const start = this.pos;
    let source = rawRest !== undefined ? rawRest.trim() : text;
    if (/^[&*!]/.test(source)) throw new YamlSubsetError("anchors, aliases and tags are not supported", start);
    if (source.startsWith("[") || source.startsWith("{")) {
      this.pos++;
      for (;;) {
        const parsed = tryFlow(source, start);
        if (parsed !== undefined) return parsed;
        if (this.pos >= this.lines.length) throw new YamlSubsetError("unterminated flow collection", start);
        source += " " + this.lines[this.pos].text.trim();
        this.pos++;
      }
    }
    this.pos++;
    let value: unknown;
    if (source.startsWith('"') || source.startsWith("'")) {
      const [s, end] = readQuoted(source, 0, start);
      if (stripComment(source.slice(end)).trim() !== "") throw new YamlSubsetError("text after a quoted scalar", start);
      value = s;
    } else {
      value = resolvePlain(stripComment(source).trim(), start);
    }
    // A following line indented deeper would continue a multi-line plain scalar: refuse rather than misread.
    const save = this.pos;
    this.skipBlank();
    if (this.pos < this.lines.length && this.lines[this.pos].indent > indent) {
      throw new YamlSubsetError("multi-line scalars are supported only as | or > blocks", this.pos);
    }
    this.pos = save;
    return value;
  }

  private blockScalar(header: string, parentIndent: number): string {
    const m = /^([|>])([-+]?)([1-9]?)([-+]?)$/.exec(header);
    if (!m || (m[2] && m[4])) throw new YamlSubsetError(`unsupported block scalar header ${header}`, this.pos - 1);
    const folded = m[1] === ">";
    const chomp = m[2] || m[4];
    // An explicit indentation indicator counts from the parent node's indentation (-1 at the top level).
    let contentIndent = m[3] ? parentIndent + Number(m[3]) : -1;
    const body: string[] = [];
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos];
      if (line.raw.trim() === "") {
        body.push(line.raw);
        this.pos++;
        continue;
      }
      if (contentIndent < 0) {
        if (line.indent <= parentIndent) break;
        contentIndent = line.indent;
      }
      if (line.indent < contentIndent) break;
      body.push(line.raw);
      this.pos++;
    }
    // Blank lines inside and after the text belong to it (chomping decides what stays).
    // A whitespace-only line is empty unless it has spaces beyond the content indentation (then they are content).
    const lines = contentIndent < 0 ? body.map(() => "") : body.map((raw) => raw.slice(contentIndent));
    return foldBlock(lines, folded, chomp);
  }
}

function foldBlock(lines: string[], folded: boolean, chomp: string): string {
  let result = "";
  let didReadContent = false;
  let emptyLines = 0;
  let atMoreIndented = false;
  for (const line of lines) {
    if (line === "") {
      emptyLines++;
      continue;
    }
    if (folded) {
      if (/^[ \t]/.test(line)) {
        atMoreIndented = true;
        result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
      } else if (atMoreIndented) {
        atMoreIndented = false;
        result += "\n".repeat(emptyLines + 1);
      } else if (emptyLines === 0) {
        if (didReadContent) result += " ";
      } else {
        result += "\n".repeat(emptyLines);
      }
    } else {
      result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
    }
    didReadContent = true;
    emptyLines = 0;
    result += line;
  }
  if (chomp === "+") result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
  else if (chomp === "" && didReadContent) result += "\n";
  return result;
}

function isSequenceEntry(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

// The index of the `:` that separates a block mapping key from its value, or -1. Quoted keys are skipped over;
// the colon must be followed by a space or the end of the line.
function findMappingColon(text: string): number {
  if (/^[[{]/.test(text)) return -1;
  let i = 0;
  if (text.startsWith('"') || text.startsWith("'")) {
    try {
      i = readQuoted(text, 0, 0)[1];
    } catch {
      return -1;
    }
  }
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === "#" && (i === 0 || text[i - 1] === " ")) return -1;
    if (c === ":" && (i + 1 === text.length || text[i + 1] === " ")) return i;
  }
  return -1;
}

// Removes a trailing comment (a # after whitespace) outside quotes.
function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (quote === '"' && c === "\\") i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
    } else if ((c === '"' || c === "'") && startsToken(text, i)) {
      quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      return text.slice(0, i);
    }
  }
  return text;
}

// Whether a quote at `i` opens a quoted scalar rather than sitting inside a plain one: it must follow the start
// of the text, a flow indicator, or a `:`, `-` or `?` indicator.
function startsToken(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /\s/.test(text[j])) j--;
  if (j < 0) return true;
  if ("[{,".includes(text[j])) return true;
  // A `:` right before the quote is an indicator only after a quoted (JSON-like) key.
  if (text[j] === ":") return j < i - 1 || (j > 0 && /["']/.test(text[j - 1]));
  return "-?".includes(text[j]) && j < i - 1 && (j === 0 || /\s/.test(text[j - 1]));
}

const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};

// Reads a quoted scalar that starts at `start`; returns the value and the index after the closing quote.
function readQuoted(text: string, start: number, line: number): [string, number] {
  const quote = text[start];
  let out = "";
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") {
        if (text[i + 1] === "'") {
          out += "'";
          i++;
        } else return [out, i + 1];
      } else out += c;
    } else if (c === "\\") {
      const e = text[i + 1];
      const hex = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
      if (hex > 0) {
        const digits = text.slice(i + 2, i + 2 + hex);
        if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) throw new YamlSubsetError("bad escape", line);
        out += String.fromCodePoint(parseInt(digits, 16));
        i += 1 + hex;
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
        i++;
      } else throw new YamlSubsetError(`unsupported escape \\${e ?? ""}`, line);
    } else if (c === '"') {
      return [out, i + 1];
    } else out += c;
  }
  throw new YamlSubsetError("quoted scalars must end on the same line", line);
}

// Resolves a plain scalar with the YAML 1.2 core schema.
function resolvePlain(text: string, line: number): unknown {
  if (/^[[\]{},#|>&*!%@`'"]/.test(text) || /^[-?:]( |$)/.test(text)) {
    throw new YamlSubsetError(`unsupported plain scalar ${JSON.stringify(text)}`, line);
  }
  if (/^(~|null|Null|NULL)?$/.test(text)) return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(text)) return NaN;
  return text;
}

// Parses a complete flow collection, or returns undefined when the brackets are not yet balanced.
function tryFlow(source: string, line: number): unknown {
  const text = stripComment(source).trim();
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (quote === '"' && c === "\\") i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
    } else if ((c === '"' || c === "'") && startsToken(text, i)) quote = c;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
  }
  if (depth > 0 || quote) return undefined;
  const parser = new FlowParser(text, line);
  const value = parser.value();
  parser.end();
  return value;
}

class FlowParser {
  private i = 0;

  public constructor(
    private readonly text: string,
    private readonly line: number,
  ) {}

  public end(): void {
    this.space();
    if (this.i !== this.text.length) throw new YamlSubsetError("text after a flow collection", this.line);
  }

  public value(): unknown {
    this.space();
    const c = this.text[this.i];
    if (c === "[") return this.list();
    if (c === "{") return this.map();
    if (c === '"' || c === "'") {
      const [s, end] = readQuoted(this.text, this.i, this.line);
      this.i = end;
      return s;
    }
    return resolvePlain(this.plain(), this.line);
  }

  private list(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    for (;;) {
      this.space();
      if (this.text[this.i] === "]") {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.space();
      if (this.text[this.i] === ",") this.i++;
      else if (this.text[this.i] !== "]") throw new YamlSubsetError("expected , or ] in a flow sequence", this.line);
    }
  }

  private map(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    for (;;) {
      this.space();
      if (this.text[this.i] === "}") {
        this.i++;
        return out;
      }
      let key: string;
      const c = this.text[this.i];
      if (c === '"' || c === "'") {
        const [s, end] = readQuoted(this.text, this.i, this.line);
        this.i = end;
        key = s;
      } else {
        key = this.plain();
        if (key === "") throw new YamlSubsetError("empty key in a flow mapping", this.line);
      }
      this.space();
      let value: unknown = null;
      if (this.text[this.i] === ":") {
        this.i++;
        this.space();
        if (this.text[this.i] !== "," && this.text[this.i] !== "}") value = this.value();
      }
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      this.space();
      if (this.text[this.i] === ",") this.i++;
      else if (this.text[this.i] !== "}") throw new YamlSubsetError("expected , or } in a flow mapping", this.line);
    }
  }

  // A plain scalar in flow context: up to , [ ] { } or a colon followed by a space, an indicator or the end.
  private plain(): string {
    const start = this.i;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (",[]{}".includes(c)) break;
      if (c === ":" && /[\s,[\]{}]/.test(this.text[this.i + 1] ?? " ")) break;
      this.i++;
    }
    return this.text.slice(start, this.i).trim();
  }

  private space(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
  }
}
