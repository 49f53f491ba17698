import { classifyAuthenticator, hubsOf } from "../hubs";
import { PolicyLevel, PolicyRule, finding } from "../rule";

/** JSH-AUTH-09: TLJH never hands out passwords through cloud-init or to whoever logs in first. */
export const noFirstUsePasswords: PolicyRule = {
  id: "JSH-AUTH-09",
  title: "TLJH gets no --admin name:password, and FirstUseAuthenticator only with HTTPS and an allow list",
  explanation:
    "`--admin name:password` puts a password into user data. With FirstUseAuthenticator the first login to " +
    "a name sets its password: before HTTPS that happens in clear text, and with an empty users.allowed TLJH " +
    "lets anyone create an account.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) => {
    const found = [];
    const hubs = hubsOf(doc);
    for (const host of doc.tljhHosts()) {
      if (host.commands.some((c) => /--admin[ =]\S+:\S+/.test(c))) {
        found.push(finding(host.address, "the installer is given an admin password", { findingId: "admin-password" }));
      }
      const hub = hubs.find((h) => h.address === host.address);
      if (!hub || classifyAuthenticator(hub.authenticatorClass).className !== "FirstUseAuthenticator") continue;
      if (!hub.httpsEnabled) {
        found.push(finding(host.address, "first-use passwords are set over plain HTTP", { findingId: "no-https" }));
      }
      if (hub.allowedUsers.length === 0) {
        found.push(
          finding(host.address, "users.allowed is empty, so anyone can create an account", { findingId: "open" }),
        );
      }
    }
    return found;
  },
};
