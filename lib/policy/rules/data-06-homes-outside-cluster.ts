import { PolicyLevel, PolicyRule, finding } from "../rule";
import { storageType } from "../z2jh";

/** JSH-DATA-06: home directories live on storage Terraform owns, outside the cluster. */
export const homesOutsideCluster: PolicyRule = {
  id: "JSH-DATA-06",
  title: "z2jh homes are not per-user volumes made inside the cluster (singleuser.storage.type dynamic)",
  explanation:
    "Per-user PVCs are made by the cluster's CSI driver, not by Terraform: on Magnum the Cluster API janitor " +
    "may delete them with the cluster whatever their reclaim policy, and each one counts against Jetstream2's " +
    "10-volume quota. Keep homes on the NFS volume Terraform owns (storage type static), or acknowledge dynamic " +
    "storage with the reason it is safe here.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc
      .z2jhReleases()
      .filter((r) => storageType(r.effectiveValues) === "dynamic")
      .map((r) =>
        finding(r.address, "home directories are per-user volumes made inside the cluster (storage type dynamic)"),
      ),
};
