import { JetstreamValidationError } from "./errors";
import { Secret } from "./secret";
import { tokenProblem } from "./validate";

/**
 * The settings every login shares, whatever the identity provider.
 */
export interface AuthenticatorCommonProps {
  /**
   * The OAuth client id registered with the provider.
   *
   * Tokens: accepted; written into the hub's configuration as a reference.
   */
  readonly clientId: string;
  /**
   * The OAuth client secret. A `Secret`, never a string, so it stays out of the synthesized files.
   *
   * Tokens: n.a.; a Secret, which carries its own variable reference.
   */
  readonly clientSecret: Secret;
  /**
   * Hub administrators, as JupyterHub usernames. At least one. JupyterHub lower-cases usernames, and so does the
   * library; SingleServerHub, whose users are unix accounts, refuses upper-case and system account names.
   *
   * Admins can open any user's server and, on The Littlest JupyterHub, get passwordless sudo.
   * The list is authoritative: removing a name here revokes that person's admin rights on the next deploy of a
   * Kubernetes hub. A single-server hub's running VM ignores its user data: the DataLedger lists the change with
   * the `tljh-config` lines that apply it there (or replace the VM).
   *
   * Tokens: refused; usernames are lower-cased and compared at synth, and TLJH makes unix accounts of them.
   */
  readonly adminUsers: string[];
  /**
   * Users allowed to log in, in addition to the provider's own allow rules and the admins.
   *
   * Tokens: refused; usernames are lower-cased and compared at synth, and TLJH makes unix accounts of them.
   *
   * @default - no individually listed users
   */
  readonly allowedUsers?: string[];
  /**
   * Let everyone the provider authenticates log in.
   *
   * With GitHub, or Google without a hosted domain, that is anyone on the Internet; the JetstreamChecks pack
   * flags it and asks for a reasoned acknowledgement.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false
   */
  readonly allowAll?: boolean;
  /**
   * Keep letting in users who logged in before, even when no allow rule names them any more
   * (`Authenticator.allow_existing_users`).
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false: removing someone from the allow rules revokes their access. Set true only when migrating a hub
   * whose users were let in by hand through the admin page and are listed nowhere else.
   */
  readonly allowExistingUsers?: boolean;
  /**
   * Skip the hub's login page and go straight to the provider (`Authenticator.auto_login`).
   *
   * Tokens: n.a.; a boolean.
   *
   * @default - the chart's: false
   */
  readonly autoLogin?: boolean;
  /**
   * Keep the provider's tokens in the hub database, encrypted, so servers can call the provider's APIs on the user's
   * behalf (`Authenticator.enable_auth_state`). The chart generates the encryption key (`CryptKeeper.keys`).
   *
   * Tokens: n.a.; a boolean.
   *
   * @default - the chart's: false
   */
  readonly enableAuthState?: boolean;
  /**
   * The provider's name on the login button (`<Class>.login_service`).
   *
   * Tokens: accepted; written into the hub's configuration as a reference.
   *
   * @default - the provider's name ("GitHub", "Google", "CILogon"); for generic OAuth, "the gateway"
   */
  readonly loginService?: string;
  /**
   * Let the provider's groups become JupyterHub groups at every login (`<Class>.manage_groups`).
   *
   * Tokens: n.a.; a boolean.
   *
   * @default - the oauthenticator default (false), or true where allowedGroups needs it
   */
  readonly manageGroups?: boolean;
  /**
   * Any other trait of the authenticator class (`hub.config.<Class>.<trait>`), e.g. `{ refresh_pre_spawn: true }`.
   * Rendered over the typed settings; `client_secret` is refused here (it is a `Secret`).
   *
   * Tokens: n.a.; free-form trait values, not a string, number or list.
   *
   * @default - none
   */
  readonly extraTraits?: { [trait: string]: any };
}

/**
 * Login with GitHub.
 *
 * @see https://oauthenticator.readthedocs.io/en/latest/tutorials/provider-specific-setup/providers/github.html
 */
