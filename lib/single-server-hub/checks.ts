import { Construct } from "constructs";
import {
  Authenticator,
  AuthenticatorKind,
  CILogonIdentityProvider,
  CILogonUsernameAction,
} from "../core/authenticator";
import { ImageOs, JetstreamImage } from "../core/image";
import { checkLiteral, fail } from "../core/validate";

// Checks of SingleServerHub props that only the hub needs. Each throws JetstreamValidationError naming the prop.

/** The TLJH release installed unless the hub's tljhVersion says otherwise. */
export const DEFAULT_TLJH_VERSION = "2.0.0";

const PINNED_PIP = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?==[A-Za-z0-9][A-Za-z0-9.+!_-]*$/;
const PINNED_GIT = /^git\+https:\/\/[^\s@#]+@([0-9a-f]{40}|v?\d+(\.\d+)+[A-Za-z0-9.+-]*)$/;

/** An exact TLJH release or commit: the bootstrap resolves anything else when the VM is built. */
export function checkTljhVersion(scope: Construct, version: string): string {
  checkLiteral(
    scope,
    "tljhVersion",
    version,
    "the release decides which oauthenticator the hub runs, which is checked against the login",
  );
  if (typeof version !== "string" || !/^(\d+\.\d+\.\d+|[0-9a-f]{40})$/.test(version)) {
    fail(scope, {
      prop: "tljhVersion",
      value: version,
      problem: "not pinned: the bootstrap would resolve it to whatever is newest when the VM is built",
      allowed: "an exact release such as 2.0.0, or a full 40-character commit",
      fix: `use ${DEFAULT_TLJH_VERSION} (the default) or the exact release you tested`,
    });
  }
  return version;
}

/** Plugins pinned to a version, tag or commit, each listed once. */
export function checkPlugins(scope: Construct, plugins: string[]): string[] {
  const why = "each plugin is checked for a pinned version at synth";
  checkLiteral(scope, "plugins", plugins, why);
  if (!Array.isArray(plugins)) {
    fail(scope, {
      prop: "plugins",
      value: plugins,
      problem: "must be a list",
      allowed: "an array of pinned pip specs",
      fix: "wrap the spec in [ ]",
    });
  }
  plugins.forEach((spec, i) => {
    checkLiteral(scope, `plugins[${i}]`, spec, why);
    if (typeof spec !== "string" || !(PINNED_PIP.test(spec) || PINNED_GIT.test(spec))) {
      fail(scope, {
        prop: `plugins[${i}]`,
        value: spec,
        problem: "not a pinned plugin: an unpinned plugin changes under a rebuilt VM",
        allowed: "name==version, or git+https://host/repo@<tag or 40-character commit>",
        fix: "pin the version you tested, e.g. tljh-repo2docker==1.0.1",
      });
    }
    if (plugins.indexOf(spec) !== i) {
      fail(scope, {
        prop: "plugins",
        value: plugins,
        problem: `${JSON.stringify(spec)} is listed twice`,
        allowed: "each plugin once",
        fix: "remove the duplicate",
      });
    }
  });
  return [...plugins];
}

/** An image TLJH's bootstrap accepts: Ubuntu 22.04+ or Debian 11+. */
export function checkImage(scope: Construct, image: JetstreamImage): JetstreamImage {
  const version = parseFloat(image instanceof JetstreamImage ? (image.osVersion ?? "") : "");
  const ok =
    image instanceof JetstreamImage &&
    ((image.os === ImageOs.UBUNTU && version >= 22.04) || (image.os === ImageOs.DEBIAN && version >= 11));
  if (!ok) {
    fail(scope, {
      prop: "image",
      value: image instanceof JetstreamImage ? `${image} (${image.os} ${image.osVersion ?? "version unknown"})` : image,
      problem: "The Littlest JupyterHub installs only on Ubuntu 22.04+ or Debian 11+",
      allowed: "JetstreamImage.FEATURED_UBUNTU24 (the default), FEATURED_UBUNTU22, or an image with os and osVersion",
      fix: "use the default image, or name the OS: JetstreamImage.fromName(name, ImageOs.UBUNTU, '24.04')",
    });
  }
  return image;
}

const RESERVED_ACCOUNTS = ["root", "admin", "jovyan", "ubuntu", "nobody"];

/**
 * TLJH makes a unix account `jupyter-<username>` for every hub user, and useradd refuses ':' and '/' in account
 * names. So a login whose usernames carry them (CILogon's PREFIX action, `access:alice`; the `oidc` claim, a URL)
 * works on the Kubernetes hub but not here.
 */
export function checkTljhUsernames(scope: Construct, auth: Authenticator): void {
  const idps: CILogonIdentityProvider[] = auth.kind === AuthenticatorKind.CILOGON ? auth._extra.idps : [];
  idps.forEach((idp, i) => {
    if (idp.action === CILogonUsernameAction.PREFIX || idp.usernameClaim === "oidc") {
      fail(scope, {
        prop: `authenticator.idps[${i}]`,
        value:
          idp.action === CILogonUsernameAction.PREFIX ? `action PREFIX (${idp.prefix}:<name>)` : "usernameClaim oidc",
        problem: "makes usernames with ':' or '/', which TLJH cannot turn into unix accounts (jupyter-<username>)",
        allowed: "a claim such as email or eppn kept whole, or STRIP_IDP_DOMAIN",
        fix: "use usernameClaim 'email' (unique across IdPs), or run the Kubernetes hub, which has no unix accounts",
      });
    }
  });
  // As given, before the Authenticator lower-cased them: on TLJH each name is also a unix account, jupyter-<name>.
  for (const key of ["adminUsers", "allowedUsers"] as const) {
    (auth._props[key] ?? []).forEach((user, i) => {
      if (user !== user.toLowerCase()) {
        fail(scope, {
          prop: `authenticator.${key}[${i}]`,
          value: user,
          problem: "upper case: TLJH's unix account names are lower case, and the list would not match as written",
          allowed: "lower-case usernames",
          fix: `write ${JSON.stringify(user.toLowerCase())}`,
        });
      }
      if (RESERVED_ACCOUNTS.includes(user)) {
        fail(scope, {
          prop: `authenticator.${key}[${i}]`,
          value: user,
          problem: "a reserved system account name",
          allowed: "the person's own username",
          fix: "use the username the person logs in with",
        });
      }
    });
  }
  [...auth.adminUsers, ...auth.allowedUsers].forEach((user) => {
    if (/[:/]/.test(user)) {
      fail(scope, {
        prop: auth.adminUsers.includes(user) ? "authenticator.adminUsers" : "authenticator.allowedUsers",
        value: user,
        problem: "TLJH cannot make a unix account for a name with ':' or '/'",
        allowed: "usernames without ':' or '/'",
        fix: "use the e-mail form of the username, or run the Kubernetes hub",
      });
    }
  });
}
