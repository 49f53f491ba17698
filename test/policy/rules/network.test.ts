import { TerraformStack } from "cdktf";
import { ClusterKeyPair, JetstreamCluster, JetstreamFlavor, Protocol } from "../../../lib";
import { NetworkingSecgroupRuleV2 } from "../../../lib/imports/openstack/networking-secgroup-rule-v2";
import { NetworkingSecgroupV2 } from "../../../lib/imports/openstack/networking-secgroup-v2";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_PUBLIC_KEY } from "../../../examples/settings";
import { DataOpenstackNetworkingSubnetV2 } from "../../../lib/imports/openstack/data-openstack-networking-subnet-v2";
import { ComputeInstanceV2 } from "../../../lib/imports/openstack/compute-instance-v2";
import {
  check,
  compliantZ2jhValues,
  findingsOf,
  magnumCluster,
  openWithPrefix,
  tljhHost,
  z2jhRelease,
} from "../../support/policy";

// A cluster with everything the network rules look at: SSH from an admin network, world 80/443, an extra rule.
function cluster(stack: TerraformStack): JetstreamCluster {
  return new JetstreamCluster(stack, "Lab", {
    name: "lab",
    adminCidrs: [EXAMPLE_ADMIN_CIDR, "2001:db8::/48"],
    keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
    nodeGroups: [
      {
        name: "k8s",
        flavor: JetstreamFlavor.M3_QUAD,
        floatingIp: true,
        webAccess: true,
        ingressRules: [
          { description: "Kubernetes API from admins", fromPort: 6443, cidrs: [EXAMPLE_ADMIN_CIDR] },
          { description: "ping from campus", protocol: Protocol.ICMP, cidrs: ["192.0.2.0/24"] },
        ],
      },
    ],
  });
}

// A raw ingress rule, as an escape hatch or hand-written resource would make it.
function rule(stack: TerraformStack, id: string, body: Record<string, unknown>): NetworkingSecgroupRuleV2 {
  const sg =
    (stack.node.tryFindChild("Sg") as NetworkingSecgroupV2) ??
    new NetworkingSecgroupV2(stack, "Sg", { name: "sg", description: "test", deleteDefaultRules: true });
  return new NetworkingSecgroupRuleV2(stack, id, {
    direction: "ingress",
    ethertype: "IPv4",
    securityGroupId: sg.id,
    ...body,
  });
}

