// Ways out of a user's server, each as a settings fragment, and every place the z2jh chart (4.4.0) lets a values
// file put it. Shared by the escape matrix test and the property test's generator; the property test's oracle
// (test/policy/escape-model.ts) is written separately and does not use the expected findings here.
//
// Where the chart reads each place: jupyterhub/files/hub/jupyterhub_config.py at z2jh 4.4.0 copies singleuser.*
// keys to KubeSpawner traits (uid, serviceAccountName -> service_account, initContainers, extraContainers,
// extraEnv -> environment, extraPodConfig, allowPrivilegeEscalation, storage.extraVolumes/extraVolumeMounts ->
// volumes/volume_mounts) and applies hub.config last; kubespawner 7.0 applies a profile's kubespawner_override (and
// a profile option choice's) on top when the user picks it.

/** A place in the values that carries KubeSpawner traits. */
export enum Place {
  /** `singleuser.<chart key>` */
  CHART = "singleuser",
  /** `hub.config.KubeSpawner.<trait>` */
  SPAWNER = "hub.config.KubeSpawner",
  /** `singleuser.profileList[].kubespawner_override.<trait>` */
  PROFILE = "profile",
  /** `singleuser.profileList[].profile_options.<option>.choices.<choice>.kubespawner_override.<trait>` */
  CHOICE = "profile option choice",
}

// (KubeSpawner trait, chart key under singleuser), in the order jupyterhub_config.py lists them.
const CHART_KEY = new Map<string, string>([
  ["uid", "uid"],
  ["service_account", "serviceAccountName"],
  ["init_containers", "initContainers"],
  ["extra_containers", "extraContainers"],
  ["environment", "extraEnv"],
  ["extra_pod_config", "extraPodConfig"],
  ["allow_privilege_escalation", "allowPrivilegeEscalation"],
  ["volumes", "storage.extraVolumes"],
  ["volume_mounts", "storage.extraVolumeMounts"],
]);

/** Sets a dotted path, making the maps on the way. */
export function setPath(root: any, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = root;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
}

/** Puts KubeSpawner `traits` at `place` in `values` (a profile is added if the place is a profile). */
export function place(values: any, where: Place, traits: { [trait: string]: unknown }): void {
  switch (where) {
    case Place.CHART:
      for (const [trait, value] of Object.entries(traits)) setPath(values, `singleuser.${CHART_KEY.get(trait)}`, value);
      return;
    case Place.SPAWNER:
      values.hub.config.KubeSpawner = { ...values.hub.config.KubeSpawner, ...traits };
      return;
    case Place.PROFILE:
      values.singleuser.profileList = [
        ...(values.singleuser.profileList ?? []),
        {
          display_name: "Escape",
          slug: `escape-${values.singleuser.profileList?.length ?? 0}`,
          kubespawner_override: traits,
        },
      ];
      return;
    case Place.CHOICE:
      values.singleuser.profileList = [
        ...(values.singleuser.profileList ?? []),
        {
          display_name: "Options",
          slug: `options-${values.singleuser.profileList?.length ?? 0}`,
          profile_options: { image: { display_name: "Image", choices: { escape: { kubespawner_override: traits } } } },
        },
      ];
      return;
  }
}

/** Whether the chart has a key for every trait (so the fragment can be placed under singleuser). */
export function chartCanHold(traits: { [trait: string]: unknown }): boolean {
  return Object.keys(traits).every((t) => CHART_KEY.has(t));
}

/** One escape written as KubeSpawner traits, and the finding the pack must give. */
export interface TraitEscape {
  readonly name: string;
  readonly finding: string;
  readonly traits: { [trait: string]: unknown };
  readonly places: Place[];
}

const ALL = [Place.CHART, Place.SPAWNER, Place.PROFILE, Place.CHOICE];
const NO_CHART = [Place.SPAWNER, Place.PROFILE, Place.CHOICE];

/** The claim the fixture's static storage keeps every home in (compliantZ2jhValues). */
export const HOME_CLAIM = "home-nfs";

const hubSecretEnv = {
  valueFrom: { secretKeyRef: { name: "hub", key: "hub.config.GitHubOAuthenticator.client_secret" } },
};
const sharedVolume = { name: "shared", persistentVolumeClaim: { claimName: HOME_CLAIM } };
const sharedMount = { name: "shared", mountPath: "/home/jovyan/shared" };

