import { JetstreamFlavor } from "../../core/flavor";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at, parseBytes } from "../values";

/** JSH-TLJH-04: every TLJH user has memory and CPU limits that fit the VM. */
export const tljhUserLimits: PolicyRule = {
  id: "JSH-TLJH-04",
  title: "TLJH sets limits.memory and limits.cpu, and a user's memory fits in 90% of the VM",
  explanation:
    "TLJH sets no limits by default, so one user can take the whole VM. A per-user memory limit above the " +
    "flavor's RAM (less what the system needs) is no limit at all.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    doc.tljhHosts().flatMap((h) => {
      const found = [];
      const memory = at(h.effectiveConfig, "limits.memory");
      if (memory === undefined || memory === null)
        found.push(finding(h.address, "limits.memory is not set", { findingId: "memory" }));
      const cpu = at(h.effectiveConfig, "limits.cpu");
      if (cpu === undefined || cpu === null)
        found.push(finding(h.address, "limits.cpu is not set", { findingId: "cpu" }));
      const bytes = parseBytes(memory);
      const flavor = h.body.flavor_name;
      if (bytes !== undefined && typeof flavor === "string" && JetstreamFlavor.isKnown(flavor)) {
        const ram = JetstreamFlavor.of(flavor).ramGiB * 1024 ** 3;
        if (bytes > 0.9 * ram) {
          found.push(
            finding(
              h.address,
              `limits.memory ${memory} is above 90% of ${flavor}'s ${JetstreamFlavor.of(flavor).ramGiB} GiB`,
              {
                findingId: "memory-above-flavor",
                level: PolicyLevel.ERROR,
              },
            ),
          );
        }
      }
      return found;
    }),
};