export interface GitHubAuthenticatorProps extends AuthenticatorCommonProps {
  /**
   * GitHub organizations, or `org:team` pairs, whose members may log in. The `read:org` scope is requested
   * automatically when any entry is given.
   *
   * Tokens: refused; each organization is checked at synth.
   *
   * @default - no organization rule
   */
  readonly allowedOrganizations?: string[];
}

/**
 * Login with Google.
 *
 * @see https://oauthenticator.readthedocs.io/en/latest/tutorials/provider-specific-setup/providers/google.html
 */
export interface GoogleAuthenticatorProps extends AuthenticatorCommonProps {
  /**
   * Google Workspace domains whose accounts may log in, e.g. `example.edu`.
   *
   * Every account of these domains may log in, and accounts of other domains may not (admins and allowedUsers
   * included). Since oauthenticator 16 `hosted_domain` only restricts, so the hub writes it together with
   * `allow_all`. With exactly one domain, oauthenticator strips it from usernames (`alice@example.edu` logs in as
   * `alice`): write adminUsers and allowedUsers without it. With several, usernames keep their domain.
   *
   * Tokens: refused; usernames are checked against the domains at synth.
   *
   * @default - no domain rule
   */
  readonly hostedDomains?: string[];
  /**
   * Strip the hosted domain from usernames (`GoogleOAuthenticator.strip_domain`).
   *
   * Tokens: n.a.; a boolean.
   *
   * @default - oauthenticator's: true with exactly one hosted domain
   */
  readonly stripDomain?: boolean;
}

/**
 * How CILogon turns an identity from one IdP into a JupyterHub username.
 */
export enum CILogonUsernameAction {
  /** Keep the claim as it is (`alice@example.edu`). */
  NONE = "none",
  /** Strip the IdP's own domain (`alice@example.edu` becomes `alice`). */
  STRIP_IDP_DOMAIN = "strip_idp_domain",
  /** Prefix with a fixed string (`ucsd:alice`), which keeps names from two IdPs apart. */
  PREFIX = "prefix",
}

/**
 * One identity provider reachable through CILogon.
 *
 * @see https://oauthenticator.readthedocs.io/en/latest/reference/api/gen/oauthenticator.cilogon.html
 */
export interface CILogonIdentityProvider {
  /**
   * The IdP's SAML/OIDC entity id: an `https://`, `http://` or `urn:` identifier, e.g.
   * `https://access-ci.org/idp` for ACCESS or `urn:mace:incommon:ucsd.edu` for a campus.
   *
   * Tokens: refused; entity ids are checked and compared at synth.
   */
  readonly entityId: string;
  /**
   * The claim used as the username, e.g. `email`, `eppn` or `oidc`.
   *
   * Tokens: refused; the claim decides at synth whether usernames stay unique across IdPs and can name unix
   * accounts.
   *
   * @default "email"
   */
  readonly usernameClaim?: string;
  /**
   * How the claim becomes a username. With two or more IdPs, use `PREFIX` or a globally unique claim such as
   * `email` or `eppn`, so two people cannot end up with the same username.
   *
   * Tokens: n.a.; an enum value.
   *
   * @default CILogonUsernameAction.NONE
   */
  readonly action?: CILogonUsernameAction;
  /**
   * The domain stripped by `STRIP_IDP_DOMAIN`.
   *
   * Tokens: accepted; written into the hub's configuration as a reference.
   *
   * @default - required with STRIP_IDP_DOMAIN
   */
  readonly domain?: string;
  /**
   * The prefix added by `PREFIX`.
   *
   * Tokens: accepted; written into the hub's configuration as a reference.
   *
   * @default - required with PREFIX
   */
  readonly prefix?: string;
  /**
   * Let everyone this IdP authenticates log in.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false
   */
  readonly allowAll?: boolean;
  /**
   * E-mail domains from this IdP that may log in.
   *
   * Tokens: refused as a whole list, accepted per entry; the domains are written one by one into the hub's
   * configuration.
   *
   * @default - no domain rule
   */
  readonly allowedDomains?: string[];
  /**
   * Preselect this IdP on the CILogon page.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false
   */
  readonly default?: boolean;
}

/**
 * Login through CILogon: ACCESS and campus identity providers.
 *
 * @see https://oauthenticator.readthedocs.io/en/latest/tutorials/provider-specific-setup/providers/cilogon.html
 */
