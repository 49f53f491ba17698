import { IConstruct } from "constructs";
import { JetstreamFlavor } from "../core/flavor";
import { CPU_RESERVE, allocatableCpu, allocatableMemory } from "../core/kubernetes-node";
import { Size } from "../core/units";
import { fail, isUnresolved } from "../core/validate";

/** Memory and CPU for one user's server: what the user (or a safety default) set; unset keys stay the chart's. */
export interface ServerResources {
  readonly memoryGuarantee?: Size;
  readonly memoryLimit?: Size;
  readonly cpuGuarantee?: number;
  readonly cpuLimit?: number;
}

/** The vCPUs per user the planner sizes workers by when the hub gives no `cpuGuarantee`. */
export const DEFAULT_CPU_GUARANTEE = 0.5;
/** The memory limit a hub renders unless told otherwise: one user cannot take a whole worker. */
export const DEFAULT_MEMORY_LIMIT = Size.gibibytes(2);
/** The CPU limit a hub renders unless told otherwise (or the worker's vCPUs, if fewer). */
export const DEFAULT_CPU_LIMIT = 2;

/**
 * Checks a server's memory and CPU: positive, guarantee at most the limit, and, when the node flavor is known,
 * a fit on one node after the system reserve. Throws JetstreamValidationError naming `<prefix>memoryLimit` etc.
 *
 * @param prefix prepended to prop names, e.g. `profiles[1].`
 * @param flavor the node flavor the server runs on, when known
 */
export function checkServerResources(
  scope: IConstruct,
  prefix: string,
  r: ServerResources,
  flavor: JetstreamFlavor | undefined,
): ServerResources {
  for (const [name, size] of [
    ["memoryGuarantee", r.memoryGuarantee],
    ["memoryLimit", r.memoryLimit],
  ] as const) {
    if (size === undefined) continue;
    if (!(size instanceof Size) || !size.isPositive()) {
      fail(scope, {
        prop: `${prefix}${name}`,
        value: size instanceof Size ? size.toString() : size,
        problem: "must be a positive Size",
        allowed: "a Size such as Size.gibibytes(2)",
        fix: "use Size.gibibytes(n) or Size.mebibytes(n) with n > 0",
      });
    }
  }
  for (const [name, cpu] of [
    ["cpuGuarantee", r.cpuGuarantee],
    ["cpuLimit", r.cpuLimit],
  ] as const) {
    if (cpu === undefined || isUnresolved(cpu)) continue;
    if (typeof cpu !== "number" || !Number.isFinite(cpu) || cpu <= 0) {
      fail(scope, {
        prop: `${prefix}${name}`,
        value: cpu,
        problem: "must be a number of CPUs greater than 0",
        allowed: "a number such as 0.5 or 2 (fractions of a vCPU are fine)",
        fix: "give the number of vCPUs as a number, not a string",
      });
    }
  }
  if (flavor) {
    const memory = allocatableMemory(flavor);
    const cpus = allocatableCpu(flavor);
    const node = `one ${flavor.name} node (${flavor.ramGiB} GiB, ${flavor.vcpus} vCPU)`;
    for (const [name, size] of [
      ["memoryGuarantee", r.memoryGuarantee],
      ["memoryLimit", r.memoryLimit],
    ] as const) {
      if (size !== undefined && size.compareTo(memory) > 0) {
        fail(scope, {
          prop: `${prefix}${name}`,
          value: size.toString(),
          problem: `more than ${node} has for users after ${flavor.systemReserve} for the system`,
          allowed: `at most ${memory}`,
          fix: `lower ${prefix}${name}, or run the cluster on larger workers`,
        });
      }
    }
    if (r.cpuGuarantee !== undefined && !isUnresolved(r.cpuGuarantee) && r.cpuGuarantee > cpus) {
      fail(scope, {
        prop: `${prefix}cpuGuarantee`,
        value: r.cpuGuarantee,
        problem: `more than ${node} has for users after ${CPU_RESERVE} vCPU for the system`,
        allowed: `at most ${cpus}`,
        fix: `lower ${prefix}cpuGuarantee, or run the cluster on larger workers`,
      });
    }
    if (r.cpuLimit !== undefined && !isUnresolved(r.cpuLimit) && r.cpuLimit > flavor.vcpus) {
      fail(scope, {
        prop: `${prefix}cpuLimit`,
        value: r.cpuLimit,
        problem: `more than the ${flavor.vcpus} vCPUs of ${node}`,
        allowed: `at most ${flavor.vcpus}`,
        fix: `lower ${prefix}cpuLimit`,
      });
    }
  }
  if (
    r.memoryGuarantee !== undefined &&
    r.memoryLimit !== undefined &&
    r.memoryGuarantee.compareTo(r.memoryLimit) > 0
  ) {
    fail(scope, {
      prop: `${prefix}memoryGuarantee`,
      value: r.memoryGuarantee.toString(),
      problem: `above the memory limit of ${r.memoryLimit}`,
      allowed: `at most ${prefix}memoryLimit (${r.memoryLimit})`,
      fix: `lower ${prefix}memoryGuarantee or raise ${prefix}memoryLimit`,
    });
  }
  if (
    r.cpuGuarantee !== undefined &&
    r.cpuLimit !== undefined &&
    !isUnresolved(r.cpuGuarantee) &&
    !isUnresolved(r.cpuLimit) &&
    r.cpuGuarantee > r.cpuLimit
  ) {
    fail(scope, {
      prop: `${prefix}cpuGuarantee`,
      value: r.cpuGuarantee,
      problem: `above the CPU limit of ${r.cpuLimit}`,
      allowed: `at most ${prefix}cpuLimit (${r.cpuLimit})`,
      fix: `lower ${prefix}cpuGuarantee or raise ${prefix}cpuLimit`,
    });
  }
  return r;
}
