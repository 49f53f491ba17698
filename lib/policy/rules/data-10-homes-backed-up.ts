import { BACKUP_PATHS, BACKUP_UNIT } from "../../home-backups/backup-script";
import { commandsOf, readUserData, writtenPaths } from "../cloud-config";
import { Json, asList } from "../values";
import { PolicyLevel, PolicyRule, finding } from "../rule";

// A VM that holds users' homes: a TLJH hub (homes on its volume), or an NFS home server (its cloud-config installs
// the NFS server package, as NfsHomeServer's does).
function holdsHomes(cloudConfig: Json, isTljh: boolean): boolean {
  return isTljh || asList(cloudConfig.packages).some((p) => p === "nfs-kernel-server");
}

// Backed up as HomeBackups does it: the script is written and its timer enabled at first boot.
function backsUp(cloudConfig: Json): boolean {
  return (
    writtenPaths(cloudConfig).includes(BACKUP_PATHS.script) &&
    commandsOf(cloudConfig).some((c) => /\bsystemctl\b.*\benable\b/.test(c) && c.includes(`${BACKUP_UNIT}.timer`))
  );
}

/** JSH-DATA-10: the VMs that hold users' homes back them up. */
export const homesBackedUp: PolicyRule = {
  id: "JSH-DATA-10",
  title: "A TLJH hub VM or NFS home server backs the homes up (HomeBackups)",
  explanation:
    "Jetstream2 keeps no backups of volumes. prevent_destroy and the plan guard keep Terraform from deleting homes, " +
    "but nothing brings back what a user's rm -rf, a corrupted filesystem or a deleted project takes. Give the hub " +
    "(or the NFS home server) `backups: HomeBackups.toObjectStore(...)`: nightly, encrypted restic backups to the " +
    "allocation's object store (docs/home-backups.md), or acknowledge with the reason the homes need none (a " +
    "one-day workshop whose homes are thrown away).",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) => {
    const tljh = new Set(doc.tljhHosts().map((h) => h.address));
    return doc.resources("openstack_compute_instance_v2").flatMap((i) => {
      const text = i.body.user_data;
      if (typeof text !== "string") return [];
      const cloudConfig = readUserData(text).cloudConfig;
      if (!cloudConfig || !holdsHomes(cloudConfig, tljh.has(i.address)) || backsUp(cloudConfig)) return [];
      return [
        finding(i.address, "the VM holds users' homes and nothing backs them up (Jetstream2 keeps no backups)", {
          findingId: "no-backups",
        }),
      ];
    });
  },
};
