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

  private constructor(private readonly mib: number) {}

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

  /** A Kubernetes quantity: `10Gi` when a whole number of GiB, else `512Mi`. */
  public toKubernetesQuantity(): string {
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
