import { hubsOf, trait } from "../hubs";
import { PolicyLevel, PolicyRule, finding } from "../rule";

function set(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
}

/** JSH-AUTH-07: Google group rules come with the credentials that can read groups. */
export const googleGroups: PolicyRule = {
  id: "JSH-AUTH-07",
  title: "Google hubs that allow groups also configure gsuite_administrator and service account keys",
  explanation:
    "Google reveals group membership only to a Workspace administrator through a service account; without both " +
    "settings the group rule admits nobody.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    hubsOf(doc)
      .filter((hub) => hub.className === "GoogleOAuthenticator")
      .filter((hub) => set(trait(hub, "allowed_google_groups")) || set(trait(hub, "admin_google_groups")))
      .filter(
        (hub) =>
          !set(trait(hub, "gsuite_administrator")) &&
          !hub.sensitiveNames.some((n) => n.endsWith("google_service_account_keys")) &&
          !set(trait(hub, "google_service_account_keys")),
      )
      .map((hub) => finding(hub.address, "Google group rules without gsuite_administrator and service account keys")),
};
