import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at } from "../values";
import { deletesPvcs, storageType } from "../z2jh";

/** JSH-HUB-09: idle servers are stopped, and culling never deletes a home directory. */
export const cullingKeepsHomes: PolicyRule = {
  id: "JSH-HUB-09",
  title: "The idle culler is on, and culling users or named servers never deletes their volumes",
  explanation:
    "Idle servers hold memory and SUs until culled. But cull.users and cull.removeNamedServers delete users and " +
    "servers, and KubeSpawner deletes their per-user volumes with them unless delete_pvc is false: a home " +
    "directory gone because someone went on holiday.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const v = r.effectiveValues;
      const found = [];
      if (at(v, "cull.enabled") !== true) {
        found.push(
          finding(r.address, "the idle culler is disabled", { findingId: "disabled", level: PolicyLevel.WARNING }),
        );
      } else {
        const timeout = at(v, "cull.timeout");
        const every = at(v, "cull.every");
        if (typeof timeout === "number" && timeout <= 0) {
          found.push(
            finding(r.address, `cull.timeout is ${timeout}`, { findingId: "timeout", level: PolicyLevel.WARNING }),
          );
        } else if (typeof timeout === "number" && typeof every === "number" && every > timeout) {
          found.push(
            finding(r.address, `cull.every (${every}) is longer than cull.timeout (${timeout})`, {
              findingId: "every",
              level: PolicyLevel.WARNING,
            }),
          );
        }
      }
      const deletes = [
        at(v, "cull.users") === true && "cull.users",
        at(v, "cull.removeNamedServers") === true && "cull.removeNamedServers",
      ].filter(Boolean);
      if (deletes.length > 0 && at(v, "cull.enabled") === true && storageType(v) === "dynamic" && deletesPvcs(v)) {
        found.push(
          finding(r.address, `${deletes.join(" and ")} with KubeSpawner.delete_pvc not false deletes home volumes`, {
            findingId: "deletes-homes",
          }),
        );
      }
      return found;
    }),
};
