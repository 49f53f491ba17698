import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at, isObject, parseBytes, parseCpu } from "../values";
import { profileOverrides } from "../z2jh";

// Where, the guarantee, the limit, and how to read them.
type Pair = [string, unknown, unknown, (x: unknown) => number | undefined];

/** JSH-HUB-08: user servers have memory and CPU limits that hold their guarantees. */
export const resourceLimits: PolicyRule = {
  id: "JSH-HUB-08",
  title: "User servers have memory and CPU limits, and no guarantee above its limit",
  explanation:
    "Without limits one user's runaway notebook starves everyone on the node. A guarantee above the limit " +
    "cannot be scheduled: the user's server never starts.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const v = r.values;
      const found = [];
      const memLimit = at(v, "singleuser.memory.limit");
      // The chart guarantees 1G unless told otherwise.
      const memory = at(v, "singleuser.memory");
      const memGuarantee = isObject(memory) && "guarantee" in memory ? memory.guarantee : "1G";
      const cpuLimit = at(v, "singleuser.cpu.limit");
      if (memLimit === undefined || memLimit === null) {
        found.push(finding(r.address, "singleuser.memory.limit is not set", { findingId: "memory-limit" }));
      }
      if (cpuLimit === undefined || cpuLimit === null) {
        found.push(finding(r.address, "singleuser.cpu.limit is not set", { findingId: "cpu-limit" }));
      }
      const pairs: Pair[] = [
        ["singleuser.memory", memGuarantee, memLimit, parseBytes],
        ["singleuser.cpu", at(v, "singleuser.cpu.guarantee"), cpuLimit, parseCpu],
        ...profileOverrides(v).flatMap(({ where, override }): Pair[] => [
          [`${where} memory`, override.mem_guarantee, override.mem_limit, parseBytes],
          [`${where} cpu`, override.cpu_guarantee, override.cpu_limit, parseCpu],
        ]),
      ];
      for (const [where, guarantee, limit, parse] of pairs) {
        const g = parse(guarantee);
        const l = parse(limit);
        if (g !== undefined && l !== undefined && g > l) {
          found.push(
            finding(r.address, `${where}: guarantee ${guarantee} is above limit ${limit}`, {
              findingId: "guarantee-above-limit",
              level: PolicyLevel.ERROR,
            }),
          );
        }
      }
      return found;
    }),
};
