import { Authenticator, AuthenticatorKind, CILogonIdentityProvider, CILogonUsernameAction } from "./authenticator";

/**
 * The traitlets configuration of a login: what both hub shapes write, TLJH under `auth:` in its config.yaml and
 * z2jh under `hub.config`. The client secret is not in it; each hub delivers that its own way.
 */
export interface RenderedAuthenticator {
  /** Value for `JupyterHub.authenticator_class` (the oauthenticator entry-point name). */
  readonly authenticatorClass: string;
  /** The authenticator's class name, e.g. `GitHubOAuthenticator`: where `client_secret` belongs. */
  readonly className: string;
  /** Traitlets by class name: `{ GitHubOAuthenticator: { client_id, ... }, Authenticator: { admin_users, ... } }`. */
  readonly config: { [className: string]: { [trait: string]: any } };
}

const CLASS_NAMES: Record<AuthenticatorKind, string> = {
  [AuthenticatorKind.GITHUB]: "GitHubOAuthenticator",
  [AuthenticatorKind.GOOGLE]: "GoogleOAuthenticator",
  [AuthenticatorKind.CILOGON]: "CILogonOAuthenticator",
  [AuthenticatorKind.GENERIC]: "GenericOAuthenticator",
};

/** The callback URL a hub at `hostname` registers with its OAuth provider. */
export function oauthCallbackUrl(hostname: string): string {
  return `https://${hostname}/hub/oauth_callback`;
}

/**
 * Renders a login as traitlets configuration. Pure: the same inputs give the same output.
 *
 * @param auth the login
 * @param callbackUrl the OAuth callback URL, derived from the hub's host name (see `oauthCallbackUrl`)
 */
export function renderAuthenticator(auth: Authenticator, callbackUrl: string): RenderedAuthenticator {
  const className = CLASS_NAMES[auth.kind];
  const provider: { [trait: string]: any } = {
    client_id: auth.clientId,
    oauth_callback_url: callbackUrl,
  };
  const common: { [trait: string]: any } = {
    admin_users: [...auth.adminUsers],
  };
  if (auth.allowedUsers.length > 0) common.allowed_users = [...auth.allowedUsers];
  if (auth.allowAll) common.allow_all = true;
  // Removing someone from the allow list must revoke access; allow_existing_users would keep them in.
  common.allow_existing_users = false;

  switch (auth.kind) {
    case AuthenticatorKind.GITHUB: {
      const orgs: string[] = auth._extra.allowedOrganizations;
      if (orgs.length > 0) {
        provider.allowed_organizations = [...orgs];
        provider.scope = ["read:org"];
      }
      break;
    }
    case AuthenticatorKind.GOOGLE: {
      const domains: string[] = auth._extra.hostedDomains;
      if (domains.length > 0) provider.hosted_domain = [...domains];
      break;
    }
    case AuthenticatorKind.CILOGON: {
      const idps: CILogonIdentityProvider[] = auth._extra.idps;
      provider.idps = Object.fromEntries(idps.map((idp) => [idp.entityId, renderIdp(idp)]));
      break;
    }
    case AuthenticatorKind.GENERIC: {
      const p = auth._props as any;
      provider.authorize_url = p.authorizeUrl;
      provider.token_url = p.tokenUrl;
      provider.userdata_url = p.userdataUrl;
      provider.username_claim = p.usernameClaim ?? "preferred_username";
      provider.scope = p.scope ?? ["openid", "profile", "email"];
      provider.login_service = p.loginService ?? "the gateway";
      if ((p.allowedGroups ?? []).length > 0) {
        provider.allowed_groups = [...p.allowedGroups];
        provider.claim_groups_key = p.claimGroupsKey ?? "groups";
      }
      break;
    }
  }
  return { authenticatorClass: auth.kind, className, config: { [className]: provider, Authenticator: common } };
}

function renderIdp(idp: CILogonIdentityProvider): { [key: string]: any } {
  const derivation: { [key: string]: any } = { username_claim: idp.usernameClaim ?? "email" };
  const action = idp.action ?? CILogonUsernameAction.NONE;
  if (action === CILogonUsernameAction.PREFIX) {
    derivation.action = "prefix";
    derivation.prefix = idp.prefix;
  } else if (action === CILogonUsernameAction.STRIP_IDP_DOMAIN) {
    derivation.action = "strip_idp_domain";
    derivation.domain = idp.domain;
  }
  const out: { [key: string]: any } = { username_derivation: derivation };
  if (idp.allowAll) out.allow_all = true;
  if ((idp.allowedDomains ?? []).length > 0) out.allowed_domains = [...idp.allowedDomains!];
  if (idp.default) out.default = true;
  return out;
}