/** Escapes that are KubeSpawner traits, with every place the chart offers for them. */
export const TRAIT_ESCAPES: TraitEscape[] = [
  // The node: root, privileges, host namespaces, host paths.
  { name: "uid 0", finding: "JSH-HUB-06[root]", traits: { uid: 0 }, places: ALL },
  {
    name: "container securityContext runAsUser 0",
    finding: "JSH-HUB-06[root]",
    traits: { container_security_context: { runAsUser: 0 } },
    places: NO_CHART,
  },
  {
    name: "pod securityContext runAsUser 0",
    finding: "JSH-HUB-06[root]",
    traits: { pod_security_context: { runAsUser: 0 } },
    places: NO_CHART,
  },
  {
    name: "extra_pod_config securityContext runAsUser 0",
    finding: "JSH-HUB-06[root]",
    traits: { extra_pod_config: { securityContext: { runAsUser: 0 } } },
    places: ALL,
  },
  {
    name: "extra_container_config runAsUser 0",
    finding: "JSH-HUB-06[root]",
    traits: { extra_container_config: { securityContext: { runAsUser: 0 } } },
    places: NO_CHART,
  },
  { name: "privileged", finding: "JSH-HUB-06[containers]", traits: { privileged: true }, places: NO_CHART },
  {
    name: "extra_container_config privileged",
    finding: "JSH-HUB-06[containers]",
    traits: { extra_container_config: { securityContext: { privileged: true } } },
    places: NO_CHART,
  },
  {
    name: "privileged sidecar",
    finding: "JSH-HUB-06[containers]",
    traits: { extra_containers: [{ name: "sidecar", image: "busybox:1.36", securityContext: { privileged: true } }] },
    places: ALL,
  },
  {
    name: "privileged init container",
    finding: "JSH-HUB-06[containers]",
    traits: { init_containers: [{ name: "setup", image: "busybox:1.36", securityContext: { privileged: true } }] },
    places: ALL,
  },
  {
    name: "added capability SYS_ADMIN",
    finding: "JSH-HUB-06[capabilities]",
    traits: { container_security_context: { capabilities: { add: ["SYS_ADMIN"] } } },
    places: NO_CHART,
  },
  {
    name: "allow_privilege_escalation",
    finding: "JSH-HUB-06[escalation]",
    traits: { allow_privilege_escalation: true },
    places: ALL,
  },
  {
    name: "extra_container_config allowPrivilegeEscalation",
    finding: "JSH-HUB-06[escalation]",
    traits: { extra_container_config: { securityContext: { allowPrivilegeEscalation: true } } },
    places: NO_CHART,
  },
  {
    name: "hostNetwork",
    finding: "JSH-HUB-15[host-network]",
    traits: { extra_pod_config: { hostNetwork: true } },
    places: ALL,
  },
  { name: "hostPID", finding: "JSH-HUB-15[host-pid]", traits: { extra_pod_config: { hostPID: true } }, places: ALL },
  { name: "hostIPC", finding: "JSH-HUB-15[host-ipc]", traits: { extra_pod_config: { hostIPC: true } }, places: ALL },
  {
    name: "hostPath volume",
    finding: "JSH-HUB-16[host-path]",
    traits: {
      volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }],
      volume_mounts: [{ name: "docker", mountPath: "/var/run/docker.sock" }],
    },
    places: ALL,
  },
  {
    name: "hostPath volume in extra_pod_config",
    finding: "JSH-HUB-16[host-path]",
    traits: { extra_pod_config: { volumes: [{ name: "root", hostPath: { path: "/" } }] } },
    places: ALL,
  },
  // The hub's secrets: API credentials, the hub Secret.
  { name: "service account", finding: "JSH-HUB-05[service-account]", traits: { service_account: "hub" }, places: ALL },
  {
    name: "automounted token",
    finding: "JSH-HUB-05[automount]",
    traits: { automount_service_account_token: true },
    places: NO_CHART,
  },
  {
    name: "extra_pod_config serviceAccountName",
    finding: "JSH-HUB-05[service-account]",
    traits: { extra_pod_config: { serviceAccountName: "hub" } },
    places: ALL,
  },
  {
    name: "extra_pod_config automountServiceAccountToken",
    finding: "JSH-HUB-05[automount]",
    traits: { extra_pod_config: { automountServiceAccountToken: true } },
    places: ALL,
  },
  {
    name: "projected service account token",
    finding: "JSH-HUB-05[automount]",
    traits: { volumes: [{ name: "token", projected: { sources: [{ serviceAccountToken: { path: "token" } }] } }] },
    places: ALL,
  },
  {
    name: "secretKeyRef to the hub Secret",
    finding: "JSH-HUB-17[hub-secret]",
    traits: { environment: { OAUTH_SECRET: hubSecretEnv } },
    places: ALL,
  },
  {
    name: "extra_container_config env from the hub Secret",
    finding: "JSH-HUB-17[hub-secret]",
    traits: { extra_container_config: { env: [{ name: "OAUTH_SECRET", ...hubSecretEnv }] } },
    places: NO_CHART,
  },
  {
    name: "extra_container_config envFrom the hub Secret",
    finding: "JSH-HUB-17[hub-secret]",
    traits: { extra_container_config: { envFrom: [{ secretRef: { name: "hub" } }] } },
    places: NO_CHART,
  },
  {
    name: "sidecar env from the hub Secret",
    finding: "JSH-HUB-17[hub-secret]",
    traits: { extra_containers: [{ name: "sidecar", image: "busybox:1.36", env: [{ name: "S", ...hubSecretEnv }] }] },
    places: ALL,
  },
  {
    name: "hub Secret as a volume",
    finding: "JSH-HUB-17[hub-secret]",
    traits: {
      volumes: [{ name: "hub-secret", secret: { secretName: "hub" } }],
      volume_mounts: [{ name: "hub-secret", mountPath: "/etc/hub" }],
    },
    places: ALL,
  },
  {
    name: "hub Secret in a projected volume",
    finding: "JSH-HUB-17[hub-secret]",
    traits: { volumes: [{ name: "p", projected: { sources: [{ secret: { name: "hub" } }] } }] },
    places: ALL,
  },
  // Other users' homes.
  {
    name: "shared folder from the home claim",
    finding: "JSH-HUB-19[shared-home]",
    traits: { volumes: [sharedVolume], volume_mounts: [sharedMount] },
    places: ALL,
  },
  {
    name: "shared folder from the home claim, read-only",
    finding: "JSH-HUB-19[shared-home]",
    traits: { volumes: [sharedVolume], volume_mounts: [{ ...sharedMount, readOnly: true }] },
    places: ALL,
  },
  {
    name: "home claim in extra_pod_config, mounted by extra_container_config",
    finding: "JSH-HUB-19[shared-home]",
    traits: {
      extra_pod_config: { volumes: [sharedVolume] },
      extra_container_config: { volumeMounts: [sharedMount] },
    },
    places: NO_CHART,
  },
];

