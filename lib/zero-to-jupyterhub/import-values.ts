// An existing z2jh config.yaml → ZeroToJupyterHub props: the typed prop wherever one exists, extraValues for the
// rest, and a report of which keys went where. The inverse of values.ts, kept beside it; pure (no I/O): the caller
// parses the file. Secrets in the file are not read: the caller passes a Secret for each, by chart key.
import {
  Authenticator,
  AuthenticatorKind,
  CILogonIdentityProvider,
  CILogonUsernameAction,
} from "../core/authenticator";
import { JetstreamValidationError } from "../core/errors";
import { Secret } from "../core/secret";
import { Duration, Size } from "../core/units";
import { HelmValues } from "../core/formats/helm-values";
import { Https } from "./https";
import { Profile, ProfileOption } from "./profile";
import { HomeStorage } from "./storage";
import { GATEWAY_API_URL_VARIABLE } from "./values";

/** Which keys of an imported values file became typed props, and which stayed as extraValues. */
export interface ValuesImportReport {
  /**
   * Dotted chart keys set through typed props (leaves; lists count as one key).
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly typedKeys: string[];
  /**
   * Dotted chart keys passed on as extraValues.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly extraValuesKeys: string[];
  /**
   * Notes on choices the import made, e.g. a new token for a service.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly notes: string[];
}

/** The props an import produced (all but the cluster), with its report. */
export interface ImportedValues {
  readonly props: { [prop: string]: any };
  readonly report: ValuesImportReport;
}

const CLASS_OF: { [kind: string]: string } = {
  [AuthenticatorKind.GITHUB]: "GitHubOAuthenticator",
  [AuthenticatorKind.GOOGLE]: "GoogleOAuthenticator",
  [AuthenticatorKind.CILOGON]: "CILogonOAuthenticator",
  [AuthenticatorKind.GENERIC]: "GenericOAuthenticator",
};

/**
 * Converts chart values to ZeroToJupyterHub props.
 *
 * @param values the parsed config.yaml
 * @param secrets a Secret for each chart key of the file that holds one (e.g. `hub.config.GitHubOAuthenticator.client_secret`)
 * @param loadBalancerIp the cluster endpoint's address, so a matching `proxy.service.loadBalancerIP` is recognised
 */
export function importValues(
  values: HelmValues,
  secrets: { [chartKey: string]: Secret },
  loadBalancerIp?: string,
): ImportedValues {
  const rest: HelmValues = structuredClone(values ?? {});
  const typed: string[] = [];
  const notes: string[] = [];
  const take = (...path: string[]): any => takeAt(rest, path, typed);
  const peek = (...path: string[]): any =>
    path.reduce((n: any, k) => (n === null || n === undefined ? undefined : n[k]), rest);
  const secret = (...path: string[]): Secret => {
    const key = path.join(".");
    if (peek(...path) === undefined) return undefined as any;
    take(...path);
    if (!Secret.isSecret(secrets[key])) {
      refuse(`secrets.${key}`, secrets[key], "the file holds a secret here, and secrets never pass as plain text", {
        allowed: "a Secret for this chart key",
        fix: `pass secrets: { "${key}": Secret.fromEnvironment(scope, "...") } and remove the value from the file`,
      });
    }
    return secrets[key];
  };
  const props: { [prop: string]: any } = { resourceLimits: false };

  // Login.
  const kind = take("hub", "config", "JupyterHub", "authenticator_class");
  const className = CLASS_OF[kind];
  if (className === undefined) {
    refuse("hub.config.JupyterHub.authenticator_class", kind, "not a login the library offers", {
      allowed: "github, google, cilogon or generic-oauth",
      fix: "switch the hub to one of these logins before importing; the dummy and open logins are never used",
    });
  }
  const c = (...p: string[]) => take("hub", "config", className, ...p);
  const a = (...p: string[]) => take("hub", "config", "Authenticator", ...p);
  const callback: string | undefined = c("oauth_callback_url");
  const domain = callback ? new URL(callback).hostname : undefined;
  if (domain) props.domain = domain;
  const common: { [key: string]: any } = {
    clientId: c("client_id"),
    clientSecret: secret("hub", "config", className, "client_secret"),
    adminUsers: a("admin_users") ?? [],
    allowedUsers: a("allowed_users"),
    allowAll: a("allow_all"),
    allowExistingUsers: a("allow_existing_users"),
    autoLogin: a("auto_login"),
    enableAuthState: a("enable_auth_state"),
  };
  switch (kind) {
    case AuthenticatorKind.GITHUB: {
      const orgs = c("allowed_organizations");
      if (orgs && same(peek("hub", "config", className, "scope"), ["read:org"])) c("scope");
      props.authenticator = Authenticator.gitHub({ ...common, ...traits(c), allowedOrganizations: orgs } as any);
      break;
    }
    case AuthenticatorKind.GOOGLE: {
      const domains = c("hosted_domain");
      if (domains && peek("hub", "config", className, "allow_all") === true) c("allow_all");
      props.authenticator = Authenticator.google({
        ...common,
        ...traits(c),
        hostedDomains: domains === undefined ? undefined : [].concat(domains),
        stripDomain: c("strip_domain"),
      } as any);
      break;
    }
    case AuthenticatorKind.CILOGON: {
      const idps: CILogonIdentityProvider[] = Object.entries((c("idps") ?? {}) as { [id: string]: any }).map(
        ([entityId, idp]) => ({
          entityId,
          usernameClaim: idp.username_derivation?.username_claim,
          action: idp.username_derivation?.action as CILogonUsernameAction | undefined,
          domain: idp.username_derivation?.domain,
          prefix: idp.username_derivation?.prefix,
          allowAll: idp.allow_all,
          allowedDomains: idp.allowed_domains,
          default: idp.default,
        }),
      );
      props.authenticator = Authenticator.ciLogon({ ...common, ...traits(c), idps, scope: c("scope") } as any);
      break;
    }
    case AuthenticatorKind.GENERIC: {
      const groups = c("allowed_groups");
      if (groups && peek("hub", "config", className, "manage_groups") === true) c("manage_groups");
      props.authenticator = Authenticator.genericOAuth({
        ...common,
        authorizeUrl: c("authorize_url"),
        tokenUrl: c("token_url"),
        userdataUrl: c("userdata_url"),
        usernameClaim: c("username_claim"),
        scope: c("scope"),
        allowedGroups: groups,
        userdataParams: c("userdata_params"),
        authStateGroupsKey: c("auth_state_groups_key"),
        ...traits(c),
      } as any);
      break;
    }
  }

  // HTTPS.
  const httpsType = peek("proxy", "https", "type");
  if (peek("proxy", "https", "enabled") === true && (httpsType === "letsencrypt" || httpsType === "secret")) {
    take("proxy", "https", "enabled");
    take("proxy", "https", "type");
    if (domain && same(peek("proxy", "https", "hosts"), [domain])) take("proxy", "https", "hosts");
    if (loadBalancerIp !== undefined && peek("proxy", "service", "loadBalancerIP") === loadBalancerIp) {
      take("proxy", "service", "loadBalancerIP");
    }
    props.https =
      httpsType === "letsencrypt"
        ? Https.letsEncrypt({ contactEmail: take("proxy", "https", "letsencrypt", "contactEmail") })
        : Https.secret({ tlsSecretName: take("proxy", "https", "secret", "name") });
  } else if (peek("ingress", "enabled") === true && Array.isArray(peek("ingress", "tls"))) {
    take("ingress", "enabled");
    if (domain && same(peek("ingress", "hosts"), [domain])) take("ingress", "hosts");
    const tls = take("ingress", "tls");
    if (peek("proxy", "service", "type") === "ClusterIP") take("proxy", "service", "type");
    props.https = Https.ingress({
      tlsSecretName: tls[0]?.secretName,
      ingressClassName: take("ingress", "ingressClassName"),
      annotations: take("ingress", "annotations"),
    });
  }

  // Users' servers.
  const image = take("singleuser", "image");
  if (image) props.image = { name: image.name, tag: String(image.tag) };
  for (const [key, prop] of [
    ["guarantee", "memoryGuarantee"],
    ["limit", "memoryLimit"],
  ]) {
    if (quantity(peek("singleuser", "memory", key))) props[prop] = size(take("singleuser", "memory", key));
  }
  props.cpuGuarantee = take("singleuser", "cpu", "guarantee");
  props.cpuLimit = take("singleuser", "cpu", "limit");
  const start = take("singleuser", "startTimeout");
  if (start !== undefined) props.startTimeout = Duration.seconds(start);
  props.defaultUrl = take("singleuser", "defaultUrl");
  const env = take("singleuser", "extraEnv");
  if (env) {
    const { [GATEWAY_API_URL_VARIABLE]: gateway, ...others } = env;
    if (gateway !== undefined) props.gatewayApiUrl = gateway;
    if (Object.keys(others).length > 0) props.environment = others;
  }
  for (const [hook, prop] of [
    ["postStart", "postStartCommand"],
    ["preStop", "preStopCommand"],
  ]) {
    const h = peek("singleuser", "lifecycleHooks", hook);
    if (h && Object.keys(h).length === 1 && h.exec && Object.keys(h.exec).length === 1) {
      props[prop] = take("singleuser", "lifecycleHooks", hook, "exec", "command");
    }
  }
  for (const [path, prop] of [
    [["singleuser", "extraContainers"], "extraContainers"],
    [["singleuser", "storage", "extraVolumes"], "extraVolumes"],
    [["singleuser", "storage", "extraVolumeMounts"], "extraVolumeMounts"],
    [["singleuser", "networkPolicy", "egress"], "userEgressRules"],
    [["imagePullSecrets"], "imagePullSecrets"],
    [["hub", "db", "pvc", "storageClassName"], "hubDbStorageClass"],
    [["hub", "db", "pvc", "accessModes"], "hubDbAccessModes"],
  ] as const) {
    const v = peek(...path);
    const usable = prop === "imagePullSecrets" ? Array.isArray(v) && v.every((x) => typeof x === "string") : true;
    if (usable && (Array.isArray(v) || typeof v === "string")) props[prop] = take(...path);
  }
  if (quantity(peek("hub", "db", "pvc", "storage"))) props.hubDbCapacity = size(take("hub", "db", "pvc", "storage"));
  if (peek("hub", "db", "type") === "sqlite-pvc") take("hub", "db", "type");
  props.homeStorage = storage(peek, take);
  const profiles = peek("singleuser", "profileList");
  if (Array.isArray(profiles) && profiles.length > 0) props.profiles = take("singleuser", "profileList").map(profile);

  // The hub.
  if (peek("hub", "allowNamedServers") === true && Number.isInteger(peek("hub", "namedServerLimitPerUser"))) {
    take("hub", "allowNamedServers");
    props.namedServersPerUser = take("hub", "namedServerLimitPerUser");
  }
  const pull = peek("imagePullSecret");
  if (pull?.create === true && typeof pull.registry === "string" && typeof pull.username === "string") {
    take("imagePullSecret", "create");
    props.imagePullSecret = {
      registry: take("imagePullSecret", "registry"),
      username: take("imagePullSecret", "username"),
      email: take("imagePullSecret", "email"),
      password: secret("imagePullSecret", "password"),
    };
  }
  if (peek("hub", "cookieSecret") !== undefined) props.cookieSecret = secret("hub", "cookieSecret");
  if (peek("proxy", "secretToken") !== undefined) props.proxySecretToken = secret("proxy", "secretToken");
  for (const [name, service] of Object.entries((peek("hub", "services") ?? {}) as { [name: string]: any })) {
    const role = peek("hub", "loadRoles", `${name}-service`);
    if (
      props.gatewayService === undefined &&
      Object.keys(service).every((k) => k === "apiToken") &&
      role &&
      same(role.services, [name]) &&
      Object.keys(role).every((k) => k === "services" || k === "scopes")
    ) {
      take("hub", "services", name, "apiToken");
      take("hub", "loadRoles", `${name}-service`);
      props.gatewayService = { name, scopes: role.scopes };
      notes.push(
        `hub.services.${name}: a new API token comes from random_password; give the gateway gatewayServiceToken`,
      );
    }
  }
  const cull: [string, string][] = [
    ["timeout", "cullTimeout"],
    ["every", "cullEvery"],
    ["maxAge", "cullMaxAge"],
  ];
  for (const [key, prop] of cull) {
    const v = peek("cull", key);
    if (Number.isInteger(v) && v > 0) props[prop] = Duration.seconds(take("cull", key));
  }

  for (const key of Object.keys(props)) if (props[key] === undefined) delete props[key];
  const extraValuesKeys = leafKeys(rest);
  if (extraValuesKeys.length > 0) props.extraValues = rest;
  return { props, report: { typedKeys: typed.sort(), extraValuesKeys, notes } };
}

function traits(c: (...p: string[]) => any): { [key: string]: any } {
  return { loginService: c("login_service"), manageGroups: c("manage_groups") };
}

function storage(peek: (...p: string[]) => any, take: (...p: string[]) => any): HomeStorage {
  const type = peek("singleuser", "storage", "type") ?? "dynamic";
  if (type === "static" && typeof peek("singleuser", "storage", "static", "pvcName") === "string") {
    take("singleuser", "storage", "type");
    return HomeStorage.existingClaim(take("singleuser", "storage", "static", "pvcName"), {
      subPath: take("singleuser", "storage", "static", "subPath"),
    });
  }
  if (type === "none") {
    take("singleuser", "storage", "type");
    return HomeStorage.none();
  }
  if (type === "dynamic") {
    take("singleuser", "storage", "type");
    const capacity = quantity(peek("singleuser", "storage", "capacity"))
      ? size(take("singleuser", "storage", "capacity"))
      : undefined;
    const storageClass = take("singleuser", "storage", "dynamic", "storageClass");
    return storageClass === undefined || storageClass === null
      ? HomeStorage.clusterDefault({ capacity })
      : HomeStorage.dynamic({ storageClass, capacity });
  }
  return HomeStorage.clusterDefault();
}

function profile(p: any): Profile {
  const o = { ...(p.kubespawner_override ?? {}) };
  const pop = (key: string) => {
    const v = o[key];
    delete o[key];
    return v;
  };
  const image = typeof o.image === "string" && /^[^:]+(\/[^:]+)*:[^:/]+$/.test(o.image) ? pop("image") : undefined;
  const memGuarantee = quantity(o.mem_guarantee) ? size(pop("mem_guarantee")) : undefined;
  const memLimit = quantity(o.mem_limit) ? size(pop("mem_limit")) : undefined;
  const options: ProfileOption[] | undefined =
    p.profile_options &&
    Object.entries(p.profile_options as { [name: string]: any }).map(([name, opt]) => ({
      name,
      displayName: opt.display_name,
      choices: Object.entries((opt.choices ?? {}) as { [key: string]: any }).map(([key, ch]) => ({
        key,
        displayName: ch.display_name,
        default: ch.default,
        kubespawnerOverride: ch.kubespawner_override,
      })),
      unlistedChoice: opt.unlisted_choice?.enabled
        ? {
            displayName: opt.unlisted_choice.display_name,
            validationRegex: opt.unlisted_choice.validation_regex,
            kubespawnerOverride: opt.unlisted_choice.kubespawner_override,
          }
        : undefined,
    }));
  const out: { [key: string]: any } = {
    displayName: p.display_name,
    slug: p.slug,
    description: p.description,
    default: p.default,
    image: image && { name: image.slice(0, image.lastIndexOf(":")), tag: image.slice(image.lastIndexOf(":") + 1) },
    memoryGuarantee: memGuarantee,
    memoryLimit: memLimit,
    cpuGuarantee: pop("cpu_guarantee"),
    cpuLimit: pop("cpu_limit"),
    nodeSelector: pop("node_selector"),
    extraContainers: pop("extra_containers"),
    kubespawnerOverride: Object.keys(o).length > 0 ? o : undefined,
    profileOptions: options,
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out as Profile;
}

function quantity(v: any): boolean {
  return typeof v === "string" && /^(\d+(\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|k|K|M|G|T|P|)$/.test(v);
}

function size(v: string): Size {
  return Size.parse(v);
}

function takeAt(root: HelmValues, path: string[], typed: string[]): any {
  const parents: HelmValues[] = [];
  let node: any = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || node === undefined || typeof node !== "object" || Array.isArray(node)) return undefined;
    parents.push(node);
    node = node[key];
  }
  const last = path[path.length - 1];
  if (node === null || node === undefined || typeof node !== "object" || !(last in node)) return undefined;
  const value = node[last];
  typed.push(...leafKeys(value, path.join(".")));
  delete node[last];
  // Prune parents left empty, so they are not reported as extraValues.
  for (let i = path.length - 2; i >= 0; i--) {
    const parent = i === 0 ? root : parents[i];
    const child = parent[path[i]];
    if (child && typeof child === "object" && !Array.isArray(child) && Object.keys(child).length === 0) {
      delete parent[path[i]];
    } else break;
  }
  return value;
}

function leafKeys(value: any, prefix = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value) || Object.keys(value).length === 0) {
    return prefix ? [prefix] : [];
  }
  return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

function same(a: any, b: any): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function refuse(prop: string, value: any, problem: string, rest: { allowed: string; fix: string }): never {
  throw new JetstreamValidationError({ prop, value, problem, ...rest });
}
