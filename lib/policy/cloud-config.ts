import { Json, asList, isObject } from "./values";
import { YamlVersion, parseYaml } from "../core/formats/yaml";

/** Where TLJH reads its configuration; a file written there before the installer runs is kept and used. */
export const TLJH_CONFIG_PATH = "/opt/tljh/config/config.yaml";

/** What a rule can read from an instance's user data. */
export interface ReadUserData {
  /** The user data as Terraform gets it. */
  readonly text: string;
  /** The cloud-config, when the user data is one and it could be read. */
  readonly cloudConfig?: Json;
  /** Why the cloud-config could not be read, when it is one but could not be. */
  readonly problem?: string;
}

/**
 * Reads user data: a `#cloud-config` document is parsed as cloud-init parses it (YAML 1.1, PyYAML's booleans); anything else (a shell script, a Terraform
 * expression) is returned as text only.
 */
export function readUserData(text: string): ReadUserData {
  if (!/^#cloud-config[ \t]*(\r?\n|$)/.test(text)) return { text };
  try {
    const parsed = parseYaml(text, YamlVersion.V1_1);
    if (parsed === null) return { text, cloudConfig: {} };
    if (!isObject(parsed)) return { text, problem: "the cloud-config is not a mapping" };
    return { text, cloudConfig: parsed };
  } catch (e) {
    return { text, problem: `the cloud-config could not be read: ${(e as Error).message}` };
  }
}

/**
 * The content of a `write_files` entry for `path`, decoded. `undefined` when there is no such entry; throws when
 * the entry is gzip-encoded (not readable without I/O libraries we do not ship).
 */
export function writtenFile(cloudConfig: Json, path: string): string | undefined {
  const entry = asList(cloudConfig.write_files).find((f) => isObject(f) && f.path === path);
  if (!entry) return undefined;
  const content = typeof entry.content === "string" ? entry.content : "";
  const encoding = typeof entry.encoding === "string" ? entry.encoding.toLowerCase() : "";
  if (encoding === "" || encoding === "text/plain") return content;
  if (encoding === "b64" || encoding === "base64") return Buffer.from(content, "base64").toString("utf8");
  throw new Error(`write_files entry ${path} uses encoding ${encoding}, which the checks cannot read`);
}

/** Paths of every `write_files` entry. */
export function writtenPaths(cloudConfig: Json): string[] {
  return asList(cloudConfig.write_files)
    .filter((f) => isObject(f) && typeof f.path === "string")
    .map((f) => f.path);
}

/**
 * The `bootcmd` and `runcmd` commands as shell text (argument lists joined with spaces). A command that runs a
 * script written by `write_files` also contributes the script's lines, since that is what runs at boot.
 */
export function commandsOf(cloudConfig: Json): string[] {
  const commands = [...asList(cloudConfig.bootcmd), ...asList(cloudConfig.runcmd)].map((c) =>
    Array.isArray(c) ? c.map(String).join(" ") : String(c),
  );
  const written = writtenPaths(cloudConfig);
  const scripts = commands.flatMap((command) => {
    const program = command.trim().split(/\s+/)[0];
    if (!written.includes(program)) return [];
    try {
      return (writtenFile(cloudConfig, program) ?? "").split("\n").filter((line) => !/^\s*(#|$)/.test(line));
    } catch {
      return [];
    }
  });
  return [...commands, ...scripts];
}
