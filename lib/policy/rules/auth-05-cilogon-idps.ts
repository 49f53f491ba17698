import { hubsOf, trait } from "../hubs";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { isObject } from "../values";

const UNIQUE_CLAIMS = ["email", "eppn", "oidc", "sub"];

/**
 * The keys oauthenticator accepts in an `idps` entry: the properties of its IdP schema
 * (`oauthenticator/schemas/cilogon-schema.yaml@17.4.0`, `additionalProperties: false`). Any other key stops the hub.
 */
export const CILOGON_IDP_KEYS: readonly string[] = [
  "allow_all",
  "allowed_domains",
  "allowed_domains_claim",
  "default",
  "username_derivation",
];

/** JSH-AUTH-05: CILogon identity providers are named exactly and cannot collide. */
export const ciLogonIdps: PolicyRule = {
  id: "JSH-AUTH-05",
  title: "CILogon hubs list IdPs by entity id, each with a username derivation, without collisions",
  explanation:
    "CILogonOAuthenticator refuses an empty idps map, and keys must be entity ids (https://, http:// or urn:), " +
    "not bare domains. With two or more IdPs, each must prefix usernames or use a globally unique claim, or " +
    "alice@one and alice@two become the same user. Each entry may hold only the keys of oauthenticator's IdP " +
    "schema (allow_all, allowed_domains, allowed_domains_claim, default, username_derivation): any other key " +
    "fails its validation and the hub does not start. allowed_idps is deprecated.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    hubsOf(doc)
      .filter((hub) => hub.className === "CILogonOAuthenticator")
      .flatMap((hub) => {
        const found = [];
        if (trait(hub, "allowed_idps") !== undefined) {
          found.push(finding(hub.address, "allowed_idps is deprecated; use idps", { findingId: "allowed-idps" }));
        }
        const idps = trait(hub, "idps");
        const entries = isObject(idps) ? Object.entries(idps) : [];
        if (entries.length === 0) {
          found.push(finding(hub.address, "no idps configured", { findingId: "no-idps" }));
          return found;
        }
        for (const [entityId, idp] of entries) {
          if (!/^(https?:\/\/\S+|urn:\S+)$/.test(entityId)) {
            found.push(finding(hub.address, `${entityId} is not an entity id`, { findingId: "entity-id" }));
          }
          const unknown = isObject(idp) ? Object.keys(idp).filter((k) => !CILOGON_IDP_KEYS.includes(k)) : [];
          if (unknown.length > 0) {
            found.push(
              finding(hub.address, `${entityId}: ${unknown.join(", ")} not accepted by oauthenticator's IdP schema`, {
                findingId: "unknown-key",
              }),
            );
          }
          const derivation = isObject(idp) ? idp.username_derivation : undefined;
          if (!isObject(derivation) || typeof derivation.username_claim !== "string") {
            found.push(
              finding(hub.address, `${entityId} has no username_derivation.username_claim`, {
                findingId: "derivation",
              }),
            );
          } else if (entries.length > 1) {
            const unique =
              UNIQUE_CLAIMS.includes(derivation.username_claim) && derivation.action !== "strip_idp_domain";
            if (!unique && derivation.action !== "prefix") {
              found.push(
                finding(hub.address, `${entityId}: usernames from several IdPs can collide; use action prefix`, {
                  findingId: "collision",
                }),
              );
            }
          }
        }
        return found;
      }),
};