export interface CILogonAuthenticatorProps extends AuthenticatorCommonProps {
  /**
   * The identity providers users may come from. At least one.
   *
   * Tokens: n.a.; a list of structs whose props say for themselves.
   */
  readonly idps: CILogonIdentityProvider[];
  /**
   * OAuth scopes to request (`CILogonOAuthenticator.scope`), e.g. `["openid", "email", "org.cilogon.userinfo"]`.
   *
   * Tokens: refused as a whole list, accepted per entry; the scopes are written one by one into the hub's
   * configuration.
   *
   * @default - oauthenticator's: openid, email, org.cilogon.userinfo, profile
   */
  readonly scope?: string[];
}

/**
 * Login through the gateway's own OAuth 2 / OpenID Connect provider (Keycloak, Custos, ...).
 *
 * @see https://oauthenticator.readthedocs.io/en/latest/tutorials/provider-specific-setup/providers/generic.html
 */
export interface GenericOAuthAuthenticatorProps extends AuthenticatorCommonProps {
  /**
   * The authorization endpoint (https).
   *
   * Tokens: refused; the URL is checked for https at synth.
   */
  readonly authorizeUrl: string;
  /**
   * The token endpoint (https).
   *
   * Tokens: refused; the URL is checked for https at synth.
   */
  readonly tokenUrl: string;
  /**
   * The userinfo endpoint (https).
   *
   * Tokens: refused; the URL is checked for https at synth.
   */
  readonly userdataUrl: string;
  /**
   * The userinfo claim used as the username.
   *
   * Tokens: accepted; written into the hub's configuration as a reference.
   *
   * @default "preferred_username"
   */
  readonly usernameClaim?: string;
  /**
   * OAuth scopes to request.
   *
   * Tokens: refused as a whole list, accepted per entry; the scopes are written one by one into the hub's
   * configuration.
   *
   * @default ["openid", "profile", "email"]
   */
  readonly scope?: string[];
  /**
   * Groups (from `claimGroupsKey`) whose members may log in.
   *
   * Tokens: refused as a whole list, accepted per entry; the groups are written one by one into the hub's
   * configuration.
   *
   * @default - no group rule
   */
  readonly allowedGroups?: string[];
  /**
   * The userinfo claim that lists a user's groups.
   *
   * Tokens: accepted; written into the hub's configuration as a reference.
   *
   * @default "groups"
   */
  readonly claimGroupsKey?: string;
  /**
   * Extra query parameters for the userinfo request (`GenericOAuthenticator.userdata_params`).
   *
   * Tokens: refused as a whole map, accepted per value; each key is checked, and each value written into the hub's
   * configuration as a reference.
   *
   * @default - none
   */
  readonly userdataParams?: { [name: string]: string };
  /**
   * Where groups are read from in the auth state (`GenericOAuthenticator.auth_state_groups_key`), e.g.
   * `oauth_user.realm_access.roles`. Needs oauthenticator 17 (z2jh 4.x).
   *
   * Tokens: accepted; written into the hub's configuration as a reference.
   *
   * @default - `oauth_user.<claimGroupsKey>` when allowedGroups is set
   */
  readonly authStateGroupsKey?: string;
}

/**
 * The identity provider users log in with: one vocabulary for both hub shapes.
 *
 * Admin users and at least one allow rule are required, so a new hub never lets nobody (or everybody) in by
 * accident. The dummy and first-use authenticators are not offered.
 */
export class Authenticator {
  /** Login with GitHub accounts. */
  public static gitHub(props: GitHubAuthenticatorProps): Authenticator {
    const orgs = listOf("authenticator.allowedOrganizations", props.allowedOrganizations);
    orgs.forEach((org, i) => {
      literal(`authenticator.allowedOrganizations[${i}]`, org, "the organization is checked and written at synth");
      if (typeof org !== "string" || !/^[A-Za-z0-9][A-Za-z0-9-]*(:[A-Za-z0-9._-]+)?$/.test(org)) {
        invalid(`authenticator.allowedOrganizations[${i}]`, org, "not a GitHub organization or org:team", {
          allowed: "an organization login such as my-gateway, or org:team-slug",
          fix: "use the organization's login name from its GitHub URL",
        });
      }
    });
    return new Authenticator(AuthenticatorKind.GITHUB, props, orgs.length > 0, { allowedOrganizations: orgs });
  }

