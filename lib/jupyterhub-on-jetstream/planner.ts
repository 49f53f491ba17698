import { IConstruct } from "constructs";
import { JetstreamValidationError, ValidationProblem, requireInstance } from "../core/errors";
import { JetstreamFlavor, JetstreamResource } from "../core/flavor";
import { allocatableCpu, allocatableMemory } from "../core/kubernetes-node";
import { Size } from "../core/units";
import { tokenProblem } from "../core/validate";
import {
  SingleServerPlan,
  SingleServerSizing,
  candidateFlavors,
  checkExpectedUsers,
  checkMemoryPerUser,
  planSingleServer,
} from "../single-server-hub/sizing";
import { DEFAULT_CPU_GUARANTEE } from "../zero-to-jupyterhub/resources";

/** The two ways this library runs a hub. */
export enum HubShape {
  /** The Littlest JupyterHub on one VM (`SingleServerHub`). */
  SINGLE_SERVER = "single-server",
  /** Zero to JupyterHub on a Magnum Kubernetes cluster (`ZeroToJupyterHub` on `KubernetesOnJetstream`). */
  KUBERNETES = "kubernetes",
}

/** What a group of planned VMs is for. */
export enum NodeRole {
  /** The single-server hub's VM: hub, proxy and every user's server. */
  HUB = "hub",
  /** Magnum's control plane. */
  CONTROL_PLANE = "control-plane",
  /** The default worker group: users' servers and the hub's own pods. */
  WORKERS = "workers",
  /** A second CPU worker group of another flavor, for the users the full default workers leave over. */
  EXTRA_WORKERS = "extra-workers",
  /** The GPU node group: one GPU user per node (a g3 VM carries one GPU slice). */
  GPU_WORKERS = "gpu-workers",
  /** The NFS server VM that holds home directories outside the cluster. */
  HOME_SERVER = "home-server",
}

