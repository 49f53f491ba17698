import { PolicyLevel, PolicyRule, finding } from "../rule";

/** JSH-NET-04: security groups are described and hold only the rules Terraform manages. */
export const securityGroupsOwnTheirRules: PolicyRule = {
  id: "JSH-NET-04",
  title: "Every security group has a description and delete_default_rules",
  explanation:
    "OpenStack adds allow-all egress rules to a new group unless delete_default_rules is set; Terraform does " +
    "not manage them, so the group silently allows more than its code says. A description tells the next " +
    "admin in Horizon what the group is for.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    doc.resources("openstack_networking_secgroup_v2").flatMap((g) => [
      ...(typeof g.body.description === "string" && g.body.description.trim() !== ""
        ? []
        : [finding(g.address, "the security group has no description", { findingId: "description" })]),
      ...(g.body.delete_default_rules === true
        ? []
        : [
            finding(g.address, "delete_default_rules is not set, so OpenStack's unmanaged egress rules stay", {
              findingId: "default-rules",
            }),
          ]),
    ]),
};
