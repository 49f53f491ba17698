import { LoginKind, hubsOf } from "../hubs";
import { PolicyLevel, PolicyRule, contactEmailFindings, finding } from "../rule";
import { at, stringsOf } from "../values";

/** JSH-TLJH-02: TLJH serves HTTPS from its first boot. */
export const tljhHttps: PolicyRule = {
  id: "JSH-TLJH-02",
  title: "TLJH enables https with a Let's Encrypt e-mail and domains (or a certificate) in its config.yaml",
  explanation:
    "Configured in the same cloud-init run, the hub is never reachable over plain HTTP. A hub without a domain " +
    "(a short workshop on a bare IP) must be acknowledged. (An OAuth hub without HTTPS is JSH-AUTH-04's.)",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) => {
    const hubs = hubsOf(doc);
    return doc.tljhHosts().flatMap((h) => {
      const https = at(h.effectiveConfig, "https") ?? {};
      if (at(https, "enabled") !== true) {
        const oauth = hubs.find((x) => x.address === h.address)?.login === LoginKind.OAUTH;
        return oauth ? [] : [finding(h.address, "https.enabled is not true", { findingId: "no-https" })];
      }
      if (at(https, "tls.key") && at(https, "tls.cert")) return [];
      const found = [];
      found.push(
        ...contactEmailFindings(h.address, "https.letsencrypt.email", at(https, "letsencrypt.email"), "email"),
      );
      if (stringsOf(at(https, "letsencrypt.domains")).length === 0) {
        found.push(finding(h.address, "https.letsencrypt.domains is empty", { findingId: "domains" }));
      }
      return found;
    });
  },
};
