import * as fs from "fs";
import { App, TerraformStack } from "cdktf";
import {
  ClusterHomeStorage,
  HubShape,
  JetstreamCluster,
  JetstreamFlavor,
  OpenstackProvider,
  KubernetesEngine,
  KubernetesOnJetstreamProps,
  ZeroToJupyterHubProps,
} from "../../lib";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { GatewayCompanionExample } from "../../examples/gateway-companion/stack";
import { JetstreamClusterExample, JetstreamClusterExampleSettings } from "../../examples/jetstream-cluster/stack";
import { PlannedHubExample, PlannedHubExampleProps } from "../../examples/jupyterhub-on-jetstream/stack";
import { KubernetesMagnumExample } from "../../examples/kubernetes-magnum/stack";
import { ExampleOverrides } from "../../examples/overrides";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_ALLOCATION } from "../../examples/settings";
import {
  AppBuild,
  quickStart,
  OfferedCall,
  ledgerAddresses,
  offeredCalls,
  pasteDecisions,
  protectedDestroyed,
  synthWithLedger,
  tempLedger,
} from "../support/ledger";
import { describeWithSchema } from "../support/schemas";

// The changes of issue 10's list, each tried as a user would: deploy (synth, which records the ledger), change one
// prop, synth again. Each either fails synth with the ledger's message (naming the resource and offering the ways
// out as code), or, once the offered declaration is pasted in, synthesizes a configuration in which no protected
// resource is destroyed. "Destroyed" counts a resource absent after the change (Terraform destroys a removed block
// whatever prevent_destroy says), judged by the plan oracle on the provider's ForceNew catalogue, with the moved
// and removed blocks applied as Terraform applies them.

type Choice = (address: string, offered: OfferedCall[]) => OfferedCall["method"];
/** Move where the message names a successor, else keep. */
const moveOrKeep: Choice = (_, offered) =>
  offered.some((c) => c.method === "move" && !c.args[2].startsWith("<")) ? "move" : "keep";
const keepAll: Choice = () => "keep";

interface Case<S> {
  readonly build: AppBuild<S>;
  readonly before: S;
  readonly after: S;
  /** Addresses (a part of each) the refusal must name. */
  readonly names: string[];
  readonly choose: Choice;
}

const planned: AppBuild<PlannedHubExampleProps> = (app, p) => new PlannedHubExample(app, "ex", p);
const magnum: AppBuild<Partial<KubernetesOnJetstreamProps>> = (app, o) => new KubernetesMagnumExample(app, "ex", o);
const companion: AppBuild<ExampleOverrides<ZeroToJupyterHubProps>> = (app, o) =>
  new GatewayCompanionExample(app, "ex", o);
const cluster: AppBuild<JetstreamClusterExampleSettings> = (app, s) => new JetstreamClusterExample(app, "ex", s);
/** A cluster with one node group whose VM keeps a data volume; the group's name is the setting. */
const namedGroup: AppBuild<string> = (app, group) => {
  const stack = new TerraformStack(app, "ex");
  new OpenstackProvider(stack, "openstack", {});
  new JetstreamCluster(stack, "Lab", {
    name: "lab",
    allocation: EXAMPLE_ALLOCATION,
    adminCidrs: [EXAMPLE_ADMIN_CIDR],
    nodeGroups: [{ name: group, flavor: JetstreamFlavor.M3_SMALL, volumes: [{ name: "data", sizeGiB: 50 }] }],
  });
};
/** The Magnum example; a self-managed engine also needs the tls and random providers it uses for its CA. */
const magnumOrK3s: AppBuild<Partial<KubernetesOnJetstreamProps>> = (app, o) => {
  const stack = new KubernetesMagnumExample(app, "ex", o);
  if (o.engine) {
    new TlsProvider(stack, "tls");
    new RandomProvider(stack, "random");
  }
};

const seminar = { name: "s", expectedUsers: 10, memoryGiB: 4 };
const course = { name: "s", expectedUsers: 60, memoryGiB: 4 };

const REFUSED: [string, Case<any>][] = [
  [
    "JupyterHubOnJetstream from 60 back to 10 users, the shape pinned (Kubernetes to one VM)",
    {
      build: planned,
      before: course,
      after: { ...seminar, shape: HubShape.SINGLE_SERVER },
      names: [
        "openstack_containerinfra_cluster_v1",
        "openstack_networking_floatingip_v2",
        "openstack_dns_recordset_v2",
        "kubernetes_namespace_v1",
      ],
      choose: keepAll,
    },
  ],
  [
    "a new construct id for the JetstreamCluster",
    {
      build: quickStart,
      before: { clusterId: "Cluster" },
      after: { clusterId: "Lab" },
      names: ["Cluster_Group-hub"],
      choose: moveOrKeep,
    },
  ],
  [
    "a node group renamed (its volumes' addresses follow the group's name)",
    {
      build: namedGroup,
      before: "compute",
      after: "analysis",
      names: ["Lab_Group-compute_Node1_Volume-data"],
      choose: moveOrKeep,
    },
  ],
  [
    "a node group's count going down",
    {
      build: cluster,
      before: {},
      after: { computeCount: 1 },
      names: ["Group-compute_Node2_Volume-scratch"],
      choose: keepAll,
    },
  ],
  [
    "ClusterHomeStorage.nfsServer() to none()",
    {
      build: magnum,
      before: {},
      after: { homeStorage: ClusterHomeStorage.none() },
      names: ["Group-nfs_Node1_Volume-home"],
      choose: keepAll,
    },
  ],
  [
    "Magnum to self-managed k3s",
    {
      build: magnumOrK3s,
      before: {},
      after: { engine: KubernetesEngine.selfManaged(), nodeGroups: [], autoscaling: undefined },
      names: ["openstack_containerinfra_cluster_v1"],
      choose: keepAll,
    },
  ],
  [
    "createNamespace from true to false",
    {
      build: companion,
      before: {},
      after: { createNamespace: false },
      names: ["kubernetes_namespace_v1"],
      choose: keepAll,
    },
  ],
  [
    "hubEndpoint from true to false",
    {
      build: magnum,
      before: {},
      after: { hubEndpoint: false },
      names: ["openstack_networking_floatingip_v2", "openstack_dns_recordset_v2"],
      choose: keepAll,
    },
  ],
];

