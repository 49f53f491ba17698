// Pictures of what each example deploys, drawn from the synthesized stack documents (cdk.tf.json) as Mermaid
// flowcharts. Pure: the same documents give the same text, byte for byte, so the committed pictures can be checked
// for drift. `npm run diagrams` writes them (write-diagrams.ts); the test suite compares.

/** A synthesized stack document (the JSON of cdk.tf.json). */
export type StackDocument = Record<string, any>;

/** One stack to draw. */
export interface DiagramInput {
  /** The stack's id, e.g. `single-server-hub`. */
  readonly stack: string;
  /** Its synthesized document, from `stack.toTerraform()` or cdk.tf.json (the `//` metadata gives the paths). */
  readonly doc: StackDocument;
}

/** The folder, relative to the repository, where the pictures live. */
export const DIAGRAM_DIR = "docs/examples";

// Security group rules would outnumber everything else; each group's rules become one node that lists them.
const RULE_TYPE = "openstack_networking_secgroup_rule_v2";
const REMOTE_STATE_PREFIX = "cross-stack-reference-input-";

type Kind = "resource" | "data" | "variable";

interface Block {
  /** The Terraform address: `type.name`, `data.type.name` or `var.name`. */
  readonly address: string;
  readonly kind: Kind;
  readonly type: string;
  readonly name: string;
  /** Construct path below the stack, e.g. ["Cluster", "Group-hub", "Node1", "Resource"]; [] when unknown. */
  readonly path: string[];
  readonly body: Record<string, any>;
}

interface DiagramNode {
  readonly key: string;
  /** The construct path of the subgraph the node sits in. */
  readonly owner: string[];
  readonly lines: string[];
  readonly protected: boolean;
  readonly external: boolean;
}

/**
 * The Mermaid flowchart of one stack document: resources, data sources and input variables as nodes, grouped
 * in subgraphs by the construct that made them; an edge from A to B when A refers to B (dotted for an explicit
 * `depends_on`). Each security group's rules are collapsed into one node that lists them. Resources with
 * `prevent_destroy` get the `protected` class; what Terraform reads rather than creates gets `external`.
 */
export function renderMermaid(doc: StackDocument): string {
  const blocks = collectBlocks(doc);
  const byAddress = new Map(blocks.map((b) => [b.address, b]));

  // Each block is drawn by one node; rules share their security group's rules node.
  const nodeKeyOf = new Map<string, string>();
  const rulesOf = new Map<string, Block[]>();
  for (const b of blocks) {
    const group = b.type === RULE_TYPE ? referencesIn(b.body.security_group_id, byAddress)[0] : undefined;
    if (group === undefined) {
      nodeKeyOf.set(b.address, b.address);
    } else {
      nodeKeyOf.set(b.address, `rules of ${group}`);
      rulesOf.set(group, [...(rulesOf.get(group) ?? []), b]);
    }
  }

  const nodes = new Map<string, DiagramNode>();
  for (const b of blocks) {
    if (b.type === RULE_TYPE && nodeKeyOf.get(b.address) !== b.address) continue;
    nodes.set(b.address, {
      key: b.address,
      owner: ownerOf(b.path),
      lines: labelOf(b),
      protected: b.body.lifecycle?.prevent_destroy === true,
      external: b.kind !== "resource",
    });
  }
  for (const [group, rules] of rulesOf) {
    const key = `rules of ${group}`;
    nodes.set(key, {
      key,
      owner: ownerOf(byAddress.get(group)!.path),
      lines: [`<b>${plural(rules.length, "rule")}</b>`, ...ruleSummaries(rules, byAddress)],
      protected: false,
      external: false,
    });
  }

  const edges = new Map<string, { from: string; to: string; dotted: boolean }>();
  const addEdge = (from: string, to: string, dotted: boolean) => {
    const a = nodeKeyOf.get(from);
    const b = nodeKeyOf.get(to);
    if (a === undefined || b === undefined || a === b) return;
    const id = `${a}\u0000${b}`;
    const existing = edges.get(id);
    edges.set(id, { from: a, to: b, dotted: dotted && (existing?.dotted ?? true) });
  };
  for (const b of blocks) {
    const { depends_on: dependsOn, ...rest } = b.body;
    for (const target of referencesIn(rest, byAddress)) addEdge(b.address, target, false);
    for (const target of Array.isArray(dependsOn) ? dependsOn : []) {
      if (typeof target === "string" && byAddress.has(target)) addEdge(b.address, target, true);
    }
  }

  // Ids in a stable order: nodes by construct path, then address.
  const ordered = [...nodes.values()].sort((a, b) => compare(sortKey(a), sortKey(b)));
  const idOf = new Map(ordered.map((n, i) => [n.key, `n${i + 1}`]));

  const out: string[] = ["flowchart TB"];
  renderTree(buildTree(ordered), idOf, out, 1, { next: 1 });
  const edgeLines = [...edges.values()]
    .map((e) => `  ${idOf.get(e.from)} ${e.dotted ? "-.->" : "-->"} ${idOf.get(e.to)}`)
    .sort(compareEdgeLines);
  out.push(...edgeLines);
  const protectedIds = ordered.filter((n) => n.protected).map((n) => idOf.get(n.key)!);
  const externalIds = ordered.filter((n) => n.external).map((n) => idOf.get(n.key)!);
  out.push("  classDef protected stroke:#b71c1c,stroke-width:3px");
  out.push("  classDef external stroke-dasharray:5 3");
  if (protectedIds.length > 0) out.push(`  class ${protectedIds.join(",")} protected`);
  if (externalIds.length > 0) out.push(`  class ${externalIds.join(",")} external`);
  return `${out.join("\n")}\n`;
}

