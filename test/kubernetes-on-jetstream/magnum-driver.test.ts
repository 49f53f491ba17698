import { JetstreamFlavor, JetstreamResource } from "../../lib";
import { only, synthMagnum } from "./support";

// What the Magnum Cluster API driver (openstack/magnum-capi-helm, magnum_capi_helm/driver.py; the same logic in
// 1.2.1 at l.590 and at HEAD a8b82c2 l.716-726) makes of the labels and node groups the library writes. Restated
// from the source:
//   _get_autoscale_values: autoscale only if the *cluster* label auto_scaling_enabled is true (strutils
//     bool_from_string, default False) and the group's min != max.
//   _get_node_counts: min = max = node_count, overridden by the group's min/max_node_count; for the default worker
//     group a stored min_node_count of 1 counts as unset, and the cluster labels min_node_count / max_node_count
//     override both.
type Group = { node_count: number; min_node_count?: number; max_node_count?: number };

function nodeCounts(labels: Record<string, string>, group: Group, isDefault: boolean): [number, number] {
  let min = group.min_node_count ?? group.node_count;
  let max = group.max_node_count ?? group.node_count;
  if (isDefault) {
    if (group.min_node_count === 1) min = group.node_count;
    if (labels.min_node_count) min = parseInt(labels.min_node_count, 10);
    if (labels.max_node_count) max = parseInt(labels.max_node_count, 10);
  }
  return [min, max];
}

function autoscales(labels: Record<string, string>, group: Group, isDefault: boolean): boolean {
  const enabled = ["1", "t", "true", "on", "y", "yes"].includes((labels.auto_scaling_enabled ?? "").toLowerCase());
  const [min, max] = nodeCounts(labels, group, isDefault);
  return enabled && min !== max;
}

describe("Magnum node groups as the Cluster API driver reads them", () => {
  test("a fixed default group with an autoscaled GPU group: the GPU group scales, the default group stays", () => {
    const doc = synthMagnum({
      workerCount: 2,
      allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
      nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM, autoscaling: { minNodes: 1, maxNodes: 3 } }],
    });
    const cluster = only(doc, "openstack_containerinfra_cluster_v1");
    const gpu = only(doc, "openstack_containerinfra_nodegroup_v1");
    // Magnum stores min_node_count 1 on the default group when none is given (the driver's own note).
    const defaultGroup = { node_count: cluster.node_count, min_node_count: 1 };
    expect(autoscales(cluster.labels, gpu, false)).toBe(true);
    expect(nodeCounts(cluster.labels, gpu, false)).toEqual([1, 3]);
    expect(autoscales(cluster.labels, defaultGroup, true)).toBe(false);
    expect(nodeCounts(cluster.labels, defaultGroup, true)).toEqual([cluster.node_count, cluster.node_count]);
  });

  test("an autoscaled default group keeps its bounds; no autoscaling anywhere leaves the label false", () => {
    const scaled = only(
      synthMagnum({ autoscaling: { minNodes: 2, maxNodes: 6 } }),
      "openstack_containerinfra_cluster_v1",
    );
    expect(nodeCounts(scaled.labels, { node_count: 2, min_node_count: 1 }, true)).toEqual([2, 6]);
    expect(autoscales(scaled.labels, { node_count: 2, min_node_count: 1 }, true)).toBe(true);
    const fixed = only(
      synthMagnum({
        allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
        nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM, count: 2 }],
      }),
      "openstack_containerinfra_cluster_v1",
    );
    expect(fixed.labels.auto_scaling_enabled).toBe("false");
  });
});