describeWithSchema("openstack-force-new.json", "the DataLedger over issue 10's changes", (forceNew) => {
  test.each(REFUSED)("%s: refused, then safe once the offered declaration is pasted", (_, c) => {
    const ledgerPath = tempLedger();
    const deployed = synthWithLedger(c.build, c.before, ledgerPath);
    expect(deployed.error).toBeUndefined();
    const recorded = ledgerAddresses(ledgerPath);

    const refused = synthWithLedger(c.build, c.after, ledgerPath);
    expect(refused.docs).toBeUndefined();
    for (const name of c.names) expect(refused.error).toContain(name);
    expect(refused.error).toContain("is no longer in the configuration");
    expect(refused.error).toContain("prevent_destroy guards only a resource whose block is still in the configuration");
    expect(offeredCalls(refused.error!).map((o) => o.method)).toEqual(
      expect.arrayContaining(["move", "keep", "allowDestroy"]),
    );
    // The ledger file is left as it was: a refused synth records nothing.
    expect(ledgerAddresses(ledgerPath)).toEqual(recorded);

    // Without any declaration, the change would destroy what the refusal names: the oracle agrees.
    const unguarded = synthWithLedger(c.build, c.after, tempLedger());
    const destroyedWithout = protectedDestroyed(deployed.docs!, unguarded.docs!, recorded, forceNew);
    expect(destroyedWithout.length).toBeGreaterThan(0);

    const accepted = synthWithLedger(c.build, c.after, ledgerPath, (_app, ledger) =>
      pasteDecisions(refused.error!, ledger, c.choose),
    );
    expect(accepted.error).toBeUndefined();
    expect(protectedDestroyed(deployed.docs!, accepted.docs!, recorded, forceNew)).toEqual([]);
  });

  test("renaming a single-server hub (name) needs no declaration: addresses follow the construct id", () => {
    const ledgerPath = tempLedger();
    const before = synthWithLedger(quickStart, { clusterId: "Cluster" }, ledgerPath);
    const after = synthWithLedger(quickStart, { clusterId: "Cluster", hubName: "jupyter" }, ledgerPath);
    expect(after.error).toBeUndefined();
    expect(protectedDestroyed(before.docs!, after.docs!, ledgerAddresses(ledgerPath), forceNew)).toEqual([]);
  });

  test("keep emits Terraform's removed block with destroy = false, and the ledger records the reason", () => {
    const ledgerPath = tempLedger();
    synthWithLedger(companion, {}, ledgerPath);
    const refused = synthWithLedger(companion, { createNamespace: false }, ledgerPath);
    const [keep] = offeredCalls(refused.error!).filter((o) => o.method === "keep");
    const reason = "the namespace now belongs to the cluster team, who manage it with their own tools";
    const accepted = synthWithLedger(companion, { createNamespace: false }, ledgerPath, (_a, ledger) =>
      ledger.keep(keep.args[0], keep.args[1], reason),
    );
    expect(accepted.docs!.ex.removed).toEqual([{ from: keep.args[1], lifecycle: { destroy: false } }]);
    const released = JSON.parse(fs.readFileSync(ledgerPath, "utf8")).stacks.ex.released;
    expect(released[keep.args[1]]).toMatchObject({ kind: "hub namespace", decision: "kept", reason });

    // The declaration must stay: without it the next synth fails again, quoting the call to restore.
    const forgotten = synthWithLedger(companion, { createNamespace: false }, ledgerPath);
    expect(forgotten.error).toContain("the declaration is gone from the code");
    expect(forgotten.error).toContain(`DataLedger.of(app).keep("ex", "${keep.args[1]}", "${reason}")`);
  });

  test("a renamed stack is refused: a new stack name starts from empty state and would duplicate the hub", () => {
    const ledgerPath = tempLedger();
    const build = (app: App, id: string) => new GatewayCompanionExample(app, id, {});
    synthWithLedger(build, "ex", ledgerPath);
    const renamed = synthWithLedger(build, "gateway", ledgerPath);
    expect(renamed.error).toContain("stack ex is no longer in the app");
    expect(renamed.error).toContain("renamed to gateway");
    const retired = synthWithLedger(build, "gateway", ledgerPath, (_a, ledger) =>
      ledger.retireStack("ex", "state moved by hand with terraform state mv into the gateway stack"),
    );
    expect(retired.error).toBeUndefined();
  });

  test("frozen (CI): a synth that would add to the ledger fails instead of writing it", () => {
    const ledgerPath = tempLedger();
    synthWithLedger(companion, {}, ledgerPath);
    const text = fs.readFileSync(ledgerPath, "utf8");
    expect(synthWithLedger(companion, {}, ledgerPath, undefined, true).error).toBeUndefined();
    const twoStacks: AppBuild<object> = (app) => {
      companion(app, {});
      new JetstreamClusterExample(app, "more", {});
    };
    const grown = synthWithLedger(twoStacks, {}, ledgerPath, undefined, true);
    expect(grown.error).toContain("is out of date, and the ledger is frozen");
    expect(fs.readFileSync(ledgerPath, "utf8")).toBe(text);
  });
});
