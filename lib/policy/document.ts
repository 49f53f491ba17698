import { TLJH_CONFIG_PATH, commandsOf, readUserData, writtenFile } from "./cloud-config";
import {
  NullHandling,
  Z2JH_CHART,
  applyAssignments,
  chartName,
  mergeHelmValues,
  parseSet,
  setNameInjects,
} from "../core/formats/helm-values";
import { tljhEffectiveConfig, z2jhEffectiveValues } from "../core/formats/upstream-defaults";
import { YamlVersion, parseYaml } from "../core/formats/yaml";
import { Json, asList, isObject } from "./values";

/** One block of the document with its address. */
export interface Element {
  /** `resource.<type>.<name>`, `data.<type>.<name>`, ... (see `Finding.address`). */
  readonly address: string;
  /** The block's name (the logical id). */
  readonly name: string;
  /** The block's body, resolved. */
  readonly body: Json;
}

/** A Helm release with its values read. */
export interface HelmRelease extends Element {
  /** Whether the chart is Zero to JupyterHub's `jupyterhub`. */
  readonly isZ2jh: boolean;
  /**
   * The values Helm gets: every `values` entry merged in order, then every `set` applied. A `null` is kept here,
   * as Helm keeps it until it coalesces the values onto the chart's defaults (see `effectiveValues`).
   */
  readonly values: Json;
  /**
   * What the chart's templates see: for a z2jh release, `values` coalesced onto the chart's own defaults
   * (core/formats/upstream-defaults, chart 4.4.0), so that a setting left out reads as the chart's default and
   * one deleted with `null` reads as absent; for other charts, `values`.
   */
  readonly effectiveValues: Json;
  /** Names given through `set_sensitive` (their values are references and never read). */
  readonly sensitiveNames: string[];
  /**
   * `set_sensitive` names that hold an unescaped `,` or `=`: Helm reads them as more than one assignment, and
   * what they assign besides the block's own value is plain text in the configuration (applied to `values`).
   */
  readonly injectingSensitiveNames: string[];
  /** Whether every `values` entry could be read (else `values` holds only what could). */
  readonly valuesReadable: boolean;
}

/** A VM whose cloud-config installs The Littlest JupyterHub. */
export interface TljhHost extends Element {
  /** The user data text. */
  readonly userData: string;
  /** The parsed cloud-config. */
  readonly cloudConfig: Json;
  /** The config.yaml the cloud-config writes for TLJH, parsed; undefined when none is written or unreadable. */
  readonly config?: Json;
  /** What TLJH runs with: `config` merged onto TLJH's defaults (core/formats/upstream-defaults). */
  readonly effectiveConfig: Json;
  /** bootcmd and runcmd entries as shell text. */
  readonly commands: string[];
}

/** Something in the document a rule could not read; reported once, as JSH-META-03. */
export interface ReadProblem {
  /** Where. */
  readonly address: string;
  /** What could not be read, and why. */
  readonly message: string;
}

/**
 * A resolved stack document (what `TerraformStack.toTerraform()` returns, `addOverride` changes included) with
 * the readers the rules share. Parsing (Helm values, cloud-config) happens once per document.
 */
export class PolicyDocument {
  /** What could not be read. */
  public readonly problems: ReadProblem[] = [];
  private releases?: HelmRelease[];
  private hosts?: TljhHost[];

  public constructor(public readonly json: Json) {}

  /** The resources of one type. */
  public resources(type: string): Element[] {
    return this.section("resource", type);
  }

  /** The data sources of one type. */
  public dataSources(type: string): Element[] {
    return this.section("data", type);
  }

  /** The variable declarations. */
  public variables(): Element[] {
    return this.named("variable", this.json.variable);
  }

  /** The outputs. */
  public outputs(): Element[] {
    return this.named("output", this.json.output);
  }

  /** Provider configurations of one type, in order (`provider.<type>[<i>]`). */
  public providers(type: string): Element[] {
    return asList(this.json.provider?.[type])
      .filter(isObject)
      .map((body, i) => ({ address: `provider.${type}[${i}]`, name: type, body }));
  }

  /** The state backend, if the document configures one. */
  public backend(): (Element & { kind: string }) | undefined {
    const backends = this.json.terraform?.backend;
    if (!isObject(backends)) return undefined;
    const [kind, body] = Object.entries(backends)[0] ?? [];
    if (kind === undefined) return undefined;
    return { address: `terraform.backend.${kind}`, name: kind, kind, body: isObject(body) ? body : {} };
  }

  /** Every Helm release, with values read. */
  public helmReleases(): HelmRelease[] {
    if (!this.releases) this.releases = this.resources("helm_release").map((r) => this.readRelease(r));
    return this.releases;
  }

  /** Releases of the Zero to JupyterHub chart, with values read. */
  public z2jhReleases(): HelmRelease[] {
    return this.helmReleases().filter((r) => r.isZ2jh);
  }

  /** VMs whose cloud-config installs The Littlest JupyterHub. */
  public tljhHosts(): TljhHost[] {
    if (!this.hosts) {
      this.hosts = [];
      for (const instance of this.resources("openstack_compute_instance_v2")) {
        const host = this.readHost(instance);
        if (host) this.hosts.push(host);
      }
    }
    return this.hosts;
  }

