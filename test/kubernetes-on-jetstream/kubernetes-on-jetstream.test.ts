import {
  ClusterKeyPair,
  ClusterNetwork,
  ClusterHomeStorage,
  JetstreamFlavor,
  JetstreamResource,
  KubernetesEngine,
  KubernetesOnJetstream,
  Size,
} from "../../lib";
import { openstackBlockCount, openstackViolations } from "../support/conformance";
import { describeWithSchema } from "../support/schemas";
import { bodies, newStack, resources } from "../support/synth";
import { ADMIN_NET, only, synthMagnum, synthSelfManaged, warnings } from "./support";

const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleExampleExampleExampleExampleExample0 admin@example.org";

describe("KubernetesOnJetstream: home storage and the hub's entry", () => {
  test("puts home directories on an NFS server VM whose volume has prevent_destroy", () => {
    // WHEN
    const doc = synthMagnum({ homeStorage: ClusterHomeStorage.nfsServer({ capacity: Size.gibibytes(500) }) });
    // THEN one server, one protected volume attached by its own resource
    const server = only(doc, "openstack_compute_instance_v2");
    expect(server).toMatchObject({ name: "hubk8s-nfs", flavor_name: "m3.small" });
    expect(only(doc, "openstack_blockstorage_volume_v3")).toMatchObject({
      size: 500,
      lifecycle: { prevent_destroy: true },
    });
    expect(only(doc, "openstack_compute_volume_attach_v2").instance_id).toMatch(/openstack_compute_instance_v2\./);
  });

  test("opens NFS only to the cluster's subnet", () => {
    const doc = synthMagnum();
    const nfsRules = bodies(doc, "openstack_networking_secgroup_rule_v2").filter((r) => r.port_range_min === 2049);
    expect(nfsRules).toEqual([
      expect.objectContaining({
        direction: "ingress",
        protocol: "tcp",
        port_range_max: 2049,
        remote_ip_prefix: expect.stringMatching(/^\$\{data\.openstack_networking_subnet_v2\..*\.cidr\}$/),
      }),
    ]);
    // and nothing else reaches the server from outside the cluster: no SSH without adminCidrs, no public address
    expect(bodies(doc, "openstack_networking_secgroup_rule_v2").some((r) => r.port_range_min === 22)).toBe(false);
    expect(resources(doc, "openstack_networking_floatingip_v2").map(([id]) => id)).toEqual([
      expect.stringMatching(/HubEndpoint/),
    ]);
  });

  test("exposes the export as INfsHomeStorage", () => {
    const stack = newStack();
    const cluster = new KubernetesOnJetstream(stack, "Cluster", { apiAllowedCidrs: [ADMIN_NET] });
    expect(cluster.homeStorage!.exportPath).toBe("/export/home");
    expect(cluster.homeStorage!.capacity.toGibibytes()).toBe(100);
    expect(cluster.homeStorage!.serverAddress).toMatch(/TOKEN/);
  });

  test("with ClusterHomeStorage.none() makes no VM on Magnum, and warns about the quota and the janitor", () => {
    const stack = newStack();
    const cluster = new KubernetesOnJetstream(stack, "Cluster", {
      apiAllowedCidrs: [ADMIN_NET],
      homeStorage: ClusterHomeStorage.none(),
    });
    expect(cluster.homeStorage).toBeUndefined();
    expect(cluster.machines).toBeUndefined();
    expect(warnings(cluster).join("\n")).toMatch(/10 by default.*janitor/);
  });

  test("reserves a protected floating IP for the hub and names it in the allocation's zone", () => {
    const doc = synthMagnum({ allocation: "cis230085" });
    const ip = only(doc, "openstack_networking_floatingip_v2");
    expect(ip).toMatchObject({ pool: "public", lifecycle: { prevent_destroy: true } });
    expect(Object.values(doc.data.openstack_dns_zone_v2)).toEqual([
      { name: "cis230085.projects.jetstream-cloud.org." },
    ]);
    expect(only(doc, "openstack_dns_recordset_v2")).toMatchObject({
      name: "hub.cis230085.projects.jetstream-cloud.org.",
      type: "A",
      records: [expect.stringMatching(/^\$\{openstack_networking_floatingip_v2\..*\.address\}$/)],
    });
    // On Magnum the address stays free for the hub's LoadBalancer Service to claim.
    expect(resources(doc, "openstack_networking_floatingip_associate_v2")).toEqual([]);
  });

  test("exposes the hub's entry as IHubEndpoint, and can do without it", () => {
    const stack = newStack();
    const withEntry = new KubernetesOnJetstream(stack, "A", {
      apiAllowedCidrs: [ADMIN_NET],
      allocation: "cis230085",
      hubRecordName: "jupyter",
    });
    const without = new KubernetesOnJetstream(stack, "B", { apiAllowedCidrs: [ADMIN_NET], hubEndpoint: false });
    expect(withEntry.hubEndpoint!.hostname).toBe("jupyter.cis230085.projects.jetstream-cloud.org");
    expect(withEntry.hubEndpoint!.ipAddress).toMatch(/TOKEN/);
    expect(without.hubEndpoint).toBeUndefined();
  });

  test("binds the key pair once and shares it with the VMs", () => {
    const doc = synthMagnum({ keyPair: ClusterKeyPair.fromPublicKey(PUBLIC_KEY), adminCidrs: [ADMIN_NET] });
    const keyPair = resources(doc, "openstack_compute_keypair_v2");
    expect(keyPair).toHaveLength(1);
    const reference = `\${openstack_compute_keypair_v2.${keyPair[0][0]}.name}`;
    expect(only(doc, "openstack_containerinfra_cluster_v1").keypair).toBe(reference);
    expect(only(doc, "openstack_compute_instance_v2").key_pair).toBe(reference);
  });

  test("uses a network it creates, with its subnet", () => {
    const doc = synthMagnum({ network: ClusterNetwork.create({ cidr: "10.42.0.0/24" }) });
    const cluster = only(doc, "openstack_containerinfra_cluster_v1");
    expect(cluster.fixed_subnet).toMatch(/^\$\{openstack_networking_subnet_v2\..*\.id\}$/);
    expect(doc.data.openstack_networking_subnet_v2).toBeUndefined();
  });

  test("keeps Terraform addresses stable", () => {
    // Construct ids are Terraform addresses; renaming one would replace the resource (a cluster, a home volume).
    const doc = synthMagnum({ allocation: "cis230085" });
    const ids = [
      "openstack_containerinfra_cluster_v1",
      "openstack_blockstorage_volume_v3",
      "openstack_dns_recordset_v2",
    ]
      .flatMap((type) => resources(doc, type))
      .map(([id]) => id);
    expect(ids).toEqual([
      "Cluster_EB0386A7",
      "Cluster_Machines_Group-nfs_Node1_Volume-home_BB6236EA",
      "Cluster_HubEndpoint_Record_70A254FF",
    ]);
  });
});

