import { hubsOf, trait } from "../hubs";
import { PolicyLevel, PolicyRule, finding } from "../rule";

/** JSH-AUTH-08: removing someone from the allow list revokes their access. */
export const noAllowExistingUsers: PolicyRule = {
  id: "JSH-AUTH-08",
  title: "allow_existing_users is not enabled",
  explanation:
    "With allow_existing_users every user already in the hub's database stays allowed, so deleting a name from " +
    "allowed_users no longer locks that person out.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    hubsOf(doc)
      .filter((hub) => trait(hub, "allow_existing_users") === true)
      .map((hub) => finding(hub.address, "allow_existing_users is true: removed users keep access")),
};
