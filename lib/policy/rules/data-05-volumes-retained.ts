import { PolicyLevel, PolicyRule, finding } from "../rule";
import { isObject, isReference } from "../values";

/** JSH-DATA-05: dynamically provisioned volumes outlive their claims. */
export const volumesRetained: PolicyRule = {
  id: "JSH-DATA-05",
  title: "Magnum clusters label csi_cinder_reclaim_policy Retain; Terraform-made storage classes reclaim Retain",
  explanation:
    "Kubernetes deletes a dynamically provisioned volume with its claim unless the reclaim policy is Retain; " +
    "the Magnum default depends on the operator. Say Retain explicitly.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) => [
    ...doc.resources("openstack_containerinfra_cluster_v1").flatMap((c) => {
      if (isReference(c.body.labels)) return [];
      const policy = isObject(c.body.labels) ? c.body.labels.csi_cinder_reclaim_policy : undefined;
      return policy === "Retain"
        ? []
        : [finding(c.address, "csi_cinder_reclaim_policy is not Retain", { findingId: "magnum" })];
    }),
    ...["kubernetes_storage_class", "kubernetes_storage_class_v1"].flatMap((type) =>
      doc
        .resources(type)
        .filter((s) => s.body.reclaim_policy !== "Retain")
        .map((s) =>
          finding(s.address, `reclaim_policy is ${s.body.reclaim_policy ?? "Delete (the default)"}`, {
            findingId: "storage-class",
          }),
        ),
    ),
  ],
};