describe("KubernetesOnJetstream: input validation", () => {
  test("fails when the engine is not a KubernetesEngine (a string would otherwise pick the wrong engine)", () => {
    expect(() => synthMagnum({ engine: "magnum" as any })).toThrow(/engine: must be a KubernetesEngine; got "magnum"/);
  });

  test("fails when the create timeout is a bare number", () => {
    expect(() => synthMagnum({ engine: KubernetesEngine.magnum({ createTimeout: 60 as any }) })).toThrow(
      /engine.createTimeout: must be a Duration; got 60/,
    );
  });

  test("fails when apiAllowedCidrs opens the API to the world", () => {
    expect(() => synthMagnum({ apiAllowedCidrs: ["0.0.0.0/0"] })).toThrow(
      /apiAllowedCidrs: would open the Kubernetes API to the whole Internet; got "0\.0\.0\.0\/0"/,
    );
    expect(() => synthSelfManaged({ apiAllowedCidrs: ["::/0"] })).toThrow(/apiAllowedCidrs: would open/);
  });

  test("fails when apiAllowedCidrs is empty", () => {
    expect(() => synthMagnum({ apiAllowedCidrs: [] })).toThrow(
      /apiAllowedCidrs: the Kubernetes API must be limited to listed networks; got \[\].*curl -4 ifconfig\.me/,
    );
  });

  test("fails when apiAllowedCidrs has host bits set", () => {
    expect(() => synthMagnum({ apiAllowedCidrs: ["198.51.100.7/24"] })).toThrow(/did you mean 198\.51\.100\.0\/24\?/);
  });

  test("fails when a cluster would have zero workers", () => {
    expect(() => synthMagnum({ workerCount: 0 })).toThrow(/workerCount: must be a whole number in range; got 0/);
    expect(() => synthMagnum({ nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.M3_LARGE, count: 0 }] })).toThrow(
      /nodeGroups\[0\]\.count: .*got 0/,
    );
  });

  test("fails when autoscaling min is larger than max", () => {
    expect(() => synthMagnum({ autoscaling: { minNodes: 3, maxNodes: 2 } })).toThrow(
      /autoscaling: minNodes is larger than maxNodes; got \{"minNodes":3,"maxNodes":2\}.*swap/,
    );
  });

  test("fails when autoscaling would scale to zero", () => {
    expect(() => synthMagnum({ autoscaling: { minNodes: 0, maxNodes: 2 } })).toThrow(
      /autoscaling\.minNodes: .*got 0.*cannot scale a node group to zero/,
    );
  });

  test("fails when the starting count is outside the autoscaling bounds", () => {
    expect(() => synthMagnum({ workerCount: 9, autoscaling: { minNodes: 1, maxNodes: 5 } })).toThrow(
      /workerCount: .*got 9.*an integer from 1 to 5/,
    );
  });

  test("warns when a group could grow past a project's quota", () => {
    const stack = newStack();
    const cluster = new KubernetesOnJetstream(stack, "Cluster", {
      apiAllowedCidrs: [ADMIN_NET],
      autoscaling: { minNodes: 1, maxNodes: 150 },
    });
    expect(warnings(cluster).join("\n")).toMatch(/autoscaling\.maxNodes: 150 nodes/);
  });

  test("fails when a flavor is unknown", () => {
    expect(() => JetstreamFlavor.of("m3.huge")).toThrow(
      /flavor: not a Jetstream2 flavor this library knows; got "m3\.huge"/,
    );
    expect(() => synthMagnum({ workerFlavor: "m3.quad" as any })).toThrow(
      /workerFlavor: must be a JetstreamFlavor; got "m3\.quad".*JetstreamFlavor\.of\("m3\.quad"\)/,
    );
  });

  test("fails when a GPU flavor is used outside a GPU allocation", () => {
    expect(() => synthMagnum({ nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM }] })).toThrow(
      /nodeGroups\[0\]\.flavor: runs only on Jetstream2-GPU allocations.*add JetstreamResource\.GPU to allocationResources/,
    );
  });

  test("fails when the control plane is given a GPU flavor", () => {
    expect(() =>
      synthMagnum({
        allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
        controlPlaneFlavor: JetstreamFlavor.G3_LARGE,
      }),
    ).toThrow(/controlPlaneFlavor: the control plane runs no user workloads/);
  });

  test("fails when a retired flavor is used", () => {
    expect(() =>
      synthMagnum({
        allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
        nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.G3_SMALL }],
      }),
    ).toThrow(/nodeGroups\[0\]\.flavor: this flavor is retired/);
  });

  test("fails when node group names clash or are reserved", () => {
    const group = { name: "gpu", flavor: JetstreamFlavor.M3_LARGE };
    expect(() => synthMagnum({ nodeGroups: [group, group] })).toThrow(/nodeGroups\[1\]\.name: two node groups/);
    expect(() => synthMagnum({ nodeGroups: [{ ...group, name: "default-worker" }] })).toThrow(
      /nodeGroups\[0\]\.name: this name is used by the construct/,
    );
    expect(() => synthMagnum({ nodeGroups: [{ ...group, name: "GPU_nodes" }] })).toThrow(
      /nodeGroups\[0\]\.name: not a short DNS label.*"gpu-nodes"/,
    );
  });

  test("fails when the name is not a DNS label starting with a letter", () => {
    expect(() => synthMagnum({ name: "2024_Hub" })).toThrow(
      /name: not a short DNS label starting with a letter.*"hub"/,
    );
  });

  test("fails when the allocation is not an ACCESS id", () => {
    expect(() => synthMagnum({ allocation: "CIS230085" })).toThrow(/allocation: not an ACCESS allocation id/);
  });

  test("fails when the hub's record name is not a DNS label", () => {
    expect(() => synthMagnum({ allocation: "cis230085", hubRecordName: "my hub" })).toThrow(
      /recordName: not a DNS label; got "my hub".*"my-hub"/,
    );
  });

  test("fails when the home capacity is not a whole number of GiB", () => {
    expect(() =>
      synthMagnum({ homeStorage: ClusterHomeStorage.nfsServer({ capacity: Size.mebibytes(1536) }) }),
    ).toThrow(/capacity: must be a whole number in range; got 1\.5/);
  });

  test("warns when adminCidrs cannot apply", () => {
    const stack = newStack();
    const cluster = new KubernetesOnJetstream(stack, "Cluster", {
      apiAllowedCidrs: [ADMIN_NET],
      adminCidrs: [ADMIN_NET],
      homeStorage: ClusterHomeStorage.none(),
    });
    expect(warnings(cluster).join("\n")).toMatch(/adminCidrs has no effect/);
  });
});

