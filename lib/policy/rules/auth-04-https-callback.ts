import { LoginKind, hubsOf, trait } from "../hubs";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { isReference } from "../values";

/** JSH-AUTH-04: an OAuth login runs over HTTPS, with the callback on the hub's own name. */
export const httpsCallback: PolicyRule = {
  id: "JSH-AUTH-04",
  title: "OAuth hubs serve HTTPS, with the OAuth callback on the hub's own HTTPS host name",
  explanation:
    "Over plain HTTP the OAuth code and the session cookie cross the network in clear text. The callback URL " +
    "must be the hub's own HTTPS name (with the base URL), or the provider sends users, and their codes, " +
    "somewhere else. The hub constructs derive both from the host name; this rule is hard.",
  level: PolicyLevel.ERROR,
  hard: true,
  check: (doc) =>
    hubsOf(doc)
      .filter((hub) => hub.login === LoginKind.OAUTH)
      .flatMap((hub) => {
        if (!hub.httpsEnabled) {
          return [finding(hub.address, `${hub.className} login without HTTPS`, { findingId: "no-https" })];
        }
        const callback = trait(hub, "oauth_callback_url");
        if (isReference(callback) || hub.httpsHosts.some(isReference)) {
          return [finding(hub.address, "the callback URL or host is computed at deploy time", { undecided: true })];
        }
        if (typeof callback !== "string" || callback === "") {
          return [finding(hub.address, "oauth_callback_url is not set", { findingId: "callback" })];
        }
        const expected = hub.httpsHosts.map((h) => `https://${h}${hub.baseUrl}hub/oauth_callback`);
        return expected.includes(callback)
          ? []
          : [
              finding(
                hub.address,
                `oauth_callback_url ${callback} is not ${expected.join(" or ") || "on an HTTPS host"}`,
                {
                  findingId: "callback",
                },
              ),
            ];
      }),
};
