import { PolicyLevel, PolicyRule, finding } from "../rule";
import { secgroupRules } from "../secgroups";
import { asList, isObject } from "../values";

// A group reference by id (ports, rules) or by name (instances) names the same group: key both by the resource.
function groupKey(ref: unknown): string {
  const m = /^\$\{openstack_networking_secgroup_v2\.([^.}]+)\.(?:id|name)\}$/.exec(String(ref));
  return m ? m[1] : String(ref);
}

/** JSH-NET-11: a TLJH VM shares no all-ports security group with other VMs. */
export const hubVmApart: PolicyRule = {
  id: "JSH-NET-11",
  title: "A TLJH VM is in no security group that admits every port from its other members",
  explanation:
    "Every TLJH admin has root on the hub VM. In a group whose rule admits any traffic from the group itself " +
    "(a cluster's internal group), that root reaches every port of every other member (a Kubernetes node's " +
    "kubelet, an NFS server) and they reach it. Give the hub VM its own groups (SingleServerHub does: node group " +
    "peerAccess false) and open only the ports another VM needs.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) => {
    // Groups whose ingress admits every port from the group's own members.
    const allPorts = new Set(
      secgroupRules(doc)
        .filter((r) => r.direction === "ingress" && r.peerIsOwnGroup && r.fromPort === undefined && r.protocol === "")
        .map((r) => groupKey(r.body.security_group_id)),
    );
    const ports = doc.resources("openstack_networking_port_v2");
    const groupsOfPort = (ref: unknown) =>
      asList(ports.find((p) => ref === `\${openstack_networking_port_v2.${p.name}.id}`)?.body.security_group_ids);
    const groupsOf = (body: any): string[] =>
      [
        ...asList(body.security_groups),
        ...asList(body.network)
          .filter(isObject)
          .flatMap((n) => groupsOfPort(n.port)),
      ].map(groupKey);
    const instances = doc.resources("openstack_compute_instance_v2");
    return doc.tljhHosts().flatMap((host) => {
      const shared = groupsOf(host.body).filter(
        (g) => allPorts.has(g) && instances.some((i) => i.address !== host.address && groupsOf(i.body).includes(g)),
      );
      return shared.map((g) =>
        finding(host.address, `the hub VM shares the all-ports group ${g} with other VMs`, { findingId: "peer-group" }),
      );
    });
  },
};
