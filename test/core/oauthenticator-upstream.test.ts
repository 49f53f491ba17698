import { Authenticator, ImageOs, JetstreamImage, Secret } from "../../lib";
import { oauthCallbackUrl, renderAuthenticator } from "../../lib/core/authenticator-config";
import { tljhTarget, z2jhTarget } from "../../lib/core/oauthenticator-target";
import { gitHubLogin, hubStack } from "../support/hub-fixtures";
import { synth } from "../support/synth";
import { hubReleases, valuesOf } from "../support/z2jh";
import { gatewayHub, logins } from "../single-server-hub/fixtures";
import { newStack } from "../support/synth";

// These tests restate what oauthenticator's Python code does with the traits the library writes, line by line from
// the cited source (jupyterhub/oauthenticator), and run the library's output through it.

type Traits = { [cls: string]: { [trait: string]: any } };
const secret = () => Secret.fromEnvironment(newStack(), "client_secret");
const CALLBACK = oauthCallbackUrl("hub.example.org");

/** A trait as traitlets resolves it for `cls`: its own section first, then the `Authenticator` base class. */
function traitOf(config: Traits, cls: string, name: string): any {
  return config[cls]?.[name] ?? config.Authenticator?.[name];
}

/**
 * The ValueError oauthenticator 17.x raises while loading the config, or undefined.
 * - oauth2.py@17.4.0:428-437: `@observe("allowed_groups", "admin_groups", "auth_state_groups_key")` raises
 *   "<cls>.<trait> requires <cls>.manage_groups to also be set" when the new value is truthy and manage_groups is not.
 * - generic.py@17.4.0:48-71: the deprecated `claim_groups_key` observer raises the same way.
 */
function startupError17(config: Traits, cls: string): string | undefined {
  for (const name of ["allowed_groups", "admin_groups", "auth_state_groups_key", "claim_groups_key"]) {
    const value = traitOf(config, cls, name);
    const truthy = Array.isArray(value) ? value.length > 0 : Boolean(value);
    if (truthy && traitOf(config, cls, "manage_groups") !== true) {
      return `${cls}.${name} requires ${cls}.manage_groups to also be set`;
    }
  }
  return undefined;
}

/**
 * Whether GoogleOAuthenticator 17.4.0 lets a user in.
 * - check_blocked_users (google.py:270-290): with hosted_domain set, a user whose `hd` claim is not in it is refused.
 * - check_allowed (google.py:292-322 over oauth2.py:1468-1515): allow_all, admin_users, allowed_users or
 *   allowed_google_groups; hosted_domain is not consulted.
 * - strip_domain (google.py:139-140) defaults to true with exactly one hosted domain: the username loses "@<hd>".
 */
function googleAdmits(config: Traits, email: string): boolean {
  const [local, hd] = email.split("@");
  const domains: string[] = traitOf(config, "GoogleOAuthenticator", "hosted_domain") ?? [];
  if (domains.length > 0 && !domains.includes(hd)) return false;
  const username = domains.length === 1 ? local : email;
  if (traitOf(config, "GoogleOAuthenticator", "allow_all") === true) return true;
  const listed = [
    ...(traitOf(config, "GoogleOAuthenticator", "admin_users") ?? []),
    ...(traitOf(config, "GoogleOAuthenticator", "allowed_users") ?? []),
  ];
  return listed.includes(username);
}

const generic = () =>
  Authenticator.genericOAuth({
    clientId: "hub",
    clientSecret: secret(),
    adminUsers: ["alice"],
    authorizeUrl: "https://auth.example.org/authorize",
    tokenUrl: "https://auth.example.org/token",
    userdataUrl: "https://auth.example.org/userinfo",
    allowedGroups: ["hub-users"],
    claimGroupsKey: "roles",
  });

describe("Generic OAuth groups against oauthenticator 17", () => {
  test("the rendered login does not raise at start, and reads the groups from the userinfo claim", () => {
    const { config } = renderAuthenticator(generic(), CALLBACK, z2jhTarget("4.4.0"));
    expect(startupError17(config, "GenericOAuthenticator")).toBeUndefined();
    // The userinfo response is kept in the auth state under user_auth_state_key, "oauth_user" (generic.py:36-44).
    expect(traitOf(config, "GenericOAuthenticator", "auth_state_groups_key")).toBe("oauth_user.roles");
    expect(traitOf(config, "GenericOAuthenticator", "allowed_groups")).toEqual(["hub-users"]);
  });

  test("for oauthenticator 16 (z2jh 3.x, TLJH 1.x) the 16.x trait claim_groups_key is written instead", () => {
    const { config } = renderAuthenticator(generic(), CALLBACK, z2jhTarget("3.3.8"));
    // 16.x GenericOAuthenticator has claim_groups_key and allowed_groups, and honours manage_groups in
    // update_auth_model; it has no auth_state_groups_key.
    expect(config.GenericOAuthenticator).toMatchObject({
      allowed_groups: ["hub-users"],
      claim_groups_key: "roles",
      manage_groups: true,
    });
    expect(config.GenericOAuthenticator).not.toHaveProperty("auth_state_groups_key");
  });

  test("the same holds for the TLJH config (oauthenticator 17.x from requirements-hub-env.txt)", () => {
    const { stack, hub } = gatewayHub({}, "genericOAuth");
    expect(hub).toBeDefined();
    const text = JSON.stringify(synth(stack));
    expect(text).toContain("auth_state_groups_key");
    expect(text).toContain("manage_groups");
  });
});