/** A group of identical VMs in a plan. */
export interface PlannedNodes {
  /**
   * What the VMs are for.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly role: NodeRole;
  /**
   * Their flavor.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly flavor: JetstreamFlavor;
  /**
   * How many.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly count: number;
  /**
   * Users one VM holds at the planned memory and CPU; 0 for VMs that run no users.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly usersPerNode: number;
  /**
   * `count` × the flavor's SU per hour.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly suPerHour: number;
}

/**
 * What a hub must hold, for `CapacityPlanner.plan`.
 */
export interface CapacityPlannerProps {
  /**
   * How many users work on the hub at the same time, at its busiest (not how many accounts exist).
   *
   * Tokens: refused; the plan is computed at synth.
   */
  readonly expectedUsers: number;
  /**
   * The memory each user's server may use. On one VM it is TLJH's `limits.memory`; on Kubernetes both the guarantee
   * and the limit (`singleuser.memory`), so every user can reach it at once, as on one VM.
   *
   * Tokens: n.a.; a Size.
   */
  readonly memoryPerUser: Size;
  /**
   * The vCPUs each user's server gets. On one VM it is TLJH's `limits.cpu` (whole CPUs; users share the VM's
   * CPUs). On Kubernetes it is both the guarantee and the limit (`singleuser.cpu`), so a worker holds only as many
   * users as its vCPUs allow.
   *
   * Tokens: refused; the plan is computed at synth.
   *
   * @default - on one VM the flavor's vCPUs shared evenly; on Kubernetes a guarantee of 0.5 vCPU (ZeroToJupyterHub's)
   */
  readonly cpuPerUser?: number;
  /**
   * How many of `expectedUsers` need a GPU at the same time. Each gets a g3 node of its own (a Jetstream2 g3 VM
   * carries one GPU slice), so GPUs mean the Kubernetes shape and `JetstreamResource.GPU` in `allocationResources`.
   *
   * Tokens: refused; the plan is computed at synth.
   *
   * @default 0
   */
  readonly gpuUsers?: number;
  /**
   * The share of an NVIDIA A100 each GPU user needs: 0.25 (g3.medium), 0.5 (g3.large) or 1 (g3.xl), or anything
   * between; the cheapest g3 flavor with at least this share and room for `memoryPerUser` is chosen.
   *
   * Tokens: refused; the plan is computed at synth.
   *
   * @default 0.25
   */
  readonly gpuShare?: number;
  /**
   * The Jetstream2 resources the allocation covers. Large Memory (r3) flavors become worker candidates with
   * `JetstreamResource.LARGE_MEMORY`; GPU users need `JetstreamResource.GPU`.
   *
   * Tokens: n.a.; a list of enum values.
   *
   * @default [JetstreamResource.CPU]
   */
  readonly allocationResources?: JetstreamResource[];
  /**
   * Choose the shape instead of letting the planner pick.
   *
   * Tokens: n.a.; an enum value.
   *
   * @default - one VM while the users fit the largest current m3 flavor by the single-server sizing rule and need
   * no GPU (and no `workerFlavor` is pinned); Kubernetes beyond
   */
  readonly shape?: HubShape;
  /**
   * Pin the flavor of Kubernetes' default worker group; the planner then chooses its count, and possibly a second
   * group of another flavor for the users the full nodes leave over. Magnum replaces a cluster whose
   * worker flavor changes (and the construct's `prevent_destroy` refuses that), so pin the flavor of a deployed
   * cluster before changing `expectedUsers` or `memoryPerUser`.
   *
   * Tokens: n.a.; a JetstreamFlavor.
   *
   * @default - the flavor that holds the users for the fewest SU per hour
   */
  readonly workerFlavor?: JetstreamFlavor;
}

/**
 * The planner's answer: the shape, the VMs, what they cost, and why.
 */
export interface CapacityPlan {
  /**
   * Single server or Kubernetes.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly shape: HubShape;
  /**
   * Users working at once.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly expectedUsers: number;
  /**
   * Of those, users with a GPU.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly gpuUsers: number;
  /**
   * Memory per user.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly memoryPerUser: Size;
  /**
   * vCPUs per user: TLJH's `limits.cpu` on one VM; on Kubernetes the guarantee each worker was sized for.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly cpuPerUser: number;
  /**
   * The VMs, by role: the hub VM; or control plane, workers, GPU workers and home server.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly nodes: PlannedNodes[];
  /**
   * SU per hour while every VM is active.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly suPerHour: number;
  /**
   * SU per month: `suPerHour` × `CapacityPlanner.HOURS_PER_MONTH` (730, a year's hours / 12).
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly suPerMonth: number;
  /**
   * Why this shape and these flavors, in a few sentences.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly rationale: string;
  /**
   * What to do before deploying, such as asking for a larger quota; empty when nothing.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly warnings: string[];
  /**
   * The single-server sizing (flavor and memory budget), for the single-server shape.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly singleServer?: SingleServerPlan;
  /**
   * SU per hour of the cheapest plan of the other shape, when that shape can hold the users too.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   *
   * @default - the other shape cannot hold them
   */
  readonly alternativeSuPerHour?: number;
}

/**
 * Plans a hub's capacity: from the users working at once, their memory and CPU and any GPU users, the shape (one
 * VM or Kubernetes), the flavors and counts that cost the fewest SU per hour, and that cost.
 *
 * The rule:
 * - **One VM while it holds them.** The single-server sizing rule (`SingleServerSizing`: 128 MiB for the hub,
 *   users × memory, a system reserve) must fit the largest current m3 flavor, and no user needs a GPU. One VM is
 *   preferred even where a Kubernetes plan would cost a little less: it deploys in minutes instead of hours, has
 *   one machine to look after instead of a cluster, a control plane and a home server, and keeps every home on
 *   one volume. `alternativeSuPerHour` shows the other shape's price; `shape` overrides.
 * - **Kubernetes beyond**, on Magnum: a control plane and a home NFS server (each m3.small) are fixed costs; the
 *   workers are the one current flavor, with the count, that holds the users for the fewest SU per hour, after the
 *   per-node reserve ZeroToJupyterHub checks against (10% of memory, at least 1 GiB; half a vCPU). Each GPU user
 *   gets a node of the cheapest g3 flavor with the GPU share and memory asked for.
 *
 * Pure: no constructs, no I/O.
 *
 * @example
 * const plan = CapacityPlanner.plan({ expectedUsers: 60, memoryPerUser: Size.gibibytes(8) });
 * // plan.shape === HubShape.KUBERNETES; plan.nodes lists the VMs; plan.suPerHour their cost
 */
export class CapacityPlanner {
  /** Hours in a month for `suPerMonth`: 8760 hours a year / 12. */
  public static readonly HOURS_PER_MONTH: number = 730;
  /** The Magnum control-plane flavor the plans use (one node). */
  public static readonly CONTROL_PLANE_FLAVOR: JetstreamFlavor = JetstreamFlavor.M3_SMALL;
  /** The flavor of the NFS server that holds home directories on Kubernetes. */
  public static readonly HOME_SERVER_FLAVOR: JetstreamFlavor = JetstreamFlavor.M3_SMALL;
  /** The GPU share per GPU user unless `gpuShare` says otherwise. */
  public static readonly DEFAULT_GPU_SHARE: number = 0.25;

