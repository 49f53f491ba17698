import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at } from "../values";

/** JSH-HUB-20: named servers, when enabled, have a per-user limit. */
export const namedServersBounded: PolicyRule = {
  id: "JSH-HUB-20",
  title: "Named servers are off, or limited per user (named_server_limit_per_user > 0)",
  explanation:
    "With named servers on and no limit (JupyterHub's default limit 0 means none), one user can start as many " +
    "servers as they like, each with its own pod and, with dynamic storage, its own volume: the cluster's memory " +
    "and the allocation's volume quota are gone for everyone else. Set hub.namedServerLimitPerUser (or " +
    "hub.config.JupyterHub.named_server_limit_per_user) when turning hub.allowNamedServers on.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const v = r.values;
      const allowed = [
        ["hub.allowNamedServers", at(v, "hub.allowNamedServers")],
        ["hub.config.JupyterHub.allow_named_servers", at(v, "hub.config.JupyterHub.allow_named_servers")],
      ].filter(([, on]) => on === true);
      if (allowed.length === 0) return [];
      const configured = at(v, "hub.config.JupyterHub.named_server_limit_per_user");
      const limit = configured ?? at(v, "hub.namedServerLimitPerUser");
      if (Number.isInteger(limit) && limit > 0) return [];
      return [
        finding(r.address, `${allowed[0][0]} is true and the per-user limit is ${JSON.stringify(limit ?? null)}`, {
          findingId: "unbounded",
        }),
      ];
    }),
};