describe("Google hosted domains against oauthenticator 16+", () => {
  const google = (hostedDomains: string[], adminUsers: string[]) =>
    Authenticator.google({ clientId: "id", clientSecret: secret(), adminUsers, hostedDomains });

  test("every account of the hosted domain gets in, and no other", () => {
    const { config } = renderAuthenticator(google(["example.edu"], ["alice"]), CALLBACK);
    expect(googleAdmits(config, "bob@example.edu")).toBe(true);
    expect(googleAdmits(config, "alice@example.edu")).toBe(true);
    expect(googleAdmits(config, "carol@elsewhere.org")).toBe(false);
  });

  test("admins written with the domain that one hosted domain strips are refused at synth", () => {
    expect(() => google(["example.edu"], ["alice@example.edu"])).toThrow(
      /adminUsers\[0\].*stripped of @example.edu.*write "alice"/s,
    );
    expect(() => google(["a.edu", "b.edu"], ["alice@c.edu"])).toThrow(/adminUsers\[0\].*hosted domains/s);
    expect(google(["a.edu", "b.edu"], ["alice@b.edu"]).adminUsers).toEqual(["alice@b.edu"]);
  });
});

describe("login settings follow the oauthenticator the hub installs", () => {
  const ciLogon = (stack: any) =>
    Authenticator.ciLogon({
      clientId: "cilogon:/client_id/1",
      clientSecret: Secret.fromEnvironment(stack, "cilogon_secret"),
      adminUsers: ["alice@access-ci.org"],
      idps: [{ entityId: "https://access-ci.org/idp", allowAll: true }],
    });

  test("the versions: z2jh 4.4.0 pins 17.4.0; TLJH 2.0.0 gets 17.4 with Python 3.10+, 17.3 on Debian 11", () => {
    expect(z2jhTarget("4.4.0").version).toEqual([17, 4]);
    expect(z2jhTarget("4.3.3").version).toEqual([17, 4]);
    expect(z2jhTarget("4.3.1").version).toEqual([17, 0]);
    expect(tljhTarget("2.0.0", JetstreamImage.FEATURED_UBUNTU24).version).toEqual([17, 4]);
    expect(tljhTarget("2.0.0", JetstreamImage.fromName("Debian-12", ImageOs.DEBIAN, "12")).version).toEqual([17, 4]);
    expect(tljhTarget("2.0.0", JetstreamImage.fromName("Debian-11", ImageOs.DEBIAN, "11")).version).toEqual([17, 3]);
  });

  test("CILogon on a chart older than 4.3.3 is refused, naming both versions", () => {
    expect(() => {
      const stack = newStack();
      hubStack({ chartVersion: "4.3.1", authenticator: ciLogon(stack) });
    }).toThrow(/chartVersion: z2jh chart 4\.3\.1 installs oauthenticator 17\.0.*17\.4 or newer.*4\.3\.3/s);
    expect(() => hubStack({ chartVersion: "4.4.0" })).not.toThrow();
  });

  test("TLJH + CILogon on Debian 11 (oauthenticator 17.3, no idps) is refused; Debian 12 and GitHub are fine", () => {
    const debian = (v: string) => JetstreamImage.fromName(`Debian-${v}`, ImageOs.DEBIAN, v);
    expect(() => gatewayHub({ image: debian("11") }, "ciLogon")).toThrow(
      /image: TLJH 2\.0\.0 on debian 11 installs oauthenticator 17\.3.*idps.*17\.4 or newer/s,
    );
    expect(() => gatewayHub({ image: debian("12") }, "ciLogon")).not.toThrow();
    expect(() => gatewayHub({ image: debian("11") }, "gitHub")).not.toThrow();
  });
});

describe("admin names: JupyterHub lower-cases them; only TLJH has system accounts", () => {
  test("z2jh accepts Alice and admin, written lower case", () => {
    const { stack } = hubStack({ authenticator: gitHubLogin(newStack(), ["Alice", "admin"]) });
    const values = valuesOf(hubReleases(synth(stack))[0]);
    expect(values.hub.config.Authenticator.admin_users).toEqual(["alice", "admin"]);
  });

  test("TLJH refuses both: its users are unix accounts", () => {
    expect(logins).toBeDefined();
    const withAdmins = (adminUsers: string[]) => () =>
      gatewayHub({ authenticator: gitHubLogin(newStack(), adminUsers) } as any);
    expect(withAdmins(["Alice"])).toThrow(/authenticator\.adminUsers\[0\].*upper case.*"alice"/s);
    expect(withAdmins(["admin"])).toThrow(/authenticator\.adminUsers\[0\].*reserved system account/s);
  });
});
