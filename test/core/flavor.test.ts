import { JetstreamFlavor, JetstreamResource } from "../../lib";

describe("JetstreamFlavor", () => {
  test("SU per hour is vCPUs times the family rate: m3 x1, r3 x2, g3 x4", () => {
    expect(JetstreamFlavor.M3_QUAD.suPerHour).toBe(4);
    expect(JetstreamFlavor.M3_2XL.suPerHour).toBe(64);
    expect(JetstreamFlavor.R3_LARGE.suPerHour).toBe(128);
    expect(JetstreamFlavor.G3_LARGE.suPerHour).toBe(64);
    for (const f of JetstreamFlavor.all()) {
      const rate = { [JetstreamResource.CPU]: 1, [JetstreamResource.LARGE_MEMORY]: 2, [JetstreamResource.GPU]: 4 }[
        f.resource
      ];
      expect(f.suPerHour).toBe(f.vcpus * rate);
    }
  });

  test("the catalogue has every m3, r3 and g3 flavor with its facts", () => {
    expect(JetstreamFlavor.all().map((f) => f.name)).toEqual([
      "m3.tiny",
      "m3.small",
      "m3.quad",
      "m3.medium",
      "m3.large",
      "m3.xl",
      "m3.2xl",
      "m3.3xl",
      "r3.large",
      "r3.xl",
      "g3.small",
      "g3.medium",
      "g3.large",
      "g3.xl",
    ]);
    expect(JetstreamFlavor.M3_SMALL).toMatchObject({ vcpus: 2, ramGiB: 6, rootDiskGiB: 20 });
    expect(JetstreamFlavor.G3_XL).toMatchObject({ gpuFraction: 1, gpuMemoryGiB: 40, isGpu: true });
    expect(JetstreamFlavor.M3_3XL.byRequest).toBe(true);
    expect(JetstreamFlavor.G3_SMALL.retired).toBe(true);
  });

  test("available() leaves out retired and on-request flavors, smallest first", () => {
    expect(JetstreamFlavor.available(JetstreamResource.CPU).map((f) => f.name)).toEqual([
      "m3.tiny",
      "m3.small",
      "m3.quad",
      "m3.medium",
      "m3.large",
      "m3.xl",
      "m3.2xl",
    ]);
    expect(JetstreamFlavor.available(JetstreamResource.GPU).map((f) => f.name)).toEqual([
      "g3.medium",
      "g3.large",
      "g3.xl",
    ]);
  });

  test("of(name) returns the catalogue entry itself", () => {
    expect(JetstreamFlavor.of("m3.medium")).toBe(JetstreamFlavor.M3_MEDIUM);
  });

  test("of(name, specs) describes a flavor the catalogue does not know yet", () => {
    const f = JetstreamFlavor.of("m4.quad", { vcpus: 4, ramGiB: 16, rootDiskGiB: 20 });
    expect(f).toMatchObject({ name: "m4.quad", suPerHour: 4, resource: JetstreamResource.CPU, isGpu: false });
    expect(JetstreamFlavor.isKnown("m4.quad")).toBe(false);
  });

  test("fails when the name is unknown and no specs are given, listing the known names", () => {
    expect(() => JetstreamFlavor.of("m3.huge")).toThrow(
      /flavor: not a Jetstream2 flavor.*"m3.huge".*m3\.quad.*JetstreamFlavor\.of\("m3.huge", \{ vcpus/,
    );
    expect(() => JetstreamFlavor.of("m1.small")).toThrow(/m1.small/);
  });

  test("fails when the specs of a new flavor are not positive numbers", () => {
    expect(() => JetstreamFlavor.of("m4.x", { vcpus: 0, ramGiB: 16, rootDiskGiB: 20 })).toThrow(
      /flavor.vcpus: .*need a positive vcpus; got 0/,
    );
    expect(() => JetstreamFlavor.of("m4.x", { vcpus: 4, ramGiB: NaN, rootDiskGiB: 20 })).toThrow(/flavor.ramGiB/);
  });

  test("toString is short and has the cost", () => {
    expect(JetstreamFlavor.G3_MEDIUM.toString()).toBe("g3.medium (8 vCPU, 30 GiB, 25% A100, 32 SU/h)");
  });
});
