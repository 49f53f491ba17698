import { TerraformOutput, TerraformStack } from "cdktf";
import {
  ClusterKeyPair,
  ClusterNetwork,
  JetstreamCluster,
  JetstreamClusterProps,
  JetstreamFlavor,
  JetstreamImage,
  JetstreamResource,
  NodeGroupOptions,
  Protocol,
} from "../../lib";
import { bodies, newStack, resources, synth } from "../support/synth";

const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleExampleExampleExampleExampleExample0 me@laptop";
const small = (extra: Partial<NodeGroupOptions> = {}): NodeGroupOptions => ({
  name: "web",
  flavor: JetstreamFlavor.M3_SMALL,
  ...extra,
});

function build(props: JetstreamClusterProps = {}): { stack: TerraformStack; cluster: JetstreamCluster } {
  const stack = newStack();
  const cluster = new JetstreamCluster(stack, "Cluster", { name: "lab", ...props });
  return { stack, cluster };
}

const rules = (doc: any) => bodies(doc, "openstack_networking_secgroup_rule_v2");
const groupsByName = (doc: any) =>
  Object.fromEntries(resources(doc, "openstack_networking_secgroup_v2").map(([id, b]) => [b.name, id]));

describe("JetstreamCluster", () => {
  describe("network", () => {
    test("reuses the allocation's auto_allocated_network by default, creating no network or router", () => {
      const { stack } = build({ nodeGroups: [small()] });
      const doc = synth(stack);
      expect(Object.values(doc.data.openstack_networking_network_v2)).toEqual([
        expect.objectContaining({ name: "auto_allocated_network" }),
      ]);
      expect(doc.resource.openstack_networking_network_v2).toBeUndefined();
      expect(doc.resource.openstack_networking_router_v2).toBeUndefined();
    });

    test("creates network, subnet and a router to the external network 'public' when asked", () => {
      const { stack, cluster } = build({
        allocation: "cis230085",
        network: ClusterNetwork.create({ cidr: "10.42.0.0/24" }),
      });
      const doc = synth(stack);
      expect(bodies(doc, "openstack_networking_network_v2")).toEqual([
        expect.objectContaining({ name: "lab", dns_domain: "cis230085.projects.jetstream-cloud.org." }),
      ]);
      expect(bodies(doc, "openstack_networking_subnet_v2")).toEqual([
        expect.objectContaining({ cidr: "10.42.0.0/24", ip_version: 4 }),
      ]);
      expect(Object.values(doc.data.openstack_networking_network_v2)).toEqual([
        expect.objectContaining({ name: "public", external: true }),
      ]);
      expect(bodies(doc, "openstack_networking_router_v2")[0].external_network_id).toMatch(
        /data.openstack_networking_network_v2/,
      );
      expect(bodies(doc, "openstack_networking_router_interface_v2")).toHaveLength(1);
      expect(cluster.subnetCidr).toBeDefined();
    });

    test("uses an existing network by name or by id", () => {
      const byName = synth(build({ network: ClusterNetwork.fromName("gateway-net") }).stack);
      expect(Object.values(byName.data.openstack_networking_network_v2)).toEqual([
        expect.objectContaining({ name: "gateway-net" }),
      ]);
      const { stack } = build({
        network: ClusterNetwork.fromId("6c1c0fe4-1a3e-4a3c-8e5f-2d3f1e2a9b7c"),
        nodeGroups: [small()],
      });
      const byId = synth(stack);
      expect(byId.data).toBeUndefined();
      expect(bodies(byId, "openstack_networking_port_v2")[0].network_id).toBe("6c1c0fe4-1a3e-4a3c-8e5f-2d3f1e2a9b7c");
    });
  });

  describe("security groups", () => {
    test("the internal group owns its rules: node-to-node from itself, explicit egress, nothing world-open", () => {
      const doc = synth(build({ nodeGroups: [small()] }).stack);
      const groups = bodies(doc, "openstack_networking_secgroup_v2");
      expect(groups).toEqual([
        expect.objectContaining({ name: "lab-internal", delete_default_rules: true, description: expect.any(String) }),
      ]);
      const all = rules(doc);
      expect(all.filter((r) => r.direction === "ingress")).toEqual([
        expect.objectContaining({ ethertype: "IPv4", remote_group_id: expect.stringMatching(/secgroup_v2.*\.id/) }),
        expect.objectContaining({ ethertype: "IPv6", remote_group_id: expect.stringMatching(/secgroup_v2.*\.id/) }),
      ]);
      expect(all.filter((r) => r.direction === "egress").map((r) => r.ethertype)).toEqual(["IPv4", "IPv6"]);
      expect(all.some((r) => r.remote_ip_prefix !== undefined)).toBe(false);
    });

    test("SSH is open only to adminCidrs, one rule per block, with the right ethertype", () => {
      const { stack } = build({
        adminCidrs: ["198.51.100.0/24", "2001:db8::/48"],
        keyPair: ClusterKeyPair.fromPublicKey(PUBLIC_KEY),
        nodeGroups: [small()],
      });
      const doc = synth(stack);
      const ssh = rules(doc).filter((r) => r.port_range_min === 22);
      expect(ssh).toEqual([
        expect.objectContaining({
          direction: "ingress",
          protocol: "tcp",
          port_range_max: 22,
          remote_ip_prefix: "198.51.100.0/24",
          ethertype: "IPv4",
        }),
        expect.objectContaining({ remote_ip_prefix: "2001:db8::/48", ethertype: "IPv6" }),
      ]);
      const ids = groupsByName(doc);
      expect(bodies(doc, "openstack_networking_port_v2")[0].security_group_ids).toEqual([
        `\${openstack_networking_secgroup_v2.${ids["lab-internal"]}.id}`,
        `\${openstack_networking_secgroup_v2.${ids["lab-ssh"]}.id}`,
      ]);
    });

    test("a group with ssh: false does not get the SSH group", () => {
      const { stack } = build({ adminCidrs: ["198.51.100.7/32"], nodeGroups: [small({ ssh: false })] });
      const doc = synth(stack);
      expect(bodies(doc, "openstack_networking_port_v2")[0].security_group_ids).toHaveLength(1);
    });

    test("webAccess opens exactly 80 and 443 to the world, on that group only", () => {
      const { stack } = build({
        nodeGroups: [small({ webAccess: true }), { name: "worker", flavor: JetstreamFlavor.M3_QUAD }],
      });
      const doc = synth(stack);
      const world = rules(doc).filter((r) => r.remote_ip_prefix === "0.0.0.0/0" || r.remote_ip_prefix === "::/0");
      expect(world.map((r) => [r.port_range_min, r.port_range_max, r.ethertype]).sort()).toEqual([
        [443, 443, "IPv4"],
        [443, 443, "IPv6"],
        [80, 80, "IPv4"],
        [80, 80, "IPv6"],
      ]);
      const [web, worker] = bodies(doc, "openstack_networking_port_v2");
      expect(web.security_group_ids).toHaveLength(2);
      expect(worker.security_group_ids).toHaveLength(1);
    });

    test("extra ingress rules get a security group of their own", () => {
      const { stack, cluster } = build({
        nodeGroups: [
          small({
            name: "api",
            ingressRules: [
              { description: "Kubernetes API", fromPort: 6443, cidrs: ["198.51.100.0/24"] },
              { description: "ping", protocol: Protocol.ICMP, cidrs: ["198.51.100.0/24"] },
            ],
          }),
        ],
      });
      const doc = synth(stack);
      expect(groupsByName(doc)["lab-api"]).toBeDefined();
      expect(rules(doc).filter((r) => r.description === "Kubernetes API")).toEqual([
        expect.objectContaining({
          port_range_min: 6443,
          port_range_max: 6443,
          protocol: "tcp",
          remote_ip_prefix: "198.51.100.0/24",
        }),
      ]);
      expect(rules(doc).find((r) => r.description === "ping")).toMatchObject({ protocol: "icmp" });
      expect(cluster.securityGroupIds).toHaveLength(2);
    });
  });

  describe("nodes", () => {
    test("each VM gets a port carrying its security groups, and ignores later user data, image and key changes", () => {
      const { stack, cluster } = build({
        keyPair: ClusterKeyPair.fromPublicKey(PUBLIC_KEY),
        nodeGroups: [small({ userData: "#cloud-config\n{}\n" })],
      });
      const doc = synth(stack);
      const [[portId]] = resources(doc, "openstack_networking_port_v2");
      const [vm] = bodies(doc, "openstack_compute_instance_v2");
      expect(vm).toMatchObject({
        name: "lab-web",
        flavor_name: "m3.small",
        image_name: "Featured-Ubuntu24",
        user_data: "#cloud-config\n{}\n",
        key_pair: expect.stringMatching(/openstack_compute_keypair_v2\..*\.name/),
        network: [{ port: `\${openstack_networking_port_v2.${portId}.id}` }],
        lifecycle: { ignore_changes: ["user_data", "image_name", "image_id", "key_pair"] },
      });
      expect(vm.security_groups).toBeUndefined();
      // The construct path is the Terraform address: part of the contract.
      expect(cluster.nodeGroup("web").nodes[0].instance.node.path).toBe("test/Cluster/Group-web/Node1/Resource");
    });

    test("count makes numbered VMs; a single VM keeps the group name", () => {
      const { stack, cluster } = build({
        nodeGroups: [small(), { name: "worker", flavor: JetstreamFlavor.M3_QUAD, count: 3 }],
      });
      const doc = synth(stack);
      expect(bodies(doc, "openstack_compute_instance_v2").map((b) => b.name)).toEqual([
        "lab-web",
        "lab-worker-1",
        "lab-worker-2",
        "lab-worker-3",
      ]);
      expect(cluster.nodeGroup("worker").privateIps).toHaveLength(3);
      expect(cluster.nodeGroups.map((g) => g.groupName)).toEqual(["web", "worker"]);
    });

    test("an image by id is booted by id", () => {
      const { stack } = build({
        nodeGroups: [small({ image: JetstreamImage.fromId("2d56f33a-713c-488a-b65f-47b625d832cd") })],
      });
      const [vm] = bodies(synth(stack), "openstack_compute_instance_v2");
      expect(vm.image_id).toBe("2d56f33a-713c-488a-b65f-47b625d832cd");
      expect(vm.image_name).toBeUndefined();
    });

    test("a floating IP from the 'public' pool is associated with the VM's port", () => {
      const { stack, cluster } = build({ allocation: "cis230085", nodeGroups: [small({ floatingIp: true })] });
      const doc = synth(stack);
      const [[portId]] = resources(doc, "openstack_networking_port_v2");
      const [[fipId, fip]] = resources(doc, "openstack_networking_floatingip_v2");
      expect(fip.pool).toBe("public");
      expect(bodies(doc, "openstack_networking_floatingip_associate_v2")).toEqual([
        expect.objectContaining({
          floating_ip: `\${openstack_networking_floatingip_v2.${fipId}.address}`,
          port_id: `\${openstack_networking_port_v2.${portId}.id}`,
        }),
      ]);
      const node = cluster.nodeGroup("web").nodes[0];
      expect(cluster.dnsNameOf(node)).toBe("lab-web.cis230085.projects.jetstream-cloud.org");
      expect(cluster.nodeGroup("web").publicIps).toHaveLength(1);
    });

    test("only public VMs on the auto-allocated network, with an allocation, get a Jetstream2 DNS name", () => {
      const noAlloc = build({ nodeGroups: [small({ floatingIp: true })] }).cluster;
      expect(noAlloc.dnsNameOf(noAlloc.nodeGroup("web").nodes[0])).toBeUndefined();
      const priv = build({ allocation: "cis230085", nodeGroups: [small()] }).cluster;
      expect(priv.dnsNameOf(priv.nodeGroup("web").nodes[0])).toBeUndefined();
      const own = build({
        allocation: "cis230085",
        network: ClusterNetwork.create({ cidr: "10.1.0.0/24" }),
        nodeGroups: [small({ floatingIp: true })],
      }).cluster;
      expect(own.dnsNameOf(own.nodeGroup("web").nodes[0])).toBeUndefined();
    });

    test("volumes are protected from destruction and attached by a separate resource", () => {
      const { stack, cluster } = build({
        nodeGroups: [small({ volumes: [{ name: "home", sizeGiB: 200, volumeType: "ceph" }] })],
      });
      const doc = synth(stack);
      const [[volId, vol]] = resources(doc, "openstack_blockstorage_volume_v3");
      expect(vol).toMatchObject({
        name: "lab-web-home",
        size: 200,
        volume_type: "ceph",
        enable_online_resize: true,
        lifecycle: { prevent_destroy: true },
      });
      const [[vmId]] = resources(doc, "openstack_compute_instance_v2");
      expect(bodies(doc, "openstack_compute_volume_attach_v2")).toEqual([
        expect.objectContaining({
          instance_id: `\${openstack_compute_instance_v2.${vmId}.id}`,
          volume_id: `\${openstack_blockstorage_volume_v3.${volId}.id}`,
        }),
      ]);
      // The serial the VM sees is the volume id's first 20 characters, known only after apply.
      new TerraformOutput(stack, "serial", { value: cluster.nodeGroup("web").nodes[0].volume("home").deviceSerial });
      expect(synth(stack).output.serial.value).toBe(`\${substr(openstack_blockstorage_volume_v3.${volId}.id, 0, 20)}`);
    });

    test("a key pair is registered from a public key, or referenced by name; never generated", () => {
      const created = synth(build({ keyPair: ClusterKeyPair.fromPublicKey(PUBLIC_KEY) }).stack);
      expect(bodies(created, "openstack_compute_keypair_v2")).toEqual([
        expect.objectContaining({ name: "lab", public_key: PUBLIC_KEY }),
      ]);
      const { stack, cluster } = build({ keyPair: ClusterKeyPair.fromName("my-laptop"), nodeGroups: [small()] });
      const named = synth(stack);
      expect(named.resource.openstack_compute_keypair_v2).toBeUndefined();
      expect(bodies(named, "openstack_compute_instance_v2")[0].key_pair).toBe("my-laptop");
      expect(cluster.keyPairName).toBe("my-laptop");
    });

    test("addOverride on a public child reaches the synthesized JSON (escape hatch)", () => {
      const { stack, cluster } = build({ nodeGroups: [small()] });
      cluster.nodeGroup("web").nodes[0].instance.addOverride("availability_zone", "nova");
      expect(bodies(synth(stack), "openstack_compute_instance_v2")[0].availability_zone).toBe("nova");
    });

    test("the default name is derived from the construct path and is DNS-safe", () => {
      const stack = newStack();
      const cluster = new JetstreamCluster(stack, "Gateway Lab");
      expect(cluster.clusterName).toMatch(/^test-gateway-lab-[0-9a-f]{6}$/);
    });
  });

  describe("warnings", () => {
    const warnings = (c: JetstreamCluster) =>
      c.node
        .findAll()
        .flatMap((n) => n.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data)));

    test("an on-request flavor is allowed with a warning", () => {
      const { cluster } = build({ nodeGroups: [small({ flavor: JetstreamFlavor.M3_3XL })] });
      expect(warnings(cluster)).toEqual([expect.stringMatching(/m3.3xl is available only on request/)]);
    });

    test("SSH without a key pair warns that no one can log in", () => {
      const { cluster } = build({ adminCidrs: ["198.51.100.7/32"] });
      expect(warnings(cluster)).toEqual([expect.stringMatching(/no keyPair is set/)]);
    });
  });

  describe("fails when", () => {
    test("an admin CIDR is world-open", () => {
      expect(() => build({ adminCidrs: ["0.0.0.0/0"] })).toThrow(
        /\[test\/Cluster\] adminCidrs: would open SSH to the whole Internet; got "0.0.0.0\/0"/,
      );
    });
    test("an admin CIDR has host bits set", () => {
      expect(() => build({ adminCidrs: ["198.51.100.7/24"] })).toThrow(/did you mean 198.51.100.0\/24\?/);
    });
    test("the name is not a short DNS label", () => {
      expect(() => build({ name: "My_Lab" })).toThrow(/name: not a short DNS label; got "My_Lab".*try "my-lab"/);
    });
    test("the allocation id is malformed", () => {
      expect(() => build({ allocation: "CIS230085" })).toThrow(/allocation: not an ACCESS allocation id/);
    });
    test("a created network's CIDR is invalid, has host bits or is impractical", () => {
      expect(() => build({ network: ClusterNetwork.create({ cidr: "10.0.0.0/33" }) })).toThrow(
        /network.cidr: not an IPv4 CIDR block/,
      );
      expect(() => build({ network: ClusterNetwork.create({ cidr: "10.0.0.1/24" }) })).toThrow(
        /network.cidr: host bits.*10.0.0.0\/24/,
      );
      expect(() => build({ network: ClusterNetwork.create({ cidr: "10.0.0.0/30" }) })).toThrow(
        /network.cidr: the subnet size is impractical/,
      );
    });
    test("a node group name is invalid or repeated", () => {
      expect(() => build({ nodeGroups: [small({ name: "Web Servers" })] })).toThrow(
        /nodeGroups.name: not a short DNS label.*try "web-servers"/,
      );
      expect(() => build({ nodeGroups: [small(), small()] })).toThrow(
        /nodeGroups.name: two node groups have this name/,
      );
    });
    test("a node group has zero VMs, or a fractional count", () => {
      expect(() => build({ nodeGroups: [small({ count: 0 })] })).toThrow(
        /nodeGroups\[web\].count: must be a whole number in range; got 0/,
      );
      expect(() => build({ nodeGroups: [small({ count: 1.5 })] })).toThrow(/count/);
    });
    test("the flavor is a string, retired, or outside the allocation's resources", () => {
      expect(() => build({ nodeGroups: [small({ flavor: "m3.small" as any })] })).toThrow(
        /flavor: must be a JetstreamFlavor.*JetstreamFlavor.of\("m3.small"\)/,
      );
      expect(() =>
        build({
          allocationResources: [JetstreamResource.GPU],
          nodeGroups: [small({ flavor: JetstreamFlavor.G3_SMALL })],
        }),
      ).toThrow(/flavor: this flavor is retired.*g3.medium, g3.large, g3.xl/);
      expect(() => build({ nodeGroups: [small({ flavor: JetstreamFlavor.G3_LARGE })] })).toThrow(
        /flavor: runs only on Jetstream2-GPU allocations.*add JetstreamResource.GPU to allocationResources/,
      );
      expect(() => build({ nodeGroups: [small({ flavor: JetstreamFlavor.R3_LARGE })] })).toThrow(
        /JetstreamResource.LARGE_MEMORY/,
      );
    });
    test("the image is not a JetstreamImage", () => {
      expect(() => build({ nodeGroups: [small({ image: "Featured-Ubuntu24" as any })] })).toThrow(
        /image: must be a JetstreamImage/,
      );
    });
    test("volumes repeat a name or have no size", () => {
      expect(() =>
        build({
          nodeGroups: [
            small({
              volumes: [
                { name: "home", sizeGiB: 10 },
                { name: "home", sizeGiB: 10 },
              ],
            }),
          ],
        }),
      ).toThrow(/volumes\[1\].name: two volumes have this name/);
      expect(() => build({ nodeGroups: [small({ volumes: [{ name: "home", sizeGiB: 0 }] })] })).toThrow(
        /volumes\[0\].sizeGiB: must be a whole number/,
      );
    });
    test("an ingress rule is world-open, has no port, no source, or a reversed range", () => {
      const rule = (r: any) => build({ nodeGroups: [small({ ingressRules: [{ description: "x", ...r }] })] });
      expect(() => rule({ fromPort: 8888, cidrs: ["0.0.0.0/0"] })).toThrow(
        /ingressRules\[0\].cidrs: would open x to the whole Internet/,
      );
      expect(() => rule({ cidrs: ["198.51.100.0/24"] })).toThrow(
        /ingressRules\[0\].fromPort: a TCP or UDP rule needs a port/,
      );
      expect(() => rule({ fromPort: 70000, cidrs: ["198.51.100.0/24"] })).toThrow(
        /fromPort: must be a whole number in range; got 70000/,
      );
      expect(() => rule({ fromPort: 9000, toPort: 8000, cidrs: ["198.51.100.0/24"] })).toThrow(
        /toPort: is below fromPort 9000/,
      );
      expect(() => rule({ fromPort: 443 })).toThrow(/a rule needs at least one source/);
    });
    test("the key is a private key, or not an OpenSSH public key", () => {
      expect(() =>
        build({ keyPair: ClusterKeyPair.fromPublicKey("-----BEGIN OPENSSH PRIVATE KEY-----\nabc") }),
      ).toThrow(/keyPair: this is a private key.*consider this private key exposed/);
      expect(() => build({ keyPair: ClusterKeyPair.fromPublicKey("AAAAC3Nza") })).toThrow(
        /keyPair: not an OpenSSH public key/,
      );
      expect(() => build({ keyPair: ClusterKeyPair.fromName("") })).toThrow(
        /keyPair: an existing key pair needs its name/,
      );
    });
    test("a node group is looked up by a name that does not exist", () => {
      expect(() => build({ nodeGroups: [small()] }).cluster.nodeGroup("gpu")).toThrow(
        /no node group named "gpu"; groups: web/,
      );
    });
  });
});
