import { PolicyLevel, PolicyRule, finding } from "../rule";
import { isObject, isReference } from "../values";

/** JSH-HUB-07: Magnum clusters do not deploy the Kubernetes dashboard. */
export const noKubernetesDashboard: PolicyRule = {
  id: "JSH-HUB-07",
  title: "Magnum clusters set kube_dashboard_enabled to false",
  explanation:
    "The Cluster API driver deploys the Kubernetes dashboard unless told otherwise; it is one more privileged " +
    "web UI inside the cluster that nobody needs for a hub.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    doc.resources("openstack_containerinfra_cluster_v1").flatMap((c) => {
      if (isReference(c.body.labels)) return [];
      const value = isObject(c.body.labels) ? c.body.labels.kube_dashboard_enabled : undefined;
      return value === "false" || value === false
        ? []
        : [finding(c.address, 'kube_dashboard_enabled is not "false", so the dashboard is deployed')];
    }),
};
