import { hubsOf, trait } from "../hubs";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { stringsOf } from "../values";

/** JSH-AUTH-06: GitHub team rules request the scope that can read teams. */
export const gitHubTeamScope: PolicyRule = {
  id: "JSH-AUTH-06",
  title: "GitHub hubs that allow org:team members request the read:org scope",
  explanation:
    "Without read:org GitHub does not reveal team (or private organization) membership, so the allow rule " +
    "silently admits nobody.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    hubsOf(doc)
      .filter((hub) => hub.className === "GitHubOAuthenticator")
      .filter((hub) => stringsOf(trait(hub, "allowed_organizations")).some((o) => o.includes(":")))
      .filter((hub) => !stringsOf(trait(hub, "scope")).includes("read:org"))
      .map((hub) => finding(hub.address, "allowed_organizations names a team but scope lacks read:org")),
};