  /** Login with Google accounts. */
  public static google(props: GoogleAuthenticatorProps): Authenticator {
    const domains = listOf("authenticator.hostedDomains", props.hostedDomains);
    domains.forEach((d, i) => {
      literal(`authenticator.hostedDomains[${i}]`, d, "usernames are checked against the domain at synth");
      if (typeof d !== "string" || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) {
        invalid(`authenticator.hostedDomains[${i}]`, d, "not a domain name", {
          allowed: "a lower-case domain such as example.edu",
          fix: "give the Google Workspace domain without @ or scheme",
        });
      }
    });
    checkHostedDomainUsernames(props, domains);
    return new Authenticator(AuthenticatorKind.GOOGLE, props, domains.length > 0, { hostedDomains: domains });
  }

  /** Login through CILogon (ACCESS and campus identity providers). */
  public static ciLogon(props: CILogonAuthenticatorProps): Authenticator {
    const idps = props.idps;
    if (!Array.isArray(idps) || idps.length === 0) {
      invalid("authenticator.idps", idps, "at least one identity provider is required", {
        allowed: "a list of { entityId, ... }, e.g. [{ entityId: 'https://access-ci.org/idp' }]",
        fix: "list the IdPs your users log in with",
      });
    }
    wholeList("authenticator.scope", props.scope);
    const seen = new Set<string>();
    idps.forEach((idp, i) => {
      const at = `authenticator.idps[${i}]`;
      wholeList(`${at}.allowedDomains`, idp?.allowedDomains);
      if (idp === null || typeof idp !== "object") {
        invalid(at, idp, "must be an identity provider", {
          allowed: "an object such as { entityId: 'https://access-ci.org/idp' }",
          fix: "describe each IdP with at least its entityId",
        });
      }
      literal(`${at}.entityId`, idp.entityId, "entity ids are checked and compared at synth");
      literal(
        `${at}.usernameClaim`,
        idp.usernameClaim,
        "the claim decides whether usernames stay unique across IdPs and can name unix accounts",
      );
      if (typeof idp.entityId !== "string" || !/^(https?:\/\/[^\s/]+\S*|urn:\S+)$/.test(idp.entityId)) {
        invalid(`${at}.entityId`, idp.entityId, "not an IdP entity id", {
          allowed:
            "an https://, http:// or urn: entity id, e.g. https://access-ci.org/idp or urn:mace:incommon:ucsd.edu",
          fix: "look the entity id up at https://cilogon.org/idplist/ (a bare domain such as ucsd.edu is not one)",
        });
      }
      if (seen.has(idp.entityId)) {
        invalid(`${at}.entityId`, idp.entityId, "listed twice", {
          allowed: "each IdP once",
          fix: "merge the two entries",
        });
      }
      seen.add(idp.entityId);
      if ((idp as any).displayName !== undefined) {
        // oauthenticator's IdP schema (cilogon-schema.yaml, additionalProperties: false) has no display name, and
        // an unknown key in an idps entry stops the hub at start.
        invalid(`${at}.displayName`, (idp as any).displayName, "CILogon IdPs have no display name in oauthenticator", {
          allowed: "entityId, usernameClaim, action, domain, prefix, allowAll, allowedDomains, default",
          fix: "remove displayName: the CILogon page shows the IdP's own name",
        });
      }
      if (idp.action === CILogonUsernameAction.PREFIX && !idp.prefix) {
        invalid(`${at}.prefix`, idp.prefix, "the PREFIX action needs a prefix", {
          allowed: "a short string such as 'ucsd'",
          fix: "set prefix, or choose another action",
        });
      }
      if (idp.action === CILogonUsernameAction.STRIP_IDP_DOMAIN && !idp.domain) {
        invalid(`${at}.domain`, idp.domain, "the STRIP_IDP_DOMAIN action needs the domain to strip", {
          allowed: "the IdP's e-mail domain, e.g. ucsd.edu",
          fix: "set domain, or choose another action",
        });
      }
    });
    if (idps.filter((i) => i.default).length > 1) {
      invalid(
        "authenticator.idps",
        idps.filter((i) => i.default).map((i) => i.entityId),
        "more than one default IdP",
        {
          allowed: "at most one IdP with default: true",
          fix: "keep default: true on one IdP only",
        },
      );
    }
    if (idps.length > 1) {
      idps.forEach((idp, i) => {
        const claim = idp.usernameClaim ?? "email";
        const unique =
          ["email", "eppn", "oidc", "sub"].includes(claim) && idp.action !== CILogonUsernameAction.STRIP_IDP_DOMAIN;
        if (!unique && idp.action !== CILogonUsernameAction.PREFIX) {
          invalid(
            `authenticator.idps[${i}].action`,
            idp.action ?? "none",
            "with several IdPs, usernames could collide",
            {
              allowed: "action PREFIX, or a globally unique claim (email, eppn, oidc) kept whole",
              fix: "set action: CILogonUsernameAction.PREFIX with a prefix per IdP",
            },
          );
        }
      });
    }
    const perIdpAllow = idps.some((i) => i.allowAll === true || (i.allowedDomains ?? []).length > 0);
    return new Authenticator(AuthenticatorKind.CILOGON, props, perIdpAllow, { idps });
  }

