import { PolicyLevel, PolicyRule, finding } from "../rule";
import { Peer, secgroupRules, trafficOf } from "../secgroups";
import { isReference } from "../values";

// A port from a token (`"${var.port}"`) is not a missing port: whether the rule names one is known at deploy time.
const portsComputed = (body: any) => isReference(body.port_range_min) || isReference(body.port_range_max);

/** JSH-NET-03: "every protocol, every port" is allowed only between members of the same group. */
export const noOpenProtocolRules: PolicyRule = {
  id: "JSH-NET-03",
  title: "All-protocol or all-port ingress comes only from the rule's own security group",
  explanation:
    "A rule without a protocol, or a TCP/UDP rule without ports, admits everything. That is right for traffic " +
    "between the nodes of one cluster (remote group = the group itself) and wrong from an address range or " +
    "another group: name the ports. World-open rules of this kind are JSH-NET-01's.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    secgroupRules(doc)
      .filter((r) => r.direction === "ingress" && (r.peer === Peer.CIDR || r.peer === Peer.GROUP))
      .filter((r) => (r.protocol === "" || r.protocol === "tcp" || r.protocol === "udp") && r.fromPort === undefined)
      .filter((r) => !r.peerIsOwnGroup)
      .map((r) =>
        finding(
          r.address,
          `${trafficOf(r)} is allowed from ${r.body.remote_ip_prefix ?? r.body.remote_group_id}; name the ports`,
          portsComputed(r.body) ? { findingId: trafficOf(r), undecided: true } : { findingId: trafficOf(r) },
        ),
      ),
};
