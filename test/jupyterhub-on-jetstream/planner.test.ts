import * as fs from "fs";
import * as path from "path";
import * as fc from "fast-check";
import {
  CapacityPlan,
  CapacityPlanner,
  CapacityPlannerProps,
  HubShape,
  JetstreamFlavor,
  JetstreamResource,
  NodeRole,
  SingleServerSizing,
  Size,
} from "../../lib";
import { allocatableMemory } from "../../lib/core/kubernetes-node";
import { tableCells } from "../support/markdown";

const GiB = (n: number) => Size.gibibytes(n);
const plan = (props: CapacityPlannerProps) => CapacityPlanner.plan(props);
const role = (p: CapacityPlan, r: NodeRole) => p.nodes.find((n) => n.role === r);
const vms = (p: CapacityPlan) => p.nodes.map((n) => `${n.count} x ${n.flavor.name}`).join(", ");
const WITH_GPU = [JetstreamResource.CPU, JetstreamResource.GPU];

describe("CapacityPlanner: the shape", () => {
  test("one VM while the single-server rule fits, with the flavor that rule picks", () => {
    const p = plan({ expectedUsers: 12, memoryPerUser: GiB(4) });
    expect(p.shape).toBe(HubShape.SINGLE_SERVER);
    expect(vms(p)).toBe("1 x m3.large");
    expect(p.singleServer!.flavor).toBe(SingleServerSizing.plan({ expectedUsers: 12, memoryPerUser: GiB(4) }).flavor);
    expect(p.nodes[0]).toMatchObject({ role: NodeRole.HUB, usersPerNode: 12, suPerHour: 16 });
  });

  test.each([4, 8, 10, 32])(
    "at %d GiB each, the most users an m3.2xl holds get one VM, one more get Kubernetes",
    (gib) => {
      const most = SingleServerSizing.maxUsers(JetstreamFlavor.M3_2XL, GiB(gib));
      expect(plan({ expectedUsers: most, memoryPerUser: GiB(gib) }).shape).toBe(HubShape.SINGLE_SERVER);
      const beyond = plan({ expectedUsers: most + 1, memoryPerUser: GiB(gib) });
      expect(beyond.shape).toBe(HubShape.KUBERNETES);
      expect(beyond.rationale).toMatch(new RegExp(`more than one m3\\.2xl holds \\(${most} at that size\\)`));
    },
  );

  test("one VM wins even where Kubernetes would cost a little less, and the plan says so", () => {
    // 20 x 8 GiB: an m3.2xl (64 SU/h), or an m3.xl and an m3.large (14 + 6 users, 48) + control plane and home (4)
    const p = plan({ expectedUsers: 20, memoryPerUser: GiB(8) });
    expect(p.shape).toBe(HubShape.SINGLE_SERVER);
    expect(p.suPerHour).toBe(64);
    expect(p.alternativeSuPerHour).toBe(52);
    expect(p.rationale).toMatch(/Kubernetes would cost 52 SU\/h.*one VM deploys in minutes/);
  });

  test("GPU users mean Kubernetes, with a g3 node each", () => {
    const p = plan({ expectedUsers: 10, memoryPerUser: GiB(8), gpuUsers: 3, allocationResources: WITH_GPU });
    expect(p.shape).toBe(HubShape.KUBERNETES);
    expect(role(p, NodeRole.GPU_WORKERS)).toMatchObject({ count: 3, usersPerNode: 1 });
    expect(role(p, NodeRole.GPU_WORKERS)!.flavor).toBe(JetstreamFlavor.G3_MEDIUM);
    // the 7 CPU users: 14 would fit one m3.xl (32 SU/h), but an m3.large and an m3.quad (6 + 1 users) cost 20
    expect(role(p, NodeRole.WORKERS)).toMatchObject({ flavor: JetstreamFlavor.M3_LARGE, count: 1, usersPerNode: 6 });
    expect(role(p, NodeRole.EXTRA_WORKERS)).toMatchObject({ flavor: JetstreamFlavor.M3_QUAD, count: 1 });
  });

  test("shape overrides the choice, and the other shape's price is reported", () => {
    const k8s = plan({ expectedUsers: 5, memoryPerUser: GiB(4), shape: HubShape.KUBERNETES });
    expect(k8s.shape).toBe(HubShape.KUBERNETES);
    expect(k8s.alternativeSuPerHour).toBe(8); // one m3.medium
    expect(k8s.rationale).toMatch(/shape is KUBERNETES/);
  });

  test("a pinned worker flavor means Kubernetes, and only the count is chosen", () => {
    const p = plan({ expectedUsers: 5, memoryPerUser: GiB(4), workerFlavor: JetstreamFlavor.M3_QUAD });
    expect(p.shape).toBe(HubShape.KUBERNETES);
    expect(role(p, NodeRole.WORKERS)).toMatchObject({ flavor: JetstreamFlavor.M3_QUAD, count: 2, usersPerNode: 3 });
    expect(p.rationale).toMatch(/workerFlavor pinned/);
  });
});

