import { Testing } from "cdktf";
import { JetstreamFlavor, JetstreamImage } from "../lib";
import { JetstreamClusterExample, JetstreamClusterExampleSettings } from "../examples/jetstream-cluster/stack";
import { describeWithSchema } from "./support/schemas";
import { ForceNewSchema, planChanges, statefulChanges } from "./support/plan-diff";
import { StackJson } from "./support/synth";

function example(settings: JetstreamClusterExampleSettings = {}): StackJson {
  return JSON.parse(Testing.synth(new JetstreamClusterExample(Testing.app(), "jetstream-cluster", settings), true));
}

// Changes a team makes over a deployment's life. None may replace or destroy a volume or its attachment, nor
// replace or re-image a VM.
const SAFE_CHANGES: [string, JetstreamClusterExampleSettings][] = [
  ["one more compute VM", { computeCount: 3 }],
  ["a bigger compute flavor", { computeFlavor: JetstreamFlavor.M3_MEDIUM }],
  ["a newer image", { image: JetstreamImage.FEATURED_UBUNTU22 }],
  ["new user data", { computeUserData: "#cloud-config\npackages: [htop]\n" }],
  ["a bigger scratch volume", { scratchGiB: 200 }],
  ["new admin networks", { adminCidrs: ["203.0.113.0/24", "2001:db8::/48"] }],
];

describeWithSchema(
  "openstack-force-new.json",
  "data safety of the jetstream-cluster example",
  (schema: ForceNewSchema) => {
    const before = example();

    test.each(SAFE_CHANGES)("%s: no volume, attachment or VM is replaced, destroyed or re-imaged", (_, settings) => {
      const after = example(settings);
      const changes = planChanges(before, after, schema);
      expect(statefulChanges(before, after, schema)).toEqual([]);
      expect(changes.filter((c) => c.type === "openstack_compute_instance_v2")).toEqual([]);
    });

    test("all the safe changes at once are still safe", () => {
      const after = example(Object.assign({}, ...SAFE_CHANGES.map(([, s]) => s)));
      expect(statefulChanges(before, after, schema)).toEqual([]);
    });

    // The checks above prove nothing unless the comparison sees real hazards: these must be caught.
    test("catches scaling a group down: the last VM's volume would be destroyed (prevent_destroy stops the apply)", () => {
      const changes = statefulChanges(before, example({ computeCount: 1 }), schema);
      expect(changes.map((c) => [c.kind, c.type])).toEqual([
        ["destroy", "openstack_blockstorage_volume_v3"],
        ["destroy", "openstack_compute_volume_attach_v2"],
      ]);
    });

    test("catches a volume made smaller", () => {
      expect(statefulChanges(before, example({ scratchGiB: 50 }), schema).map((c) => c.kind)).toEqual([
        "shrink",
        "shrink",
      ]);
    });

    test("catches a replaced VM re-creating its volume attachment", () => {
      const stack = new JetstreamClusterExample(Testing.app(), "jetstream-cluster");
      stack.cluster.nodeGroup("compute").nodes[0].instance.addOverride("availability_zone", "nova-2");
      const changes = statefulChanges(before, JSON.parse(Testing.synth(stack)), schema);
      expect(changes).toEqual([
        expect.objectContaining({
          kind: "replace",
          type: "openstack_compute_volume_attach_v2",
          why: expect.stringMatching(/instance_id refers to/),
        }),
      ]);
    });

    test("catches an image change on a VM that does not ignore it (a rebuild)", () => {
      const stack = new JetstreamClusterExample(Testing.app(), "jetstream-cluster", {
        image: JetstreamImage.FEATURED_UBUNTU22,
      });
      for (const node of stack.cluster.nodeGroup("web").nodes)
        node.instance.addOverride("lifecycle.ignore_changes", undefined);
      const changes = planChanges(before, JSON.parse(Testing.synth(stack)), schema);
      expect(changes.map((c) => [c.kind, c.type])).toEqual([["rebuild", "openstack_compute_instance_v2"]]);
    });
  },
);

describe("the plan comparison on hub-shaped documents", () => {
  const schema: ForceNewSchema = { resources: { openstack_containerinfra_cluster_v1: ["labels", "name"] } };
  const release = (name: string, values: string) => ({
    resource: { helm_release: { Hub: { name, namespace: "jupyterhub", chart: "jupyterhub", values: [values] } } },
  });

  test("new values upgrade the hub release in place; a new name replaces it", () => {
    expect(statefulChanges(release("hub", "{}"), release("hub", '{"cull":{"timeout":7200}}'), schema)).toEqual([]);
    expect(statefulChanges(release("hub", "{}"), release("hub2", "{}"), schema)).toEqual([
      { address: "helm_release.Hub", type: "helm_release", kind: "replace", why: 'name: "hub" -> "hub2"' },
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
    expect(statefulChanges(cluster({ a: "1" }, true), cluster({ a: "2" }, true), schema)).toEqual([]);
    expect(statefulChanges(cluster({ a: "1" }, false), cluster({ a: "2" }, false), schema).map((c) => c.kind)).toEqual([
      "replace",
    ]);
  });
});
