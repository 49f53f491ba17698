import { IConstruct } from "constructs";
import { JetstreamValidationError, ValidationProblem, requireInstance } from "../core/errors";
import { JetstreamFlavor, JetstreamResource } from "../core/flavor";
import { Size } from "../core/units";
import { tokenProblem } from "../core/validate";

const FLAVOR_EXAMPLE = "a flavor such as JetstreamFlavor.M3_LARGE";

/**
 * What a single-server hub must hold: how many people use it at once, and how much memory each may use.
 */
export interface SingleServerSizingProps {
  /**
   * How many users work on the hub at the same time (not how many accounts exist).
   *
   * Tokens: refused; the plan is computed at synth.
   */
  readonly expectedUsers: number;
  /**
   * The most memory one user's server may use; becomes TLJH's `limits.memory`.
   *
   * Tokens: n.a.; a Size.
   */
  readonly memoryPerUser: Size;
  /**
   * The most CPUs one user's server may use; becomes TLJH's `limits.cpu` (whole CPUs, as TLJH 2.0.0 requires).
   *
   * Tokens: refused; the plan is computed at synth.
   *
   * @default - the flavor's vCPUs shared evenly among expectedUsers, at least 1
   */
  readonly cpuPerUser?: number;
  /**
   * Use this flavor instead of picking one. It is checked to hold the users.
   *
   * Tokens: n.a.; a JetstreamFlavor.
   *
   * @default - the smallest current Jetstream2 CPU (m3) flavor that holds them
   */
  readonly flavor?: JetstreamFlavor;
}

/**
 * The outcome of the sizing rule: the flavor, and the memory budget that justifies it.
 *
 * `hubServicesMemory + usersMemory + systemReserve = requiredMemory <= flavor RAM`.
 */
export interface SingleServerPlan {
  /**
   * The flavor that holds the users.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly flavor: JetstreamFlavor;
  /**
   * Users working at once.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly expectedUsers: number;
  /**
   * Memory limit per user.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly memoryPerUser: Size;
  /**
   * CPU limit per user, in whole CPUs.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly cpuPerUser: number;
  /**
   * Memory for JupyterHub, the proxy and the idle culler: 128 MiB.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly hubServicesMemory: Size;
  /**
   * expectedUsers times memoryPerUser.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly usersMemory: Size;
  /**
   * Memory kept for the operating system on this flavor: 10 % of its RAM, at least 1 GiB.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly systemReserve: Size;
  /**
   * The sum of the three above.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly requiredMemory: Size;
  /**
   * What the flavor has beyond the required memory.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly spareMemory: Size;
}

/**
 * The sizing rule for a hub on one VM (The Littlest JupyterHub).
 *
 * TLJH's own estimate is "users at once × memory per user + 128 MB" for the hub services. This rule adds a
 * system reserve, so the kernel, systemd, sshd and the page cache keep room when every user is at their limit:
 * 10 % of the flavor's RAM, at least 1 GiB. The chosen flavor is the smallest current m3 (CPU) flavor whose RAM
 * covers the three; retired and on-request flavors are only used when named explicitly. When even the largest
 * flavor is too small, the hub belongs on Kubernetes (ZeroToJupyterHub on KubernetesOnJetstream).
 *
 * @see https://tljh.jupyter.org/en/latest/howto/admin/resource-estimation.html
 */
export class SingleServerSizing {
  /** Memory for JupyterHub, the Traefik proxy and the idle culler (TLJH's estimate). */
  public static readonly HUB_SERVICES_MEMORY: Size = Size.mebibytes(128);

  /**
   * Picks (or checks) the flavor for `props` and returns the memory budget. Throws a validation error naming the
   * largest flavor and the Kubernetes shape when the users do not fit on one VM.
   */
  public static plan(props: SingleServerSizingProps): SingleServerPlan {
    return planSingleServer(props);
  }

