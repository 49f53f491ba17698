import { PolicyLevel, PolicyRule, finding } from "../rule";
import { entries, podConfigOf, podSources, volumesOf } from "../user-pods";

/** JSH-HUB-05: user servers get no Kubernetes credentials. */
export const noServiceAccountToken: PolicyRule = {
  id: "JSH-HUB-05",
  title: "User servers get no service account and no mounted API token",
  explanation:
    "A mounted service account token lets user code call the Kubernetes API as that account (and read the " +
    "hub's Secret if the account may). Leave singleuser.serviceAccountName unset and " +
    "KubeSpawner.automount_service_account_token false, in hub.config.KubeSpawner, extra_pod_config " +
    "(serviceAccountName, automountServiceAccountToken, projected serviceAccountToken volumes) and every profile.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const found = [];
      for (const source of podSources(r.values)) {
        const t = source.traits;
        const pod = podConfigOf(source);
        if (t.service_account !== undefined && t.service_account !== null) {
          found.push(["service-account", `${source.pathOf("service_account")} is ${t.service_account}`]);
        }
        for (const key of ["serviceAccountName", "serviceAccount"]) {
          if (typeof pod[key] === "string" && pod[key] !== "") {
            found.push(["service-account", `${source.pathOf("extra_pod_config")}.${key} is ${pod[key]}`]);
          }
        }
        if (t.automount_service_account_token === true) {
          found.push(["automount", `${source.pathOf("automount_service_account_token")} is true`]);
        }
        if (pod.automountServiceAccountToken === true) {
          found.push(["automount", `${source.pathOf("extra_pod_config")}.automountServiceAccountToken is true`]);
        }
        for (const { where, item: volume } of volumesOf(source)) {
          if (entries(volume.projected?.sources).some((s) => s.serviceAccountToken !== undefined)) {
            found.push(["automount", `${where} projects a service account token`]);
          }
        }
      }
      return found.map(([id, message]) => finding(r.address, message, { findingId: id }));
    }),
};
