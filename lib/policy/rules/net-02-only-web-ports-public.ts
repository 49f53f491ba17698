import { PolicyLevel, PolicyRule, finding } from "../rule";
import { Peer, secgroupRules, trafficOf } from "../secgroups";
import { adminPortsNotPublic } from "./net-01-admin-ports-not-public";

/** JSH-NET-02: only HTTP and HTTPS are open to the whole Internet. */
export const onlyWebPortsPublic: PolicyRule = {
  id: "JSH-NET-02",
  title: "Only TCP 80 and 443 are open to the whole Internet",
  explanation:
    "A public hub needs 443, and 80 for the Let's Encrypt HTTP challenge and the redirect to HTTPS; nothing " +
    "else should face every address. Serve other services through the hub's proxy, or restrict the rule to the " +
    "networks that need it. A deliberate extra public service (a gateway API on 8443, say) is acknowledged with " +
    "its finding id, e.g. JSH-NET-02[tcp/8443].",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) => {
    const reportedByNet01 = new Set(adminPortsNotPublic.check(doc).map((f) => f.address));
    return secgroupRules(doc)
      .filter((r) => r.direction === "ingress" && r.peer === Peer.WORLD && !reportedByNet01.has(r.address))
      .filter((r) => !(r.protocol === "tcp" && r.fromPort === r.toPort && (r.fromPort === 80 || r.fromPort === 443)))
      .map((r) =>
        finding(r.address, `${trafficOf(r)} is open to the whole Internet; only tcp/80 and tcp/443 should be`, {
          findingId: trafficOf(r),
        }),
      );
  },
};
