import { PolicyLevel, PolicyRule, finding } from "../rule";

/** JSH-TLJH-03: TLJH users cannot read the VM's metadata and user data. */
export const tljhMetadataBlocked: PolicyRule = {
  id: "JSH-TLJH-03",
  title: "TLJH VMs block the metadata service (169.254.169.254) for everyone but root",
  explanation:
    "Every TLJH user is a Unix account with a shell; the metadata service would show them the VM's user data. " +
    "Add an early (bootcmd) firewall rule that rejects 169.254.169.254 for non-root users.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    doc
      .tljhHosts()
      .filter((h) => !h.commands.some((c) => c.includes("169.254.169.254") && /iptables|nft/.test(c)))
      .map((h) => finding(h.address, "no firewall rule keeps users away from 169.254.169.254")),
};