describe("CapacityPlanner: Kubernetes", () => {
  test("fixed costs: a control plane and a home server, one m3.small each", () => {
    const p = plan({ expectedUsers: 60, memoryPerUser: GiB(8) });
    expect(vms(p)).toBe("1 x m3.small, 2 x m3.2xl, 1 x m3.large, 1 x m3.small");
    expect(p.nodes.map((n) => n.role)).toEqual([
      NodeRole.CONTROL_PLANE,
      NodeRole.WORKERS,
      NodeRole.EXTRA_WORKERS,
      NodeRole.HOME_SERVER,
    ]);
    expect(p.suPerHour).toBe(2 + 2 * 64 + 16 + 2);
    expect(p.suPerMonth).toBe(p.suPerHour * 730);
  });

  test("workers are sized with the node reserve ZeroToJupyterHub checks against", () => {
    // an m3.xl keeps 12.5 GiB: 112.5 GiB hold 14 users at 8 GiB, not the 15 that 125 GiB would
    expect(CapacityPlanner.usersPerWorker(JetstreamFlavor.M3_XL, GiB(8))).toBe(14);
    expect(allocatableMemory(JetstreamFlavor.M3_XL).toGibibytes()).toBe(112.5);
  });

  test("guaranteed CPU limits users per worker as well as memory", () => {
    // 1 GiB each: memory would allow 225 users on an m3.2xl; 63.5 vCPUs at 0.5 each allow 127
    expect(CapacityPlanner.usersPerWorker(JetstreamFlavor.M3_2XL, GiB(1))).toBe(127);
    expect(CapacityPlanner.usersPerWorker(JetstreamFlavor.M3_2XL, GiB(1), 2)).toBe(31);
    const p = plan({ expectedUsers: 500, memoryPerUser: GiB(1) });
    expect(role(p, NodeRole.WORKERS)).toMatchObject({ count: 4, usersPerNode: 127 });
    expect(p.cpuPerUser).toBe(0.5);
  });

  test("workers hold everyone, with no node to spare, for no more SU than any single current flavor would", () => {
    const memories = fc.integer({ min: 1, max: 64 });
    const users = fc.integer({ min: 1, max: 500 });
    const cpus = fc.constantFrom(undefined, 0.5, 1, 2);
    fc.assert(
      fc.property(users, memories, cpus, (n, gib, cpu) => {
        const p = plan({ expectedUsers: n, memoryPerUser: GiB(gib), cpuPerUser: cpu, shape: HubShape.KUBERNETES });
        const groups = p.nodes.filter((g) => g.role === NodeRole.WORKERS || g.role === NodeRole.EXTRA_WORKERS);
        const held = groups.reduce((sum, g) => sum + g.count * g.usersPerNode, 0);
        expect(held).toBeGreaterThanOrEqual(n);
        const last = groups[groups.length - 1];
        expect(p.nodes.length === 3 && last.count === 1 ? true : held - last.usersPerNode < n).toBe(true);
        const su = groups.reduce((sum, g) => sum + g.suPerHour, 0);
        for (const f of JetstreamFlavor.available(JetstreamResource.CPU)) {
          const perNode = CapacityPlanner.usersPerWorker(f, GiB(gib), cpu);
          if (perNode > 0) expect(su).toBeLessThanOrEqual(Math.ceil(n / perNode) * f.suPerHour);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("a second group of another flavor takes the users the full nodes leave over, when that costs less", () => {
    // 22 x 15 GiB: an m3.2xl holds 15, an m3.xl 7; two m3.2xl would cost 128 SU/h, these two 96
    const p = plan({ expectedUsers: 22, memoryPerUser: GiB(15) });
    expect(vms(p)).toBe("1 x m3.small, 1 x m3.2xl, 1 x m3.xl, 1 x m3.small");
    expect(p.rationale).toMatch(/1 × m3\.2xl, 15 users each .*, and 1 × m3\.xl for the last 7 users: 96 SU\/h/);
  });

  test("Large Memory flavors join the candidates with a Jetstream2-LM allocation", () => {
    const lm = [JetstreamResource.CPU, JetstreamResource.LARGE_MEMORY];
    const p = plan({ expectedUsers: 40, memoryPerUser: GiB(300), allocationResources: lm });
    expect(role(p, NodeRole.WORKERS)!.flavor.resource).toBe(JetstreamResource.LARGE_MEMORY);
  });

  test("the GPU flavor has the share asked for and room for the user's memory", () => {
    const at = (gpuShare: number, gib: number) =>
      role(
        plan({ expectedUsers: 4, memoryPerUser: GiB(gib), gpuUsers: 2, gpuShare, allocationResources: WITH_GPU }),
        NodeRole.GPU_WORKERS,
      )!.flavor.name;
    expect(at(0.25, 8)).toBe("g3.medium");
    expect(at(0.5, 8)).toBe("g3.large");
    expect(at(0.25, 40)).toBe("g3.large"); // a g3.medium keeps 27 GiB for users
    expect(at(1, 8)).toBe("g3.xl");
  });

  test("warns when the plan needs more cores than a research allocation's default quota", () => {
    expect(plan({ expectedUsers: 100, memoryPerUser: GiB(8) }).warnings).toEqual([
      expect.stringMatching(/runs 2\d\d m3 vCPUs, more than .* default quota of 150/),
    ]);
    expect(plan({ expectedUsers: 30, memoryPerUser: GiB(8) }).warnings).toEqual([]);
  });
});

describe("CapacityPlanner: bad input", () => {
  test.each<[string, Partial<CapacityPlannerProps>, RegExp]>([
    ["expectedUsers is 0", { expectedUsers: 0 }, /expectedUsers: must be a whole number.*got 0/],
    ["expectedUsers is fractional", { expectedUsers: 2.5 }, /expectedUsers: .*Allowed: an integer from 1 to 10000/],
    ["memoryPerUser is 128 MiB", { memoryPerUser: Size.mebibytes(128) }, /memoryPerUser: too small.*got "128 MiB"/],
    ["cpuPerUser is 0", { cpuPerUser: 0 }, /cpuPerUser: must be a number of vCPUs greater than 0; got 0/],
    [
      "gpuUsers exceed expectedUsers",
      { gpuUsers: 11, allocationResources: WITH_GPU },
      /gpuUsers: .*from 0 to expectedUsers \(10\)/,
    ],
    ["gpuUsers is fractional", { gpuUsers: 0.5, allocationResources: WITH_GPU }, /gpuUsers: must be a whole number/],
    ["gpuShare is above 1", { gpuShare: 1.5 }, /gpuShare: must be a share of one A100; got 1\.5/],
    ["gpuShare is 0", { gpuShare: 0 }, /gpuShare: .*above 0 and at most 1/],
    [
      "GPU users have no GPU allocation",
      { gpuUsers: 1 },
      /allocationResources: 1 GPU users need g3 nodes.*Fix: add JetstreamResource\.GPU/,
    ],
    [
      "the allocation has no CPU resource",
      { allocationResources: [JetstreamResource.GPU] },
      /allocationResources: the hub's own VMs .* are m3 flavors/,
    ],
    [
      "allocationResources lists a non-resource",
      { allocationResources: ["cpu" as JetstreamResource] },
      /allocationResources: must list Jetstream2 resources/,
    ],
    ["shape is not a HubShape", { shape: "vm" as HubShape }, /shape: not a hub shape; got "vm"/],
    [
      "one VM is forced with GPU users",
      { shape: HubShape.SINGLE_SERVER, gpuUsers: 1, allocationResources: WITH_GPU },
      /gpuUsers: GPU users need the Kubernetes shape/,
    ],
    [
      "one VM is forced with a worker flavor",
      { shape: HubShape.SINGLE_SERVER, workerFlavor: JetstreamFlavor.M3_XL },
      /workerFlavor: workers belong to the Kubernetes shape/,
    ],
    [
      "one VM is forced beyond the largest flavor",
      { shape: HubShape.SINGLE_SERVER, expectedUsers: 40, memoryPerUser: GiB(8) },
      /expectedUsers: .*more than the largest Jetstream2 flavor m3\.2xl.*Kubernetes/,
    ],
    ["one VM gets a fractional CPU", { cpuPerUser: 0.5 }, /cpuPerUser: must be a whole number of CPUs/],
    [
      "the pinned worker is a GPU flavor",
      { workerFlavor: JetstreamFlavor.G3_MEDIUM, allocationResources: WITH_GPU },
      /workerFlavor: GPU nodes come from gpuUsers/,
    ],
    [
      "the pinned worker holds nobody",
      { workerFlavor: JetstreamFlavor.M3_QUAD, memoryPerUser: GiB(14) },
      /workerFlavor: holds no user at 14 GiB .* after its 1.50 GiB reserve/,
    ],
    [
      "the pinned worker is outside the allocation",
      { workerFlavor: JetstreamFlavor.R3_LARGE },
      /workerFlavor: a Jetstream2-LM flavor, and allocationResources does not include it/,
    ],
    [
      "no worker holds one user",
      { expectedUsers: 40, memoryPerUser: GiB(300) },
      /memoryPerUser: more than any worker holds.*Fix: .*LARGE_MEMORY/,
    ],
    [
      "no GPU flavor holds one GPU user",
      { memoryPerUser: GiB(200), gpuUsers: 1, allocationResources: WITH_GPU },
      /gpuShare: no current g3 flavor has 0\.25 of an A100 and room for 200 GiB/,
    ],
  ])("fails when %s", (_, change, message) => {
    expect(() => plan({ expectedUsers: 10, memoryPerUser: GiB(4), ...change })).toThrow(message);
  });
});

/** The table docs/capacity-planning.md shows: users at once (rows) × memory per user (columns). */
function planTable(users: number[], memoriesGiB: number[]): string {
  const cell = (n: number, gib: number) => {
    const p = plan({ expectedUsers: n, memoryPerUser: GiB(gib) });
    const workers = p.nodes
      .filter((g) => g.role === NodeRole.WORKERS || g.role === NodeRole.EXTRA_WORKERS || g.role === NodeRole.HUB)
      .map((g) => `${g.count} × ${g.flavor.name}`)
      .join(" + ");
    return p.shape === HubShape.SINGLE_SERVER ? `one VM: ${workers}, ${p.suPerHour}` : `${workers}, ${p.suPerHour}`;
  };
  return [
    `| users at once | ${memoriesGiB.map((m) => `${m} GiB each`).join(" | ")} |`,
    `|---:|${memoriesGiB.map(() => "---").join("|")}|`,
    ...users.map((n) => `| ${n} | ${memoriesGiB.map((m) => cell(n, m)).join(" | ")} |`),
  ].join("\n");
}

test("the table in docs/capacity-planning.md is the one the planner produces", () => {
  const docs = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "capacity-planning.md"), "utf8");
  const table = /<!-- plan-table:start -->([\s\S]*?)<!-- plan-table:end -->/.exec(docs)?.[1] ?? "";
  // Compared cell by cell: prettier pads markdown tables.
  expect(tableCells(table)).toEqual(tableCells(planTable(PLAN_TABLE_USERS, PLAN_TABLE_GIB)));
});

const PLAN_TABLE_USERS = [5, 20, 30, 60, 120, 250, 500];
const PLAN_TABLE_GIB = [2, 4, 8, 16];
