// Every place a z2jh release can shape a user's pod, read into KubeSpawner's vocabulary, so a rule checks one
// list of sources instead of spelling the chart's keys, hub.config and profile overrides each time.
//
// The chart copies `singleuser.*` keys onto KubeSpawner traits (jupyterhub/files/hub/jupyterhub_config.py at
// z2jh 4.4.0: uid, fs_gid, service_account <- serviceAccountName, init_containers, extra_containers, environment
// <- extraEnv, extra_pod_config, allow_privilege_escalation; singleuser.storage.extraVolumes/extraVolumeMounts
// are appended to volumes/volume_mounts). `hub.config.KubeSpawner` sets the same traits directly, and each profile
// (or profile option choice) overrides them with `kubespawner_override`. Rules look at every source, even one a
// later source overrides: a setting that is overridden today is one edit away from applying.
import { Json, at, isObject } from "./values";
import { profileOverrides } from "./z2jh";

/** One source of user pod settings, in KubeSpawner trait names. */
export interface PodSource {
  /** Where the settings are, e.g. `singleuser`, `hub.config.KubeSpawner`, `singleuser.profileList[gpu].kubespawner_override`. */
  readonly where: string;
  /** The traits it sets. */
  readonly traits: Json;
  /** The path of a trait in the values, for messages. */
  readonly pathOf: (trait: string) => string;
}

// KubeSpawner trait -> chart key under `singleuser`.
const CHART_KEYS: { [trait: string]: string } = {
  uid: "uid",
  fs_gid: "fsGid",
  allow_privilege_escalation: "allowPrivilegeEscalation",
  service_account: "serviceAccountName",
  init_containers: "initContainers",
  extra_containers: "extraContainers",
  environment: "extraEnv",
  extra_pod_config: "extraPodConfig",
  volumes: "storage.extraVolumes",
  volume_mounts: "storage.extraVolumeMounts",
};

/** Every source of user pod settings in a release's values: the chart's keys, hub.config.KubeSpawner, profiles. */
export function podSources(values: Json): PodSource[] {
  const chart: Json = {};
  for (const [trait, key] of Object.entries(CHART_KEYS)) {
    const v = at(values, `singleuser.${key}`);
    if (v !== undefined) chart[trait] = v;
  }
  const sources: PodSource[] = [
    { where: "singleuser", traits: chart, pathOf: (t) => `singleuser.${CHART_KEYS[t] ?? t}` },
  ];
  const spawner = at(values, "hub.config.KubeSpawner");
  if (isObject(spawner)) {
    sources.push({ where: "hub.config.KubeSpawner", traits: spawner, pathOf: (t) => `hub.config.KubeSpawner.${t}` });
  }
  for (const { where, override } of profileOverrides(values)) {
    const w = `${where}.kubespawner_override`;
    sources.push({ where: w, traits: override, pathOf: (t) => `${w}.${t}` });
  }
  return sources;
}

/** A list given as a list, or as a map of named entries (the chart accepts both for containers and volumes). */
export function entries(value: unknown): Json[] {
  if (Array.isArray(value)) return value.filter(isObject);
  if (isObject(value)) return Object.values(value).filter(isObject);
  return [];
}

/** One entry of a list in a source (a container, volume, mount or environment setting), with where it is. */
export interface Placed {
  readonly where: string;
  readonly item: Json;
}

// The entries of a list-or-map at `where`, each located by its name (or index).
function placed(value: unknown, where: string): Placed[] {
  return entries(value).map((item, i) => ({ where: `${where}[${item.name ?? i}]`, item }));
}

/** The containers a source shapes: `extra_container_config` (the notebook container), extra and init containers. */
export function containersOf(source: PodSource): Placed[] {
  const own = source.traits.extra_container_config;
  const pod = podConfigOf(source);
  return [
    ...(isObject(own) ? [{ where: source.pathOf("extra_container_config"), item: own }] : []),
    ...placed(source.traits.extra_containers, source.pathOf("extra_containers")),
    ...placed(source.traits.init_containers, source.pathOf("init_containers")),
    ...placed(pod.containers, `${source.pathOf("extra_pod_config")}.containers`),
    ...placed(pod.initContainers, `${source.pathOf("extra_pod_config")}.initContainers`),
  ];
}

/** The volumes a source adds: `volumes` (singleuser.storage.extraVolumes) and `extra_pod_config.volumes`. */
export function volumesOf(source: PodSource): Placed[] {
  return [
    ...placed(source.traits.volumes, source.pathOf("volumes")),
    ...placed(podConfigOf(source).volumes, `${source.pathOf("extra_pod_config")}.volumes`),
  ];
}

/** The mounts a source adds: `volume_mounts` and the `volumeMounts` of every container it shapes. */
export function mountsOf(source: PodSource): Placed[] {
  return [
    ...placed(source.traits.volume_mounts, source.pathOf("volume_mounts")),
    ...containersOf(source).flatMap((c) => placed(c.item.volumeMounts, `${c.where}.volumeMounts`)),
  ];
}

/** Environment settings of a source: `environment` (singleuser.extraEnv) and every container's env/envFrom. */
export function envOf(source: PodSource): Placed[] {
  const env = source.traits.environment;
  const where = source.pathOf("environment");
  const own = isObject(env)
    ? Object.entries(env)
        .filter(([, value]) => isObject(value))
        .map(([name, value]) => ({ where: `${where}.${name}`, item: value as Json }))
    : placed(env, where);
  return [
    ...own,
    ...containersOf(source).flatMap((c) => [
      ...placed(c.item.env, `${c.where}.env`),
      ...placed(c.item.envFrom, `${c.where}.envFrom`),
    ]),
  ];
}

/** The pod-level settings a source merges into the pod spec (`extra_pod_config`), or an empty object. */
export function podConfigOf(source: PodSource): Json {
  const pod = source.traits.extra_pod_config;
  return isObject(pod) ? pod : {};
}