/** Counts shown beside each picture. */
export interface DiagramCounts {
  /** Resources Terraform creates. */
  readonly resources: number;
  /** Of those, the ones with `prevent_destroy`. */
  readonly protectedResources: number;
  /** Data sources and input variables: what Terraform reads. */
  readonly inputs: number;
}

/** What a stack document holds, in the terms of the picture. */
export function countBlocks(doc: StackDocument): DiagramCounts {
  const blocks = collectBlocks(doc);
  const resources = blocks.filter((b) => b.kind === "resource");
  return {
    resources: resources.length,
    protectedResources: resources.filter((b) => b.body.lifecycle?.prevent_destroy === true).length,
    inputs: blocks.length - resources.length,
  };
}

/**
 * Every file of docs/examples: one page per stack with its picture, and an index (README.md). Keys are file
 * names within `DIAGRAM_DIR`.
 */
export function renderDiagramFiles(stacks: DiagramInput[]): Record<string, string> {
  const files: Record<string, string> = {};
  const rows: string[] = [];
  for (const { stack, doc } of stacks) {
    const c = countBlocks(doc);
    files[`${stack}.md`] = [
      GENERATED_NOTE,
      "",
      `# Example stack \`${stack}\``,
      "",
      `${plural(c.resources, "resource")} (${c.protectedResources} with \`prevent_destroy\`), ` +
        `${plural(c.inputs, "data source or input", "data sources and inputs")}.`,
      "",
      "```mermaid",
      renderMermaid(doc).trimEnd(),
      "```",
      "",
      LEGEND,
      "",
    ].join("\n");
    rows.push(`| [\`${stack}\`](${stack}.md) | ${c.resources} | ${c.protectedResources} | ${c.inputs} |`);
  }
  files["README.md"] = [
    GENERATED_NOTE,
    "",
    "# What each example deploys",
    "",
    "One picture per stack of `examples/examples.ts`, drawn from its synthesized Terraform JSON: the resources",
    "Terraform creates and what they refer to. Regenerate with `npm run diagrams`; the test suite fails when a",
    "picture no longer matches its example.",
    "",
    "| stack | resources | with `prevent_destroy` | data sources and inputs |",
    "| ----- | --------: | ---------------------: | ----------------------: |",
    ...rows,
    "",
    LEGEND,
    "",
  ].join("\n");
  return files;
}

const GENERATED_NOTE = "<!-- Generated by `npm run diagrams` from the synthesized examples. Do not edit. -->";

