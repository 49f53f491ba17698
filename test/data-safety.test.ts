import { App, TerraformStack, Testing } from "cdktf";
import {
  Authenticator,
  CILogonUsernameAction,
  ClusterHomeStorage,
  Duration,
  JetstreamFlavor,
  JetstreamImage,
  KubernetesEngine,
  KubernetesOnJetstreamProps,
  Secret,
  SingleServerHubProps,
  Size,
  ZeroToJupyterHubProps,
} from "../lib";
import { GatewayCompanionExample } from "../examples/gateway-companion/stack";
import { ExampleOverrides } from "../examples/overrides";
import { JetstreamClusterExample, JetstreamClusterExampleSettings } from "../examples/jetstream-cluster/stack";
import { PlannedHubExample, PlannedHubExampleProps } from "../examples/jupyterhub-on-jetstream/stack";
import { KubernetesHubClusterStack } from "../examples/kubernetes-hub/cluster-stack";
import { KubernetesHubStack } from "../examples/kubernetes-hub/hub-stack";
import { KubernetesMagnumExample } from "../examples/kubernetes-magnum/stack";
import { KubernetesSelfManagedExample } from "../examples/kubernetes-self-managed/stack";
import { SingleServerHubExample } from "../examples/single-server-hub/stack";
import { hazards, plannedChanges } from "./support/replacement";
import { describeWithSchema } from "./support/schemas";
import { onceEach, StackJson, synthApp } from "./support/synth";

// For every example: the settings changes a team makes over a hub's life (users, memory, image tag, login,
// profiles, culling, node counts, chart values, ...), each synthesized against the example as it is. The oracle
// (test/support/replacement.ts, on the provider's ForceNew catalogue plus the Helm release's name and namespace)
// must find no stateful resource replaced or destroyed (data volumes and their attachments, the Magnum cluster,
// the NFS server's volume, the hub's release and namespace), no VM re-imaged and no volume shrunk.

type Build<S> = (app: App, settings: S) => void;

/** Synthesizes the whole app built with `settings` and returns its documents by stack. */
function plans<S>(build: Build<S>, settings: S): Record<string, StackJson> {
  const app = Testing.app();
  build(app, settings);
  return synthApp(app);
}

// Every change in a group starts from the same settings, and synthesizing that baseline again for each change was
// about 40% of this file's time: it is synthesized once per build and base settings object.
const baselines = new Map<Build<any>, (base: any) => Record<string, StackJson>>();
function baselinePlans<S>(build: Build<S>, base: S): Record<string, StackJson> {
  if (!baselines.has(build))
    baselines.set(
      build,
      onceEach((b: S) => plans(build, b)),
    );
  return baselines.get(build)!(base);
}

/** The example as it is: the base settings of every group but the planned hubs. Frozen, as it is shared. */
const AS_IS = Object.freeze({});

/** Every hazard of moving each stack from `base` to `settings`. */
function hazardsOf<S>(forceNew: any, build: Build<S>, base: S, settings: S): Record<string, unknown[]> {
  const before = baselinePlans(build, base);
  const after = plans(build, settings);
  return Object.fromEntries(
    Object.keys(before).map((stack) => [stack, hazards(before[stack], after[stack] ?? {}, forceNew)]),
  );
}

// The examples that a group of changes and one of the oracle's checks both start from: one build each, so they
// share its baseline.
const clusterExample: Build<JetstreamClusterExampleSettings> = (app, s) => new JetstreamClusterExample(app, "ex", s);
const magnumExample: Build<Partial<KubernetesOnJetstreamProps>> = (app, o) => new KubernetesMagnumExample(app, "ex", o);
const companionExample: Build<ExampleOverrides<ZeroToJupyterHubProps>> = (app, o) =>
  new GatewayCompanionExample(app, "ex", o);
const plannedHubExample: Build<PlannedHubExampleProps> = (app, p) => new PlannedHubExample(app, "ex", p);
const ONE_VM_HUB: PlannedHubExampleProps = Object.freeze({ name: "s", expectedUsers: 12, memoryGiB: 4 });
const KUBERNETES_HUB: PlannedHubExampleProps = Object.freeze({
  name: "c",
  expectedUsers: 80,
  memoryGiB: 4,
  gpuUsers: 4,
});

const none = (stacks: string[]) => Object.fromEntries(stacks.map((s) => [s, []]));

const gitHub = (scope: TerraformStack, orgs: string[]) =>
  Authenticator.gitHub({
    clientId: "Iv1.0123456789abcdef",
    clientSecret: Secret.fromEnvironment(scope, "github_client_secret"),
    adminUsers: ["gateway-admin", "second-admin"],
    allowedOrganizations: orgs,
  });