describeWithSchema(
  "openstack-provider-schema.json",
  "KubernetesOnJetstream conforms to the OpenStack provider schema",
  (schema) => {
    const everything = {
      allocation: "cis230085",
      allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
      adminCidrs: [ADMIN_NET],
      keyPair: ClusterKeyPair.fromPublicKey(PUBLIC_KEY),
      nodeGroups: [{ name: "large", flavor: JetstreamFlavor.M3_LARGE, count: 2 }],
    };

    test("on Magnum, with node groups, NFS home and the hub's entry", () => {
      const doc = synthMagnum({
        ...everything,
        autoscaling: { minNodes: 1, maxNodes: 3 },
        nodeGroups: [...everything.nodeGroups, { name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM }],
        engine: KubernetesEngine.magnum({ controlPlaneCount: 3 }),
      });
      expect(openstackBlockCount(doc)).toBeGreaterThan(15);
      expect(openstackViolations(doc, schema)).toEqual([]);
    });

    test("self-managed, with a created network", () => {
      const doc = synthSelfManaged({ ...everything, network: ClusterNetwork.create({ cidr: "10.42.0.0/24" }) });
      expect(openstackBlockCount(doc)).toBeGreaterThan(25);
      expect(openstackViolations(doc, schema)).toEqual([]);
    });
  },
);