  /** Login through the gateway's own OAuth 2 / OpenID Connect provider. */
  public static genericOAuth(props: GenericOAuthAuthenticatorProps): Authenticator {
    for (const key of ["authorizeUrl", "tokenUrl", "userdataUrl"] as const) {
      const value = props[key];
      literal(`authenticator.${key}`, value, "the URL is checked for https at synth");
      let ok = false;
      try {
        ok = new URL(value).protocol === "https:";
      } catch {
        ok = false;
      }
      if (!ok) {
        invalid(`authenticator.${key}`, value, "must be an https:// URL", {
          allowed: "the provider's endpoint, e.g. https://auth.gateway.org/realms/hub/protocol/openid-connect/token",
          fix: "copy it from the provider's /.well-known/openid-configuration; http would expose tokens",
        });
      }
    }
    wholeList("authenticator.scope", props.scope);
    wholeList("authenticator.allowedGroups", props.allowedGroups);
    const perParameter = "each parameter is written on its own (a token for each value is fine)";
    literal("authenticator.userdataParams", props.userdataParams, perParameter);
    Object.keys(props.userdataParams ?? {}).forEach((key, i) =>
      literal(`authenticator.userdataParams (key ${i + 1})`, key, perParameter),
    );
    const groups = props.allowedGroups ?? [];
    return new Authenticator(AuthenticatorKind.GENERIC, props, groups.length > 0, {});
  }

  /** Which provider this is. */
  public readonly kind: AuthenticatorKind;
  /** The OAuth client id. */
  public readonly clientId: string;
  /** The OAuth client secret. */
  public readonly clientSecret: Secret;
  /** Hub administrators (normalized to lower case). */
  public readonly adminUsers: string[];
  /** Individually allowed users (normalized to lower case). */
  public readonly allowedUsers: string[];
  /** Whether everyone the provider authenticates may log in. */
  public readonly allowAll: boolean;

  /** @internal the props as given, for the renderer */
  public readonly _props: AuthenticatorCommonProps;
  /** @internal provider-specific rules, for the renderer */
  public readonly _extra: { [key: string]: any };
  private readonly providerAllowRule: boolean;

