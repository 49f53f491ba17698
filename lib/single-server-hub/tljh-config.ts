import { Authenticator } from "../core/authenticator";
import { oauthCallbackUrl, renderAuthenticator } from "../core/authenticator-config";
import { OAuthenticatorTarget } from "../core/oauthenticator-target";
import { TutorialNotebooks, nbgitpullerPath } from "../core/tutorials";
import { Duration, Size } from "../core/units";
import { YamlValue } from "../core/formats/yaml";
import { shellQuote } from "../core/shell";

/** Where TLJH and the hub keep their files on the VM. */
export const TLJH_PATHS = {
  /** TLJH's config file; written before the installer runs, which keeps it. */
  configYaml: "/opt/tljh/config/config.yaml",
  /** TLJH loads every `*.py` here after config.yaml. */
  configD: "/opt/tljh/config/jupyterhub_config.d",
  /** The hub's own snippet in configD. */
  hubSnippet: "/opt/tljh/config/jupyterhub_config.d/jetstream-hub.py",
  /** The folder of root-only secret files. */
  secrets: "/opt/tljh/config/secrets",
  /** The OAuth client secret, root-only. */
  clientSecret: "/opt/tljh/config/secrets/oauth-client-secret",
  /** TLJH's state: hub database, cookie secret, proxy state and certificates. */
  state: "/opt/tljh/state",
};

/** What the TLJH configuration is rendered from. */
export interface TljhSettings {
  /** The login. */
  readonly authenticator: Authenticator;
  /** The oauthenticator TLJH will install; the login is rendered for it. */
  readonly oauthenticator?: OAuthenticatorTarget;
  /** The hub's public host name (HTTPS certificate and OAuth callback). */
  readonly hostname: string;
  /** Contact address for Let's Encrypt. */
  readonly letsEncryptEmail: string;
  /** Use Let's Encrypt's staging CA. */
  readonly letsEncryptStaging: boolean;
  /** `limits.memory`. */
  readonly memoryPerUser: Size;
  /** `limits.cpu`, whole CPUs. */
  readonly cpuPerUser: number;
  /** Idle servers are stopped after this long. */
  readonly cullTimeout: Duration;
  /** How often the culler looks. */
  readonly cullEvery: Duration;
  /** Notebooks pulled into every home at login. */
  readonly tutorials?: TutorialNotebooks;
}

/**
 * TLJH's `config.yaml` as data. Pure.
 *
 * The login goes under `auth` (`auth.type` is the authenticator, `auth.<Class>` its traits). Admins and allowed
 * users go under `users`, because TLJH sets `Authenticator.admin_users` and `allowed_users` from there after
 * reading `auth`, so the same traits under `auth.Authenticator` would be overwritten. The client secret is not
 * here: see `renderHubSnippet`.
 */
export function renderTljhConfig(s: TljhSettings): { [key: string]: YamlValue } {
  const login = renderAuthenticator(s.authenticator, oauthCallbackUrl(s.hostname), s.oauthenticator);
  const { admin_users, allowed_users, ...commonTraits } = login.config.Authenticator;
  const auth: { [key: string]: YamlValue } = { type: login.authenticatorClass };
  for (const [className, traits] of Object.entries(login.config)) {
    if (className !== "Authenticator") auth[className] = traits;
  }
  if (Object.keys(commonTraits).length > 0) auth.Authenticator = commonTraits;
  const users: { [key: string]: YamlValue } = { admin: admin_users };
  if (allowed_users) users.allowed = allowed_users;
  const letsencrypt: { [key: string]: YamlValue } = { email: s.letsEncryptEmail, domains: [s.hostname] };
  if (s.letsEncryptStaging) letsencrypt.staging = true;
  return {
    auth,
    users,
    // With any OAuth login, HTTPS is not optional: the callback carries the login's authorization code.
    https: { enabled: true, letsencrypt },
    limits: { memory: s.memoryPerUser.toSystemdString(), cpu: s.cpuPerUser },
    // Explicit, because TLJH's code (600 s / 60 s) and its docs (3600 s / 600 s) disagree on the defaults.
    // The culler stops idle servers; it never deletes users.
    services: {
      cull: { enabled: true, timeout: s.cullTimeout.toSeconds(), every: s.cullEvery.toSeconds(), users: false },
    },
  };
}

/**
 * The Python snippet for `jupyterhub_config.d`: the settings config.yaml cannot carry. Pure.
 */
