import { LoginKind, hubsOf, trait } from "../hubs";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { isObject } from "../values";

// Providers where allow_all admits anyone with a free account on the Internet.
const OPEN_PROVIDERS = ["GitHubOAuthenticator", "GitLabOAuthenticator", "BitbucketOAuthenticator"];

function nonEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return value !== undefined && value !== null && value !== "" && value !== false;
}

/** JSH-AUTH-02: an OAuth hub says who may log in, and not "everyone on the Internet". */
export const allowRule: PolicyRule = {
  id: "JSH-AUTH-02",
  title: "OAuth hubs have an allow rule, and allow_all does not admit the whole Internet",
  explanation:
    "Since oauthenticator 16 nobody but admins may log in without an allow rule (allowed users, organizations, " +
    "groups or IdPs); Google's hosted_domain only restricts and needs one too. Since oauthenticator 17 group rules " +
    "also need manage_groups, or the hub does not start. allow_all on GitHub, or on Google without a hosted domain, lets anyone with an " +
    "account in, and their servers spend your allocation. Acknowledge it only for a deliberately open hub.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    hubsOf(doc)
      .filter((hub) => hub.login === LoginKind.OAUTH)
      .flatMap((hub) => {
        const traits = {
          ...(isObject(hub.traits.Authenticator) ? hub.traits.Authenticator : {}),
          ...(isObject(hub.traits[hub.className]) ? hub.traits[hub.className] : {}),
        };
        const allowAll = trait(hub, "allow_all") === true;
        const idps = isObject(traits.idps) ? Object.values(traits.idps) : [];
        const idpRule = idps.some((i) => isObject(i) && (i.allow_all === true || nonEmpty(i.allowed_domains)));
        const rules =
          hub.allowedUsers.length > 0 ||
          idpRule ||
          Object.entries(traits).some(([k, v]) => /^allowed_/.test(k) && nonEmpty(v));
        // oauthenticator 17 raises at start when group rules are set without manage_groups (oauth2.py@17.4.0:428-437).
        const groupRules = ["allowed_groups", "admin_groups", "auth_state_groups_key", "claim_groups_key"].filter((k) =>
          nonEmpty(traits[k]),
        );
        const groups =
          groupRules.length > 0 && trait(hub, "manage_groups") !== true
            ? [
                finding(
                  hub.address,
                  `${groupRules.join(", ")} without manage_groups: oauthenticator 17 refuses to start`,
                  {
                    findingId: "groups-without-manage-groups",
                  },
                ),
              ]
            : [];
        if (allowAll) {
          const open =
            OPEN_PROVIDERS.includes(hub.className) ||
            (hub.className === "GoogleOAuthenticator" && !nonEmpty(traits.hosted_domain));
          return open
            ? [
                ...groups,
                finding(hub.address, `allow_all with ${hub.className} admits anyone with an account`, {
                  findingId: "anyone",
                }),
              ]
            : groups;
        }
        return rules
          ? groups
          : [
              ...groups,
              finding(hub.address, "no allow rule: nobody but the admins can log in", {
                findingId: "no-allow-rule",
              }),
            ];
      }),
};