  private constructor(
    kind: AuthenticatorKind,
    props: AuthenticatorCommonProps,
    providerAllowRule: boolean,
    extra: { [key: string]: any },
  ) {
    if (typeof props.clientId !== "string" || props.clientId.trim() === "") {
      invalid("authenticator.clientId", props.clientId, "the OAuth client id is required", {
        allowed: "the client id the provider issued when you registered the hub",
        fix: "register the hub as an OAuth app with the callback URL the hub construct reports (its oauthCallbackUrl)",
      });
    }
    if (!Secret.isSecret(props.clientSecret)) {
      invalid("authenticator.clientSecret", typeof props.clientSecret, "must be a Secret, not a plain value", {
        allowed: "Secret.fromEnvironment(scope, 'name') or Secret.fromVariable(sensitiveVariable)",
        fix: "move the secret out of the code: export TF_VAR_<name> and use Secret.fromEnvironment",
      });
    }
    this.kind = kind;
    this.clientId = props.clientId;
    this.clientSecret = props.clientSecret;
    this.adminUsers = normalizeUsers("authenticator.adminUsers", props.adminUsers ?? []);
    if (this.adminUsers.length === 0) {
      invalid("authenticator.adminUsers", props.adminUsers, "at least one admin is required", {
        allowed: "one or more usernames, e.g. ['alice']",
        fix: "name who administers the hub; they can then manage everyone else from the admin page",
      });
    }
    this.allowedUsers = normalizeUsers("authenticator.allowedUsers", props.allowedUsers ?? []);
    this.allowAll = props.allowAll === true;
    if (!this.allowAll && !providerAllowRule && this.allowedUsers.length === 0) {
      invalid("authenticator", "no allow rule", "nobody but the admins could log in", {
        allowed: ALLOW_RULES[kind],
        fix: "add the rule that describes your users (or allowAll: true, which the policy pack asks you to justify)",
      });
    }
    const traits = props.extraTraits ?? {};
    if (typeof traits !== "object" || Array.isArray(traits)) {
      invalid("authenticator.extraTraits", traits, "must be a map of trait names to values", {
        allowed: "an object such as { refresh_pre_spawn: true }",
        fix: "write the traits as an object",
      });
    }
    for (const trait of Object.keys(traits)) {
      if (!/^[a-z_][a-z0-9_]*$/.test(trait) || trait === "client_secret") {
        invalid(
          `authenticator.extraTraits.${trait}`,
          trait,
          trait === "client_secret" ? "the client secret must be a Secret" : "not a traitlets trait name",
          {
            allowed: "lower-case trait names such as refresh_pre_spawn, except client_secret (use clientSecret)",
            fix:
              trait === "client_secret"
                ? "pass it as clientSecret: Secret.fromEnvironment(...)"
                : "use the trait's name as oauthenticator documents it",
          },
        );
      }
    }
    this._props = props;
    this._extra = extra;
    this.providerAllowRule = providerAllowRule;
  }

  /**
   * The same login with its client secret taken from `secret` (the same secret, declared in another stack).
   *
   * @internal
   */
  public _withClientSecret(secret: Secret): Authenticator {
    if (secret === this.clientSecret) return this;
    return new Authenticator(this.kind, { ...this._props, clientSecret: secret }, this.providerAllowRule, this._extra);
  }

  /** Whether the login admits anyone on the Internet (allow-all on GitHub, or Google without domains). */
  public get admitsAnyone(): boolean {
    if (!this.allowAll) return false;
    if (this.kind === AuthenticatorKind.GITHUB) return true;
    if (this.kind === AuthenticatorKind.GOOGLE) return (this._extra.hostedDomains ?? []).length === 0;
    return false;
  }
}

/** The identity providers the library supports. */
export enum AuthenticatorKind {
  /** GitHub (oauthenticator `github`). */
  GITHUB = "github",
  /** Google (oauthenticator `google`). */
  GOOGLE = "google",
  /** CILogon (oauthenticator `cilogon`). */
  CILOGON = "cilogon",
  /** A generic OAuth 2 / OIDC provider (oauthenticator `generic-oauth`). */
  GENERIC = "generic-oauth",
}

const ALLOW_RULES: Record<AuthenticatorKind, string> = {
  [AuthenticatorKind.GITHUB]: "allowedOrganizations, allowedUsers or allowAll",
  [AuthenticatorKind.GOOGLE]: "hostedDomains, allowedUsers or allowAll",
  [AuthenticatorKind.CILOGON]: "allowAll or allowedDomains on an IdP, allowedUsers, or allowAll",
  [AuthenticatorKind.GENERIC]: "allowedGroups, allowedUsers or allowAll",
};

