import { cidrsCoverWorld } from "../../core/network-address";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { isObject, isReference } from "../values";

/** JSH-NET-06: a Magnum cluster's API load balancer admits only listed networks. */
export const magnumApiRestricted: PolicyRule = {
  id: "JSH-NET-06",
  title: "Magnum clusters ask for a restricted API with the api_master_lb_allowed_cidrs label, without 0.0.0.0/0",
  explanation:
    "The Cluster API driver gives the Kubernetes API a public load balancer and, with the label unset, admits " +
    "every address. Set the label to your admin networks (comma-separated CIDRs) and the address the hub " +
    "stack's Terraform runs from. This rule checks the request only: some Cluster API chart versions drop the " +
    "label, so KubernetesOnJetstream also adds a Terraform check that reads the listener's allowed_cidrs back " +
    "and warns when the load balancer admits more.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.resources("openstack_containerinfra_cluster_v1").flatMap((c) => {
      const labels = c.body.labels;
      if (isReference(labels)) return [finding(c.address, "labels are computed at deploy time", { undecided: true })];
      const value = isObject(labels) ? labels.api_master_lb_allowed_cidrs : undefined;
      if (isReference(value))
        return [finding(c.address, "api_master_lb_allowed_cidrs is computed", { undecided: true })];
      const cidrs =
        typeof value === "string"
          ? value
              .split(",")
              .map((s) => s.trim())
              .filter((s) => s !== "")
          : [];
      if (cidrs.length === 0) {
        return [
          finding(c.address, "api_master_lb_allowed_cidrs is not set, so the Kubernetes API admits every address", {
            findingId: "unset",
          }),
        ];
      }
      // Blocks that together cover the Internet (0.0.0.0/1,128.0.0.0/1) admit it as surely as 0.0.0.0/0.
      return cidrsCoverWorld(cidrs)
        ? [
            finding(c.address, `api_master_lb_allowed_cidrs (${cidrs.join(",")}) admits the whole Internet`, {
              findingId: "world",
            }),
          ]
        : [];
    }),
};
