import { JetstreamValidationError } from "./errors";
import { Size } from "./units";
import { tokenProblem } from "./validate";

/**
 * The Jetstream2 resource an allocation is for. Each flavor family runs on one of them, and an allocation
 * may only use the flavors of its own resource.
 *
 * @see https://docs.jetstream-cloud.org/general/instance-flavors/
 */
export enum JetstreamResource {
  /** Jetstream2 CPU: the m3 flavors. */
  CPU = "Jetstream2",
  /** Jetstream2 Large Memory: the r3 flavors. */
  LARGE_MEMORY = "Jetstream2-LM",
  /** Jetstream2 GPU: the g3 flavors (NVIDIA A100 slices). */
  GPU = "Jetstream2-GPU",
}

/**
 * The facts of a flavor, for `JetstreamFlavor.of` when Jetstream2 adds one this library does not list yet.
 */
export interface JetstreamFlavorSpecs {
  /**
   * Virtual CPUs.
   *
   * Tokens: refused; specs size hubs and price SUs at synth.
   */
  readonly vcpus: number;
  /**
   * Memory in GiB.
   *
   * Tokens: refused; specs size hubs and price SUs at synth.
   */
  readonly ramGiB: number;
  /**
   * Root disk in GiB.
   *
   * Tokens: refused; specs size hubs and price SUs at synth.
   */
  readonly rootDiskGiB: number;
  /**
   * Service units charged per hour while the instance is active.
   *
   * Tokens: refused; specs size hubs and price SUs at synth.
   *
   * @default - vCPUs times the family's rate: 1 for CPU, 2 for Large Memory, 4 for GPU
   */
  readonly suPerHour?: number;
  /**
   * The resource (allocation type) the flavor belongs to.
   *
   * Tokens: n.a.; an enum value.
   *
   * @default JetstreamResource.CPU
   */
  readonly resource?: JetstreamResource;
  /**
   * Share of one NVIDIA A100 GPU (0 to 1).
   *
   * Tokens: refused; specs size hubs and price SUs at synth.
   *
   * @default 0
   */
  readonly gpuFraction?: number;
  /**
   * GPU memory in GiB.
   *
   * Tokens: refused; specs size hubs and price SUs at synth.
   *
   * @default 0
   */
  readonly gpuMemoryGiB?: number;
  /**
   * Available only on request to Jetstream2 support.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false
   */
  readonly byRequest?: boolean;
  /**
   * Retired: no longer offered for new instances.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false
   */
  readonly retired?: boolean;
}

// Module-level rather than a static field: static fields initialise in declaration order, so a field declared
// after the catalogue constants would be reset once they had registered themselves.
const KNOWN = new Map<string, JetstreamFlavor>();

const SU_RATE: Record<JetstreamResource, number> = {
  [JetstreamResource.CPU]: 1,
  [JetstreamResource.LARGE_MEMORY]: 2,
  [JetstreamResource.GPU]: 4,
};

/**
 * A Jetstream2 instance flavor, with the facts that sizing and cost need.
 *
 * The catalogue lists the m3 (CPU), r3 (Large Memory) and g3 (GPU) flavors. 1 SU is one vCPU-hour; r3 costs
 * 2 SU and g3 4 SU per vCPU-hour. Use `JetstreamFlavor.of(name)` to look a flavor up by name, with specs for one
 * this library does not list.
 *
 * @see https://docs.jetstream-cloud.org/general/instance-flavors/
 */
