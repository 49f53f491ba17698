import { PolicyLevel, PolicyRule, finding } from "../rule";
import { Peer, coversPort, secgroupRules } from "../secgroups";

/** The NFS port (NFSv4 needs nothing else). */
const NFS_PORT = 2049;

/** JSH-NET-10: the NFS port that serves every home is open only to the cluster's nodes. */
export const nfsClientsOnly: PolicyRule = {
  id: "JSH-NET-10",
  title: "The NFS port (2049) is open only to the cluster's nodes: their security group, or a subnet made for them",
  explanation:
    "The home export holds every user's files. Opened to the subnet of a network this configuration does not " +
    "create (Jetstream2's auto_allocated_network, shared by every VM of the allocation), any VM's root, and every " +
    "TLJH admin has sudo, can mount all homes. Open it to the Kubernetes nodes' security group (the self-managed " +
    "engine does), or give a Magnum cluster a network of its own (ClusterNetwork.create); acknowledge only where " +
    "every VM on that network is trusted with every home. A warning, not an error: a Magnum cluster already on " +
    "the shared network can only move to a new one by being replaced.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    secgroupRules(doc)
      .filter((r) => r.direction === "ingress" && r.peer !== Peer.GROUP && coversPort(r, NFS_PORT))
      .filter(
        (r) =>
          typeof r.body.remote_ip_prefix === "string" &&
          /\$\{data\.openstack_networking_subnet_v2\./.test(r.body.remote_ip_prefix),
      )
      .map((r) =>
        finding(r.address, `NFS is open to ${r.body.remote_ip_prefix}, the subnet of a network other VMs share`, {
          findingId: "shared-network",
        }),
      ),
};