/** One escape that is not a pod trait: hub settings, roles, network policy, storage. */
export interface ValuesEscape {
  readonly name: string;
  readonly finding: string;
  readonly edit: (values: any) => void;
}

/** Escapes through keys that are not KubeSpawner traits. */
export const VALUES_ESCAPES: ValuesEscape[] = [
  {
    name: "static subPath shared by everyone",
    finding: "JSH-HUB-19[shared-home]",
    edit: (v) => setPath(v, "singleuser.storage.static.subPath", ""),
  },
  {
    name: "static subPath without a user field",
    finding: "JSH-HUB-19[shared-home]",
    edit: (v) => setPath(v, "singleuser.storage.static.subPath", "homes"),
  },
  {
    name: "dynamic pvcNameTemplate shared by everyone",
    finding: "JSH-HUB-19[shared-claim]",
    edit: (v) => (v.singleuser.storage = { type: "dynamic", dynamic: { pvcNameTemplate: "claim-shared" } }),
  },
  ...[Place.SPAWNER, Place.PROFILE, Place.CHOICE].map((where) => ({
    name: `one claim for every user (pvc_name_template in ${where})`,
    finding: "JSH-HUB-19[shared-claim]",
    edit: (v: any) => {
      v.singleuser.storage = { type: "dynamic" };
      place(v, where, { pvc_name_template: "claim-everyone" });
    },
  })),
  {
    name: "user role widened to servers",
    finding: "JSH-HUB-18[scope:servers]",
    edit: (v) => (v.hub.loadRoles.user = { scopes: ["self", "servers"] }),
  },
  {
    name: "user role widened to access:servers",
    finding: "JSH-HUB-18[scope:access:servers]",
    edit: (v) => (v.hub.loadRoles.user = { scopes: ["self", "access:servers"] }),
  },
  {
    name: "user role widened to another group's servers",
    finding: "JSH-HUB-18[scope:access:servers]",
    edit: (v) => (v.hub.loadRoles.user = { scopes: ["access:servers!group=staff"] }),
  },
  {
    name: "user role renamed key with name: user",
    finding: "JSH-HUB-18[scope:tokens]",
    edit: (v) => (v.hub.loadRoles.everyone = { name: "user", scopes: ["tokens"] }),
  },
  {
    name: "user role in hub.config.JupyterHub.load_roles",
    finding: "JSH-HUB-18[scope:admin:servers]",
    edit: (v) => (v.hub.config.JupyterHub.load_roles = [{ name: "user", scopes: ["admin:servers"] }]),
  },
  {
    name: "named servers without a limit (chart key)",
    finding: "JSH-HUB-20[unbounded]",
    edit: (v) => (v.hub.allowNamedServers = true),
  },
  {
    name: "named servers without a limit (hub.config)",
    finding: "JSH-HUB-20[unbounded]",
    edit: (v) => (v.hub.config.JupyterHub.allow_named_servers = true),
  },
  {
    name: "named servers with limit 0 (unlimited)",
    finding: "JSH-HUB-20[unbounded]",
    edit: (v) => {
      v.hub.allowNamedServers = true;
      v.hub.namedServerLimitPerUser = 0;
    },
  },
  {
    name: "metadata egress allow rule",
    finding: "JSH-HUB-02[metadata-egress]",
    edit: (v) => (v.singleuser.networkPolicy = { egressAllowRules: { cloudMetadataServer: true } }),
  },
  {
    name: "custom egress to 0.0.0.0/0",
    finding: "JSH-HUB-02[metadata-egress]",
    edit: (v) => (v.singleuser.networkPolicy = { egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] }),
  },
  {
    name: "custom egress to every destination on port 80",
    finding: "JSH-HUB-02[metadata-egress]",
    edit: (v) => (v.singleuser.networkPolicy = { egress: [{ ports: [{ port: 80, protocol: "TCP" }] }] }),
  },
  {
    name: "custom egress to the link-local range",
    finding: "JSH-HUB-02[metadata-egress]",
    edit: (v) => (v.singleuser.networkPolicy = { egress: [{ to: [{ ipBlock: { cidr: "169.254.0.0/16" } }] }] }),
  },
];

