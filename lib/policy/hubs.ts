import { LoginKind, classifyAuthenticator } from "../core/formats/jupyterhub";
import { JUPYTERHUB_DEFAULTS } from "../core/formats/upstream-defaults";
import type { PolicyDocument } from "./document";
import { writtenFile } from "./cloud-config";
import { Json, asList, at, isObject, isReference, stringsOf } from "./values";
import { proxyHttpsOn } from "./z2jh";

/**
 * A hub's login and HTTPS settings as the checks see them, from either shape: z2jh (`hub.config` in the Helm
 * values) or TLJH (`auth` and `users` in config.yaml). Both hold traitlets as `{ <Class>: { <trait>: value } }`.
 */
export interface HubView {
  /** Which shape. */
  readonly shape: "z2jh" | "tljh";
  /** The element: the helm_release or the instance. */
  readonly address: string;
  /** `JupyterHub.authenticator_class` as configured (or the shape's default). */
  readonly authenticatorClass: string;
  /** What kind of login that is. */
  readonly login: LoginKind;
  /** The authenticator's class name, e.g. `GitHubOAuthenticator` (where provider traits live). */
  readonly className: string;
  /** Traitlets by class. */
  readonly traits: Json;
  /** Hub admins as configured (Authenticator.admin_users, the class's own admin_users, TLJH users.admin). */
  readonly adminUsers: string[];
  /** Whether the admin list is a deploy-time expression the checks cannot read. */
  readonly adminUsersUnresolved: boolean;
  /** Individually allowed users. */
  readonly allowedUsers: string[];
  /** Whether HTTPS is configured (a certificate source and at least one host name). */
  readonly httpsEnabled: boolean;
  /** The host names HTTPS serves. */
  readonly httpsHosts: string[];
  /** The hub's base URL path, with leading and trailing slashes (`/` by default). */
  readonly baseUrl: string;
  /** Secret names delivered through `set_sensitive` (z2jh only). */
  readonly sensitiveNames: string[];
  /** Whether Python configuration (`hub.extraConfig`, `jupyterhub_config.d`) sets the authenticator class. */
  readonly authenticatorFromCode: boolean;
}

