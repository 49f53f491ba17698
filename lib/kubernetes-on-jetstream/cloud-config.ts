// A small YAML writer for cloud-config documents and the config files they carry. Pure: no I/O, no cdktf.
//
// Strings are written as JSON strings (valid YAML double-quoted scalars), so no value can break out of its
// place, whatever it contains. Multi-line strings become literal block scalars. Values may embed Terraform
// references (`${...}`) that Terraform substitutes at apply time; callers pass only references to single-line
// values (addresses, random tokens, base64 text), which keeps the document valid after substitution.

/** A value the writer understands. */
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue | undefined };

/** Renders a cloud-config document: the `#cloud-config` header cloud-init requires, then the YAML body. */
export function renderCloudConfig(config: { [key: string]: YamlValue | undefined }): string {
  return `#cloud-config\n${renderYaml(config)}`;
}

/** Renders a mapping as block-style YAML, one key per line, ending with a newline. */
export function renderYaml(map: { [key: string]: YamlValue | undefined }): string {
  return mappingLines(map, 0).join("\n") + "\n";
}

function pad(indent: number): string {
  return " ".repeat(indent);
}

function isMapping(value: YamlValue): value is { [key: string]: YamlValue | undefined } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function scalar(value: YamlValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to YAML`);
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  // Nested sequences (runcmd's argument lists) read best in flow style; JSON is valid YAML flow syntax.
  return JSON.stringify(value);
}

function blockScalar(text: string, indent: number): string[] {
  const chomp = text.endsWith("\n") ? "|" : "|-";
  const body = (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");
  return [chomp, ...body.map((line) => (line === "" ? "" : pad(indent) + line))];
}

function mappingLines(map: { [key: string]: YamlValue | undefined }, indent: number): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    if (!/^[A-Za-z0-9_.-]+$/.test(key)) throw new Error(`unsupported YAML key ${JSON.stringify(key)}`);
    lines.push(...entryLines(`${pad(indent)}${key}:`, value, indent));
  }
  return lines;
}

function entryLines(head: string, value: YamlValue, indent: number): string[] {
  if (typeof value === "string" && value.includes("\n")) {
    const [indicator, ...body] = blockScalar(value, indent + 2);
    return [`${head} ${indicator}`, ...body];
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${head} []`];
    return [head, ...value.flatMap((item) => itemLines(item, indent + 2))];
  }
  if (isMapping(value)) {
    const inner = mappingLines(value, indent + 2);
    return inner.length === 0 ? [`${head} {}`] : [head, ...inner];
  }
  return [`${head} ${scalar(value)}`];
}

function itemLines(item: YamlValue, indent: number): string[] {
  if (isMapping(item)) {
    const inner = mappingLines(item, indent + 2);
    if (inner.length === 0) return [`${pad(indent)}- {}`];
    // The first key shares the dash's line.
    return [`${pad(indent)}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1)];
  }
  if (typeof item === "string" && item.includes("\n")) {
    const [indicator, ...body] = blockScalar(item, indent + 2);
    return [`${pad(indent)}- ${indicator}`, ...body];
  }
  return [`${pad(indent)}- ${scalar(item)}`];
}
