import { HelmRelease } from "../document";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at, isObject, stringsOf } from "../values";
import { entries, envOf, podSources, volumesOf } from "../user-pods";

// The Secrets that hold the hub's credentials: the chart's `hub` Secret (hub.config, set_sensitive values such as
// the OAuth client secret, the cookie secret, the proxy token, CryptKeeper keys; named `hub`, or `<prefix>-hub`
// when fullnameOverride is unset or set), an existingSecret, and the TLS key Secrets of the proxy and ingress.
function hubSecretNames(release: HelmRelease): Set<string> {
  const v = release.values;
  const names = new Set<string>(["hub", "proxy-public-tls-acme", "proxy-manual-tls"]);
  const prefixes: string[] = [];
  const fullname = at(v, "fullnameOverride");
  if (typeof fullname === "string" && fullname !== "") prefixes.push(fullname);
  if (fullname === null && typeof release.body.name === "string") prefixes.push(release.body.name);
  for (const p of prefixes) for (const n of [...names]) names.add(`${p}-${n}`);
  for (const path of ["hub.existingSecret", "proxy.https.secret.name"]) {
    const n = at(v, path);
    if (typeof n === "string" && n !== "") names.add(n);
  }
  for (const tls of entries(at(v, "ingress.tls"))) stringsOf(tls.secretName).forEach((n) => names.add(n));
  return names;
}

/** JSH-HUB-17: user pods are never given the hub's secrets. */
export const hubSecretsPrivate: PolicyRule = {
  id: "JSH-HUB-17",
  title: "User pods do not read the hub's Secret or its TLS keys (secretKeyRef, envFrom or a secret volume)",
  explanation:
    "The chart's `hub` Secret holds everything hub.config and set_sensitive give the hub (the OAuth client " +
    "secret), the cookie secret, the proxy's API token and the auth-state keys: with them a user can impersonate " +
    "the hub or any other user. The TLS Secrets hold the hub's private key. Nothing a user's server runs may " +
    "reference them: not an environment variable's secretKeyRef, an envFrom secretRef, nor a secret or projected " +
    "volume, in singleuser.extraEnv, hub.config.KubeSpawner (environment, extra_container_config, " +
    "extra_containers, init_containers, volumes, extra_pod_config) or a profile.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const secrets = hubSecretNames(r);
      const found: [string, string][] = [];
      for (const source of podSources(r.values)) {
        for (const { where, item: env } of envOf(source)) {
          const name = at(env, "valueFrom.secretKeyRef.name") ?? at(env, "secretRef.name");
          if (typeof name === "string" && secrets.has(name)) found.push([where, name]);
        }
        for (const { where, item: volume } of volumesOf(source)) {
          const refs = [
            at(volume, "secret.secretName"),
            ...entries(at(volume, "projected.sources")).map((s) => (isObject(s.secret) ? s.secret.name : undefined)),
          ];
          for (const name of refs) if (typeof name === "string" && secrets.has(name)) found.push([where, name]);
        }
      }
      return found.map(([where, name]) =>
        finding(r.address, `${where} reads the Secret ${name}`, { findingId: "hub-secret" }),
      );
    }),
};
