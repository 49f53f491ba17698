import { Authenticator, AuthenticatorKind, CILogonIdentityProvider, CILogonUsernameAction } from "./authenticator";
import { authenticatorClassName } from "./formats/jupyterhub";
import { LATEST_OAUTHENTICATOR, MANAGED_GROUPS_SINCE, OAuthenticatorTarget, supports } from "./oauthenticator-target";

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

/** The callback URL a hub at `hostname` registers with its OAuth provider. */
export function oauthCallbackUrl(hostname: string): string {
  return `https://${hostname}/hub/oauth_callback`;
}

/**
 * Renders a login as traitlets configuration. Pure: the same inputs give the same output.
 *
 * @param auth the login
 * @param callbackUrl the OAuth callback URL, derived from the hub's host name (see `oauthCallbackUrl`)
 * @param target the oauthenticator the hub installs; the hub construct has refused targets that cannot run the
 *   login (`checkLoginTarget`)
 */
export function renderAuthenticator(
  auth: Authenticator,
  callbackUrl: string,
  target: OAuthenticatorTarget = LATEST_OAUTHENTICATOR,
): RenderedAuthenticator {
  const className = authenticatorClassName(auth.kind);
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
  const props = auth._props;
  common.allow_existing_users = props.allowExistingUsers === true;
  if (props.autoLogin !== undefined) common.auto_login = props.autoLogin;
  if (props.enableAuthState !== undefined) common.enable_auth_state = props.enableAuthState;
  if (props.loginService !== undefined) provider.login_service = props.loginService;
  if (props.manageGroups !== undefined) provider.manage_groups = props.manageGroups;

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
      if (domains.length > 0) {
        provider.hosted_domain = [...domains];
        // Since oauthenticator 16, hosted_domain only blocks other domains (google.py@17.4.0:151-177, 270-290);
        // something must still allow the domain's accounts. allow_all does, and the hd check keeps others out.
        provider.allow_all = true;
      }
      if ((auth._props as any).stripDomain !== undefined) provider.strip_domain = (auth._props as any).stripDomain;
      break;
    }
    case AuthenticatorKind.CILOGON: {
      const idps: CILogonIdentityProvider[] = auth._extra.idps;
      provider.idps = Object.fromEntries(idps.map((idp) => [idp.entityId, renderIdp(idp)]));
      const scope = (auth._props as any).scope;
      if (scope !== undefined) provider.scope = [...scope];
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
      if (p.userdataParams !== undefined) provider.userdata_params = { ...p.userdataParams };
      if ((p.allowedGroups ?? []).length > 0) {
        provider.allowed_groups = [...p.allowedGroups];
        const claim = p.claimGroupsKey ?? "groups";
        // oauthenticator 17 raises at start for allowed_groups without manage_groups (oauth2.py@17.4.0:428-437);
        // 16.x accepts it too (its GenericOAuthenticator.update_auth_model fills the groups when it is set).
        provider.manage_groups = true;
        if (supports(target, MANAGED_GROUPS_SINCE)) {
          // 17.x deprecates claim_groups_key: groups are read from the auth state, where the userinfo response is
          // kept under oauth_user (generic.py@17.4.0:36-44).
          provider.auth_state_groups_key = p.authStateGroupsKey ?? `oauth_user.${claim}`;
        } else {
          provider.claim_groups_key = claim;
        }
      }
      if (p.authStateGroupsKey !== undefined) provider.auth_state_groups_key = p.authStateGroupsKey;
      break;
    }
  }
  Object.assign(provider, structuredClone(props.extraTraits ?? {}));
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
