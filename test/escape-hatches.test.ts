import { JetstreamCluster, JetstreamFlavor, openstack } from "../lib";
import { bodies, newStack, synth } from "./support/synth";

describe("escape hatches", () => {
  test("the raw OpenStack bindings are exported as a namespace and synthesize beside the constructs", () => {
    // GIVEN a cluster, and a resource the library has no construct for, made from the raw bindings
    const stack = newStack();
    const cluster = new JetstreamCluster(stack, "Cluster", {
      name: "lab",
      nodeGroups: [{ name: "web", flavor: JetstreamFlavor.M3_SMALL }],
    });
    new openstack.networkingSecgroupRuleV2.NetworkingSecgroupRuleV2(stack, "Monitoring", {
      direction: "ingress",
      ethertype: "IPv4",
      protocol: "tcp",
      portRangeMin: 9100,
      portRangeMax: 9100,
      remoteIpPrefix: "198.51.100.0/24",
      securityGroupId: cluster.internalSecurityGroup.id,
      description: "node exporter from the monitoring network",
    });
    // THEN it lands in the same plan, wired to the construct's security group
    const rule = bodies(synth(stack), "openstack_networking_secgroup_rule_v2").find((r) => r.port_range_min === 9100);
    expect(rule.security_group_id).toMatch(
      /^\$\{openstack_networking_secgroup_v2\.Cluster_InternalSecurityGroup_.*\.id\}$/,
    );
  });
});
