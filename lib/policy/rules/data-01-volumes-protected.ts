import { PolicyLevel, PolicyRule, finding } from "../rule";

/** JSH-DATA-01: data volumes cannot be destroyed by a plan. */
export const volumesProtected: PolicyRule = {
  id: "JSH-DATA-01",
  title: "Every Cinder volume has lifecycle.prevent_destroy",
  explanation:
    "Volumes hold what must outlive VMs: home directories, the NFS export, the hub database. With " +
    "prevent_destroy a plan that would delete one fails instead. Acknowledge only volumes with nothing to keep " +
    "(a one-day workshop's scratch space).",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc
      .resources("openstack_blockstorage_volume_v3")
      .filter((v) => v.body.lifecycle?.prevent_destroy !== true)
      .map((v) => finding(v.address, "the volume can be destroyed by a plan (no prevent_destroy)")),
};
