import { PolicyLevel, PolicyRule, finding } from "../rule";
import { deletesPvcs } from "../z2jh";

/** JSH-DATA-07: deleting a user in the admin page keeps their files. */
export const noPvcDeletion: PolicyRule = {
  id: "JSH-DATA-07",
  title: "hub.config.KubeSpawner.delete_pvc is false",
  explanation:
    "KubeSpawner deletes a user's volume when the user (or a named server) is deleted, by an admin or by the " +
    "culler; that is its default. Set delete_pvc to false and remove data deliberately.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    doc
      .z2jhReleases()
      .filter((r) => deletesPvcs(r.effectiveValues))
      .map((r) => finding(r.address, "KubeSpawner.delete_pvc is not false: deleting a user deletes their volume")),
};