export class JetstreamFlavor {
  /** m3.tiny: 1 vCPU, 3 GiB, 20 GiB disk, 1 SU/h. */
  public static readonly M3_TINY = JetstreamFlavor.catalogue("m3.tiny", { vcpus: 1, ramGiB: 3, rootDiskGiB: 20 });
  /** m3.small: 2 vCPU, 6 GiB, 20 GiB disk, 2 SU/h. */
  public static readonly M3_SMALL = JetstreamFlavor.catalogue("m3.small", { vcpus: 2, ramGiB: 6, rootDiskGiB: 20 });
  /** m3.quad: 4 vCPU, 15 GiB, 20 GiB disk, 4 SU/h. */
  public static readonly M3_QUAD = JetstreamFlavor.catalogue("m3.quad", { vcpus: 4, ramGiB: 15, rootDiskGiB: 20 });
  /** m3.medium: 8 vCPU, 30 GiB, 60 GiB disk, 8 SU/h. */
  public static readonly M3_MEDIUM = JetstreamFlavor.catalogue("m3.medium", { vcpus: 8, ramGiB: 30, rootDiskGiB: 60 });
  /** m3.large: 16 vCPU, 60 GiB, 60 GiB disk, 16 SU/h. */
  public static readonly M3_LARGE = JetstreamFlavor.catalogue("m3.large", { vcpus: 16, ramGiB: 60, rootDiskGiB: 60 });
  /** m3.xl: 32 vCPU, 125 GiB, 60 GiB disk, 32 SU/h. */
  public static readonly M3_XL = JetstreamFlavor.catalogue("m3.xl", { vcpus: 32, ramGiB: 125, rootDiskGiB: 60 });
  /** m3.2xl: 64 vCPU, 250 GiB, 60 GiB disk, 64 SU/h. */
  public static readonly M3_2XL = JetstreamFlavor.catalogue("m3.2xl", { vcpus: 64, ramGiB: 250, rootDiskGiB: 60 });
  /** m3.3xl: 128 vCPU, 500 GiB, 60 GiB disk, 128 SU/h; on request only. */
  public static readonly M3_3XL = JetstreamFlavor.catalogue("m3.3xl", {
    vcpus: 128,
    ramGiB: 500,
    rootDiskGiB: 60,
    byRequest: true,
  });
  /** r3.large: 64 vCPU, 500 GiB, 60 GiB disk, 128 SU/h; Jetstream2-LM allocations only. */
  public static readonly R3_LARGE = JetstreamFlavor.catalogue("r3.large", {
    vcpus: 64,
    ramGiB: 500,
    rootDiskGiB: 60,
    resource: JetstreamResource.LARGE_MEMORY,
  });
  /** r3.xl: 128 vCPU, 1000 GiB, 60 GiB disk, 256 SU/h; Jetstream2-LM allocations only. */
  public static readonly R3_XL = JetstreamFlavor.catalogue("r3.xl", {
    vcpus: 128,
    ramGiB: 1000,
    rootDiskGiB: 60,
    resource: JetstreamResource.LARGE_MEMORY,
  });
  /** g3.small: 4 vCPU, 15 GiB, 20% of an A100; retired. */
  public static readonly G3_SMALL = JetstreamFlavor.catalogue("g3.small", {
    vcpus: 4,
    ramGiB: 15,
    rootDiskGiB: 60,
    resource: JetstreamResource.GPU,
    gpuFraction: 0.2,
    gpuMemoryGiB: 8,
    retired: true,
  });
  /** g3.medium: 8 vCPU, 30 GiB, 25% of an A100 (10 GB), 32 SU/h; Jetstream2-GPU allocations only. */
  public static readonly G3_MEDIUM = JetstreamFlavor.catalogue("g3.medium", {
    vcpus: 8,
    ramGiB: 30,
    rootDiskGiB: 60,
    resource: JetstreamResource.GPU,
    gpuFraction: 0.25,
    gpuMemoryGiB: 10,
  });
  /** g3.large: 16 vCPU, 60 GiB, 50% of an A100 (20 GB), 64 SU/h; Jetstream2-GPU allocations only. */
  public static readonly G3_LARGE = JetstreamFlavor.catalogue("g3.large", {
    vcpus: 16,
    ramGiB: 60,
    rootDiskGiB: 60,
    resource: JetstreamResource.GPU,
    gpuFraction: 0.5,
    gpuMemoryGiB: 20,
  });
  /** g3.xl: 32 vCPU, 120 GiB, a whole A100 (40 GB), 128 SU/h; Jetstream2-GPU allocations only. */
  public static readonly G3_XL = JetstreamFlavor.catalogue("g3.xl", {
    vcpus: 32,
    ramGiB: 120,
    rootDiskGiB: 60,
    resource: JetstreamResource.GPU,
    gpuFraction: 1,
    gpuMemoryGiB: 40,
  });

  /**
   * Every flavor in the catalogue, smallest first within each family.
   */
  public static all(): JetstreamFlavor[] {
    return [...KNOWN.values()];
  }

  /**
   * The catalogue flavors an allocation on `resource` can launch without asking support:
   * not retired, not on request only, smallest RAM first.
   */
  public static available(resource: JetstreamResource): JetstreamFlavor[] {
    return JetstreamFlavor.all()
      .filter((f) => f.resource === resource && !f.retired && !f.byRequest)
      .sort((a, b) => a.ramGiB - b.ramGiB);
  }

  /**
   * Whether `name` is in the catalogue.
   */
  public static isKnown(name: string): boolean {
    return KNOWN.has(name);
  }

