import { KUBESPAWNER_DEFAULTS } from "../core/formats/upstream-defaults";
import { Json, asList, at, isObject } from "./values";

/** One profile (or profile option choice) override: where it is, and the KubeSpawner traits it sets. */
export interface ProfileOverride {
  /** A readable location, e.g. `singleuser.profileList[gpu]`. */
  readonly where: string;
  /** The `kubespawner_override` mapping. */
  readonly override: Json;
}

/** The profile list, or an empty list. */
export function profilesOf(values: Json): Json[] {
  return asList(at(values, "singleuser.profileList")).filter(isObject);
}

/** Every `kubespawner_override` in the profile list, including those of profile option choices. */
export function profileOverrides(values: Json): ProfileOverride[] {
  const out: ProfileOverride[] = [];
  profilesOf(values).forEach((profile, i) => {
    const where = `singleuser.profileList[${profile.slug ?? profile.display_name ?? i}]`;
    if (isObject(profile.kubespawner_override)) out.push({ where, override: profile.kubespawner_override });
    for (const [name, option] of Object.entries(isObject(profile.profile_options) ? profile.profile_options : {})) {
      for (const [choice, c] of Object.entries(isObject(option?.choices) ? option.choices : {})) {
        if (isObject(c) && isObject(c.kubespawner_override)) {
          out.push({ where: `${where}.profile_options.${name}.${choice}`, override: c.kubespawner_override });
        }
      }
    }
  });
  return out;
}

/** `singleuser.storage.type` of a release's effective values (the chart's default is `dynamic`: one PVC per user). */
export function storageType(effectiveValues: Json): string | undefined {
  const t = at(effectiveValues, "singleuser.storage.type");
  return typeof t === "string" ? t : undefined;
}

/** Whether KubeSpawner deletes a user's PVC with the user (KubeSpawner's default when the values say nothing). */
export function deletesPvcs(effectiveValues: Json): boolean {
  const set = at(effectiveValues, "hub.config.KubeSpawner.delete_pvc");
  return typeof set === "boolean" ? set : KUBESPAWNER_DEFAULTS.delete_pvc;
}

// The proxy.https.type values for which the chart's proxy serves HTTPS (templates/proxy: letsencrypt and manual
// terminate TLS in autohttps or the proxy, secret reads a TLS secret, offload leaves it to a load balancer). The
// schema also allows null and "", with which the chart serves plain HTTP only.
const CHART_HTTPS_TYPES = ["letsencrypt", "manual", "secret", "offload"];

/** Whether the chart serves HTTPS through proxy.https: enabled, with a type the chart's templates act on. */
export function proxyHttpsOn(effectiveValues: Json): boolean {
  return (
    at(effectiveValues, "proxy.https.enabled") === true &&
    CHART_HTTPS_TYPES.includes(at(effectiveValues, "proxy.https.type"))
  );
}

/** The slug KubeSpawner matches a profile by: its `slug`, or one made from its display name. */
export function profileSlug(profile: Json): string | undefined {
  if (typeof profile.slug === "string" && profile.slug !== "") return profile.slug;
  if (typeof profile.display_name !== "string") return undefined;
  return profile.display_name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
