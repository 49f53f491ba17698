import { HubShape } from "../../lib";
import { PlannedHubExample, PlannedHubExampleProps } from "../../examples/jupyterhub-on-jetstream/stack";
import {
  AppBuild,
  ledgerAddresses,
  offeredCalls,
  protectedDestroyed,
  synthWithLedger,
  tempLedger,
} from "../support/ledger";
import { describeWithSchema } from "../support/schemas";
import { StackJson, resources } from "../support/synth";
import { parseCloudConfig, writtenFile } from "../single-server-hub/fixtures";

// One home volume across both shapes of JupyterHubOnJetstream: the single server keeps homes on it, and when the
// users no longer fit one VM the NFS home server serves the same volume to Kubernetes. Its Terraform address does
// not depend on the shape, so a switch reattaches it; the planner never switches a deployed hub by itself.

const planned: AppBuild<PlannedHubExampleProps> = (app, p) => new PlannedHubExample(app, "ex", p);
const seminar: PlannedHubExampleProps = { name: "s", expectedUsers: 10, memoryGiB: 4 };
const course: PlannedHubExampleProps = { name: "s", expectedUsers: 60, memoryGiB: 4 };

const homeVolume = (doc: StackJson) =>
  resources(doc, "openstack_blockstorage_volume_v3").filter(([id]) => id.startsWith("Hub_HomeVolume_"));
/** The instance each attachment of the home volume joins it to, as a reference. */
const attachedTo = (doc: StackJson, address: string) =>
  resources(doc, "openstack_compute_volume_attach_v2")
    .filter(([, a]) => a.volume_id === `\${${address}.id}`)
    .map(([, a]) => String(a.instance_id).replace(/^\$\{(openstack_compute_instance_v2\.[^.]+)\.id\}$/, "$1"));

describeWithSchema("openstack-force-new.json", "JupyterHubOnJetstream across the line", (forceNew) => {
  test("both shapes keep homes on one volume at one address, attached to the shape's server", () => {
    const one = synthWithLedger(planned, seminar, tempLedger()).docs!.ex;
    const k8s = synthWithLedger(planned, course, tempLedger()).docs!.ex;
    const [[id, volume]] = homeVolume(one);
    expect(homeVolume(k8s).map(([i]) => i)).toEqual([id]);
    expect(volume).toMatchObject({ name: "s-home", lifecycle: { prevent_destroy: true } });
    // No other volume holds homes in either shape.
    expect(resources(one, "openstack_blockstorage_volume_v3")).toHaveLength(1);
    expect(resources(k8s, "openstack_blockstorage_volume_v3")).toHaveLength(1);
    const address = `openstack_blockstorage_volume_v3.${id}`;
    expect(attachedTo(one, address)).toEqual([
      expect.stringMatching(/^openstack_compute_instance_v2\.Hub_Cluster_Group-hub_Node1_[0-9A-F]{8}$/),
    ]);
    expect(attachedTo(k8s, address)).toEqual([
      expect.stringMatching(/^openstack_compute_instance_v2\.Hub_Cluster_Machines_Group-nfs_Node1_[0-9A-F]{8}$/),
    ]);
  });

  test("the NFS server serves the homes in TLJH's layout, and the hub mounts jupyter-{username}", () => {
    const docs = synthWithLedger(planned, course, tempLedger()).docs!;
    const [[, nfs]] = resources(docs.ex, "openstack_compute_instance_v2").filter(([id]) => id.includes("Group-nfs"));
    const config = parseCloudConfig(nfs.user_data);
    const [command] = config.runcmd;
    expect(command.slice(2, 4)).toEqual(["/srv/hub-data", "/srv/hub-data/home"]);
    expect(writtenFile(config, command[0]).content).toContain("chown -R -P -h");
    const [[, release]] = resources(docs["ex-k8s"], "helm_release");
    const values = JSON.parse(release.values[0]);
    expect(values.singleuser.storage.static.subPath).toBe("jupyter-{username}");
  });

  test("the planner never switches a deployed hub: 10 -> 60 users fails synth until the shape is pinned", () => {
    const ledgerPath = tempLedger();
    synthWithLedger(planned, seminar, ledgerPath);
    const refused = synthWithLedger(planned, course, ledgerPath);
    expect(refused.error).toContain("is deployed as single server, and the planner now chooses Kubernetes");
    expect(refused.error).toContain("shape: HubShape.KUBERNETES,   // switch: the home volume is reattached");
    expect(refused.error).toContain("shape: HubShape.SINGLE_SERVER,   // stay as deployed");
  });

  test("10 -> 60 -> 10 users, pinned: the same home volume address throughout, and nothing protected destroyed", () => {
    const ledgerPath = tempLedger();
    const small = synthWithLedger(planned, seminar, ledgerPath);
    const recordedSmall = ledgerAddresses(ledgerPath);

    const grown = synthWithLedger(planned, { ...course, shape: HubShape.KUBERNETES }, ledgerPath);
    expect(grown.error).toBeUndefined();
    expect(grown.ledger.changes).toContainEqual(
      expect.stringMatching(/^ex: shape change: single server -> Kubernetes, home volume reattached/),
    );
    expect(grown.ledger.notices.join("\n")).toContain("The hub database does not carry over");
    expect(protectedDestroyed(small.docs!, grown.docs!, recordedSmall, forceNew)).toEqual([]);
    expect(homeVolume(grown.docs!.ex).map(([id]) => id)).toEqual(homeVolume(small.docs!.ex).map(([id]) => id));
    const recordedGrown = ledgerAddresses(ledgerPath);

    // Back to one VM: the cluster, the hub's address and name, and its namespace leave; each needs a decision.
    const back = { ...seminar, shape: HubShape.SINGLE_SERVER };
    const refused = synthWithLedger(planned, back, ledgerPath);
    expect(refused.error).not.toContain("HomeVolume");
    const keeps = offeredCalls(refused.error!).filter((c) => c.method === "keep");
    expect(keeps.map((c) => c.args[1].split(".")[0]).sort()).toEqual([
      "kubernetes_namespace_v1",
      "openstack_containerinfra_cluster_v1",
      "openstack_dns_recordset_v2",
      "openstack_networking_floatingip_v2",
    ]);
    const shrunk = synthWithLedger(planned, back, ledgerPath, (_app, ledger) => {
      for (const k of keeps) ledger.keep(k.args[0], k.args[1], "kept until the course's grades are final");
    });
    expect(shrunk.error).toBeUndefined();
    expect(shrunk.ledger.changes).toContainEqual(
      expect.stringMatching(/^ex: shape change: Kubernetes -> single server, home volume reattached/),
    );
    expect(protectedDestroyed(grown.docs!, shrunk.docs!, recordedGrown, forceNew)).toEqual([]);
    expect(homeVolume(shrunk.docs!.ex).map(([id]) => id)).toEqual(homeVolume(small.docs!.ex).map(([id]) => id));
  });
});
