import { App, TerraformStack, Testing } from "cdktf";
import { PlannedHubExample } from "../../examples/jupyterhub-on-jetstream/stack";
import { KubernetesHubClusterStack } from "../../examples/kubernetes-hub/cluster-stack";
import { formatSummaries, shapeOf, StackSummary, summarizeStack } from "../../examples/summary";
import { StackJson } from "../support/synth";

// What `npm run synth` prints: a line per stack with its shape, VMs, SU per hour and hub URL.

/** A stack document as Magnum and VMs synthesize: an autoscaled cluster, a fixed node group, an instance. */
const MAGNUM: StackJson = {
  resource: {
    openstack_containerinfra_cluster_v1: {
      c: {
        master_flavor: "m3.small",
        master_count: 3,
        flavor: "m3.quad",
        node_count: 2,
        labels: { auto_scaling_enabled: "true", min_node_count: "1", max_node_count: "6" },
      },
    },
    openstack_containerinfra_nodegroup_v1: {
      gpu: { flavor_id: "g3.medium", node_count: 1, min_node_count: 1, max_node_count: 1 },
    },
    openstack_compute_instance_v2: { nfs: { flavor_name: "m3.small" } },
    openstack_networking_floatingip_v2: { ip: {} },
  },
  output: { hub_url: { value: "https://hub.cis230085.projects.jetstream-cloud.org/" } },
};

describe("summarizeStack", () => {
  test("counts Magnum control-plane and worker nodes, node groups and VMs, autoscaled groups at their start", () => {
    const s = summarizeStack("c", MAGNUM, "Kubernetes (Magnum)");
    expect(s.vms).toEqual([
      { flavor: "m3.small", count: 4 }, // 3 control-plane nodes + the NFS server
      { flavor: "m3.quad", count: 2, upTo: 6 },
      { flavor: "g3.medium", count: 1 }, // min = max: not autoscaled
    ]);
    expect(s.suPerHour).toBe(4 * 2 + 2 * 4 + 32);
    expect(s.resources).toBe(4);
  });

  test("reads the hub URL from the hub_url output, and nothing else", () => {
    expect(summarizeStack("c", MAGNUM).hubUrl).toBe("https://hub.cis230085.projects.jetstream-cloud.org/");
    expect(summarizeStack("c", { output: { hub_hostname: { value: "x" } } }).hubUrl).toBeUndefined();
  });
});

describe("shapeOf and formatSummaries on the examples", () => {
  const app: App = Testing.app();
  const seminar = new PlannedHubExample(app, "seminar", { name: "seminar", expectedUsers: 12, memoryGiB: 4 });
  const course = new PlannedHubExample(app, "course", { name: "course", expectedUsers: 80, memoryGiB: 4, gpuUsers: 4 });
  const magnum = new KubernetesHubClusterStack(app, "magnum");
  const stacks: TerraformStack[] = [...seminar.stacks, ...course.stacks, magnum];
  const summaries: StackSummary[] = stacks.map((s) => summarizeStack(s.node.id, s.toTerraform(), shapeOf(s)));
  const line = (stack: string) => summaries.find((s) => s.stack === stack)!;

  test("names each stack's shape from its constructs", () => {
    expect(summaries.map((s) => [s.stack, s.shape])).toEqual([
      ["seminar", "one VM (TLJH), planned"],
      ["seminar-k8s", "empty"],
      ["course", "Kubernetes (Magnum), planned"],
      ["course-k8s", "z2jh release"],
      ["magnum", "Kubernetes (Magnum)"],
    ]);
  });

  test("a planned stack's VMs cost what its plan says", () => {
    expect(line("seminar").suPerHour).toBe(seminar.hub.plan.suPerHour);
    expect(line("course").suPerHour).toBe(course.hub.plan.suPerHour);
  });

  test("one table: a header, a line per stack, a note on what SU/h counts", () => {
    const lines = formatSummaries(summaries).split("\n");
    expect(lines).toHaveLength(1 + stacks.length + 1);
    expect(lines[0]).toMatch(/^stack\s+shape\s+resources\s+VMs\s+SU\/h\s+hub URL$/);
    expect(lines[1]).toMatch(
      /^seminar\s+one VM \(TLJH\), planned\s+\d+\s+1 x m3\.large\s+16\s+https:\/\/seminar-hub\.cis230085\.projects\.jetstream-cloud\.org\/$/,
    );
    expect(lines[5]).toMatch(
      /^magnum\s+Kubernetes \(Magnum\)\s+\d+\s+2 x m3\.small, 1 \(up to 4\) x m3\.quad\s+8\s+-$/,
    );
    expect(lines[6]).toMatch(/^Autoscaled groups count at their starting size/);
    // columns line up: every SU/h value ends where the header's does
    const end = lines[0].indexOf("SU/h") + 4;
    for (const l of lines.slice(1, -1)) expect(l.slice(0, end)).toMatch(/\d$/);
  });
});
