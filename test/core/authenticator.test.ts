import { Authenticator, AuthenticatorKind, CILogonUsernameAction, Secret } from "../../lib";
import { oauthCallbackUrl, renderAuthenticator } from "../../lib/core/authenticator-config";
import { newStack } from "../support/synth";

const secret = () => Secret.fromEnvironment(newStack(), "client_secret");
const CALLBACK = oauthCallbackUrl("hub.cis230085.projects.jetstream-cloud.org");

describe("Authenticator", () => {
  test("the callback URL is derived from the host name", () => {
    expect(CALLBACK).toBe("https://hub.cis230085.projects.jetstream-cloud.org/hub/oauth_callback");
  });

  test("GitHub organizations become an allow rule and request read:org", () => {
    const auth = Authenticator.gitHub({
      clientId: "Iv1.abc",
      clientSecret: secret(),
      adminUsers: ["alice"],
      allowedOrganizations: ["my-gateway", "my-gateway:tutors"],
    });
    expect(auth.kind).toBe(AuthenticatorKind.GITHUB);
    expect(renderAuthenticator(auth, CALLBACK)).toEqual({
      authenticatorClass: "github",
      className: "GitHubOAuthenticator",
      config: {
        GitHubOAuthenticator: {
          client_id: "Iv1.abc",
          oauth_callback_url: CALLBACK,
          allowed_organizations: ["my-gateway", "my-gateway:tutors"],
          scope: ["read:org"],
        },
        Authenticator: { admin_users: ["alice"], allow_existing_users: false },
      },
    });
  });

  test("the rendered configuration never holds the client secret", () => {
    const auth = Authenticator.google({
      clientId: "id",
      clientSecret: secret(),
      adminUsers: ["a"],
      hostedDomains: ["example.edu"],
    });
    const text = JSON.stringify(renderAuthenticator(auth, CALLBACK));
    expect(text).not.toMatch(/client_secret|TfToken/);
    expect(renderAuthenticator(auth, CALLBACK).config.GoogleOAuthenticator.hosted_domain).toEqual(["example.edu"]);
  });

  test("CILogon IdPs are keyed by entity id, with their username derivation", () => {
    const auth = Authenticator.ciLogon({
      clientId: "cilogon:/client_id/1",
      clientSecret: secret(),
      adminUsers: ["alice@access-ci.org"],
      idps: [
        {
          entityId: "https://access-ci.org/idp",
          allowAll: true,
          action: CILogonUsernameAction.PREFIX,
          prefix: "access",
          default: true,
        },
        { entityId: "urn:mace:incommon:ucsd.edu", usernameClaim: "eppn", allowedDomains: ["ucsd.edu"] },
      ],
    });
    const idps = renderAuthenticator(auth, CALLBACK).config.CILogonOAuthenticator.idps;
    expect(idps).toEqual({
      "https://access-ci.org/idp": {
        username_derivation: { username_claim: "email", action: "prefix", prefix: "access" },
        allow_all: true,
        default: true,
      },
      "urn:mace:incommon:ucsd.edu": { username_derivation: { username_claim: "eppn" }, allowed_domains: ["ucsd.edu"] },
    });
  });

  test("generic OAuth carries the gateway's endpoints and sensible defaults", () => {
    const auth = Authenticator.genericOAuth({
      clientId: "hub",
      clientSecret: secret(),
      adminUsers: ["alice"],
      allowedGroups: ["hub-users"],
      authorizeUrl: "https://auth.gateway.org/realms/gw/protocol/openid-connect/auth",
      tokenUrl: "https://auth.gateway.org/realms/gw/protocol/openid-connect/token",
      userdataUrl: "https://auth.gateway.org/realms/gw/protocol/openid-connect/userinfo",
    });
    expect(renderAuthenticator(auth, CALLBACK).config.GenericOAuthenticator).toMatchObject({
      username_claim: "preferred_username",
      scope: ["openid", "profile", "email"],
      allowed_groups: ["hub-users"],
      manage_groups: true,
      auth_state_groups_key: "oauth_user.groups",
      token_url: "https://auth.gateway.org/realms/gw/protocol/openid-connect/token",
    });
  });

  test("allowAll is rendered, and flagged when it admits anyone on the Internet", () => {
    const open = Authenticator.gitHub({ clientId: "x", clientSecret: secret(), adminUsers: ["a"], allowAll: true });
    expect(renderAuthenticator(open, CALLBACK).config.Authenticator.allow_all).toBe(true);
    expect(open.admitsAnyone).toBe(true);
    const domain = Authenticator.google({
      clientId: "x",
      clientSecret: secret(),
      adminUsers: ["a"],
      allowAll: true,
      hostedDomains: ["u.edu"],
    });
    expect(domain.admitsAnyone).toBe(false);
  });

  describe("fails when", () => {
    const base = () => ({ clientId: "x", clientSecret: secret(), adminUsers: ["alice"], allowedUsers: ["bob"] });

    test("there is no admin", () => {
      expect(() => Authenticator.gitHub({ ...base(), adminUsers: [] })).toThrow(
        /authenticator.adminUsers: at least one admin is required/,
      );
    });
    test("there is no allow rule", () => {
      expect(() => Authenticator.gitHub({ ...base(), allowedUsers: [] })).toThrow(
        /authenticator: nobody but the admins could log in.*allowedOrganizations, allowedUsers or allowAll/,
      );
    });
    test("a username has spaces or is duplicated once lower-cased (as JupyterHub compares names)", () => {
      expect(Authenticator.gitHub({ ...base(), adminUsers: ["Alice", "admin"] }).adminUsers).toEqual([
        "alice",
        "admin",
      ]);
      expect(() => Authenticator.gitHub({ ...base(), adminUsers: ["has space"] })).toThrow(/not a usable username/);
      expect(() => Authenticator.gitHub({ ...base(), adminUsers: ["a", "A"] })).toThrow(/"A" is listed twice/);
    });
    test("the client secret is a plain string", () => {
      expect(() => Authenticator.gitHub({ ...base(), clientSecret: "CANARY-plain" as any })).toThrow(
        /authenticator.clientSecret: must be a Secret, not a plain value; got "string"/,
      );
    });
    test("the client id is empty", () => {
      expect(() => Authenticator.gitHub({ ...base(), clientId: "" })).toThrow(
        /authenticator.clientId: the OAuth client id is required/,
      );
    });
    test("a GitHub organization is malformed", () => {
      expect(() => Authenticator.gitHub({ ...base(), allowedOrganizations: ["https://github.com/org"] })).toThrow(
        /allowedOrganizations\[0\]: not a GitHub organization or org:team/,
      );
    });
    test("a list prop is given a single value, or an IdP is not an object", () => {
      expect(() => Authenticator.gitHub({ ...base(), allowedOrganizations: "my-gateway" as any })).toThrow(
        /authenticator.allowedOrganizations: must be a list; got "my-gateway"/,
      );
      expect(() => Authenticator.google({ ...base(), hostedDomains: "u.edu" as any })).toThrow(
        /hostedDomains: must be a list/,
      );
      expect(() => Authenticator.ciLogon({ ...base(), idps: [null as any] })).toThrow(
        /authenticator.idps\[0\]: must be an identity provider; got null/,
      );
    });
    test("a Google hosted domain is malformed", () => {
      expect(() => Authenticator.google({ ...base(), hostedDomains: ["@example.edu"] })).toThrow(
        /hostedDomains\[0\]: not a domain name/,
      );
    });
    test("CILogon has no IdP, a bare domain as entity id, duplicates, or several defaults", () => {
      expect(() => Authenticator.ciLogon({ ...base(), idps: [] })).toThrow(
        /authenticator.idps: at least one identity provider is required/,
      );
      expect(() => Authenticator.ciLogon({ ...base(), idps: [{ entityId: "ucsd.edu" }] })).toThrow(
        /idps\[0\].entityId: not an IdP entity id.*a bare domain/,
      );
      expect(() => Authenticator.ciLogon({ ...base(), idps: [{ entityId: "urn:a" }, { entityId: "urn:a" }] })).toThrow(
        /listed twice/,
      );
      expect(() =>
        Authenticator.ciLogon({
          ...base(),
          idps: [
            { entityId: "urn:a", default: true },
            { entityId: "urn:b", default: true },
          ],
        }),
      ).toThrow(/more than one default IdP/);
    });
    test("two CILogon IdPs could produce the same username", () => {
      // (prefixed names such as access:alice are fine in user lists)
      expect(() =>
        Authenticator.ciLogon({
          ...base(),
          adminUsers: ["access:alice"],
          idps: [{ entityId: "urn:a", action: CILogonUsernameAction.PREFIX, prefix: "access" }],
        }),
      ).not.toThrow();
      expect(() =>
        Authenticator.ciLogon({
          ...base(),
          idps: [
            { entityId: "urn:a", usernameClaim: "given_name" },
            { entityId: "urn:b", action: CILogonUsernameAction.PREFIX, prefix: "b" },
          ],
        }),
      ).toThrow(/idps\[0\].action: with several IdPs, usernames could collide/);
    });
    test("a CILogon action lacks its parameter", () => {
      expect(() =>
        Authenticator.ciLogon({ ...base(), idps: [{ entityId: "urn:a", action: CILogonUsernameAction.PREFIX }] }),
      ).toThrow(/idps\[0\].prefix/);
      expect(() =>
        Authenticator.ciLogon({
          ...base(),
          idps: [{ entityId: "urn:a", action: CILogonUsernameAction.STRIP_IDP_DOMAIN }],
        }),
      ).toThrow(/idps\[0\].domain/);
    });
    test("a generic OAuth endpoint is not https", () => {
      expect(() =>
        Authenticator.genericOAuth({
          ...base(),
          authorizeUrl: "http://auth.gateway.org/auth",
          tokenUrl: "https://auth.gateway.org/token",
          userdataUrl: "https://auth.gateway.org/userinfo",
        }),
      ).toThrow(/authenticator.authorizeUrl: must be an https:\/\/ URL/);
    });
  });
});
