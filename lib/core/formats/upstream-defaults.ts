// What the programs that read our output do when a setting is left out, in one place for the constructs that
// write settings and the policy pack that judges them. A rule that asks "is the network policy on?" must read the
// chart's own default when the release says nothing, and that default must be the one the chart really has:
// - the Zero to JupyterHub chart: its values.yaml, bundled as data (z2jh-chart/, chart 4.4.0);
// - KubeSpawner: the trait defaults the chart leaves to it;
// - The Littlest JupyterHub: the defaults of tljh/configurer.py, onto which TLJH merges config.yaml.
import Z2JH_VALUES from "./z2jh-chart/jupyterhub-4.4.0.values.json";
import { HelmValues, NullHandling, mergeHelmValues } from "./helm-values";
import { deepFreeze } from "./yaml";

/** The z2jh chart version whose values.yaml (and values schema) are bundled. */
export const Z2JH_DEFAULTS_VERSION = "4.4.0";

// The published chart has its image tags set to the chart version by chartpress; the repository's file says so.
const Z2JH_DEFAULTS: HelmValues = deepFreeze(
  JSON.parse(JSON.stringify(Z2JH_VALUES).replace(/"set-by-chartpress"/g, `"${Z2JH_DEFAULTS_VERSION}"`)),
);

/** The chart's default values as published (a fresh copy the caller may change). */
export function z2jhChartDefaults(): HelmValues {
  return structuredClone(Z2JH_DEFAULTS);
}

/**
 * The values the chart's templates see: `values` coalesced onto the chart's defaults (a `null` deletes a default),
 * as Helm coalesces them at install.
 */
export function z2jhEffectiveValues(values: HelmValues): HelmValues {
  return mergeHelmValues(Z2JH_DEFAULTS, values, NullHandling.DELETE);
}

/**
 * JupyterHub's own trait defaults, for what the chart or TLJH leave unset (jupyterhub/jupyterhub jupyterhub/app.py:
 * `authenticator_class` defaults to the PAM authenticator, entry point `pam`).
 */
export const JUPYTERHUB_DEFAULTS: { readonly authenticator_class: string } = Object.freeze({
  authenticator_class: "pam",
});

/**
 * KubeSpawner trait defaults that the chart does not set and the checks depend on (jupyterhub/kubespawner
 * kubespawner/spawner.py, `delete_pvc = Bool(True, ...)`): a user's PVC is deleted when the user is deleted.
 */
export const KUBESPAWNER_DEFAULTS: { readonly delete_pvc: boolean } = Object.freeze({ delete_pvc: true });

/**
 * The Littlest JupyterHub's defaults (jupyterhub/the-littlest-jupyterhub tljh/configurer.py `default`, 2.0.0):
 * the keys whose absence matters to a check or a construct. FirstUseAuthenticator lets the first person to log in
 * with a name set its password.
 */
export const TLJH_DEFAULTS: HelmValues = deepFreeze({
  base_url: "/",
  auth: { type: "firstuseauthenticator.FirstUseAuthenticator", FirstUseAuthenticator: { create_users: false } },
  users: { allowed: [], banned: [], admin: [], extra_user_groups: {} },
  limits: { memory: null, cpu: null },
  https: { enabled: false, tls: { key: "", cert: "" }, letsencrypt: { email: "", domains: [], staging: false } },
  user_environment: { default_app: "jupyterlab" },
  services: {
    cull: { enabled: true, timeout: 600, every: 60, concurrency: 5, users: false, max_age: 0 },
  },
});

/**
 * The configuration TLJH runs with: `config` (a parsed config.yaml) merged onto its defaults the way
 * configurer.py's `_merge_dictionaries` does: mappings key by key, anything else replaced, and a `null` is a
 * value, which is Helm's merge with nulls kept.
 */
export function tljhEffectiveConfig(config: HelmValues): HelmValues {
  return mergeHelmValues(TLJH_DEFAULTS, config, NullHandling.KEEP);
}
