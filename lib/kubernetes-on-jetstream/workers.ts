import { Annotations } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { JetstreamFlavor, JetstreamResource } from "../core/flavor";
import { isDnsLabel, toDnsLabel } from "../core/naming";
import { checkInteger, fail, isUnresolved, checkLiteral } from "../core/validate";
import { checkFlavor } from "../jetstream-cluster/node-group";

/**
 * Autoscaling bounds for a group of worker nodes.
 *
 * On Magnum the bounds are fixed when the cluster is created: Jetstream2 refuses later label changes, so raising
 * the maximum means a new cluster (or a request to Jetstream2 support). Jetstream2 cannot scale a group to zero.
 */
export interface WorkerAutoscaling {
  /**
   * The fewest nodes, at least 1.
   *
   * Tokens: refused; the bounds are checked against each other at synth.
   */
  readonly minNodes: number;
  /**
   * The most nodes, at least `minNodes`.
   *
   * Tokens: refused; the bounds are checked against each other at synth.
   */
  readonly maxNodes: number;
}

/**
 * An extra group of worker nodes with its own flavor, for example GPU nodes (`g3.medium`) or large-memory nodes.
 */
export interface KubernetesNodeGroupOptions {
  /**
   * A short DNS-safe name, e.g. `gpu`. Part of Terraform addresses and OpenStack names: do not rename.
   *
   * Tokens: refused; it names a node group and its resources.
   */
  readonly name: string;
  /**
   * The flavor of the group's nodes. A g3 flavor needs `JetstreamResource.GPU` in `allocationResources`.
   *
   * Tokens: n.a.; a JetstreamFlavor.
   */
  readonly flavor: JetstreamFlavor;
  /**
   * How many nodes to start with (with autoscaling, between the bounds).
   *
   * Tokens: refused; it decides how many resources exist.
   *
   * @default - 1, or `autoscaling.minNodes`
   */
  readonly count?: number;
  /**
   * Autoscaling bounds (Magnum only).
   *
   * Tokens: n.a.; a struct whose props say for themselves.
   *
   * @default - a fixed size of `count` nodes
   */
  readonly autoscaling?: WorkerAutoscaling;
}

/** Worker sizing after validation. */
export interface WorkerSizing {
  readonly count: number;
  readonly autoscaling?: WorkerAutoscaling;
}

/** An extra node group after validation. */
export interface NodeGroupSpec {
  readonly name: string;
  readonly flavor: JetstreamFlavor;
  readonly sizing: WorkerSizing;
}

/** Node group names the construct (or Magnum, for its default groups) uses itself. */
const RESERVED_GROUP_NAMES = ["control-plane", "workers", "nfs", "default-worker", "default-master"];

/** Above this many nodes a group is probably a typo, and would exhaust a project's quota. */
const LARGE_GROUP = 100;

/**
 * Validates a worker count and optional autoscaling bounds: at least one node, min <= count <= max.
 */
export function checkWorkerSizing(
  scope: IConstruct,
  prop: string,
  count: number | undefined,
  autoscaling: WorkerAutoscaling | undefined,
): WorkerSizing {
  const countProp = prop.endsWith("]") ? `${prop}.count` : "workerCount";
  const scalingProp = prop.endsWith("]") ? `${prop}.autoscaling` : "autoscaling";
  if (autoscaling === undefined) {
    const fixed = checkInteger(scope, countProp, count ?? 1, {
      min: 1,
      fix: "a cluster needs at least one worker node; remove the group to have none",
      why: "it decides how many nodes exist, and is checked against quotas",
    });
    warnIfLarge(scope, countProp, fixed);
    return { count: fixed };
  }
  const min = checkInteger(scope, `${scalingProp}.minNodes`, autoscaling.minNodes, {
    min: 1,
    fix: "use at least 1: Jetstream2 cannot scale a node group to zero",
    why: "the bounds are checked against each other and against quotas",
  });
  const max = checkInteger(scope, `${scalingProp}.maxNodes`, autoscaling.maxNodes, {
    min: 1,
    fix: "give the most nodes the group may grow to",
    why: "the bounds are checked against each other and against quotas",
  });
  if (!isUnresolved(min) && !isUnresolved(max) && min > max) {
    fail(scope, {
      prop: scalingProp,
      value: { minNodes: min, maxNodes: max },
      problem: "minNodes is larger than maxNodes",
      allowed: "1 <= minNodes <= maxNodes",
      fix: "swap the two bounds",
    });
  }
  const initial = checkInteger(scope, countProp, count ?? min, {
    min,
    max,
    fix: `start within the autoscaling bounds ${min} to ${max}, or leave ${countProp} unset to start at minNodes`,
  });
  warnIfLarge(scope, `${scalingProp}.maxNodes`, max);
  return { count: initial, autoscaling: { minNodes: min, maxNodes: max } };
}

function warnIfLarge(scope: IConstruct, prop: string, value: number): void {
  if (!isUnresolved(value) && value > LARGE_GROUP) {
    Annotations.of(scope).addWarning(
      `${prop}: ${value} nodes is more than most Jetstream2 allocations' quota (150 cores for a research allocation)`,
    );
  }
}

/**
 * Validates extra node groups: unique short DNS names that are not reserved, an offered flavor the allocation may
 * use, and a sizing.
 */
export function checkNodeGroups(
  scope: Construct,
  groups: KubernetesNodeGroupOptions[],
  resources: JetstreamResource[],
): NodeGroupSpec[] {
  const seen = new Set<string>();
  return groups.map((group, i) => {
    const prop = `nodeGroups[${i}]`;
    const name = checkLiteral(scope, `${prop}.name`, group.name, "it names a node group and its resources");
    const reserved = RESERVED_GROUP_NAMES.includes(name);
    if (typeof name !== "string" || !isDnsLabel(name) || name.length > 20 || reserved) {
      fail(scope, {
        prop: `${prop}.name`,
        value: name,
        problem: reserved ? "this name is used by the construct or by Magnum" : "not a short DNS label",
        allowed: `1 to 20 characters of a-z, 0-9 and '-', other than ${RESERVED_GROUP_NAMES.join(", ")}`,
        fix: `name the group for what runs on it, e.g. ${JSON.stringify(toDnsLabel(String(name ?? ""), 20) || "gpu")}`,
      });
    }
    if (seen.has(name)) {
      fail(scope, {
        prop: `${prop}.name`,
        value: name,
        problem: "two node groups have this name",
        allowed: "unique names",
        fix: "rename one of them (names are part of Terraform addresses, so rename before the first deploy)",
      });
    }
    seen.add(name);
    return {
      name,
      flavor: checkFlavor(scope, `${prop}.flavor`, group.flavor, resources),
      sizing: checkWorkerSizing(scope, prop, group.count, group.autoscaling),
    };
  });
}

/** The CPU flavor with the least memory, for hubs that check a user's memory fits a node. */
export function smallestCpuFlavor(flavors: JetstreamFlavor[]): JetstreamFlavor | undefined {
  return flavors.filter((f) => !f.isGpu).sort((a, b) => a.ramGiB - b.ramGiB)[0];
}

/** The distinct GPU flavors, in first-seen order. */
export function gpuFlavors(flavors: JetstreamFlavor[]): JetstreamFlavor[] {
  return flavors.filter((f, i) => f.isGpu && flavors.findIndex((g) => g.name === f.name) === i);
}
