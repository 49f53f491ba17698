import { JetstreamFlavor } from "../lib";

/** What `npm run synth` prints for one stack. */
export interface StackSummary {
  readonly stack: string;
  readonly resourcesByType: Record<string, number>;
  /** Flavor name → number of VMs. */
  readonly flavors: Record<string, number>;
  readonly suPerHour: number;
}

type Json = Record<string, any>;

/**
 * Summarizes a synthesized stack document (the JSON of cdk.tf.json): resources by type, VMs per flavor, and the
 * SU per hour those VMs cost while active. Magnum clusters count their control-plane and worker nodes.
 */
export function summarizeStack(stack: string, doc: Json): StackSummary {
  const resources: Json = doc.resource ?? {};
  const resourcesByType: Record<string, number> = {};
  const flavors: Record<string, number> = {};
  const addVms = (flavor: unknown, count: unknown) => {
    if (typeof flavor !== "string") return;
    const n = typeof count === "number" ? count : 1;
    flavors[flavor] = (flavors[flavor] ?? 0) + n;
  };
  for (const [type, byId] of Object.entries(resources)) {
    resourcesByType[type] = Object.keys(byId as Json).length;
    for (const body of Object.values(byId as Json) as Json[]) {
      if (type === "openstack_compute_instance_v2") addVms(body.flavor_name, 1);
      if (type === "openstack_containerinfra_cluster_v1") {
        addVms(body.master_flavor, body.master_count ?? 1);
        addVms(body.flavor, body.node_count ?? 1);
      }
      if (type === "openstack_containerinfra_nodegroup_v1") addVms(body.flavor_id, body.node_count ?? 1);
    }
  }
  let suPerHour = 0;
  for (const [name, count] of Object.entries(flavors)) {
    suPerHour += JetstreamFlavor.isKnown(name) ? JetstreamFlavor.of(name).suPerHour * count : 0;
  }
  return { stack, resourcesByType, flavors, suPerHour };
}

/** Renders summaries as a short plain-text report. */
export function formatSummaries(summaries: StackSummary[]): string {
  const lines: string[] = [];
  for (const s of summaries) {
    const vms = Object.entries(s.flavors)
      .map(([f, n]) => `${n} x ${f}`)
      .join(", ");
    const total = Object.values(s.resourcesByType).reduce((a, b) => a + b, 0);
    lines.push(
      `${s.stack}: ${total} resources, ${vms || "no VMs"}, ${s.suPerHour} SU/h (${s.suPerHour * 24 * 30} SU/30 days)`,
    );
    for (const [type, n] of Object.entries(s.resourcesByType).sort())
      lines.push(`    ${String(n).padStart(3)}  ${type}`);
  }
  return lines.join("\n");
}