describe("network rules", () => {
  test("a JetstreamCluster with SSH, web access and extra rules passes every network rule", () => {
    expect(openWithPrefix(check(cluster), "JSH-NET-")).toEqual([]);
  });

  describe("JSH-NET-01 admin ports never world-open", () => {
    test("flags SSH opened to the world through an override of the cluster's SSH rule", () => {
      const found = findingsOf("JSH-NET-01", (stack) => {
        const c = cluster(stack);
        const sshRule = c.node.findChild("SshRule0Cidr0") as NetworkingSecgroupRuleV2;
        sshRule.addOverride("remote_ip_prefix", "0.0.0.0/0");
      });
      expect(found).toEqual(["JSH-NET-01[tcp/22]"]);
    });

    test.each([
      ["no remote at all", { protocol: "tcp", portRangeMin: 6443, portRangeMax: 6443 }, "tcp/6443"],
      [
        "::/0",
        { ethertype: "IPv6", protocol: "tcp", portRangeMin: 10250, portRangeMax: 10250, remoteIpPrefix: "::/0" },
        "tcp/10250",
      ],
      [
        "a range covering etcd",
        { protocol: "tcp", portRangeMin: 2000, portRangeMax: 3000, remoteIpPrefix: "0.0.0.0/0" },
        "tcp/2000-3000",
      ],
      ["all protocols", { remoteIpPrefix: "0.0.0.0/0" }, "any"],
      [
        "RDP over numbered protocol 6",
        { protocol: "6", portRangeMin: 3389, portRangeMax: 3389, remoteIpPrefix: "0.0.0.0/0" },
        "tcp/3389",
      ],
    ])("flags %s", (_, body, id) => {
      expect(findingsOf("JSH-NET-01", (stack) => rule(stack, "R", body))).toEqual([`JSH-NET-01[${id}]`]);
    });

    test("leaves ICMP and non-admin ports alone", () => {
      const found = findingsOf("JSH-NET-01", (stack) => {
        rule(stack, "Ping", { protocol: "icmp", remoteIpPrefix: "0.0.0.0/0" });
        rule(stack, "Web", { protocol: "tcp", portRangeMin: 8000, portRangeMax: 8999, remoteIpPrefix: "0.0.0.0/0" });
      });
      expect(found).toEqual([]);
    });
  });

  describe("JSH-NET-02 only web ports world-open", () => {
    test.each([
      [
        "Jupyter directly",
        { protocol: "tcp", portRangeMin: 8888, portRangeMax: 8888, remoteIpPrefix: "0.0.0.0/0" },
        "tcp/8888",
      ],
      ["ping", { protocol: "icmp", remoteIpPrefix: "0.0.0.0/0" }, "icmp"],
      [
        "80-443 as one range",
        { protocol: "tcp", portRangeMin: 80, portRangeMax: 443, remoteIpPrefix: "0.0.0.0/0" },
        "tcp/80-443",
      ],
      ["udp 443", { protocol: "udp", portRangeMin: 443, portRangeMax: 443, remoteIpPrefix: "0.0.0.0/0" }, "udp/443"],
    ])("flags %s", (_, body, id) => {
      expect(findingsOf("JSH-NET-02", (stack) => rule(stack, "R", body))).toEqual([`JSH-NET-02[${id}]`]);
    });

    test("leaves a rule that JSH-NET-01 already reports to it", () => {
      expect(findingsOf("JSH-NET-02", (stack) => rule(stack, "R", { remoteIpPrefix: "0.0.0.0/0" }))).toEqual([]);
    });
  });

  describe("JSH-NET-03 all-protocol ingress only from the own group", () => {
    test("flags every port from an address range", () => {
      const found = findingsOf("JSH-NET-03", (stack) =>
        rule(stack, "R", { protocol: "tcp", remoteIpPrefix: "10.0.0.0/8" }),
      );
      expect(found).toEqual(["JSH-NET-03[tcp/all]"]);
    });

    test("flags every protocol from another group", () => {
      const found = findingsOf("JSH-NET-03", (stack) => rule(stack, "R", { remoteGroupId: "other-group" }));
      expect(found).toEqual(["JSH-NET-03[any]"]);
    });

    test("flags port 0 (OpenStack's 'every port')", () => {
      const found = findingsOf("JSH-NET-03", (stack) =>
        rule(stack, "R", { protocol: "udp", portRangeMin: 0, portRangeMax: 0, remoteIpPrefix: "192.0.2.0/24" }),
      );
      expect(found).toEqual(["JSH-NET-03[udp/all]"]);
    });
  });

  describe("JSH-NET-04 security groups own their rules", () => {
    test("flags a group without description or delete_default_rules", () => {
      const found = findingsOf("JSH-NET-04", (stack) => new NetworkingSecgroupV2(stack, "Sg", { name: "sg" }));
      expect(found).toEqual(["JSH-NET-04[description]", "JSH-NET-04[default-rules]"]);
    });
  });

  describe("JSH-NET-05 world egress explained", () => {
    test("flags an egress rule to anywhere without a description", () => {
      const found = findingsOf("JSH-NET-05", (stack) => rule(stack, "R", { direction: "egress" }));
      expect(found).toEqual(["JSH-NET-05"]);
    });
  });

  describe("JSH-NET-06 Magnum API restricted", () => {
    test("a cluster with admin CIDRs complies", () => {
      expect(findingsOf("JSH-NET-06", (stack) => magnumCluster(stack))).toEqual([]);
    });

    test.each([
      ["unset", { api_master_lb_allowed_cidrs: "" }, "JSH-NET-06[unset]"],
      ["world among others", { api_master_lb_allowed_cidrs: "198.51.100.0/24, 0.0.0.0/0" }, "JSH-NET-06[world]"],
    ])("flags %s", (_, labels, expected) => {
      expect(findingsOf("JSH-NET-06", (stack) => magnumCluster(stack, labels))).toEqual([expected]);
    });
  });

  describe("JSH-NET-09 hub address reserved", () => {
    test("a release with loadBalancerIP complies", () => {
      expect(findingsOf("JSH-NET-09", (stack) => z2jhRelease(stack))).toEqual([]);
    });

    test("flags a LoadBalancer service without a reserved address", () => {
      const values = compliantZ2jhValues();
      delete values.proxy.service;
      expect(findingsOf("JSH-NET-09", (stack) => z2jhRelease(stack, { values }))).toEqual(["JSH-NET-09"]);
    });

    test("accepts a hub behind an ingress", () => {
      const values = {
        ...compliantZ2jhValues(),
        proxy: { service: { type: "ClusterIP" } },
        ingress: { enabled: true },
      };
      expect(findingsOf("JSH-NET-09", (stack) => z2jhRelease(stack, { values }))).toEqual([]);
    });
  });

  test("JSH-NET-10 flags the NFS port open to the subnet of a network other VMs share", () => {
    const found = findingsOf("JSH-NET-10", (stack) => {
      const subnet = new DataOpenstackNetworkingSubnetV2(stack, "Subnet", { networkId: "auto" });
      rule(stack, "Nfs", { protocol: "tcp", portRangeMin: 2049, portRangeMax: 2049, remoteIpPrefix: subnet.cidr });
      rule(stack, "Own", { protocol: "tcp", portRangeMin: 2049, portRangeMax: 2049, remoteIpPrefix: "10.42.0.0/24" });
    });
    expect(found).toEqual(["JSH-NET-10[shared-network]"]);
  });

  test("JSH-NET-11 flags a TLJH VM in an all-ports group with another VM", () => {
    const found = findingsOf("JSH-NET-11", (stack) => {
      const shared = new NetworkingSecgroupV2(stack, "Shared", {
        name: "shared",
        description: "t",
        deleteDefaultRules: true,
      });
      new NetworkingSecgroupRuleV2(stack, "All", {
        direction: "ingress",
        ethertype: "IPv4",
        securityGroupId: shared.id,
        remoteGroupId: shared.id,
      });
      tljhHost(stack).securityGroups = [shared.name];
      new ComputeInstanceV2(stack, "Worker", { name: "worker", flavorName: "m3.quad", securityGroups: [shared.name] });
    });
    expect(found).toEqual(["JSH-NET-11[peer-group]"]);
  });
});
