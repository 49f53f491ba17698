import { PolicyLevel, PolicyRule, finding } from "../rule";
import { Json, asList, isObject } from "../values";

// Keys whose values are secrets in z2jh and most charts. `keys` only under CryptKeeper; `key` only for TLS.
const SECRET_KEYS = new Set([
  "client_secret",
  "cookie_secret",
  "cookieSecret",
  "secretToken",
  "auth_token",
  "api_token",
  "password",
]);

function secretPaths(value: unknown, path: string[], out: string[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => secretPaths(v, [...path, String(i)], out));
  if (!isObject(value)) return;
  for (const [key, v] of Object.entries(value as Json)) {
    const here = [...path, key];
    const isSecret =
      SECRET_KEYS.has(key) ||
      (key === "keys" && path[path.length - 1] === "CryptKeeper") ||
      (key === "key" && path.join(".").endsWith("https.manual"));
    if (isSecret && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0)) out.push(here.join("."));
    else secretPaths(v, here, out);
  }
}

/** JSH-SEC-05: secrets reach Helm only through set_sensitive. */
export const noSecretsInHelmValues: PolicyRule = {
  id: "JSH-SEC-05",
  title: "Helm values and set blocks hold no secret; secrets go through set_sensitive",
  explanation:
    "values and set are stored in the state and shown in plans as they are. An OAuth client secret, a cookie " +
    "secret, a proxy token, CryptKeeper keys, a password or a TLS private key must be passed with " +
    "set_sensitive (e.g. hub.config.GitHubOAuthenticator.client_secret), or left for the chart to generate.",
  level: PolicyLevel.ERROR,
  hard: true,
  check: (doc) =>
    doc.helmReleases().flatMap((r) => {
      const paths: string[] = [];
      secretPaths(r.values, [], paths);
      const fromSet = asList(r.body.set)
        .filter((s) => isObject(s) && typeof s.name === "string")
        .map((s) => s.name as string)
        .filter((name) => paths.includes(name));
      return paths.map((p) =>
        finding(
          r.address,
          `${p} is set in ${fromSet.includes(p) ? "a set block" : "values"}; pass it with set_sensitive`,
          {
            findingId: p,
          },
        ),
      );
    }),
};