const LEGEND = [
  "How to read it: each box is a Terraform resource, in a frame per construct that made it (the construct path",
  "is also the resource's Terraform address). An arrow points from a resource to one it refers to, which",
  "Terraform creates first; a dotted arrow is an explicit `depends_on`. A thick red border marks `prevent_destroy`",
  "(Terraform refuses to delete it); a dashed border marks what Terraform reads rather than creates: data",
  "sources, input variables (secrets among them, by name only) and another stack's outputs. Each security",
  "group's rules are one box.",
].join("\n");

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function collectBlocks(doc: StackDocument): Block[] {
  const blocks: Block[] = [];
  const pathOf = (body: any): string[] => {
    const path = body?.["//"]?.metadata?.path;
    return typeof path === "string" ? path.split("/").slice(1) : [];
  };
  for (const [type, byName] of Object.entries<Record<string, any>>(doc.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      blocks.push({ address: `${type}.${name}`, kind: "resource", type, name, path: pathOf(body), body });
    }
  }
  for (const [type, byName] of Object.entries<Record<string, any>>(doc.data ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      blocks.push({ address: `data.${type}.${name}`, kind: "data", type, name, path: pathOf(body), body });
    }
  }
  for (const [name, body] of Object.entries<Record<string, any>>(doc.variable ?? {})) {
    blocks.push({ address: `var.${name}`, kind: "variable", type: "variable", name, path: [], body });
  }
  return blocks;
}

/**
 * The addresses of known blocks referred to inside `${...}` interpolations anywhere in a value. `$${` is
 * Terraform's escape for a literal `${` and is skipped, as is the cdktf metadata under `//`.
 */
function referencesIn(value: unknown, known: Map<string, Block>): string[] {
  const expressions: string[] = [];
  const visit = (v: unknown) => {
    if (typeof v === "string") expressions.push(...interpolations(v));
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) if (k !== "//") visit(child);
    }
  };
  visit(value);
  if (expressions.length === 0) return [];
  // An address is a whole token: `x.y` inside `data.x.y` or `x.y_z` is not a reference to `x.y`.
  return [...known.keys()]
    .filter((address) => {
      const token = new RegExp(`(^|[^\\w.-])${address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`);
      return expressions.some((e) => token.test(e));
    })
    .sort(compare);
}

function interpolations(text: string): string[] {
  const result: string[] = [];
  for (let i = text.indexOf("${"); i >= 0; i = text.indexOf("${", i + 2)) {
    if (i > 0 && text[i - 1] === "$") continue;
    let depth = 1;
    let j = i + 2;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === "{") depth++;
      else if (text[j] === "}") depth--;
    }
    result.push(text.slice(i + 2, j - 1));
  }
  return result;
}

// A construct's main child (`Resource`, `Default`) is drawn inside the construct's own frame.
function ownerOf(path: string[]): string[] {
  return path.slice(0, -1);
}

function labelOf(b: Block): string[] {
  if (b.kind === "variable") {
    return [`<b>var.${b.name}</b>`, b.body.sensitive === true ? "sensitive input variable" : "input variable"];
  }
  if (b.type === "terraform_remote_state" && b.name.startsWith(REMOTE_STATE_PREFIX)) {
    return [`<b>stack ${b.name.slice(REMOTE_STATE_PREFIX.length)}</b>`, "its outputs (terraform_remote_state)"];
  }
  const last = b.path[b.path.length - 1];
  const title = last === undefined ? b.name : last === "Resource" || last === "Default" ? b.path.at(-2)! : last;
  const lines = [`<b>${title}</b>`, b.kind === "data" ? `data ${b.type}` : b.type];
  const fact = factOf(b);
  if (fact !== undefined) lines.push(fact);
  if (b.body.lifecycle?.prevent_destroy === true) lines.push("prevent_destroy");
  return lines;
}

// One line of what matters most about a resource; never a value that is computed or could be secret.
function factOf(b: Block): string | undefined {
  const v = b.body;
  const literal = (x: unknown) => (typeof x === "string" && !x.includes("${")) || typeof x === "number";
  const vms = (count: unknown, flavor: unknown) =>
    literal(flavor) ? `${literal(count) ? count : "?"} × ${flavor}` : undefined;
  switch (b.type) {
    case "openstack_compute_instance_v2":
      return literal(v.flavor_name) ? [v.name, v.flavor_name].filter(literal).join(", ") : undefined;
    case "openstack_blockstorage_volume_v3":
      return literal(v.size) ? [v.name, `${v.size} GiB`].filter(literal).join(", ") : undefined;
    case "openstack_containerinfra_cluster_v1": {
      const parts = [vms(v.master_count ?? 1, v.master_flavor), vms(v.node_count ?? 1, v.flavor)];
      return parts.every((p) => p !== undefined) ? `control plane ${parts[0]}, workers ${parts[1]}` : undefined;
    }
    case "openstack_containerinfra_nodegroup_v1":
      return vms(v.node_count ?? 1, v.flavor_id);
    case "openstack_networking_network_v2":
    case "openstack_dns_zone_v2":
    case "openstack_dns_recordset_v2":
      return literal(v.name) ? `${v.name}` : undefined;
    case "helm_release":
      return literal(v.chart) && literal(v.version) ? `chart ${v.chart} ${v.version}` : undefined;
    case "kubernetes_namespace_v1":
    case "kubernetes_persistent_volume_v1":
    case "kubernetes_persistent_volume_claim_v1":
      return literal(v.metadata?.name) ? `${v.metadata.name}` : undefined;
    default:
      return undefined;
  }
}

