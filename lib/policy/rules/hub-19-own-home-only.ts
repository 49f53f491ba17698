import { PolicyDocument } from "../document";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { Json, asList, at, isObject, isReference } from "../values";
import { mountsOf, podSources, volumesOf } from "../user-pods";
import { storageType } from "../z2jh";

// A KubeSpawner template field that differs between users: {username}, {escaped_username}, {user_server}, {userid}...
const PER_USER = /\{[a-z_]*user[a-z_]*\}/;

/** Whether a path template gives each user a path of their own. */
export function perUser(template: unknown): boolean {
  return typeof template === "string" && PER_USER.test(template);
}

// The NFS exports behind PersistentVolumes in the document (the NfsHomeServer export the hub's claim binds to).
function nfsExports(doc: PolicyDocument): { server: unknown; path: string }[] {
  const out: { server: unknown; path: string }[] = [];
  for (const type of ["kubernetes_persistent_volume_v1", "kubernetes_persistent_volume"]) {
    for (const pv of doc.resources(type)) {
      for (const spec of asList(pv.body.spec)) {
        for (const source of asList(isObject(spec) ? spec.persistent_volume_source : undefined)) {
          for (const nfs of asList(isObject(source) ? source.nfs : undefined)) {
            if (isObject(nfs) && typeof nfs.path === "string") out.push({ server: nfs.server, path: nfs.path });
          }
        }
      }
    }
  }
  return out;
}

/** JSH-HUB-19: a user's server mounts that user's home and nobody else's. */
export const ownHomeOnly: PolicyRule = {
  id: "JSH-HUB-19",
  title: "Each user's server mounts only that user's home: per-user sub-paths and claim names, no shared home mount",
  explanation:
    "With static (NFS) storage every home is a sub-folder of one claim, and singleuser.storage.static.subPath " +
    "({username}) is what keeps users apart. A subPath without a per-user field, a 'shared folder' volume that " +
    "mounts the home claim (or the NFS export behind it) without a per-user subPath, or a pvcNameTemplate that is " +
    "the same for every user gives each user every home. Share files through a separate volume or claim.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) => {
    const exports = nfsExports(doc);
    return doc.z2jhReleases().flatMap((r) => {
      const v = r.effectiveValues;
      const found: [string, string][] = [];
      const undecided: [string, string][] = [];
      const homeClaims = new Set<string>();
      if (storageType(v) === "static") {
        const claim = at(v, "singleuser.storage.static.pvcName");
        if (typeof claim === "string") homeClaims.add(claim);
        const subPath = at(v, "singleuser.storage.static.subPath");
        // The chart's default subPath is {username}; an explicit one must keep a per-user field, and none at all
        // (the default deleted with null) mounts the whole claim.
        if (!perUser(subPath) && isReference(subPath)) {
          // A sub-path from a token may or may not name the user: known only at deploy time.
          undecided.push(["shared-home", `singleuser.storage.static.subPath ${subPath} is computed at deploy time`]);
        } else if (!perUser(subPath)) {
          found.push(["shared-home", `singleuser.storage.static.subPath is ${JSON.stringify(subPath)}`]);
        }
      }
      const sources = podSources(v);
      // Dynamic storage names each server's claim with pvcNameTemplate (KubeSpawner's pvc_name_template); static
      // storage never uses the template.
      if (storageType(v) === "dynamic") {
        const template = at(v, "singleuser.storage.dynamic.pvcNameTemplate");
        if (typeof template === "string" && !perUser(template)) {
          found.push(["shared-claim", `singleuser.storage.dynamic.pvcNameTemplate is ${template}`]);
        }
        for (const source of sources) {
          const t = source.traits.pvc_name_template;
          if (typeof t === "string" && !perUser(t)) {
            found.push(["shared-claim", `${source.pathOf("pvc_name_template")} is ${t}`]);
          }
        }
      }
      const mounts = sources.flatMap(mountsOf);
      for (const source of sources) {
        for (const { where, item: volume } of volumesOf(source)) {
          const claim = at(volume, "persistentVolumeClaim.claimName");
          const nfs: Json | undefined = isObject(volume.nfs) ? volume.nfs : undefined;
          const holdsHomes =
            (typeof claim === "string" && homeClaims.has(claim)) ||
            (nfs !== undefined && exports.some((e) => sameExport(e.path, nfs.path)));
          if (!holdsHomes) continue;
          for (const m of mounts.filter((m) => m.item.name === volume.name)) {
            if (!perUser(m.item.subPath)) {
              found.push([
                "shared-home",
                `${m.where} mounts ${where}, which holds every home, without a per-user subPath`,
              ]);
            }
          }
        }
      }
      return [
        ...found.map(([id, message]) => finding(r.address, message, { findingId: id })),
        ...undecided.map(([id, message]) => finding(r.address, message, { findingId: id, undecided: true })),
      ];
    });
  },
};

// The same export, or a folder above the homes (`/export` holds `/export/home`).
function sameExport(exportPath: string, mounted: unknown): boolean {
  if (typeof mounted !== "string") return false;
  const a = exportPath.replace(/\/+$/, "");
  const b = mounted.replace(/\/+$/, "");
  return a === b || a.startsWith(`${b}/`) || b === "";
}
