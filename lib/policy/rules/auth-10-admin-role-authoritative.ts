import { writtenFile, writtenPaths } from "../cloud-config";
import { hubsOf } from "../hubs";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { Json, at, stringsOf } from "../values";

function safeRead(cloudConfig: Json, path: string): string {
  try {
    return writtenFile(cloudConfig, path) ?? "";
  } catch {
    return "";
  }
}

/** JSH-AUTH-10: removing an admin in code removes the admin. */
export const adminRoleAuthoritative: PolicyRule = {
  id: "JSH-AUTH-10",
  title: "The admin role lists exactly the admin users, so removing a name revokes admin",
  explanation:
    "JupyterHub only ever adds admin_users to the admin role; a name removed from the list keeps admin rights. " +
    "Declaring the role (z2jh hub.loadRoles.admin.users; TLJH a jupyterhub_config.d snippet setting " +
    "c.JupyterHub.load_roles) makes the list authoritative.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) => {
    const found = [];
    const hubs = hubsOf(doc);
    for (const release of doc.z2jhReleases()) {
      const hub = hubs.find((h) => h.address === release.address);
      if (!hub || hub.adminUsersUnresolved || hub.adminUsers.length === 0) continue;
      const role = stringsOf(at(release.values, "hub.loadRoles.admin.users"));
      const admins = [...new Set(hub.adminUsers)].sort();
      if (JSON.stringify([...new Set(role)].sort()) !== JSON.stringify(admins)) {
        found.push(
          finding(release.address, `hub.loadRoles.admin.users is [${role.join(", ")}], not [${admins.join(", ")}]`),
        );
      }
    }
    for (const host of doc.tljhHosts()) {
      const hub = hubs.find((h) => h.address === host.address);
      if (!hub || hub.adminUsers.length === 0) continue;
      const snippets = writtenPaths(host.cloudConfig).filter((p) =>
        p.startsWith("/opt/tljh/config/jupyterhub_config.d/"),
      );
      if (!snippets.some((p) => /load_roles/.test(safeRead(host.cloudConfig, p)))) {
        found.push(finding(host.address, "no jupyterhub_config.d snippet declares the admin role (load_roles)"));
      }
    }
    return found;
  },
};
