import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at } from "../values";

/** JSH-HUB-14: per-user subdomains come with a wildcard certificate. */
export const subdomainCertificates: PolicyRule = {
  id: "JSH-HUB-14",
  title: "A hub with subdomain_host gets its certificate from a secret, not from automatic Let's Encrypt",
  explanation:
    "With subdomain_host every user server lives on its own subdomain, which needs a wildcard certificate; the " +
    "chart's Let's Encrypt integration cannot issue one. Provide it as a TLS secret (proxy.https.type secret).",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc
      .z2jhReleases()
      .filter((r) => typeof at(r.values, "hub.config.JupyterHub.subdomain_host") === "string")
      .filter(
        (r) =>
          at(r.effectiveValues, "proxy.https.enabled") === true &&
          at(r.effectiveValues, "proxy.https.type") === "letsencrypt",
      )
      .map((r) => finding(r.address, "subdomain_host with Let's Encrypt: no wildcard certificate can be issued")),
};
