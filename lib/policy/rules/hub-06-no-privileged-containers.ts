import { PolicyLevel, PolicyRule, finding } from "../rule";
import { Json, asList, at, isObject } from "../values";
import { profileOverrides } from "../z2jh";

function weakened(context: unknown): string[] {
  if (!isObject(context)) return [];
  const out = [];
  if (context.privileged === true) out.push("privileged");
  if (context.allowPrivilegeEscalation === true) out.push("allowPrivilegeEscalation");
  if (context.runAsUser === 0) out.push("runAsUser 0");
  return out;
}

function containers(values: Json, path: string): Json[] {
  const v = at(values, path);
  return (Array.isArray(v) ? v : isObject(v) ? Object.values(v) : []).filter(isObject);
}

/** JSH-HUB-06: nothing the hub starts runs privileged or as root. */
export const noPrivilegedContainers: PolicyRule = {
  id: "JSH-HUB-06",
  title: "User servers and extra containers do not run as root, privileged, or with privilege escalation",
  explanation:
    "The chart runs the hub and user servers as unprivileged users with every capability dropped. uid 0, " +
    "privileged containers or privilege escalation give user code the node.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const v = r.values;
      const found = [];
      if (at(v, "singleuser.uid") === 0) found.push(["singleuser.uid is 0", "root"]);
      if (at(v, "singleuser.allowPrivilegeEscalation") === true) {
        found.push(["singleuser.allowPrivilegeEscalation is true", "escalation"]);
      }
      for (const w of weakened(at(v, "hub.containerSecurityContext"))) {
        found.push([`hub.containerSecurityContext: ${w}`, "hub"]);
      }
      for (const path of [
        "singleuser.extraContainers",
        "singleuser.initContainers",
        "hub.extraContainers",
        "hub.initContainers",
      ]) {
        for (const c of containers(v, path)) {
          for (const w of weakened(c.securityContext)) found.push([`${path} ${c.name ?? ""}: ${w}`, "containers"]);
        }
      }
      for (const { where, override } of profileOverrides(v)) {
        if (override.uid === 0) found.push([`${where} sets uid 0`, "root"]);
        if (override.privileged === true) found.push([`${where} is privileged`, "containers"]);
        if (override.allow_privilege_escalation === true)
          found.push([`${where} allows privilege escalation`, "escalation"]);
        for (const c of asList(override.init_containers).filter(isObject)) {
          for (const w of weakened(c.securityContext)) found.push([`${where} init container: ${w}`, "containers"]);
        }
      }
      return found.map(([message, id]) => finding(r.address, message, { findingId: id }));
    }),
};
