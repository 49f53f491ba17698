import { PolicyLevel, PolicyRule, finding } from "../rule";
import { Peer, coversPort, secgroupRules, trafficOf } from "../secgroups";

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
    "networks you administer from instead (JetstreamCluster adminCidrs, the Magnum API's allowed CIDRs).",
  level: PolicyLevel.ERROR,
  hard: true,
  check: (doc) =>
    secgroupRules(doc)
      .filter((r) => r.direction === "ingress" && r.peer === Peer.WORLD)
      .flatMap((r) => {
        const exposed = ADMIN_PORTS.filter(([port]) => coversPort(r, port));
        if (exposed.length === 0) return [];
        const what = exposed.map(([port, name]) => `${name} (${port})`).join(", ");
        return [
          finding(r.address, `${trafficOf(r)} from anywhere exposes ${what}; allow only your admin networks`, {
            findingId: trafficOf(r),
          }),
        ];
      }),
};
