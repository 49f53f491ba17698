import { JetstreamValidationError } from "./errors";
/**
 * An amount of memory or disk, stored exactly in mebibytes.
 *
 * Jetstream2 flavors and Cinder volumes are sized in binary units (GiB), and so is everything here:
 * `Size.gibibytes(10)` renders as `10Gi` for Kubernetes and `10G` for TLJH, whose systemd limits count in 1024s.
 */
export class Size {
  /** A size in mebibytes (2^20 bytes). */
  public static mebibytes(amount: number): Size {
    return new Size(amount);
  }

  /** A size in gibibytes (2^30 bytes). */
  public static gibibytes(amount: number): Size {
    return new Size(amount * 1024);
  }

  /** A size in tebibytes (2^40 bytes). */
  public static tebibytes(amount: number): Size {
    return new Size(amount * 1024 * 1024);
  }

  /**
   * A size in bytes, as a Kubernetes quantity or KubeSpawner's `mem_limit` may give it (`2147483648`).
   */
  public static bytes(amount: number): Size {
    return new Size(amount / MIB);
  }

  /**
   * A size written the way Kubernetes writes quantities: a plain byte count (`2147483648`), a decimal number with a
   * binary suffix (`Ki`, `Mi`, `Gi`, `Ti`: powers of 1024) or a decimal one (`k`, `M`, `G`, `T`: powers of 1000),
   * e.g. `1.5G`, `512Mi`, `10Gi`. The text is kept, so a chart key set from it renders exactly as written.
   *
   * KubeSpawner reads `singleuser.memory` suffixes `K`/`M`/`G`/`T` in powers of 1024; the text reaches it
   * unchanged, so it means there what it meant in the values file it came from.
   *
   * @param quantity the quantity text
   */
  public static parse(quantity: string): Size {
    const match = typeof quantity === "string" ? QUANTITY.exec(quantity.trim()) : null;
    if (!match) {
      throw new JetstreamValidationError({
        prop: "Size.parse",
        value: quantity,
        problem: "not a Kubernetes quantity",
        allowed: "a number of bytes, optionally with a suffix: Ki, Mi, Gi, Ti (1024s) or k, K, M, G, T (1000s)",
        fix: "write it as Kubernetes does, e.g. '1.5G', '512Mi' or '2147483648'",
      });
    }
    const amount = parseFloat(match[1]) * SUFFIX_BYTES[match[2]];
    return new Size(amount / MIB, quantity.trim());
  }

  private constructor(
    private readonly mib: number,
    private readonly text?: string,
  ) {}

  /**
   * The text this size was parsed from (`Size.parse`), if it was.
   *
   * @default - undefined for sizes made from a number
   */
  public get parsedFrom(): string | undefined {
    return this.text;
  }

  /** The size in mebibytes. */
  public toMebibytes(): number {
    return this.mib;
  }

  /** The size in gibibytes (may be fractional). */
  public toGibibytes(): number {
    return this.mib / 1024;
  }

  /** Whether the amount is a finite number greater than zero. */
  public isPositive(): boolean {
    return Number.isFinite(this.mib) && this.mib > 0;
  }

  /** Adds another size. */
  public plus(other: Size): Size {
    return new Size(this.mib + other.mib);
  }

  /** Multiplies by a count. */
  public times(factor: number): Size {
    return new Size(this.mib * factor);
  }

  /** Compares with another size: negative, zero or positive. */
  public compareTo(other: Size): number {
    return this.mib - other.mib;
  }

  /** A Kubernetes quantity: the text given to `Size.parse`, else `10Gi` when a whole number of GiB, else `512Mi`. */
  public toKubernetesQuantity(): string {
    if (this.text !== undefined) return this.text;
    return Number.isInteger(this.mib / 1024) ? `${this.mib / 1024}Gi` : `${Math.ceil(this.mib)}Mi`;
  }

  /** A systemd / TLJH memory string: `10G` when a whole number of GiB, else `512M` (1024-based, as systemd reads it). */
  public toSystemdString(): string {
    return Number.isInteger(this.mib / 1024) ? `${this.mib / 1024}G` : `${Math.ceil(this.mib)}M`;
  }

  /** Human-readable, for messages and tables: `10 GiB`, `512 MiB`. */
  public toString(): string {
    if (this.mib >= 1024) {
      const gib = this.mib / 1024;
      return `${Number.isInteger(gib) ? gib : gib.toFixed(2)} GiB`;
    }
    return `${this.mib} MiB`;
  }
}

const MIB = 1024 * 1024;
const QUANTITY = /^(\d+(?:\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P|)$/;
const SUFFIX_BYTES: { [suffix: string]: number } = {
  "": 1,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
};

/**
 * A span of time, stored exactly in seconds.
 */
export class Duration {
  /** A duration in seconds. */
  public static seconds(amount: number): Duration {
    return new Duration(amount);
  }

  /** A duration in minutes. */
  public static minutes(amount: number): Duration {
    return new Duration(amount * 60);
  }

  /** A duration in hours. */
  public static hours(amount: number): Duration {
    return new Duration(amount * 3600);
  }

  /** A duration in days. */
  public static days(amount: number): Duration {
    return new Duration(amount * 86400);
  }

  private constructor(private readonly secs: number) {}

  /** The duration in seconds. */
  public toSeconds(): number {
    return this.secs;
  }

  /** The duration in minutes (may be fractional). */
  public toMinutes(): number {
    return this.secs / 60;
  }

  /** A Terraform timeout string such as `240m` or `90s`. */
  public toTerraformTimeout(): string {
    return this.secs % 60 === 0 ? `${this.secs / 60}m` : `${this.secs}s`;
  }

  /** Human-readable: `1h`, `10m`, `45s`. */
  public toString(): string {
    if (this.secs % 3600 === 0 && this.secs >= 3600) return `${this.secs / 3600}h`;
    if (this.secs % 60 === 0 && this.secs >= 60) return `${this.secs / 60}m`;
    return `${this.secs}s`;
  }
}