  /**
   * A flavor by name.
   *
   * Catalogue names return the catalogue entry (and `specs`, if given, must agree with it). Other names need
   * `specs`: that is the escape hatch for flavors Jetstream2 adds later. An unknown name without specs throws,
   * listing the known names.
   */
  public static of(name: string, specs?: JetstreamFlavorSpecs): JetstreamFlavor {
    const known = KNOWN.get(name);
    if (known) return known;
    if (!specs) {
      throw new JetstreamValidationError({
        prop: "flavor",
        value: name,
        problem: "not a Jetstream2 flavor this library knows",
        allowed: [...KNOWN.keys()].join(", "),
        fix: `use one of those names, or describe a new flavor: JetstreamFlavor.of(${JSON.stringify(name)}, { vcpus, ramGiB, rootDiskGiB })`,
      });
    }
    // Specs feed sizing and SU arithmetic at synth, which a token's placeholder number would silently corrupt.
    for (const key of ["vcpus", "ramGiB", "rootDiskGiB", "suPerHour", "gpuFraction", "gpuMemoryGiB"] as const) {
      const why = `the specs of flavor ${JSON.stringify(name)} size hubs and price SUs at synth`;
      const problem = tokenProblem(`flavor.${key}`, specs[key], why);
      if (problem) throw new JetstreamValidationError(problem);
    }
    for (const key of ["vcpus", "ramGiB", "rootDiskGiB"] as const) {
      const value = specs[key];
      if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        throw new JetstreamValidationError({
          prop: `flavor.${key}`,
          value,
          problem: `the specs of flavor ${JSON.stringify(name)} need a positive ${key}`,
          allowed: "a number greater than zero",
          fix: "copy the numbers from `openstack flavor show <name>` (RAM there is in MiB: divide by 1024)",
        });
      }
    }
    return new JetstreamFlavor(name, specs);
  }

  private static catalogue(name: string, specs: JetstreamFlavorSpecs): JetstreamFlavor {
    const flavor = new JetstreamFlavor(name, specs);
    KNOWN.set(name, flavor);
    return flavor;
  }

  /** The OpenStack flavor name, e.g. `m3.quad`. */
  public readonly name: string;
  /** Virtual CPUs. */
  public readonly vcpus: number;
  /** Memory in GiB. */
  public readonly ramGiB: number;
  /** Root disk in GiB. */
  public readonly rootDiskGiB: number;
  /** Service units charged per hour while active. */
  public readonly suPerHour: number;
  /** The resource (allocation type) the flavor runs on. */
  public readonly resource: JetstreamResource;
  /** Share of one A100 GPU, 0 for CPU flavors. */
  public readonly gpuFraction: number;
  /** GPU memory in GiB, 0 for CPU flavors. */
  public readonly gpuMemoryGiB: number;
  /** Offered only on request. */
  public readonly byRequest: boolean;
  /** No longer offered. */
  public readonly retired: boolean;

  private constructor(name: string, specs: JetstreamFlavorSpecs) {
    this.name = name;
    this.vcpus = specs.vcpus;
    this.ramGiB = specs.ramGiB;
    this.rootDiskGiB = specs.rootDiskGiB;
    this.resource = specs.resource ?? JetstreamResource.CPU;
    this.suPerHour = specs.suPerHour ?? specs.vcpus * SU_RATE[this.resource];
    this.gpuFraction = specs.gpuFraction ?? 0;
    this.gpuMemoryGiB = specs.gpuMemoryGiB ?? 0;
    this.byRequest = specs.byRequest ?? false;
    this.retired = specs.retired ?? false;
  }

  /** Whether the flavor carries a GPU share. */
  public get isGpu(): boolean {
    return this.gpuFraction > 0;
  }

  /** Memory as a `Size`. */
  public get ram(): Size {
    return Size.gibibytes(this.ramGiB);
  }

  /**
   * Memory a VM of this flavor keeps for itself before users get any: 10% of its RAM, at least 1 GiB. The one
   * reserve both hub shapes size with (the kernel, systemd, sshd and the page cache on a TLJH VM; the kubelet,
   * container runtime, CNI and system pods on a Kubernetes node).
   */
  public get systemReserve(): Size {
    return Size.mebibytes(Math.max(1024, Math.ceil(this.ramGiB * 1024 * 0.1)));
  }

  /** Short description for messages and tables: `m3.quad (4 vCPU, 15 GiB, 4 SU/h)`. */
  public toString(): string {
    const gpu = this.isGpu ? `, ${Math.round(this.gpuFraction * 100)}% A100` : "";
    return `${this.name} (${this.vcpus} vCPU, ${this.ramGiB} GiB${gpu}, ${this.suPerHour} SU/h)`;
  }
}
