import { PolicyLevel, PolicyRule, finding } from "../rule";
import { stringsOf } from "../values";

/** JSH-DATA-04: a Magnum cluster is never replaced or destroyed by a routine plan. */
export const magnumClusterProtected: PolicyRule = {
  id: "JSH-DATA-04",
  title: "Magnum clusters have prevent_destroy and ignore changes to labels",
  explanation:
    "Changing a label replaces the whole cluster, and deleting it deletes the volumes the CSI driver made in " +
    "it. prevent_destroy turns such a plan into an error; ignoring labels keeps a label edit from triggering one.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.resources("openstack_containerinfra_cluster_v1").flatMap((c) => {
      const found = [];
      if (c.body.lifecycle?.prevent_destroy !== true) {
        found.push(finding(c.address, "the cluster has no prevent_destroy", { findingId: "prevent-destroy" }));
      }
      const ignored = c.body.lifecycle?.ignore_changes;
      if (ignored !== "all" && !stringsOf(ignored).includes("labels")) {
        found.push(
          finding(c.address, "a label change would replace the cluster (labels not ignored)", { findingId: "labels" }),
        );
      }
      return found;
    }),
};
