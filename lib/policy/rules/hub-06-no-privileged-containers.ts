import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at, isObject } from "../values";
import { containersOf, entries, podConfigOf, podSources } from "../user-pods";

// Capabilities a container may add without reaching beyond itself.
const HARMLESS_CAPABILITIES = new Set(["NET_BIND_SERVICE"]);

// What a securityContext gives away, as [finding id, words].
function weakened(context: unknown): [string, string][] {
  if (!isObject(context)) return [];
  const out: [string, string][] = [];
  if (context.privileged === true) out.push(["containers", "privileged"]);
  if (context.allowPrivilegeEscalation === true) out.push(["escalation", "allowPrivilegeEscalation"]);
  if (context.runAsUser === 0) out.push(["root", "runAsUser 0"]);
  if (context.runAsNonRoot === false) out.push(["root", "runAsNonRoot false"]);
  const added = Array.isArray(context.capabilities?.add) ? context.capabilities.add : [];
  const risky = added.filter((c: unknown) => !HARMLESS_CAPABILITIES.has(String(c).replace(/^CAP_/, "")));
  if (risky.length > 0) out.push(["capabilities", `adds capabilities ${risky.join(", ")}`]);
  return out;
}

/** JSH-HUB-06: nothing the hub starts for users runs as root, privileged, or with privilege escalation. */
export const noPrivilegedContainers: PolicyRule = {
  id: "JSH-HUB-06",
  title: "User servers and extra containers do not run as root, privileged, or with privilege escalation",
  explanation:
    "The chart runs the hub and user servers as unprivileged users with every capability dropped. uid 0, " +
    "privileged containers, privilege escalation or added capabilities give user code the node. The pack reads " +
    "singleuser.uid/allowPrivilegeEscalation/extraContainers/initContainers/extraPodConfig, every " +
    "hub.config.KubeSpawner trait that shapes the pod (uid, privileged, allow_privilege_escalation, " +
    "container_security_context, pod_security_context, extra_container_config, extra_pod_config, extra_containers, " +
    "init_containers) and every profile's kubespawner_override. A GPU profile that needs a device plugin's " +
    "privileges is the kind of exception to acknowledge, on the hub, with that reason.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const v = r.values;
      const found: [string, string][] = [];
      for (const [, w] of weakened(at(v, "hub.containerSecurityContext"))) {
        found.push(["hub", `hub.containerSecurityContext: ${w}`]);
      }
      for (const source of podSources(v)) {
        const t = source.traits;
        if (t.uid === 0) found.push(["root", `${source.pathOf("uid")} is 0`]);
        if (t.privileged === true) found.push(["containers", `${source.pathOf("privileged")} is true`]);
        if (t.allow_privilege_escalation === true) {
          found.push(["escalation", `${source.pathOf("allow_privilege_escalation")} is true`]);
        }
        for (const trait of ["container_security_context", "pod_security_context"]) {
          for (const [id, w] of weakened(t[trait])) found.push([id, `${source.pathOf(trait)}: ${w}`]);
        }
        for (const [id, w] of weakened(podConfigOf(source).securityContext)) {
          found.push([id, `${source.pathOf("extra_pod_config")}.securityContext: ${w}`]);
        }
        for (const { where, item: container } of containersOf(source)) {
          for (const [id, w] of weakened(container.securityContext)) found.push([id, `${where}: ${w}`]);
        }
      }
      for (const path of ["hub.extraContainers", "hub.initContainers"]) {
        for (const c of entries(at(v, path))) {
          for (const [id, w] of weakened(c.securityContext)) {
            found.push([id, `${path} ${c.name ?? ""}: ${w}`]);
          }
        }
      }
      return found.map(([id, message]) => finding(r.address, message, { findingId: id }));
    }),
};
