import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at } from "../values";

const GENERATED = [
  "hub.cookieSecret",
  "proxy.secretToken",
  "hub.config.JupyterHub.cookie_secret",
  "hub.config.ConfigurableHTTPProxy.auth_token",
  "hub.config.CryptKeeper.keys",
];

/** JSH-SEC-06: the z2jh chart generates and keeps the hub's own secrets. */
export const chartGeneratesHubSecrets: PolicyRule = {
  id: "JSH-SEC-06",
  title: "z2jh releases leave the cookie secret, proxy token and CryptKeeper keys to the chart",
  explanation:
    "The chart generates these once and reuses them from the hub's Secret. Supplying them adds a secret to " +
    "manage and, if it ever changes, logs everyone out and makes stored auth state unreadable. Only an external " +
    "hub database (hub.db.type mysql, postgres or other) needs hub.cookieSecret supplied.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const external = ["mysql", "postgres", "other"].includes(at(r.effectiveValues, "hub.db.type"));
      return GENERATED.filter((name) => r.sensitiveNames.includes(name))
        .filter((name) => !(external && name === "hub.cookieSecret"))
        .map((name) => finding(r.address, `${name} is supplied; let the chart generate it`, { findingId: name }));
    }),
};
