import { PolicyLevel, PolicyRule, finding } from "../rule";

/** JSH-SEC-02: VMs are reached with keys, never with a root password set by Terraform. */
export const noAdminPassword: PolicyRule = {
  id: "JSH-SEC-02",
  title: "No instance sets admin_pass",
  explanation:
    "admin_pass is stored in the state and readable by anyone with it; log in with an SSH key pair instead " +
    "(JetstreamCluster keyPair).",
  level: PolicyLevel.ERROR,
  hard: true,
  check: (doc) =>
    doc
      .resources("openstack_compute_instance_v2")
      .filter((i) => i.body.admin_pass !== undefined && i.body.admin_pass !== null && i.body.admin_pass !== "")
      .map((i) => finding(i.address, "admin_pass is set; use an SSH key pair")),
};
