import { LoginKind, hubsOf } from "../hubs";
import { PolicyLevel, PolicyRule, contactEmailFindings, finding } from "../rule";
import { at, stringsOf } from "../values";
import { proxyHttpsOn } from "../z2jh";

/** JSH-HUB-01: z2jh hubs serve HTTPS with a complete certificate setup. */
export const z2jhHttps: PolicyRule = {
  id: "JSH-HUB-01",
  title: "z2jh hubs enable proxy.https (or a TLS ingress) with hosts and a Let's Encrypt contact",
  explanation:
    "Let's Encrypt needs the host names and a contact e-mail; without them the hub stays on plain HTTP. " +
    "https.type offload means something else terminates TLS: acknowledge it, naming what. (An OAuth hub " +
    "without HTTPS is JSH-AUTH-04's, which is hard.)",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) => {
    const hubs = hubsOf(doc);
    return doc.z2jhReleases().flatMap((r) => {
      const https = at(r.effectiveValues, "proxy.https") ?? {};
      const ingressTls = at(r.values, "ingress.enabled") === true && (at(r.values, "ingress.tls") ?? []).length > 0;
      if (at(https, "enabled") !== true) {
        const oauth = hubs.find((h) => h.address === r.address)?.login === LoginKind.OAUTH;
        return ingressTls || oauth ? [] : [finding(r.address, "proxy.https is not enabled", { findingId: "no-https" })];
      }
      const found = [];
      const type = at(https, "type");
      if (!proxyHttpsOn(r.effectiveValues)) {
        found.push(
          finding(r.address, `proxy.https.type is ${JSON.stringify(type ?? null)}: the chart then serves no HTTPS`, {
            findingId: "type",
          }),
        );
      }
      if (stringsOf(at(https, "hosts")).length === 0) {
        found.push(finding(r.address, "proxy.https.hosts is empty", { findingId: "hosts" }));
      }
      if (type === "letsencrypt") {
        const where = "proxy.https.letsencrypt.contactEmail";
        found.push(...contactEmailFindings(r.address, where, at(https, "letsencrypt.contactEmail"), "contact-email"));
      }
      if (type === "offload") {
        found.push(finding(r.address, "TLS is offloaded to something outside the chart", { findingId: "offload" }));
      }
      return found;
    });
  },
};
