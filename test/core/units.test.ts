import { Duration, Size } from "../../lib";

describe("Size", () => {
  test("renders whole GiB for Kubernetes and systemd, MiB otherwise", () => {
    expect(Size.gibibytes(10).toKubernetesQuantity()).toBe("10Gi");
    expect(Size.mebibytes(512).toKubernetesQuantity()).toBe("512Mi");
    expect(Size.gibibytes(4).toSystemdString()).toBe("4G");
    expect(Size.mebibytes(1536).toSystemdString()).toBe("1536M");
    expect(Size.tebibytes(1).toGibibytes()).toBe(1024);
  });

  test("adds, multiplies and compares exactly", () => {
    const total = Size.mebibytes(128).plus(Size.gibibytes(10).times(11));
    expect(total.toMebibytes()).toBe(128 + 11 * 10 * 1024);
    expect(Size.gibibytes(1).compareTo(Size.mebibytes(1024))).toBe(0);
    expect(Size.gibibytes(2).compareTo(Size.gibibytes(1))).toBeGreaterThan(0);
    expect(total.toString()).toBe("110.13 GiB");
  });

  test("isPositive rejects zero, negative and non-finite amounts", () => {
    expect(Size.gibibytes(0).isPositive()).toBe(false);
    expect(Size.gibibytes(-1).isPositive()).toBe(false);
    expect(Size.gibibytes(NaN).isPositive()).toBe(false);
    expect(Size.mebibytes(1).isPositive()).toBe(true);
  });
});

describe("Duration", () => {
  test("converts and renders", () => {
    expect(Duration.hours(4).toSeconds()).toBe(14400);
    expect(Duration.hours(4).toTerraformTimeout()).toBe("240m");
    expect(Duration.seconds(90).toTerraformTimeout()).toBe("90s");
    expect(Duration.minutes(10).toString()).toBe("10m");
    expect(Duration.days(1).toString()).toBe("24h");
    expect(Duration.seconds(45).toMinutes()).toBe(0.75);
  });
});
