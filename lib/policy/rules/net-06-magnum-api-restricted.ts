import { parseCidr } from "../../core/network-address";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { isObject, isReference } from "../values";

/** JSH-NET-06: a Magnum cluster's API load balancer admits only listed networks. */
export const magnumApiRestricted: PolicyRule = {
  id: "JSH-NET-06",
  title: "Magnum clusters set the api_master_lb_allowed_cidrs label, without 0.0.0.0/0",
  explanation:
    "The Cluster API driver gives the Kubernetes API a public load balancer and, with the label unset, admits " +
    "every address. Set the label to your admin networks (comma-separated CIDRs) and the address the hub " +
    "stack's Terraform runs from.",
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
      const world = cidrs.filter((cidr) => parseCidr(cidr)?.prefix === 0);
      return world.length > 0
        ? [finding(c.address, `api_master_lb_allowed_cidrs includes ${world.join(", ")}`, { findingId: "world" })]
        : [];
    }),
};