  /**
   * Plans the hub. Throws a validation error naming the prop when the input is out of range or nothing holds it.
   */
  public static plan(props: CapacityPlannerProps): CapacityPlan {
    return planCapacity(props);
  }

  /**
   * How many users a Kubernetes worker of `flavor` holds, after the node's system reserve.
   *
   * @param cpuPerUser the CPU guarantee per user; default 0.5
   */
  public static usersPerWorker(flavor: JetstreamFlavor, memoryPerUser: Size, cpuPerUser?: number): number {
    requireInstance(flavor, JetstreamFlavor, "flavor", "a flavor such as JetstreamFlavor.M3_LARGE");
    requireInstance(memoryPerUser, Size, "memoryPerUser", "a Size such as Size.gibibytes(4)");
    return usersPerWorker(flavor, memoryPerUser, cpuPerUser ?? DEFAULT_CPU_GUARANTEE);
  }

  private constructor() {}
}

/** m3 cores a Jetstream2 research or startup allocation may run at once unless support raises it. */
const DEFAULT_CORE_QUOTA = 150;

/** Users a worker holds: limited by memory after the reserve, and by guaranteed CPU. */
export function usersPerWorker(flavor: JetstreamFlavor, memory: Size, cpu: number): number {
  const byMemory = Math.floor(allocatableMemory(flavor).toMebibytes() / memory.toMebibytes());
  // (the epsilon keeps 31.5 / 0.5 from landing a hair under 63)
  const byCpu = Math.floor(allocatableCpu(flavor) / cpu + 1e-9);
  return Math.max(0, Math.min(byMemory, byCpu));
}

/** The worker flavors a plan may use: current flavors of the allocation's CPU and Large Memory resources. */
export function workerCandidates(resources: JetstreamResource[]): JetstreamFlavor[] {
  return [JetstreamResource.CPU, JetstreamResource.LARGE_MEMORY]
    .filter((r) => resources.includes(r))
    .flatMap((r) => JetstreamFlavor.available(r));
}

/** Input checked and defaults filled in. */
interface Demand {
  readonly users: number;
  readonly gpuUsers: number;
  readonly memory: Size;
  /** As given; undefined leaves each shape's default. */
  readonly cpu?: number;
  readonly gpuShare: number;
  readonly resources: JetstreamResource[];
}

/** A Kubernetes plan, or why there is none. */
type KubernetesOutcome = { nodes: PlannedNodes[]; cpu: number; rationale: string } | { problem: ValidationProblem };

/**
 * The planner. With `scope`, errors carry the construct path (the props are the pattern's, so they are named alike).
 */
export function planCapacity(props: CapacityPlannerProps, scope?: IConstruct): CapacityPlan {
  const reject = (problem: ValidationProblem): never => {
    throw new JetstreamValidationError(problem, scope);
  };
  const demand = checkDemand(props, scope, reject);
  const shape = props.shape;
  if (shape !== undefined && !Object.values(HubShape).includes(shape)) {
    reject({
      prop: "shape",
      value: shape,
      problem: "not a hub shape",
      allowed: "HubShape.SINGLE_SERVER or HubShape.KUBERNETES",
      fix: "leave shape out to let the planner choose",
    });
  }
  if (shape === HubShape.SINGLE_SERVER) {
    for (const [prop, given, why] of [
      ["gpuUsers", demand.gpuUsers > 0, "GPU users need the Kubernetes shape (a GPU node each)"],
      ["workerFlavor", props.workerFlavor !== undefined, "workers belong to the Kubernetes shape"],
    ] as const) {
      if (given) {
        reject({
          prop,
          value: prop === "gpuUsers" ? demand.gpuUsers : props.workerFlavor?.name,
          problem: `${why}, and shape is SINGLE_SERVER`,
          allowed: `no ${prop} with HubShape.SINGLE_SERVER`,
          fix: `drop ${prop}, or leave shape out`,
        });
      }
    }
  }
  if (!demand.resources.includes(JetstreamResource.CPU)) {
    reject({
      prop: "allocationResources",
      value: demand.resources,
      problem: "the hub's own VMs (the single server, the control plane, the home server) are m3 flavors",
      allowed: "a list that includes JetstreamResource.CPU",
      fix: "add JetstreamResource.CPU: Jetstream2 may delete m3 VMs running on a GPU or Large Memory allocation",
    });
  }

  const oneVm = demand.gpuUsers === 0 && fitsOneVm(demand);
  const single = shape === HubShape.SINGLE_SERVER || (shape === undefined && oneVm && props.workerFlavor === undefined);
  if (single) {
    const sizing = planSingleServer(
      { expectedUsers: demand.users, memoryPerUser: demand.memory, cpuPerUser: demand.cpu },
      scope,
    );
    const flavor = sizing.flavor;
    const other = planKubernetes(demand, undefined);
    const alternative = "nodes" in other ? sumSu(other.nodes) : undefined;
    const rationale =
      `${demand.users} users × ${demand.memory} fit one ${flavor.name} (${sizing.requiredMemory} of ` +
      `${flavor.ramGiB} GiB with the hub and the system reserve): The Littlest JupyterHub on one VM, ` +
      `${flavor.suPerHour} SU/h.` +
      (alternative === undefined
        ? ""
        : ` Kubernetes would cost ${alternative} SU/h with its control plane and home server` +
          (alternative < flavor.suPerHour
            ? "; one VM deploys in minutes and is one machine to run (shape: KUBERNETES takes the cheaper one)."
            : "."));
    return finish(demand, HubShape.SINGLE_SERVER, sizing.cpuPerUser, [node(NodeRole.HUB, flavor, 1, demand.users)], {
      rationale,
      singleServer: sizing,
      alternativeSuPerHour: alternative,
    });
  }

  const kubernetes = planKubernetes(demand, props.workerFlavor);
  if ("problem" in kubernetes) return reject(kubernetes.problem);
  let alternative: number | undefined;
  let why: string;
  if (oneVm) {
    alternative = planSingleServer({ expectedUsers: demand.users, memoryPerUser: demand.memory }).flavor.suPerHour;
    why = props.workerFlavor !== undefined ? "workerFlavor is pinned" : "shape is KUBERNETES";
  } else if (demand.gpuUsers > 0) {
    why = `${demand.gpuUsers} GPU users need GPU nodes`;
  } else {
    const largest = candidateFlavors()[candidateFlavors().length - 1];
    why =
      `${demand.users} users × ${demand.memory} are more than one ${largest.name} holds ` +
      `(${SingleServerSizing.maxUsers(largest, demand.memory)} at that size)`;
  }
  return finish(demand, HubShape.KUBERNETES, kubernetes.cpu, kubernetes.nodes, {
    rationale: `Kubernetes: ${why}. ${kubernetes.rationale}`,
    alternativeSuPerHour: alternative,
  });
}

function checkDemand(
  props: CapacityPlannerProps,
  scope: IConstruct | undefined,
  reject: (p: ValidationProblem) => never,
): Demand {
  const users = checkExpectedUsers(props.expectedUsers, scope);
  const memory = checkMemoryPerUser(props.memoryPerUser, scope);
  const cpu = props.cpuPerUser;
  const sized = "it sizes the hub at synth";
  for (const [prop, value] of [
    ["cpuPerUser", cpu],
    ["gpuUsers", props.gpuUsers],
    ["gpuShare", props.gpuShare],
  ] as const) {
    const token = tokenProblem(prop, value, sized);
    if (token) reject(token);
  }
  if (cpu !== undefined && (typeof cpu !== "number" || !Number.isFinite(cpu) || cpu <= 0)) {
    reject({
      prop: "cpuPerUser",
      value: cpu,
      problem: "must be a number of vCPUs greater than 0",
      allowed: "a number such as 1 or 2 (whole CPUs on one VM; 0.5 is fine on Kubernetes)",
      fix: "leave cpuPerUser out to let memory decide",
    });
  }
  const gpuUsers = props.gpuUsers ?? 0;
  if (typeof gpuUsers !== "number" || !Number.isInteger(gpuUsers) || gpuUsers < 0 || gpuUsers > users) {
    reject({
      prop: "gpuUsers",
      value: gpuUsers,
      problem: "must be a whole number of the expected users",
      allowed: `an integer from 0 to expectedUsers (${users})`,
      fix: "count the users who need a GPU at the same time; they are part of expectedUsers",
    });
  }
  const gpuShare = props.gpuShare ?? CapacityPlanner.DEFAULT_GPU_SHARE;
  if (typeof gpuShare !== "number" || !Number.isFinite(gpuShare) || gpuShare <= 0 || gpuShare > 1) {
    reject({
      prop: "gpuShare",
      value: gpuShare,
      problem: "must be a share of one A100",
      allowed: "a number above 0 and at most 1: 0.25 (g3.medium), 0.5 (g3.large), 1 (g3.xl)",
      fix: "give the share of a GPU one user needs, e.g. 0.25",
    });
  }
  const resources = props.allocationResources ?? [JetstreamResource.CPU];
  if (!Array.isArray(resources) || resources.some((r) => !Object.values(JetstreamResource).includes(r))) {
    reject({
      prop: "allocationResources",
      value: resources,
      problem: "must list Jetstream2 resources",
      allowed: "JetstreamResource.CPU, LARGE_MEMORY and GPU",
      fix: "list the resources your allocation covers, e.g. [JetstreamResource.CPU, JetstreamResource.GPU]",
    });
  }
  if (gpuUsers > 0 && !resources.includes(JetstreamResource.GPU)) {
    reject({
      prop: "allocationResources",
      value: resources,
      problem: `${gpuUsers} GPU users need g3 nodes, which only a Jetstream2-GPU allocation may run`,
      allowed: "a list that includes JetstreamResource.GPU",
      fix: "add JetstreamResource.GPU (and get a GPU allocation), or set gpuUsers to 0",
    });
  }
  return { users, gpuUsers, memory, cpu, gpuShare, resources };
}

/** Whether the single-server sizing rule finds a current m3 flavor for the users. */
function fitsOneVm(demand: Demand): boolean {
  return candidateFlavors().some((f) => SingleServerSizing.maxUsers(f, demand.memory) >= demand.users);
}

function planKubernetes(demand: Demand, pinned: JetstreamFlavor | undefined): KubernetesOutcome {
  const cpu = demand.cpu ?? DEFAULT_CPU_GUARANTEE;
  const cpuUsers = demand.users - demand.gpuUsers;
  if (pinned !== undefined) {
    const problem = checkPinned(pinned, demand, cpu);
    if (problem) return { problem };
  }
  const candidates = workerCandidates(demand.resources)
    .map((flavor) => ({ flavor, perNode: usersPerWorker(flavor, demand.memory, cpu) }))
    .filter((c) => c.perNode >= 1);
  const mains = pinned ? [{ flavor: pinned, perNode: usersPerWorker(pinned, demand.memory, cpu) }] : candidates;
  let workers: PlannedNodes[] | undefined;
  for (const main of mains) {
    // As many full nodes of the main flavor as the users fill, then either one more of it, or the cheapest group of
    // another flavor for the users left over. (Magnum's default group has at least one node: the hub's pods run
    // there.)
    const full = Math.floor(cpuUsers / main.perNode);
    const rest = cpuUsers - full * main.perNode;
    const options = [[node(NodeRole.WORKERS, main.flavor, Math.max(1, full + (rest > 0 ? 1 : 0)), main.perNode)]];
    if (full >= 1 && rest > 0) {
      for (const extra of candidates.filter((c) => c.flavor !== main.flavor)) {
        options.push([
          node(NodeRole.WORKERS, main.flavor, full, main.perNode),
          node(NodeRole.EXTRA_WORKERS, extra.flavor, Math.ceil(rest / extra.perNode), extra.perNode),
        ]);
      }
    }
    for (const option of options) if (workers === undefined || cheaper(option, workers)) workers = option;
  }
  if (workers === undefined) {
    const largest = workerCandidates(demand.resources).reduce((a, b) =>
      allocatableMemory(b).compareTo(allocatableMemory(a)) > 0 ? b : a,
    );
    return {
      problem: {
        prop: "memoryPerUser",
        value: demand.memory.toString(),
        problem: `more than any worker holds for one user (${largest.name} keeps ${largest.systemReserve} for itself)`,
        allowed: `at most ${allocatableMemory(largest)} per user, and at most ${allocatableCpu(largest)} vCPUs`,
        fix: demand.resources.includes(JetstreamResource.LARGE_MEMORY)
          ? "lower memoryPerUser or cpuPerUser"
          : "lower memoryPerUser, or add JetstreamResource.LARGE_MEMORY for r3 workers",
      },
    };
  }
  const nodes: PlannedNodes[] = [node(NodeRole.CONTROL_PLANE, CapacityPlanner.CONTROL_PLANE_FLAVOR, 1, 0), ...workers];
  let gpuText = "";
  if (demand.gpuUsers > 0) {
    const gpu = JetstreamFlavor.available(JetstreamResource.GPU)
      .filter((f) => f.gpuFraction >= demand.gpuShare - 1e-9 && usersPerWorker(f, demand.memory, cpu) >= 1)
      .sort((a, b) => a.suPerHour - b.suPerHour)[0];
    if (gpu === undefined) {
      return {
        problem: {
          prop: "gpuShare",
          value: demand.gpuShare,
          problem: `no current g3 flavor has ${demand.gpuShare} of an A100 and room for ${demand.memory} and ${cpu} vCPU`,
          allowed: JetstreamFlavor.available(JetstreamResource.GPU)
            .map((f) => `${f.name}: ${f.gpuFraction} of an A100, ${allocatableMemory(f)} for a user`)
            .join("; "),
          fix: "lower gpuShare or memoryPerUser",
        },
      };
    }
    nodes.push(node(NodeRole.GPU_WORKERS, gpu, demand.gpuUsers, 1));
    gpuText = ` ${demand.gpuUsers} × ${gpu.name} for the GPU users (the cheapest g3 with ${demand.gpuShare} of an A100).`;
  }
  nodes.push(node(NodeRole.HOME_SERVER, CapacityPlanner.HOME_SERVER_FLAVOR, 1, 0));
  const fixed = CapacityPlanner.CONTROL_PLANE_FLAVOR.suPerHour + CapacityPlanner.HOME_SERVER_FLAVOR.suPerHour;
  const [main, extra] = workers;
  const rationale =
    `Workers: ${main.count} × ${main.flavor.name}, ${main.usersPerNode} users each after the node's ` +
    `${main.flavor.systemReserve} reserve` +
    (extra
      ? `, and ${extra.count} × ${extra.flavor.name} for the last ` +
        plural(cpuUsers - main.count * main.usersPerNode, "user")
      : "") +
    `: ${sumSu(workers)} SU/h` +
    (pinned ? " (workerFlavor pinned)." : ", the fewest of any current flavor, alone or with a second for the rest.") +
    gpuText +
    ` Fixed: control plane and home server, ${fixed} SU/h.`;
  return { nodes, cpu, rationale };
}

function checkPinned(flavor: JetstreamFlavor, demand: Demand, cpu: number): ValidationProblem | undefined {
  const fix = "leave workerFlavor out to let the planner choose, or pin a larger m3 flavor";
  if (!(flavor instanceof JetstreamFlavor)) {
    return {
      prop: "workerFlavor",
      value: flavor,
      problem: "must be a JetstreamFlavor",
      allowed: "e.g. JetstreamFlavor.M3_LARGE",
      fix,
    };
  }
  if (flavor.isGpu || !demand.resources.includes(flavor.resource)) {
    return {
      prop: "workerFlavor",
      value: flavor.name,
      problem: flavor.isGpu
        ? "GPU nodes come from gpuUsers; the default workers are CPU nodes"
        : `a ${flavor.resource} flavor, and allocationResources does not include it`,
      allowed: workerCandidates(demand.resources)
        .map((f) => f.name)
        .join(", "),
      fix,
    };
  }
  if (usersPerWorker(flavor, demand.memory, cpu) < 1) {
    return {
      prop: "workerFlavor",
      value: flavor.name,
      problem: `holds no user at ${demand.memory} and ${cpu} vCPU after its ${flavor.systemReserve} reserve`,
      allowed: `a flavor with more than ${demand.memory} for users`,
      fix,
    };
  }
  return undefined;
}

/** Fewer SU per hour; on a tie, one group rather than two, then fewer nodes (fewer images to pull, VMs to patch). */
function cheaper(a: PlannedNodes[], b: PlannedNodes[]): boolean {
  const key = (x: PlannedNodes[]) => [sumSu(x), x.length, x.reduce((sum, n) => sum + n.count, 0)];
  const [ka, kb] = [key(a), key(b)];
  const differs = ka.findIndex((v, i) => v !== kb[i]);
  return differs >= 0 && ka[differs] < kb[differs];
}

function plural(n: number, noun: string): string {
  return n === 1 ? noun : `${n} ${noun}s`;
}

function node(role: NodeRole, flavor: JetstreamFlavor, count: number, usersPerNode: number): PlannedNodes {
  return { role, flavor, count, usersPerNode, suPerHour: count * flavor.suPerHour };
}

function sumSu(nodes: PlannedNodes[]): number {
  return nodes.reduce((sum, n) => sum + n.suPerHour, 0);
}

function finish(
  demand: Demand,
  shape: HubShape,
  cpu: number,
  nodes: PlannedNodes[],
  extra: { rationale: string; singleServer?: SingleServerPlan; alternativeSuPerHour?: number },
): CapacityPlan {
  const suPerHour = sumSu(nodes);
  const vcpus = nodes
    .filter((n) => n.flavor.resource === JetstreamResource.CPU)
    .reduce((sum, n) => sum + n.count * n.flavor.vcpus, 0);
  const warnings =
    vcpus > DEFAULT_CORE_QUOTA
      ? [
          `The plan runs ${vcpus} m3 vCPUs, more than a research allocation's default quota of ` +
            `${DEFAULT_CORE_QUOTA}: ask Jetstream2 support for a larger quota before deploying.`,
        ]
      : [];
  return {
    shape,
    expectedUsers: demand.users,
    gpuUsers: demand.gpuUsers,
    memoryPerUser: demand.memory,
    cpuPerUser: cpu,
    nodes,
    suPerHour,
    suPerMonth: suPerHour * CapacityPlanner.HOURS_PER_MONTH,
    warnings,
    ...extra,
  };
}
