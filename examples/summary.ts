import { IConstruct } from "constructs";
import {
  JetstreamCluster,
  JetstreamFlavor,
  JupyterHubOnJetstream,
  KubernetesEngineKind,
  KubernetesOnJetstream,
  SingleServerHub,
  ZeroToJupyterHub,
} from "../lib";

/** VMs of one flavor in a stack. */
export interface VmGroup {
  readonly flavor: string;
  /** How many VMs the stack starts with. */
  readonly count: number;
  /** For an autoscaled group, the most it may grow to. */
  readonly upTo?: number;
}

/** What `npm run synth` prints for one stack: one line of the table. */
export interface StackSummary {
  readonly stack: string;
  /** How the stack runs a hub, from its constructs (see `shapeOf`). */
  readonly shape: string;
  readonly resources: number;
  /** VMs by flavor, autoscaled groups at their starting size. */
  readonly vms: VmGroup[];
  /** SU per hour of those VMs while active (autoscaled groups at their starting size). */
  readonly suPerHour: number;
  /** The stack's `hub_url` output, the convention every example hub follows. */
  readonly hubUrl?: string;
}

type Json = Record<string, any>;

/**
 * How a stack runs a hub, read from its constructs: one VM (TLJH), a Kubernetes cluster (Magnum or k3s), a z2jh
 * release on a cluster from elsewhere, plain VMs; "planned" when JupyterHubOnJetstream chose the shape.
 */
export function shapeOf(stack: IConstruct): string {
  const all = stack.node.findAll();
  const has = (type: abstract new (...args: any[]) => unknown) => all.filter((c) => c instanceof type);
  const planned = has(JupyterHubOnJetstream).length > 0 ? ", planned" : "";
  const clusters = has(KubernetesOnJetstream) as KubernetesOnJetstream[];
  if (has(SingleServerHub).length > 0) return `one VM (TLJH)${planned}`;
  if (clusters.length > 0) {
    const engine = clusters[0].engineKind === KubernetesEngineKind.MAGNUM ? "Magnum" : "k3s";
    return `Kubernetes (${engine})${planned}`;
  }
  if (has(ZeroToJupyterHub).length > 0) return "z2jh release";
  if (has(JetstreamCluster).length > 0) return "VMs";
  return "empty";
}

/**
 * Summarizes a synthesized stack document (the JSON of cdk.tf.json): VMs per flavor and the SU per hour they cost
 * while active, counting Magnum control-plane and worker nodes and node groups; autoscaled groups count at their
 * starting size. The hub URL is the `hub_url` output.
 */
export function summarizeStack(stack: string, doc: Json, shape = "-"): StackSummary {
  const resources: Json = doc.resource ?? {};
  const vms: VmGroup[] = [];
  const addVms = (flavor: unknown, count: unknown, upTo?: number) => {
    if (typeof flavor !== "string") return;
    const n = typeof count === "number" ? count : 1;
    const scaling = upTo !== undefined && upTo > n ? upTo : undefined;
    const same = vms.findIndex((g) => g.flavor === flavor && g.upTo === undefined && scaling === undefined);
    if (same >= 0) vms[same] = { flavor, count: vms[same].count + n };
    else vms.push(scaling === undefined ? { flavor, count: n } : { flavor, count: n, upTo: scaling });
  };
  let total = 0;
  for (const [type, byId] of Object.entries(resources)) {
    for (const body of Object.values(byId as Json) as Json[]) {
      total++;
      if (type === "openstack_compute_instance_v2") addVms(body.flavor_name, 1);
      if (type === "openstack_containerinfra_cluster_v1") {
        addVms(body.master_flavor, body.master_count ?? 1);
        const autoscaled = body.labels?.auto_scaling_enabled === "true";
        addVms(body.flavor, body.node_count ?? 1, autoscaled ? Number(body.labels.max_node_count) : undefined);
      }
      if (type === "openstack_containerinfra_nodegroup_v1") {
        addVms(body.flavor_id, body.node_count ?? 1, body.max_node_count);
      }
    }
  }
  const suPerHour = vms.reduce(
    (sum, g) => sum + (JetstreamFlavor.isKnown(g.flavor) ? JetstreamFlavor.of(g.flavor).suPerHour * g.count : 0),
    0,
  );
  const url = doc.output?.hub_url?.value;
  return { stack, shape, resources: total, vms, suPerHour, hubUrl: typeof url === "string" ? url : undefined };
}

/**
 * The plan of every stack as one table, a line per stack: shape, resources, VMs, SU per hour, hub URL.
 */
export function formatSummaries(summaries: StackSummary[]): string {
  const vmText = (s: StackSummary) =>
    s.vms.map((g) => `${g.count}${g.upTo === undefined ? "" : ` (up to ${g.upTo})`} x ${g.flavor}`).join(", ") || "-";
  const rows = [
    ["stack", "shape", "resources", "VMs", "SU/h", "hub URL"],
    ...summaries.map((s) => [s.stack, s.shape, String(s.resources), vmText(s), String(s.suPerHour), s.hubUrl ?? "-"]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const numeric = [false, false, true, false, true, false];
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd(),
  );
  if (summaries.some((s) => s.vms.some((g) => g.upTo !== undefined))) {
    lines.push("Autoscaled groups count at their starting size; SU/h is for active VMs (730 h make a month).");
  } else {
    lines.push("SU/h is for active VMs (730 h make a month).");
  }
  return lines.join("\n");
}
