import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at } from "../values";
import { profileOverrides } from "../z2jh";

/** JSH-HUB-05: user servers get no Kubernetes credentials. */
export const noServiceAccountToken: PolicyRule = {
  id: "JSH-HUB-05",
  title: "User servers get no service account and no mounted API token",
  explanation:
    "A mounted service account token lets user code call the Kubernetes API as that account. Leave " +
    "singleuser.serviceAccountName unset (KubeSpawner then mounts no token), in profiles too.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const found = [];
      const sa = at(r.values, "singleuser.serviceAccountName");
      if (sa !== undefined && sa !== null) {
        found.push(finding(r.address, `singleuser.serviceAccountName is ${sa}`, { findingId: "service-account" }));
      }
      if (at(r.values, "hub.config.KubeSpawner.automount_service_account_token") === true) {
        found.push(
          finding(r.address, "KubeSpawner.automount_service_account_token is true", { findingId: "automount" }),
        );
      }
      for (const { where, override } of profileOverrides(r.values)) {
        if (override.service_account !== undefined && override.service_account !== null) {
          found.push(finding(r.address, `${where} sets service_account`, { findingId: "service-account" }));
        }
        if (override.automount_service_account_token === true) {
          found.push(finding(r.address, `${where} mounts the service account token`, { findingId: "automount" }));
        }
      }
      return found;
    }),
};
