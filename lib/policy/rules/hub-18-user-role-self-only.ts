import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at, isObject, stringsOf } from "../values";

// JupyterHub scopes that, without a filter, reach every user's servers, credentials or the hub itself
// (jupyterhub docs/source/rbac/scopes.md). `shares` and `groups` let a user grant themselves access.
const REACHING = new Set([
  "servers",
  "access:servers",
  "admin:servers",
  "delete:servers",
  "read:servers",
  "users",
  "admin:users",
  "tokens",
  "read:tokens",
  "admin:auth_state",
  "shares",
  "groups",
  "admin:groups",
  "proxy",
  "shutdown",
  "admin-ui",
]);

/** The scope's base and filter: `access:servers!user` is [`access:servers`, `user`]. */
function split(scope: string): [string, string | undefined] {
  const i = scope.indexOf("!");
  return i < 0 ? [scope, undefined] : [scope.slice(0, i), scope.slice(i + 1)];
}

/** Whether a scope on the `user` role lets a user reach someone else. Self-filters (`!user`, `!server`) do not. */
export function reachesOthers(scope: string): boolean {
  const [base, filter] = split(scope.trim());
  if (!REACHING.has(base)) return false;
  return filter !== "user" && filter !== "server";
}

/** Every role definition: hub.loadRoles (a map) and hub.config.JupyterHub.load_roles (a list). */
function roles(values: any): { where: string; name: string; scopes: string[] }[] {
  const out: { where: string; name: string; scopes: string[] }[] = [];
  const loadRoles = at(values, "hub.loadRoles");
  if (isObject(loadRoles)) {
    for (const [key, role] of Object.entries(loadRoles)) {
      if (!isObject(role)) continue;
      const name = typeof role.name === "string" ? role.name : key;
      out.push({ where: `hub.loadRoles.${key}`, name, scopes: stringsOf(role.scopes) });
    }
  }
  const listed = at(values, "hub.config.JupyterHub.load_roles");
  (Array.isArray(listed) ? listed : []).forEach((role, i) => {
    if (isObject(role) && typeof role.name === "string") {
      out.push({ where: `hub.config.JupyterHub.load_roles[${i}]`, name: role.name, scopes: stringsOf(role.scopes) });
    }
  });
  return out;
}

/** JSH-HUB-18: the role every user has reaches only their own servers. */
export const userRoleSelfOnly: PolicyRule = {
  id: "JSH-HUB-18",
  title: "The `user` role every user holds reaches only the user's own servers (scopes filtered with !user)",
  explanation:
    "JupyterHub gives every user the `user` role. Redefining it in hub.loadRoles (or " +
    "hub.config.JupyterHub.load_roles) with a scope such as `servers`, `access:servers`, `tokens` or `groups` " +
    "without the `!user` filter lets every user open, stop or mint tokens for everyone's servers. Grant such " +
    "scopes to a named role for the users who need them (e.g. instructors), or filter them with `!user`.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) =>
      roles(r.values)
        .filter((role) => role.name === "user")
        .flatMap((role) =>
          role.scopes
            .filter(reachesOthers)
            .map((scope) =>
              finding(r.address, `${role.where} gives every user ${scope}`, { findingId: `scope:${split(scope)[0]}` }),
            ),
        ),
    ),
};