// `c.JupyterHub.authenticator_class = "dummy"` (or a class name, or any expression) in Python configuration.
const PYTHON_AUTHENTICATOR = /\bauthenticator_class["']?\]?\s*=\s*(?:(["'])([^"'\n]*)\1|([^\s#;]+))/g;

/**
 * The authenticator class the last assignment in Python configuration sets, in the order the hub runs the
 * pieces; a quoted name or a class path as written, or the expression's text (which classifies as unknown).
 */
export function authenticatorClassInCode(pieces: string[]): string | undefined {
  let found: string | undefined;
  for (const code of pieces) {
    for (const m of code.matchAll(PYTHON_AUTHENTICATOR)) found = m[2] ?? m[3];
  }
  return found;
}

// z2jh runs hub.extraConfig after hub.config, in the order of its keys (jupyterhub_config.py in the chart).
function extraConfigPieces(values: Json): string[] {
  const extra = at(values, "hub.extraConfig");
  if (!isObject(extra)) return [];
  return Object.keys(extra)
    .sort()
    .map((k) => extra[k])
    .filter((v): v is string => typeof v === "string");
}

// TLJH runs every *.py in jupyterhub_config.d after config.yaml, sorted by file name.
const TLJH_CONFIG_D = /^\/opt\/tljh\/config\/jupyterhub_config\.d\/[^/]+\.py$/;

export { LoginKind, classifyAuthenticator };

/** The login view of every hub in the document. */
export function hubsOf(doc: PolicyDocument): HubView[] {
  const views: HubView[] = [];
  for (const release of doc.z2jhReleases()) {
    const values = release.effectiveValues;
    const traits: Json = isObject(at(values, "hub.config")) ? at(values, "hub.config") : {};
    // The chart's default authenticator is dummy: a release that does not set one lets anyone in.
    const fromCode = authenticatorClassInCode(extraConfigPieces(values));
    const authenticatorClass =
      fromCode ?? stringOr(at(traits, "JupyterHub.authenticator_class"), JUPYTERHUB_DEFAULTS.authenticator_class);
    const proxyHttps = at(values, "proxy.https");
    const proxyOn = proxyHttpsOn(values);
    const ingressTls = at(values, "ingress.enabled") === true && (at(values, "ingress.tls") ?? []).length > 0;
    const hosts = [
      ...(proxyOn ? stringsOf(at(proxyHttps, "hosts")) : []),
      ...(ingressTls ? stringsOf(at(values, "ingress.hosts")) : []),
    ];
    views.push(
      view("z2jh", release.address, authenticatorClass, traits, {
        httpsEnabled: proxyOn || ingressTls,
        httpsHosts: hosts,
        baseUrl: at(values, "hub.baseUrl"),
        sensitiveNames: release.sensitiveNames,
        authenticatorFromCode: fromCode !== undefined,
      }),
    );
  }
  for (const host of doc.tljhHosts()) {
    const config = host.effectiveConfig;
    const auth: Json = isObject(config.auth) ? config.auth : {};
    const { type, ...classes } = auth;
    // TLJH's default is FirstUseAuthenticator: the first person to log in with a name sets its password.
    const pieces = asList(host.cloudConfig.write_files)
      .filter((f) => isObject(f) && typeof f.path === "string" && TLJH_CONFIG_D.test(f.path))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((f) => {
        try {
          return writtenFile(host.cloudConfig, f.path) ?? "";
        } catch {
          return "";
        }
      });
    const fromCode = authenticatorClassInCode(pieces);
    const authenticatorClass = fromCode ?? stringOr(type, JUPYTERHUB_DEFAULTS.authenticator_class);
    const https = isObject(config.https) ? config.https : {};
    const letsEncrypt =
      typeof at(https, "letsencrypt.email") === "string" &&
      at(https, "letsencrypt.email") !== "" &&
      stringsOf(at(https, "letsencrypt.domains")).length > 0;
    const manualTls = !!at(https, "tls.key") && !!at(https, "tls.cert");
    const enabled = https.enabled === true && (letsEncrypt || manualTls);
    views.push(
      view("tljh", host.address, authenticatorClass, classes, {
        extraAdmins: at(config, "users.admin"),
        extraAllowed: at(config, "users.allowed"),
        httpsEnabled: enabled,
        httpsHosts: stringsOf(at(https, "letsencrypt.domains")),
        baseUrl: config.base_url,
        authenticatorFromCode: fromCode !== undefined,
      }),
    );
  }
  return views;
}

interface ShapeSettings {
  readonly extraAdmins?: unknown;
  readonly extraAllowed?: unknown;
  readonly httpsEnabled: boolean;
  readonly httpsHosts: string[];
  readonly baseUrl?: unknown;
  readonly sensitiveNames?: string[];
  readonly authenticatorFromCode: boolean;
}

function view(
  shape: "z2jh" | "tljh",
  address: string,
  authenticatorClass: string,
  traits: Json,
  settings: ShapeSettings,
): HubView {
  const { login, className } = classifyAuthenticator(authenticatorClass);
  const adminSources = [
    at(traits, "Authenticator.admin_users"),
    at(traits, `${className}.admin_users`),
    settings.extraAdmins,
  ];
  const allowedSources = [
    at(traits, "Authenticator.allowed_users"),
    at(traits, `${className}.allowed_users`),
    settings.extraAllowed,
  ];
  const base = typeof settings.baseUrl === "string" && settings.baseUrl !== "" ? settings.baseUrl : "/";
  return {
    shape,
    address,
    authenticatorClass,
    login,
    className,
    traits,
    adminUsers: adminSources.flatMap(stringsOf).filter((u) => !isReference(u)),
    adminUsersUnresolved: adminSources.some((s) => isReference(s) || stringsOf(s).some(isReference)),
    allowedUsers: allowedSources.flatMap(stringsOf),
    httpsEnabled: settings.httpsEnabled,
    httpsHosts: settings.httpsHosts,
    baseUrl: `/${base.replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/"),
    sensitiveNames: settings.sensitiveNames ?? [],
    authenticatorFromCode: settings.authenticatorFromCode,
  };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" && value !== "" ? value : fallback;
}

/** A trait of the hub's authenticator class, falling back to the shared `Authenticator` class. */
export function trait(hub: HubView, name: string): any {
  const own = at(hub.traits, `${hub.className}.${name}`);
  return own !== undefined ? own : at(hub.traits, `Authenticator.${name}`);
}
