import type { PolicyDocument } from "../document";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { Peer, coversPort, secgroupRules, trafficOf, worldOpenTogether } from "../secgroups";

// SSH, RDP, the Kubernetes API, etcd and the kubelet: each is a way into every node, and each is scanned for
// continuously on the open Internet.
const ADMIN_PORTS: [number, string][] = [
  [22, "SSH"],
  [3389, "RDP"],
  [6443, "the Kubernetes API"],
  [2379, "etcd"],
  [2380, "etcd peers"],
  [10250, "the kubelet"],
];

/** JSH-NET-01: no administrative port is reachable from the whole Internet. */
export const adminPortsNotPublic: PolicyRule = {
  id: "JSH-NET-01",
  title: "SSH, RDP, the Kubernetes API, etcd and the kubelet are never open to the whole Internet",
  explanation:
    "An ingress rule from 0.0.0.0/0, ::/0 or with no remote at all (OpenStack then matches any address) that " +
    "covers 22, 3389, 6443, 2379-2380 or 10250 exposes a login or control plane to every scanner. List the " +
    "networks you administer from instead (JetstreamCluster adminCidrs, the Magnum API's allowed CIDRs). Rules of " +
    "one group that together cover the Internet (0.0.0.0/1 plus 128.0.0.0/1) count as one; a remote that is a " +
    "variable counts as its default, and one without a default or a validation of its prefix cannot be decided. " +
    "A port with port_security_enabled = false has no security groups at all: with a floating IP, every port of " +
    "it is open to the world.",
  level: PolicyLevel.ERROR,
  hard: true,
  check: (doc) => [
    ...secgroupRules(doc)
      .filter((r) => r.direction === "ingress" && r.peer === Peer.UNKNOWN && r.unboundedVariable)
      .filter((r) => ADMIN_PORTS.some(([port]) => coversPort(r, port)))
      .map((r) =>
        finding(r.address, `${trafficOf(r)} from ${r.body.remote_ip_prefix}, which accepts any range`, {
          undecided: true,
          findingId: trafficOf(r),
        }),
      ),
    ...unprotectedPublicPorts(doc).map((address) =>
      finding(address, "port_security_enabled = false on a port with a floating IP opens every port to the world", {
        findingId: "port-security-off",
      }),
    ),
    ...secgroupRules(doc)
      .filter((r) => r.direction === "ingress" && (r.peer === Peer.WORLD || r.peer === Peer.CIDR))
      .flatMap((r, _, ingress) => {
        const exposed = ADMIN_PORTS.filter(([port]) =>
          r.peer === Peer.WORLD ? coversPort(r, port) : worldOpenTogether(ingress, r, port),
        );
        if (exposed.length === 0) return [];
        const what = exposed.map(([port, name]) => `${name} (${port})`).join(", ");
        return [
          finding(r.address, `${trafficOf(r)} from anywhere exposes ${what}; allow only your admin networks`, {
            findingId: trafficOf(r),
          }),
        ];
      }),
  ],
};

// Ports without security groups that a floating IP reaches (its port_id names the port).
function unprotectedPublicPorts(doc: PolicyDocument): string[] {
  const floating = [
    ...doc.resources("openstack_networking_floatingip_v2"),
    ...doc.resources("openstack_networking_floatingip_associate_v2"),
  ];
  return doc
    .resources("openstack_networking_port_v2")
    .filter((p) => p.body.port_security_enabled === false || p.body.port_security_enabled === "false")
    .filter((p) =>
      floating.some(
        (f) =>
          typeof f.body.port_id === "string" && f.body.port_id.includes(`${p.address.replace(/^resource\./, "")}.`),
      ),
    )
    .map((p) => p.address);
}
