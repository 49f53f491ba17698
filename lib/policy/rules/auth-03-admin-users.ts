import { hubsOf } from "../hubs";
import { PolicyLevel, PolicyRule, finding } from "../rule";

/** JSH-AUTH-03: every hub names its admins, in the form JupyterHub compares. */
export const adminUsers: PolicyRule = {
  id: "JSH-AUTH-03",
  title: "Hubs name at least one admin, in lower case; a TLJH hub has at most three",
  explanation:
    "Without an admin nobody can manage users from the hub. JupyterHub lower-cases names before comparing, so " +
    "'Alice' never matches anyone. On TLJH every admin gets passwordless root on the VM: keep the list short.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    hubsOf(doc).flatMap((hub) => {
      if (hub.adminUsersUnresolved) return [];
      const found = [];
      if (hub.adminUsers.length === 0) {
        found.push(finding(hub.address, "no admin users", { findingId: "no-admins" }));
      }
      const mixed = hub.adminUsers.filter((u) => u !== u.toLowerCase());
      if (mixed.length > 0) {
        found.push(
          finding(hub.address, `admin names ${mixed.join(", ")} are not lower case and never match`, {
            findingId: "case",
          }),
        );
      }
      if (hub.shape === "tljh" && new Set(hub.adminUsers).size > 3) {
        found.push(
          finding(hub.address, `${new Set(hub.adminUsers).size} admins, each with passwordless root on the VM`, {
            findingId: "many-admins",
            level: PolicyLevel.WARNING,
          }),
        );
      }
      return found;
    }),
};
