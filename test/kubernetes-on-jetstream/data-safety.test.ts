import {
  ClusterHomeStorage,
  JetstreamFlavor,
  JetstreamImage,
  JetstreamResource,
  KubernetesEngine,
  KubernetesOnJetstreamProps,
  MagnumClusterTemplate,
  Size,
} from "../../lib";
import { destroyedResources } from "../support/replacement";
import { onceEach } from "../support/synth";
import { describeWithSchema } from "../support/schemas";
import { ADMIN_NET, synthMagnum, synthSelfManaged } from "./support";

// Users change worker counts, autoscaling bounds, node groups and the hub's settings all the time. None of that
// may replace the Magnum cluster, the NFS server's volume or the hub's address. The oracle is the provider's own
// list of force-new attributes (schemas/openstack-force-new.json); ignore_changes counts as unchanged.

const STATEFUL = [
  "openstack_containerinfra_cluster_v1",
  "openstack_blockstorage_volume_v3",
  "openstack_networking_floatingip_v2",
];

const BASE: Partial<KubernetesOnJetstreamProps> = {
  allocation: "cis230085",
  allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
  workerCount: 2,
};

// Most changes start from the cluster as BASE makes it, and synthesizing it again for each was 13 of the 36
// synths of this file: each engine's starting cluster is synthesized once per starting settings object.
const AS_BASE: Partial<KubernetesOnJetstreamProps> = Object.freeze({});
const fromMagnum = onceEach((before: Partial<KubernetesOnJetstreamProps>) => synthMagnum({ ...BASE, ...before }));
const fromSelfManaged = onceEach((before: Partial<KubernetesOnJetstreamProps>) =>
  synthSelfManaged({ ...BASE, ...before }),
);

describeWithSchema("openstack-force-new.json", "changes that must not replace stateful resources", (forceNew) => {
  const magnumChanges: [string, Partial<KubernetesOnJetstreamProps>, Partial<KubernetesOnJetstreamProps>][] = [
    ["changing the worker count", AS_BASE, { workerCount: 5 }],
    [
      "changing the autoscaling bounds",
      { autoscaling: { minNodes: 1, maxNodes: 3 } },
      { autoscaling: { minNodes: 2, maxNodes: 8 } },
    ],
    ["changing the API's allowed networks", AS_BASE, { apiAllowedCidrs: [ADMIN_NET, "203.0.113.0/24"] }],
    [
      "adding a GPU node group",
      AS_BASE,
      { nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM, autoscaling: { minNodes: 1, maxNodes: 2 } }] },
    ],
    [
      "resizing a node group",
      { nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM, count: 1 }] },
      { nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM, count: 3 }] },
    ],
    ["changing the hub's DNS name", AS_BASE, { hubRecordName: "jupyter" }],
    [
      "growing the home volume",
      AS_BASE,
      { homeStorage: ClusterHomeStorage.nfsServer({ capacity: Size.gibibytes(400) }) },
    ],
    [
      "changing the NFS server's flavor",
      AS_BASE,
      { homeStorage: ClusterHomeStorage.nfsServer({ flavor: JetstreamFlavor.M3_QUAD }) },
    ],
    ["opening SSH for admins", AS_BASE, { adminCidrs: [ADMIN_NET] }],
    [
      "moving to a newer cluster template (an in-place upgrade)",
      AS_BASE,
      {
        engine: KubernetesEngine.magnum({
          clusterTemplate: MagnumClusterTemplate.fromId("2d56f33a-713c-488a-b65f-47b625d832cd"),
        }),
      },
    ],
  ];

  test.each(magnumChanges)("Magnum: %s replaces nothing stateful", (_, before, after) => {
    const from = fromMagnum(before);
    const to = synthMagnum({ ...BASE, ...after });
    expect(destroyedResources(from, to, forceNew, STATEFUL)).toEqual([]);
  });

  const selfManagedChanges: [string, Partial<KubernetesOnJetstreamProps>][] = [
    ["changing the worker count", { workerCount: 4 }],
    ["adding a node group", { nodeGroups: [{ name: "large", flavor: JetstreamFlavor.M3_LARGE }] }],
    [
      "changing the k3s version (new nodes only)",
      { engine: KubernetesEngine.selfManaged({ k3sVersion: "v1.34.1+k3s1" }) },
    ],
    ["changing the node image", { engine: KubernetesEngine.selfManaged({ image: JetstreamImage.FEATURED_UBUNTU22 }) }],
    ["changing the hub's DNS name", { hubRecordName: "jupyter" }],
    ["growing the home volume", { homeStorage: ClusterHomeStorage.nfsServer({ capacity: Size.gibibytes(400) }) }],
  ];

  test.each(selfManagedChanges)("self-managed: %s replaces no node, volume or address", (_, after) => {
    const from = fromSelfManaged(AS_BASE);
    const to = synthSelfManaged({ ...BASE, ...after });
    expect(
      destroyedResources(from, to, forceNew, [...STATEFUL, "openstack_compute_instance_v2", "tls_self_signed_cert"]),
    ).toEqual([]);
  });

  test("the check finds real replacements (a new worker flavor replaces a Magnum cluster)", () => {
    // The cluster's prevent_destroy turns this into a plan error instead of data loss; the docs say to add a
    // node group for another size.
    const from = fromMagnum(AS_BASE);
    const to = synthMagnum({ ...BASE, workerFlavor: JetstreamFlavor.M3_MEDIUM });
    expect(destroyedResources(from, to, forceNew, STATEFUL)).toEqual([
      { address: expect.stringMatching(/^openstack_containerinfra_cluster_v1\./), because: ["flavor"] },
    ]);
  });

  test("the check finds removed resources (turning the hub's entry off)", () => {
    const found = destroyedResources(
      fromMagnum(AS_BASE),
      synthMagnum({ ...BASE, hubEndpoint: false }),
      forceNew,
      STATEFUL,
    );
    expect(found).toEqual([
      { address: expect.stringMatching(/^openstack_networking_floatingip_v2\..*HubEndpoint/), because: ["removed"] },
    ]);
  });
});
