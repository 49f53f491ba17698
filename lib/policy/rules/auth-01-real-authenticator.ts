import { LoginKind, hubsOf } from "../hubs";
import { PolicyLevel, PolicyRule, finding } from "../rule";

/** JSH-AUTH-01: hubs log in through an identity provider, never the dummy login. */
export const realAuthenticator: PolicyRule = {
  id: "JSH-AUTH-01",
  title: "Hubs use an OAuth login; never the dummy or temporary login, local passwords only knowingly",
  explanation:
    "The z2jh chart's default authenticator is dummy and TLJH's is FirstUseAuthenticator: with the first, anyone " +
    "logs in as anyone; with the second, the first person to try a name sets its password. Configure the " +
    "gateway's login (Authenticator.gitHub/google/ciLogon/genericOAuth). Dummy and temporary logins are never " +
    "acceptable (hard); local-password logins can be acknowledged, e.g. for an offline workshop. Python " +
    "configuration counts too: hub.extraConfig and TLJH's jupyterhub_config.d run after the values and " +
    "config.yaml, so an authenticator_class they set is the one the hub uses.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    hubsOf(doc).flatMap((hub) => {
      if (hub.login === LoginKind.OPEN) {
        return [
          finding(hub.address, `the hub uses ${hub.authenticatorClass}: anyone can log in as anyone`, {
            findingId: "open",
            hard: true,
          }),
        ];
      }
      if (hub.login === LoginKind.UNKNOWN && hub.authenticatorFromCode) {
        return [
          finding(hub.address, `Python configuration sets authenticator_class to ${hub.authenticatorClass}`, {
            undecided: true,
            findingId: "code",
          }),
        ];
      }
      if (hub.login === LoginKind.LOCAL) {
        return [
          finding(
            hub.address,
            `the hub uses ${hub.authenticatorClass} (local passwords) rather than the gateway's login`,
            {
              findingId: "local",
            },
          ),
        ];
      }
      return [];
    }),
};