/** Safe twins: the same places with settings that reach nothing; the pack must stay quiet. */
export const SAFE_TRAITS: { name: string; traits: { [trait: string]: unknown }; places: Place[] }[] = [
  { name: "uid 1000", traits: { uid: 1000 }, places: ALL },
  {
    name: "dropped capabilities",
    traits: { container_security_context: { capabilities: { drop: ["ALL"] }, runAsNonRoot: true } },
    places: NO_CHART,
  },
  { name: "node selector", traits: { extra_pod_config: { nodeSelector: { gpu: "true" } } }, places: ALL },
  {
    name: "gateway secret",
    traits: {
      environment: { API_KEY: { valueFrom: { secretKeyRef: { name: "gateway-api", key: "token" } } } },
    },
    places: ALL,
  },
  {
    name: "shared data claim",
    traits: {
      volumes: [{ name: "data", persistentVolumeClaim: { claimName: "course-data" } }],
      volume_mounts: [{ name: "data", mountPath: "/data", readOnly: true }],
    },
    places: ALL,
  },
  {
    name: "own home through the home claim",
    traits: {
      volumes: [sharedVolume],
      volume_mounts: [{ ...sharedMount, subPath: "{username}/shared" }],
    },
    places: ALL,
  },
  { name: "per-user claim template", traits: { pvc_name_template: "claim-{username}" }, places: NO_CHART },
];