  private readRelease(release: Element): HelmRelease {
    let values: Json = {};
    let readable = true;
    asList(release.body.values).forEach((text, i) => {
      const parsed = typeof text === "string" ? parseValues(text) : undefined;
      if (parsed === undefined) {
        readable = false;
        this.problems.push({
          address: release.address,
          message: `values[${i}] is not literal JSON or YAML (a Terraform expression?), so the checks cannot read it`,
        });
      } else values = mergeHelmValues(values, parsed, NullHandling.KEEP);
    });
    const named = (list: unknown) => asList(list).filter((s) => isObject(s) && typeof s.name === "string");
    // A set_sensitive value is a reference the checks never read; what its name smuggles in is plain text.
    const sets = [
      ...named(release.body.set).map((s) => () => parseSet(s.name, s.value, s.type)),
      ...named(release.body.set_sensitive).map(
        (s) => () => parseSet(s.name, s.value, s.type).filter((a) => !a.fromValue),
      ),
    ];
    for (const make of sets) {
      try {
        const assignments = make();
        values = applyAssignments(values, assignments);
      } catch (e) {
        readable = false;
        this.problems.push({ address: release.address, message: (e as Error).message });
      }
    }
    const sensitiveNames = asList(release.body.set_sensitive)
      .filter((s) => isObject(s) && typeof s.name === "string")
      .map((s) => s.name as string);
    const injectingSensitiveNames = sensitiveNames.filter(setNameInjects);
    const z2jh = isZ2jh(release);
    return {
      ...release,
      isZ2jh: z2jh,
      values,
      effectiveValues: z2jh ? z2jhEffectiveValues(values) : values,
      sensitiveNames,
      injectingSensitiveNames,
      valuesReadable: readable,
    };
  }

  private readHost(instance: Element): TljhHost | undefined {
    const text = instance.body.user_data;
    if (typeof text !== "string") return undefined;
    const read = readUserData(text);
    const mentionsTljh = /tljh/i.test(text);
    if (read.problem) {
      if (mentionsTljh) this.problems.push({ address: instance.address, message: read.problem });
      return undefined;
    }
    if (!read.cloudConfig) return undefined;
    const commands = commandsOf(read.cloudConfig);
    let configText: string | undefined;
    try {
      configText = writtenFile(read.cloudConfig, TLJH_CONFIG_PATH);
    } catch (e) {
      this.problems.push({ address: instance.address, message: (e as Error).message });
    }
    const installs = configText !== undefined || commands.some((c) => /bootstrap\.py|tljh\.installer/.test(c));
    if (!installs) return undefined;
    let config: Json | undefined;
    if (configText !== undefined) {
      try {
        const parsed = parseYaml(configText, YamlVersion.V1_2);
        config = isObject(parsed) ? parsed : parsed === null ? {} : undefined;
        if (config === undefined) throw new Error("not a mapping");
      } catch (e) {
        this.problems.push({
          address: instance.address,
          message: `${TLJH_CONFIG_PATH} could not be read: ${(e as Error).message}`,
        });
      }
    }
    const effectiveConfig = tljhEffectiveConfig(config ?? {});
    return { ...instance, userData: text, cloudConfig: read.cloudConfig, config, effectiveConfig, commands };
  }

  private section(kind: string, type: string): Element[] {
    const byName = this.json[kind]?.[type];
    if (!isObject(byName)) return [];
    return Object.entries(byName)
      .filter(([, body]) => isObject(body))
      .map(([name, body]) => ({ address: `${kind}.${type}.${name}`, name, body: body as Json }));
  }

  private named(kind: string, byName: unknown): Element[] {
    if (!isObject(byName)) return [];
    return Object.entries(byName)
      .filter(([, body]) => isObject(body))
      .map(([name, body]) => ({ address: `${kind}.${name}`, name, body: body as Json }));
  }
}

// The z2jh chart, by name however the path to it is written.
function isZ2jh(release: Element): boolean {
  const chart = release.body.chart;
  return typeof chart === "string" && chartName(chart) === Z2JH_CHART;
}

// Quotes each `${...}` that stands outside a JSON string (a number from a token), leaving strings as they are.
function quoteBareReferences(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") {
        out += c + (text[i + 1] ?? "");
        i++;
        continue;
      }
      if (c === '"') inString = false;
      out += c;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === "$" && text[i + 1] === "{") {
      let depth = 0;
      let end = i + 1;
      for (; end < text.length; end++) {
        if (text[end] === "{") depth++;
        else if (text[end] === "}" && --depth === 0) break;
      }
      if (end >= text.length) return text;
      out += JSON.stringify(text.slice(i, end + 1));
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}

// Values are literal JSON (YAML is accepted too). References inside strings (`"${openstack_...address}"`) are
// fine; a values entry that is a whole Terraform expression (`${yamlencode(...)}`) cannot be read. A number from a
// token is written bare (`"limit":${var.cpu}`), so that Terraform interpolates a number: it is read as the reference
// string it stands for, which the rules treat as undecided, rather than making the whole release unreadable.
function parseValues(text: string): Json | undefined {
  try {
    const parsed = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    try {
      const quoted = quoteBareReferences(text);
      if (quoted !== text) {
        const parsed = JSON.parse(quoted);
        if (isObject(parsed)) return parsed;
      }
    } catch {
      // not JSON with bare references either: try YAML
    }
    try {
      // Helm reads values files with go-yaml v2 (sigs.k8s.io/yaml): YAML 1.1.
      const parsed = parseYaml(text, YamlVersion.V1_1);
      return isObject(parsed) ? parsed : parsed === null ? {} : undefined;
    } catch {
      return undefined;
    }
  }
}