describeWithSchema("openstack-force-new.json", "data safety of every example", (forceNew) => {
  describe("jetstream-cluster", () => {
    const build = clusterExample;
    test.each<[string, JetstreamClusterExampleSettings]>([
      ["one more compute VM", { computeCount: 3 }],
      ["a bigger compute flavor", { computeFlavor: JetstreamFlavor.M3_MEDIUM }],
      ["a newer image", { image: JetstreamImage.FEATURED_UBUNTU22 }],
      ["new user data", { computeUserData: "#cloud-config\npackages: [htop]\n" }],
      ["a bigger scratch volume", { scratchGiB: 200 }],
      ["new admin networks", { adminCidrs: ["203.0.113.0/24", "2001:db8::/48"] }],
    ])("%s", (_, settings) => {
      expect(hazardsOf(forceNew, build, AS_IS, settings)).toEqual(none(["ex"]));
    });
  });

  describe("single-server-hub", () => {
    const build: Build<ExampleOverrides<SingleServerHubProps>> = (app, o) => new SingleServerHubExample(app, "ex", o);
    test.each<[string, ExampleOverrides<SingleServerHubProps>]>([
      ["more users", { expectedUsers: 12 }],
      ["more memory per user (a bigger flavor, resized in place)", { memoryPerUser: Size.gibibytes(10) }],
      [
        "another GitHub organization and admin",
        (stack) => ({ authenticator: gitHub(stack, ["my-gateway", "partner"]) }),
      ],
      ["longer culling", { cullTimeout: Duration.hours(4), cullEvery: Duration.minutes(20) }],
      ["a newer TLJH release", { tljhVersion: "2.0.1" }],
      ["another tutorials branch", { tutorials: { repository: "https://github.com/my-gateway/t", branch: "v2" } }],
      ["a pinned plugin", { plugins: ["tljh-repo2docker==1.0.1"] }],
      ["a bigger home volume", { homeVolumeSizeGiB: 300 }],
    ])("%s", (_, overrides) => {
      expect(hazardsOf(forceNew, build, AS_IS, overrides)).toEqual(none(["ex"]));
    });
  });

  const magnum: [string, Partial<KubernetesOnJetstreamProps>][] = [
    ["more starting workers", { workerCount: 3, autoscaling: { minNodes: 1, maxNodes: 5 } }],
    ["a larger autoscaling maximum", { autoscaling: { minNodes: 1, maxNodes: 8 } }],
    ["another admin network for the API", { apiAllowedCidrs: ["198.51.100.0/24", "203.0.113.0/24"] }],
    [
      "a second GPU node group",
      {
        nodeGroups: [
          { name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM, autoscaling: { minNodes: 1, maxNodes: 2 } },
          { name: "gpu-large", flavor: JetstreamFlavor.G3_LARGE, count: 1 },
        ],
      },
    ],
    ["a bigger home volume", { homeStorage: ClusterHomeStorage.nfsServer({ capacity: Size.gibibytes(800) }) }],
    ["another DNS name for the hub", { hubRecordName: "jupyter" }],
  ];

  describe("kubernetes-magnum", () => {
    const build = magnumExample;
    test.each(magnum)("%s", (_, overrides) => {
      expect(hazardsOf(forceNew, build, AS_IS, overrides)).toEqual(none(["ex"]));
    });
  });

  describe("kubernetes-self-managed", () => {
    const build: Build<Partial<KubernetesOnJetstreamProps>> = (app, o) =>
      new KubernetesSelfManagedExample(app, "ex", o);
    test.each<[string, Partial<KubernetesOnJetstreamProps>]>([
      ["one more worker", { workerCount: 4 }],
      ["a newer k3s for new nodes", { engine: KubernetesEngine.selfManaged({ k3sVersion: "v1.34.1+k3s1" }) }],
      ["a newer node image", { engine: KubernetesEngine.selfManaged({ image: JetstreamImage.FEATURED_UBUNTU22 }) }],
      ["a bigger home volume", { homeStorage: ClusterHomeStorage.nfsServer({ capacity: Size.gibibytes(400) }) }],
    ])("%s", (_, overrides) => {
      expect(hazardsOf(forceNew, build, AS_IS, overrides)).toEqual(none(["ex"]));
    });
  });

  const hubChanges: [string, Partial<ZeroToJupyterHubProps>][] = [
    ["a newer image tag", { image: { name: "quay.io/jupyter/scipy-notebook", tag: "2025-11-10" } }],
    ["more memory", { memoryGuarantee: Size.gibibytes(6), memoryLimit: Size.gibibytes(12) }],
    ["more CPU", { cpuGuarantee: 2, cpuLimit: 3 }],
    ["longer culling", { cullTimeout: Duration.hours(3), cullEvery: Duration.minutes(15) }],
    ["a longer start timeout", { startTimeout: Duration.minutes(20) }],
    ["warm slots for two users", { userPlaceholders: 2 }],
    [
      "chart values through extraValues",
      { extraValues: { hub: { extraEnv: { TZ: "America/Indiana/Indianapolis" } } } },
    ],
    ["an environment variable", { environment: { GATEWAY_PROJECT: "climate" } }],
    ["profiles added", { profiles: [{ displayName: "Large", slug: "large", memoryLimit: Size.gibibytes(12) }] }],
    ["a newer chart release", { chartVersion: "4.4.1" }],
  ];

  describe("kubernetes-hub-cluster and kubernetes-hub (two stacks)", () => {
    type S = { cluster?: Partial<KubernetesOnJetstreamProps>; hub?: ExampleOverrides<ZeroToJupyterHubProps> };
    const build: Build<S> = (app, s) => {
      const cluster = new KubernetesHubClusterStack(app, "cluster", s.cluster);
      new KubernetesHubStack(app, "hub", { cluster: cluster.cluster, hub: s.hub });
    };
    test.each<[string, S]>([
      ...hubChanges.map(([what, o]): [string, S] => [`hub: ${what}`, { hub: o }]),
      [
        "hub: another GitHub organization and admin",
        { hub: (stack) => ({ authenticator: gitHub(stack, ["a", "b"]) }) },
      ],
      ...magnum
        .filter(([what]) => !what.includes("GPU"))
        .map(([what, o]): [string, S] => [`cluster: ${what}`, { cluster: o }]),
    ])("%s", (_, settings) => {
      expect(hazardsOf(forceNew, build, AS_IS, settings)).toEqual(none(["cluster", "hub"]));
    });
  });

  describe("gateway-companion", () => {
    type S = ExampleOverrides<ZeroToJupyterHubProps>;
    const build = companionExample;
    test.each<[string, S]>([
      ...hubChanges.map(([what, o]): [string, S] => [what, o]),
      [
        "another CILogon identity provider",
        (stack) => ({
          authenticator: Authenticator.ciLogon({
            clientId: "cilogon:/client_id/1",
            clientSecret: Secret.fromEnvironment(stack, "cilogon_client_secret"),
            adminUsers: ["alice"],
            idps: [
              { entityId: "https://access-ci.org/idp", usernameClaim: "email", allowAll: true },
              { entityId: "urn:mace:incommon:ucsd.edu", usernameClaim: "email", allowedDomains: ["ucsd.edu"] },
            ],
          }),
        }),
      ],
      [
        "the IdP's username rule",
        (stack) => ({
          authenticator: Authenticator.ciLogon({
            clientId: "cilogon:/client_id/1",
            clientSecret: Secret.fromEnvironment(stack, "cilogon_client_secret"),
            adminUsers: ["access:alice"],
            idps: [
              {
                entityId: "https://access-ci.org/idp",
                action: CILogonUsernameAction.PREFIX,
                prefix: "access",
                allowAll: true,
              },
            ],
          }),
        }),
      ],
    ])("%s", (_, overrides) => {
      expect(hazardsOf(forceNew, build, AS_IS, overrides)).toEqual(none(["ex"]));
    });
  });

  describe("planned hubs (jupyterhub-on-jetstream)", () => {
    const build = plannedHubExample;
    test.each<[string, PlannedHubExampleProps, PlannedHubExampleProps]>([
      ["one VM: two more users", ONE_VM_HUB, { ...ONE_VM_HUB, expectedUsers: 14 }],
      ["one VM: more memory each", ONE_VM_HUB, { ...ONE_VM_HUB, memoryGiB: 6 }],
      // With the worker flavor pinned once the cluster exists, as docs/capacity-planning.md says (the planner's
      // own choice for 100 users differs, which would replace the cluster: see "the oracle catches" below).
      [
        "Kubernetes: twenty more users, workers pinned",
        { name: "c", expectedUsers: 80, memoryGiB: 4, gpuUsers: 4, workerFlavor: JetstreamFlavor.M3_QUAD },
        { name: "c", expectedUsers: 100, memoryGiB: 4, gpuUsers: 4, workerFlavor: JetstreamFlavor.M3_QUAD },
      ],
      ["Kubernetes: two more GPU users", KUBERNETES_HUB, { ...KUBERNETES_HUB, gpuUsers: 6 }],
    ])("%s", (_, base, changed) => {
      expect(hazardsOf(forceNew, build, base, changed)).toEqual(none(["ex", "ex-k8s"]));
    });
  });

  // The checks above prove nothing unless the oracle sees real hazards: these must be caught.
  describe("the oracle catches", () => {
    const cluster = clusterExample;

    test("scaling a group down: the last VM's volume and attachment would go (prevent_destroy stops the apply)", () => {
      const found = hazardsOf(forceNew, cluster, AS_IS, { computeCount: 1 }).ex as any[];
      expect(found.map((h) => [h.action, h.address.split(".")[0]])).toEqual([
        ["delete", "openstack_blockstorage_volume_v3"],
        ["delete", "openstack_compute_volume_attach_v2"],
      ]);
    });

    test("a volume made smaller", () => {
      const found = hazardsOf(forceNew, cluster, AS_IS, { scratchGiB: 50 }).ex as any[];
      expect(found.map((h) => h.action)).toEqual(["shrink", "shrink"]);
    });

    test("a replaced VM re-creating its volume attachment", () => {
      const before = baselinePlans(cluster, AS_IS).ex;
      const app = Testing.app();
      const stack = new JetstreamClusterExample(app, "ex");
      stack.cluster.nodeGroup("compute").nodes[0].instance.addOverride("availability_zone", "nova-2");
      const found = hazards(before, synthApp(app).ex, forceNew);
      expect(found).toEqual([
        expect.objectContaining({
          action: "replace",
          why: expect.stringMatching(/refers to openstack_compute_instance_v2/),
        }),
      ]);
    });

    test("an image change on a VM that does not ignore it (a rebuild)", () => {
      const before = baselinePlans(cluster, AS_IS).ex;
      const app = Testing.app();
      const stack = new JetstreamClusterExample(app, "ex", { image: JetstreamImage.FEATURED_UBUNTU22 });
      for (const node of stack.cluster.nodeGroup("web").nodes)
        node.instance.addOverride("lifecycle.ignore_changes", undefined);
      expect(hazards(before, synthApp(app).ex, forceNew).map((h) => h.action)).toEqual(["rebuild"]);
    });

    test("renaming the hub release or its namespace", () => {
      const build = companionExample;
      // The namespace defaults to the release name, so renaming the release moves it too.
      const renamed = hazardsOf(forceNew, build, AS_IS, { releaseName: "hub2" }).ex as any[];
      expect(renamed.map((h) => [h.address.split(".")[0], h.action]).sort()).toEqual([
        ["helm_release", "replace"],
        ["kubernetes_namespace_v1", "replace"],
      ]);
      const moved = hazardsOf(forceNew, build, AS_IS, { namespace: "hub2" }).ex as any[];
      expect(moved.map((h) => [h.address.split(".")[0], h.action]).sort()).toEqual([
        ["helm_release", "replace"],
        ["kubernetes_namespace_v1", "replace"],
      ]);
    });

    test("more users on an unpinned planned cluster, when the planner picks another worker flavor", () => {
      const found = hazardsOf(forceNew, plannedHubExample, KUBERNETES_HUB, { ...KUBERNETES_HUB, expectedUsers: 100 })
        .ex as any[];
      expect(found).toEqual([
        expect.objectContaining({
          address: expect.stringMatching(/^openstack_containerinfra_cluster_v1\./),
          why: "flavor",
        }),
      ]);
    });

    test("a new worker flavor on Magnum (it replaces the cluster)", () => {
      const found = hazardsOf(forceNew, magnumExample, AS_IS, { workerFlavor: JetstreamFlavor.M3_LARGE }).ex as any[];
      expect(found).toEqual([
        expect.objectContaining({
          address: expect.stringMatching(/^openstack_containerinfra_cluster_v1\./),
          action: "replace",
        }),
      ]);
    });
  });
});

