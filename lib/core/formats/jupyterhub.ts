// JupyterHub's login vocabulary, in one place for the constructs that write `authenticator_class` and the policy
// pack that reads it back: the names registered as `jupyterhub.authenticators` entry points (by JupyterHub itself
// and by oauthenticator; JupyterHub accepts them as authenticator_class), their classes, and what kind of login
// each gives.

/** What kind of login an authenticator class gives. */
export enum LoginKind {
  /** Anyone can log in with any name (DummyAuthenticator, TmpAuthenticator). */
  OPEN = "open",
  /** Local passwords or accounts (FirstUse, Native, PAM, LDAP, shared password). */
  LOCAL = "local",
  /** An OAuth / OpenID Connect provider (oauthenticator). */
  OAUTH = "oauth",
  /** No login at all (NullAuthenticator). */
  NONE = "none",
  /** A class the checks do not know. */
  UNKNOWN = "unknown",
}

// oauthenticator's entry-point names (JupyterHub accepts them as authenticator_class) and their classes.
const ENTRY_POINTS: { [name: string]: [LoginKind, string] } = {
  dummy: [LoginKind.OPEN, "DummyAuthenticator"],
  tmp: [LoginKind.OPEN, "TmpAuthenticator"],
  null: [LoginKind.NONE, "NullAuthenticator"],
  firstuse: [LoginKind.LOCAL, "FirstUseAuthenticator"],
  "shared-password": [LoginKind.LOCAL, "SharedPasswordAuthenticator"],
  pam: [LoginKind.LOCAL, "PAMAuthenticator"],
  native: [LoginKind.LOCAL, "NativeAuthenticator"],
  ldapauthenticator: [LoginKind.LOCAL, "LDAPAuthenticator"],
  github: [LoginKind.OAUTH, "GitHubOAuthenticator"],
  google: [LoginKind.OAUTH, "GoogleOAuthenticator"],
  cilogon: [LoginKind.OAUTH, "CILogonOAuthenticator"],
  "generic-oauth": [LoginKind.OAUTH, "GenericOAuthenticator"],
  gitlab: [LoginKind.OAUTH, "GitLabOAuthenticator"],
  azuread: [LoginKind.OAUTH, "AzureAdOAuthenticator"],
  bitbucket: [LoginKind.OAUTH, "BitbucketOAuthenticator"],
  globus: [LoginKind.OAUTH, "GlobusOAuthenticator"],
  auth0: [LoginKind.OAUTH, "Auth0OAuthenticator"],
  openshift: [LoginKind.OAUTH, "OpenShiftOAuthenticator"],
  mediawiki: [LoginKind.OAUTH, "MWOAuthenticator"],
};

/** Classifies an authenticator class, given as an entry-point name or a dotted Python path. */
export function classifyAuthenticator(value: string): { login: LoginKind; className: string } {
  const entry = ENTRY_POINTS[value.toLowerCase()];
  if (entry) return { login: entry[0], className: entry[1] };
  const className = value.split(".").pop() ?? value;
  if (/^(Dummy|Tmp)Authenticator$/i.test(className)) return { login: LoginKind.OPEN, className };
  if (/^NullAuthenticator$/i.test(className)) return { login: LoginKind.NONE, className };
  if (/(FirstUse|Native|PAM|LDAP|SharedPassword)Authenticator$/i.test(className)) {
    return { login: LoginKind.LOCAL, className };
  }
  if (/OAuthenticator$/.test(className) || /^oauthenticator\./.test(value))
    return { login: LoginKind.OAUTH, className };
  return { login: LoginKind.UNKNOWN, className };
}

/** The class name of an authenticator given by its entry-point name, e.g. `GitHubOAuthenticator` for `github`. */
export function authenticatorClassName(entryPoint: string): string {
  const entry = ENTRY_POINTS[entryPoint];
  if (!entry) throw new Error(`no authenticator has the entry point ${entryPoint}`);
  return entry[1];
}