// "in tcp 22 from 198.51.100.0/24", "out any to anywhere"; IPv4 and IPv6 twins read as one line.
function ruleSummaries(rules: Block[], known: Map<string, Block>): string[] {
  const lines = new Set<string>();
  for (const { body: r } of rules) {
    const direction = r.direction === "egress" ? "out" : "in";
    const protocol = typeof r.protocol === "string" ? r.protocol : "any";
    const ports =
      r.port_range_min === undefined
        ? ""
        : r.port_range_min === r.port_range_max
          ? ` ${r.port_range_min}`
          : ` ${r.port_range_min}-${r.port_range_max}`;
    const remoteGroup = referencesIn(r.remote_group_id, known)[0];
    const prefix = r.remote_ip_prefix;
    const peer =
      remoteGroup !== undefined
        ? "the group"
        : prefix === undefined || prefix === "0.0.0.0/0" || prefix === "::/0"
          ? "anywhere"
          : literalOr(prefix, "a referenced network");
    lines.add(`${direction} ${protocol}${ports} ${direction === "out" ? "to" : "from"} ${peer}`);
  }
  // Ports in numeric order: 80 before 443.
  const natural = (line: string) => line.replace(/\d+/g, (digits) => digits.padStart(10, "0"));
  return [...lines].sort((a, b) => compare(natural(a), natural(b)));
}

function literalOr(value: unknown, fallback: string): string {
  return typeof value === "string" && !value.includes("${") ? value : fallback;
}

interface Frame {
  readonly path: string[];
  readonly nodes: DiagramNode[];
  readonly children: Map<string, Frame>;
}

function buildTree(nodes: DiagramNode[]): Frame {
  const root: Frame = { path: [], nodes: [], children: new Map() };
  for (const node of nodes) {
    let frame = root;
    for (const segment of node.owner) {
      let child = frame.children.get(segment);
      if (child === undefined) {
        child = { path: [...frame.path, segment], nodes: [], children: new Map() };
        frame.children.set(segment, child);
      }
      frame = child;
    }
    frame.nodes.push(node);
  }
  return root;
}

function renderTree(
  frame: Frame,
  idOf: Map<string, string>,
  out: string[],
  depth: number,
  counter: { next: number },
): void {
  const indent = "  ".repeat(depth);
  for (const node of frame.nodes) {
    out.push(`${indent}${idOf.get(node.key)}["${node.lines.map(escapeLabel).join("<br/>")}"]`);
  }
  for (const [segment, child] of [...frame.children.entries()].sort(([a], [b]) => compare(a, b))) {
    // A frame that only holds one other frame is drawn as one, titled with both names.
    let title = segment;
    let inner = child;
    while (inner.nodes.length === 0 && inner.children.size === 1) {
      const [[next, only]] = [...inner.children.entries()];
      title = `${title} / ${next}`;
      inner = only;
    }
    out.push(`${indent}subgraph s${counter.next++}["${escapeLabel(title)}"]`);
    renderTree(inner, idOf, out, depth + 1, counter);
    out.push(`${indent}end`);
  }
}

// Mermaid reads quotes and angle brackets in labels; our own <b> and <br/> are added after escaping.
function escapeLabel(text: string): string {
  const tags: string[] = [];
  const masked = text.replace(/<\/?b>/g, (tag) => {
    tags.push(tag);
    return `\u0001${tags.length - 1}\u0001`;
  });
  return masked
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/\u0001(\d+)\u0001/g, (_, i) => tags[Number(i)]);
}

function sortKey(n: DiagramNode): string {
  return `${n.owner.join("/")}\u0000${n.key}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareEdgeLines(a: string, b: string): number {
  const num = (line: string) => line.match(/\d+/g)!.map(Number);
  const [a1, a2] = num(a);
  const [b1, b2] = num(b);
  return a1 - b1 || a2 - b2;
}
