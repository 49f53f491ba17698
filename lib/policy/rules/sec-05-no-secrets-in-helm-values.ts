import { plainSecretPaths } from "../../core/formats/secrets";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { sensitiveReferences } from "../secrets";
import { asList, isObject } from "../values";

/** JSH-SEC-05: secrets reach Helm only through set_sensitive. */
export const noSecretsInHelmValues: PolicyRule = {
  id: "JSH-SEC-05",
  title: "Helm values and set blocks hold no secret; secrets go through set_sensitive",
  explanation:
    "values and set are stored in the state and shown in plans as they are. An OAuth client secret, a cookie " +
    "secret, a proxy token, CryptKeeper keys, a password, an API key or a TLS private key must be passed with " +
    "set_sensitive (e.g. hub.config.GitHubOAuthenticator.client_secret), or left for the chart to generate. " +
    "Secrets are found by key name and by value (a URL with a password, a known key format such as an AWS " +
    "access key id or a GitHub token, a long random-looking string), with the same vocabulary the constructs use. " +
    "A set_sensitive name with an unescaped `,` or `=` makes Helm assign more than its own value, in plain text. " +
    "A sensitive value (a Secret, a generated password) interpolated into values or a set block is written " +
    "resolved into the state's values: pass it with set_sensitive.",
  level: PolicyLevel.ERROR,
  hard: true,
  check: (doc) =>
    doc.helmReleases().flatMap((r) => {
      const paths = plainSecretPaths(r.values);
      const fromSet = asList(r.body.set)
        .filter((s) => isObject(s) && typeof s.name === "string")
        .map((s) => s.name as string)
        .filter((name) => paths.includes(name));
      return [
        ...paths.map((p) =>
          finding(
            r.address,
            `${p} is set in ${fromSet.includes(p) ? "a set block" : "values"}; pass it with set_sensitive`,
            { findingId: p },
          ),
        ),
        // A Secret passed where plain text goes: Terraform writes the resolved secret into values in the state.
        ...[...asList(r.body.values), ...asList(r.body.set).map((x) => (isObject(x) ? x.value : undefined))]
          .filter((text): text is string => typeof text === "string")
          .flatMap((text) => sensitiveReferences(text, doc))
          .filter((ref, i, all) => all.indexOf(ref) === i)
          .map((ref) =>
            finding(r.address, `the sensitive ${ref} is interpolated into values or a set block; use set_sensitive`, {
              findingId: `sensitive:${ref}`,
            }),
          ),
        ...r.injectingSensitiveNames.map((name) =>
          finding(
            r.address,
            `the set_sensitive name ${JSON.stringify(name)} holds an unescaped , or =, so Helm reads it as more ` +
              "than one assignment, in plain text; escape them with a backslash or use one name per block",
            { findingId: `set_sensitive:${name}` },
          ),
        ),
      ];
    }),
};