export function renderHubSnippet(s: TljhSettings): string {
  const login = renderAuthenticator(s.authenticator, oauthCallbackUrl(s.hostname), s.oauthenticator);
  const py = (value: string | string[]) => JSON.stringify(value); // JSON strings and lists are Python literals
  const parts = [
    "# Written by cloud-init for the SingleServerHub construct; TLJH loads it after config.yaml.",
    "# Change the construct's props rather than this file: a replaced VM gets a fresh copy.",
    "from pathlib import Path",
    "",
    "# The OAuth client secret comes from a root-only file, so config.yaml holds no secret.",
    `c.${login.className}.client_secret = Path(${py(TLJH_PATHS.clientSecret)}).read_text().strip()`,
    "",
    "# The admin list is authoritative: the admin role has exactly these members at every start, so removing",
    "# a name revokes admin rights (admin_users alone only ever adds).",
    `c.JupyterHub.load_roles.append({"name": "admin", "users": ${py(s.authenticator.adminUsers)}})`,
  ];
  if (s.tutorials) {
    parts.push(
      "",
      "# Every login pulls the tutorial notebooks with nbgitpuller, which merges upstream changes without",
      "# overwriting a user's own edits.",
      `c.Spawner.default_url = ${py(nbgitpullerPath(s.tutorials))}`,
    );
  }
  return `${parts.join("\n")}\n`;
}

/**
 * The first-boot settings of a single-server hub, flat, for the DataLedger to compare across synths: a running VM
 * ignores its user data, so a changed setting reaches it only by hand or with a new VM. Keys:
 * `config.yaml:<dotted key>` (JSON values), `file:<path>` (the file's text), `install:<what>`. Holds no secret.
 */
export function firstBootSettings(
  s: TljhSettings,
  install: { tljhVersion: string; plugins: string[]; userRequirementsUrl?: string },
): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: YamlValue, key: string) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v as YamlValue, key ? `${key}.${k}` : k);
    } else {
      out[`config.yaml:${key}`] = JSON.stringify(value);
    }
  };
  walk(renderTljhConfig(s), "");
  out[`file:${TLJH_PATHS.hubSnippet}`] = renderHubSnippet(s);
  out["install:tljhVersion"] = install.tljhVersion;
  out["install:plugins"] = JSON.stringify(install.plugins);
  if (install.userRequirementsUrl !== undefined) out["install:userRequirementsUrl"] = install.userRequirementsUrl;
  return out;
}

/**
 * How to bring a running TLJH VM to a changed first-boot setting by hand, as shell lines (`before` or `after` is
 * undefined when the setting is new or gone). Follows tljh-config 2.0.0: `set`, `unset`, `add-item`, `remove-item`
 * on dotted keys (a key part with a dot cannot be addressed), then `reload`. Settings that only a new VM takes
 * give the `-replace` of `vmAddress`.
 */
export function applyByHand(
  key: string,
  before: string | undefined,
  after: string | undefined,
  vmAddress: string,
): string[] {
  const [kind, name] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
  if (kind === "file") {
    if (after === undefined) return [`sudo rm ${name}`, "sudo tljh-config reload hub"];
    return [
      `sudo tee ${name} >/dev/null <<'JETSTREAM_EOF'\n${after.replace(/\n$/, "")}\nJETSTREAM_EOF`,
      "sudo tljh-config reload hub",
    ];
  }
  if (kind === "install") {
    return [`# ${name} applies when the VM is built: replace the VM (terraform apply -replace=${vmAddress})`];
  }
  const reload = name.startsWith("https.") ? "sudo tljh-config reload proxy" : "sudo tljh-config reload hub";
  const old = before === undefined ? undefined : JSON.parse(before);
  const now = after === undefined ? undefined : JSON.parse(after);
  const scalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);
  const word = (v: unknown) => shellQuote(String(v));
  const byHand = `# edit /opt/tljh/config/config.yaml as root (tljh-config cannot address ${name}), then: ${reload}`;
  const addressable = name.split(".").every((part) => /^[A-Za-z0-9_-]+$/.test(part));
  if (!addressable) return [byHand];
  if (now === undefined) return [`sudo tljh-config unset ${name}`, reload];
  if (Array.isArray(now) && (old === undefined || Array.isArray(old))) {
    const was: unknown[] = old ?? [];
    if (![...was, ...now].every(scalar)) return [byHand];
    const removed = was.filter((v) => !now.includes(v));
    const added = now.filter((v: unknown) => !was.includes(v));
    return [
      ...removed.map((v) => `sudo tljh-config remove-item ${name} ${word(v)}`),
      ...added.map((v: unknown) => `sudo tljh-config add-item ${name} ${word(v)}`),
      reload,
    ];
  }
  if (scalar(now)) return [`sudo tljh-config set ${name} ${word(now)}`, reload];
  return [byHand];
}