function invalid(prop: string, value: any, problem: string, rest: { allowed: string; fix: string }): never {
  throw new JetstreamValidationError({ prop, value, problem, ...rest });
}

/**
 * Refuses a token where the login needs the value at synth (`why`): usernames, organizations and domains are checked
 * and compared before anything is written.
 */
function literal(prop: string, value: unknown, why: string): void {
  const problem = tokenProblem(prop, value, why);
  if (problem) throw new JetstreamValidationError(problem);
}

/**
 * Refuses one token standing for a whole list that is rendered entry by entry (a token for each entry is fine): cdktf
 * cannot place a list token inside the rendered values, so it would fail deep in synthesis.
 */
function wholeList(prop: string, value: unknown): void {
  literal(prop, value, "the list is written entry by entry (a token for each entry is fine)");
}

// GoogleOAuthenticator.strip_domain defaults to true with exactly one hosted domain (google.py@17.4.0:139-140), and
// check_blocked_users refuses accounts outside hosted_domain (google.py@17.4.0:270-290): a listed name must be what
// the hub will see, or it never matches.
function checkHostedDomainUsernames(props: GoogleAuthenticatorProps, domains: string[]): void {
  if (domains.length === 0) return;
  const stripped = domains.length === 1 && props.stripDomain !== false;
  for (const key of ["adminUsers", "allowedUsers"] as const) {
    (props[key] ?? []).forEach((user, i) => {
      if (typeof user !== "string") return;
      const at = user.lastIndexOf("@");
      const domain = at < 0 ? undefined : user.slice(at + 1).toLowerCase();
      if (stripped && domain !== undefined) {
        invalid(
          `authenticator.${key}[${i}]`,
          user,
          `with one hosted domain, usernames are stripped of @${domains[0]}`,
          {
            allowed: "the name before the @",
            fix: `write ${JSON.stringify(user.slice(0, at).toLowerCase())}`,
          },
        );
      }
      if (!stripped && (domain === undefined || !domains.includes(domain))) {
        invalid(`authenticator.${key}[${i}]`, user, "not an account of one of the hosted domains, so never let in", {
          allowed: `a full address in ${domains.join(", ")}`,
          fix: "write the person's Google Workspace address",
        });
      }
    });
  }
}

function listOf(prop: string, value: string[] | undefined): string[] {
  if (value === undefined) return [];
  literal(prop, value, "each entry is checked at synth");
  if (!Array.isArray(value)) {
    invalid(prop, value, "must be a list", { allowed: "an array of strings", fix: "wrap the value in [ ]" });
  }
  return value;
}

/**
 * Checks a list of JupyterHub usernames and returns it lower-cased. Throws JetstreamValidationError naming `prop`.
 * Also used by the z2jh hub on the final values, so extraValues cannot slip past it.
 */
// JupyterHub lower-cases usernames (Authenticator.normalize_username), admin_users and allowed_users included, so the
// lists are kept lower case. Names that clash with system accounts matter only where users are system accounts:
// SingleServerHub refuses them (checkTljhUsernames).
export function normalizeUsers(prop: string, users: string[]): string[] {
  literal(prop, users, "usernames are lower-cased and compared at synth");
  if (!Array.isArray(users)) {
    invalid(prop, users, "must be a list of usernames", {
      allowed: "an array of strings",
      fix: "wrap the name in [ ]",
    });
  }
  const seen = new Set<string>();
  users.forEach((user, i) => {
    literal(`${prop}[${i}]`, user, "usernames are lower-cased and compared at synth");
    if (typeof user !== "string" || !/^[^\s/]{1,64}$/.test(user)) {
      invalid(`${prop}[${i}]`, user, "not a usable username", {
        allowed: "1 to 64 characters without spaces or '/' (CILogon prefixes add a ':', as in access:alice)",
        fix: "use the username exactly as the provider reports it",
      });
    }
    const name = user.toLowerCase();
    if (seen.has(name)) {
      invalid(prop, users, `${JSON.stringify(user)} is listed twice`, {
        allowed: "each user once",
        fix: "remove the duplicate",
      });
    }
    seen.add(name);
  });
  return [...seen];
}
