import { JetstreamFlavor } from "../../lib";
import { allocatableCpu, allocatableMemory } from "../../lib/core/kubernetes-node";

describe("what a Kubernetes node gives users", () => {
  test("a node keeps 10% of its memory for itself, at least 1 GiB", () => {
    expect(JetstreamFlavor.M3_SMALL.systemReserve.toGibibytes()).toBe(1); // 10% of 6 GiB is less than 1 GiB
    expect(JetstreamFlavor.M3_XL.systemReserve.toGibibytes()).toBe(12.5);
  });

  test("users get the rest of the memory, and all but half a vCPU", () => {
    expect(allocatableMemory(JetstreamFlavor.M3_QUAD).toGibibytes()).toBe(13.5);
    expect(allocatableMemory(JetstreamFlavor.M3_2XL).toGibibytes()).toBe(225);
    expect(allocatableCpu(JetstreamFlavor.M3_MEDIUM)).toBe(7.5);
  });
});
