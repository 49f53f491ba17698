import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at } from "../values";

/** JSH-HUB-02: user code cannot read the cloud's metadata service. */
export const cloudMetadataBlocked: PolicyRule = {
  id: "JSH-HUB-02",
  title: "Singleuser pods cannot reach the metadata service (169.254.169.254)",
  explanation:
    "The metadata service hands out the node's user data and, on some clouds, credentials. The chart blocks it " +
    "twice: a network policy egress rule and an iptables rule in an init container. Allowing metadata egress " +
    "is never acceptable (hard); turning the iptables block off is acceptable only where network policies " +
    "are enforced (Magnum's Calico does).",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const found = [];
      if (at(r.values, "singleuser.networkPolicy.egressAllowRules.cloudMetadataServer") === true) {
        found.push(
          finding(r.address, "singleuser network policy allows the metadata server", {
            findingId: "metadata-egress",
            hard: true,
          }),
        );
      }
      if (at(r.values, "singleuser.cloudMetadata.blockWithIptables") === false) {
        const netpol = at(r.values, "singleuser.networkPolicy.enabled") !== false;
        found.push(
          finding(
            r.address,
            netpol
              ? "blockWithIptables is off: only the network policy blocks the metadata server"
              : "blockWithIptables is off and the singleuser network policy is disabled: nothing blocks the metadata server",
            { findingId: "iptables", level: netpol ? PolicyLevel.WARNING : PolicyLevel.ERROR },
          ),
        );
      }
      return found;
    }),
};