describe("the oracle on hand-made documents", () => {
  const schema = { resources: { openstack_containerinfra_cluster_v1: ["labels", "name"] } };
  const release = (name: string, values: string) => ({
    resource: { helm_release: { Hub: { name, namespace: "jupyterhub", chart: "jupyterhub", values: [values] } } },
  });

  test("new values upgrade the hub release in place; a new name replaces it", () => {
    expect(hazards(release("hub", "{}"), release("hub", '{"cull":{"timeout":7200}}'), schema)).toEqual([]);
    expect(plannedChanges(release("hub", "{}"), release("hub", '{"cull":{"timeout":7200}}'), schema)[0].action).toBe(
      "update",
    );
    expect(hazards(release("hub", "{}"), release("hub2", "{}"), schema)).toEqual([
      { address: "helm_release.Hub", action: "replace", why: "name" },
    ]);
  });

  test("a Magnum label change replaces the cluster unless labels are ignored", () => {
    const cluster = (labels: any, ignore: boolean) => ({
      resource: {
        openstack_containerinfra_cluster_v1: {
          K: { name: "k", labels, lifecycle: ignore ? { ignore_changes: ["labels"] } : {} },
        },
      },
    });
    expect(hazards(cluster({ a: "1" }, true), cluster({ a: "2" }, true), schema)).toEqual([]);
    expect(hazards(cluster({ a: "1" }, false), cluster({ a: "2" }, false), schema).map((c) => c.action)).toEqual([
      "replace",
    ]);
  });
});