  /** Memory the operating system keeps on `flavor`. */
  public static systemReserve(flavor: JetstreamFlavor): Size {
    return requireInstance(flavor, JetstreamFlavor, "flavor", FLAVOR_EXAMPLE).systemReserve;
  }

  /** Memory left for users on `flavor`, after the hub services and the system reserve. */
  public static memoryForUsers(flavor: JetstreamFlavor): Size {
    requireInstance(flavor, JetstreamFlavor, "flavor", FLAVOR_EXAMPLE);
    const mib =
      flavor.ram.toMebibytes() -
      SingleServerSizing.HUB_SERVICES_MEMORY.toMebibytes() -
      SingleServerSizing.systemReserve(flavor).toMebibytes();
    return Size.mebibytes(Math.max(0, mib));
  }

  /** How many users at `memoryPerUser` fit on `flavor`. */
  public static maxUsers(flavor: JetstreamFlavor, memoryPerUser: Size): number {
    requireInstance(memoryPerUser, Size, "memoryPerUser", "a Size such as Size.gibibytes(4)");
    return Math.floor(SingleServerSizing.memoryForUsers(flavor).toMebibytes() / memoryPerUser.toMebibytes());
  }

  private constructor() {}
}

/** The flavors the rule picks from: current m3 flavors, smallest first. */
export function candidateFlavors(): JetstreamFlavor[] {
  return JetstreamFlavor.available(JetstreamResource.CPU);
}

/**
 * The sizing rule. With `scope`, errors carry the construct path and name the props as the hub spells them.
 */
export function planSingleServer(props: SingleServerSizingProps, scope?: IConstruct): SingleServerPlan {
  function reject(problem: ValidationProblem): never {
    throw new JetstreamValidationError(problem, scope);
  }
  const users = checkExpectedUsers(props.expectedUsers, scope);
  const memory = checkMemoryPerUser(props.memoryPerUser, scope);
  const usersMemory = memory.times(users);
  const fits = (f: JetstreamFlavor) => SingleServerSizing.maxUsers(f, memory) >= users;

  let flavor = props.flavor;
  if (flavor !== undefined) {
    if (!(flavor instanceof JetstreamFlavor)) {
      reject({
        prop: "flavor",
        value: flavor,
        problem: "must be a JetstreamFlavor",
        allowed: "JetstreamFlavor.M3_XL and friends, or JetstreamFlavor.of(name)",
        fix: "leave flavor out to let the sizing rule pick one",
      });
    }
    if (!fits(flavor)) {
      const smallest = candidateFlavors().find(fits);
      reject({
        prop: "flavor",
        value: flavor.name,
        problem:
          `${flavor.name} (${flavor.ramGiB} GiB) holds ${SingleServerSizing.maxUsers(flavor, memory)} users at ` +
          `${memory}, not ${users}`,
        allowed: `flavors that hold them: ${
          candidateFlavors()
            .filter(fits)
            .map((f) => f.name)
            .join(", ") || "none of the current ones"
        }`,
        fix: smallest
          ? `use ${smallest.name}, or leave flavor out and the sizing rule picks it`
          : "lower expectedUsers or memoryPerUser, or move to the Kubernetes shape (ZeroToJupyterHub on KubernetesOnJetstream)",
      });
    }
  } else {
    flavor = candidateFlavors().find(fits);
    if (flavor === undefined) {
      const largest = candidateFlavors()[candidateFlavors().length - 1];
      const max = SingleServerSizing.maxUsers(largest, memory);
      const problem =
        `${users} users × ${memory} need ${describeRequired(largest, usersMemory)}, more than the largest ` +
        `Jetstream2 flavor ${largest.name} (${largest.ramGiB} GiB) holds`;
      if (max === 0) {
        // Not even one user fits: the memory per user is what is wrong, not the number of users.
        const most = SingleServerSizing.memoryForUsers(largest);
        reject({
          prop: "memoryPerUser",
          value: `${memory}`,
          problem,
          allowed: `at most ${most} per user on one VM (${largest.name})`,
          fix:
            `lower memoryPerUser to what one user's notebooks need, at most ${most}; an m3.3xl on request can be ` +
            "passed as flavor",
        });
      }
      reject({
        prop: "expectedUsers",
        value: users,
        problem,
        allowed: `at most ${max} users at ${memory} on one VM`,
        fix:
          "run the hub on Kubernetes instead (ZeroToJupyterHub on KubernetesOnJetstream, which spreads users " +
          "over several nodes), or lower memoryPerUser; an m3.3xl on request can be passed as flavor",
      });
    }
  }

  const cpu = props.cpuPerUser ?? Math.max(1, Math.floor(flavor.vcpus / users));
  const token = tokenProblem("cpuPerUser", cpu, "it sizes the hub's VM and its users' limits at synth");
  if (token) reject(token);
  if (typeof cpu !== "number" || !Number.isInteger(cpu) || cpu < 1 || cpu > flavor.vcpus) {
    reject({
      prop: "cpuPerUser",
      value: cpu,
      problem: `must be a whole number of CPUs that ${flavor.name} has`,
      allowed: `an integer from 1 to ${flavor.vcpus} (TLJH 2.0.0 takes whole CPUs only)`,
      fix: "leave cpuPerUser out to share the VM's CPUs evenly among the expected users",
    });
  }

  const reserve = SingleServerSizing.systemReserve(flavor);
  const required = SingleServerSizing.HUB_SERVICES_MEMORY.plus(usersMemory).plus(reserve);
  return {
    flavor,
    expectedUsers: users,
    memoryPerUser: memory,
    cpuPerUser: cpu,
    hubServicesMemory: SingleServerSizing.HUB_SERVICES_MEMORY,
    usersMemory,
    systemReserve: reserve,
    requiredMemory: required,
    spareMemory: Size.mebibytes(flavor.ram.toMebibytes() - required.toMebibytes()),
  };
}

/**
 * The users working at once: a whole number from 1 to 10000. With `scope`, the error carries the construct path.
 */
export function checkExpectedUsers(users: number, scope?: IConstruct): number {
  const token = tokenProblem("expectedUsers", users, "it sizes the hub at synth");
  if (token) throw new JetstreamValidationError(token, scope);
  if (typeof users !== "number" || !Number.isInteger(users) || users < 1 || users > 10000) {
    throw new JetstreamValidationError(
      {
        prop: "expectedUsers",
        value: users,
        problem: "must be a whole number of users working at the same time",
        allowed: "an integer from 1 to 10000",
        fix: "count the people you expect on the hub at its busiest hour, not every account",
      },
      scope,
    );
  }
  return users;
}

/**
 * The memory one user may use: a Size of at least 256 MiB. With `scope`, the error carries the construct path.
 */
export function checkMemoryPerUser(memory: Size, scope?: IConstruct): Size {
  if (!(memory instanceof Size) || !memory.isPositive() || memory.toMebibytes() < 256) {
    throw new JetstreamValidationError(
      {
        prop: "memoryPerUser",
        value: memory instanceof Size ? memory.toString() : memory,
        problem: "too small for a Jupyter server",
        allowed: "a Size of at least 256 MiB, e.g. Size.gibibytes(4)",
        fix: "give the memory one user's notebooks need at most, e.g. Size.gibibytes(4)",
      },
      scope,
    );
  }
  return memory;
}

function describeRequired(flavor: JetstreamFlavor, usersMemory: Size): string {
  const total = SingleServerSizing.HUB_SERVICES_MEMORY.plus(usersMemory).plus(SingleServerSizing.systemReserve(flavor));
  return `${total} (${usersMemory} for users + 128 MiB for the hub + ${SingleServerSizing.systemReserve(flavor)} system reserve)`;
}
