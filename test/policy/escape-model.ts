// An independent model of what a user's pod can reach, for the property test of the policy pack. It does not read
// the rules or their helpers: it builds the pods KubeSpawner would start from a values tree, the way the chart and
// KubeSpawner do, and asks three questions of each pod: can it reach the node, another user's home, or the hub's
// secrets and other users' servers?
//
// How the pods are built (z2jh 4.4.0, kubespawner 7.0):
// - jupyterhub_config.py copies singleuser keys onto KubeSpawner traits, adds the home volume and mount for the
//   storage type (static: the claim `storage.static.pvcName` mounted at homeMountPath with `subPath`, default
//   `{username}`; dynamic: one claim per `pvcNameTemplate`), appends storage.extraVolumes/extraVolumeMounts, and
//   finally applies hub.config (a trait set there replaces the chart's value).
// - With a profile list, every server is started from one profile: its kubespawner_override, then the chosen
//   option's, replace traits. Without one, the traits apply as they are.
// - make_pod: the notebook container's securityContext holds runAsUser (uid), allowPrivilegeEscalation and
//   privileged, updated with container_security_context; the pod's securityContext is updated with
//   pod_security_context; the service account token is mounted when automount_service_account_token is true, or
//   when it is unset and a service account is set; extra_container_config and extra_pod_config then replace
//   whole keys of the container and the pod spec.

type J = { [key: string]: any };

const obj = (v: unknown): v is J => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): J[] => (Array.isArray(v) ? v : obj(v) ? Object.values(v) : []).filter(obj);
const get = (v: unknown, path: string): any =>
  path.split(".").reduce((node: any, key) => (obj(node) ? node[key] : undefined), v);

/** The traits a server starts with before any profile, from the chart's keys and hub.config.KubeSpawner. */
function baseTraits(values: J): J {
  const su = values.singleuser ?? {};
  const storage = su.storage ?? {};
  const t: J = {};
  const copy = (trait: string, value: unknown) => value !== undefined && value !== null && (t[trait] = value);
  copy("uid", su.uid ?? 1000);
  copy("fs_gid", su.fsGid ?? 100);
  copy("service_account", su.serviceAccountName);
  copy("init_containers", su.initContainers);
  copy("extra_containers", su.extraContainers);
  copy("environment", su.extraEnv);
  copy("extra_pod_config", su.extraPodConfig);
  t.allow_privilege_escalation = su.allowPrivilegeEscalation ?? false;
  const volumes: J[] = [];
  const mounts: J[] = [];
  const type = storage.type ?? "dynamic";
  if (type === "static") {
    volumes.push({ name: "home", persistentVolumeClaim: { claimName: storage.static?.pvcName } });
    mounts.push({ name: "home", mountPath: "/home/jovyan", subPath: storage.static?.subPath ?? "{username}" });
  } else if (type === "dynamic") {
    t.pvc_name_template = storage.dynamic?.pvcNameTemplate ?? "claim-{escaped_user_server}";
    volumes.push({ name: "home", persistentVolumeClaim: { claimName: t.pvc_name_template } });
    mounts.push({ name: "home", mountPath: "/home/jovyan" });
  }
  t.volumes = [...volumes, ...list(storage.extraVolumes)];
  t.volume_mounts = [...mounts, ...list(storage.extraVolumeMounts)];
  return { ...t, ...(get(values, "hub.config.KubeSpawner") ?? {}) };
}

/** Every trait set a server can start with: one per profile and option choice, or the base alone. */
function serverTraits(values: J): J[] {
  const base = baseTraits(values);
  const profiles = list(get(values, "singleuser.profileList"));
  if (profiles.length === 0) return [base];
  return profiles.flatMap((p) => {
    const withProfile = { ...base, ...(p.kubespawner_override ?? {}) };
    const choices = Object.values(obj(p.profile_options) ? p.profile_options : {}).flatMap((o: any) =>
      Object.values(obj(o?.choices) ? o.choices : {}),
    ) as J[];
    return choices.length === 0
      ? [withProfile]
      : choices.map((c) => ({ ...withProfile, ...(obj(c) ? (c.kubespawner_override ?? {}) : {}) }));
  });
}

/** The pod KubeSpawner makes from a trait set (the parts that matter here). */
function makePod(t: J): J {
  const envList = obj(t.environment)
    ? Object.entries(t.environment).map(([name, v]) => (obj(v) ? { name, ...v } : { name, value: v }))
    : list(t.environment);
  let notebook: J = {
    name: "notebook",
    securityContext: {
      runAsUser: t.uid,
      allowPrivilegeEscalation: t.allow_privilege_escalation,
      privileged: t.privileged ?? false,
      ...(obj(t.container_security_context) ? t.container_security_context : {}),
    },
    env: envList,
    volumeMounts: list(t.volume_mounts),
  };
  if (obj(t.extra_container_config)) notebook = { ...notebook, ...t.extra_container_config };
  const automount =
    t.automount_service_account_token ?? (t.service_account !== undefined && t.service_account !== null);
  let pod: J = {
    securityContext: { fsGroup: t.fs_gid, ...(obj(t.pod_security_context) ? t.pod_security_context : {}) },
    serviceAccountName: t.service_account,
    automountServiceAccountToken: automount,
    containers: [notebook, ...list(t.extra_containers)],
    initContainers: list(t.init_containers),
    volumes: list(t.volumes),
    pvcNameTemplate: t.pvc_name_template,
  };
  if (obj(t.extra_pod_config)) pod = { ...pod, ...t.extra_pod_config };
  return pod;
}

const PER_USER = /\{[a-z_]*user[a-z_]*\}/;

function ipv4(text: string): number | undefined {
  const parts = text.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}
function inBlock(cidr: unknown, ip: number): boolean {
  if (typeof cidr !== "string") return false;
  const [a, b] = cidr.split("/");
  const base = ipv4(a);
  const bits = b === undefined ? 32 : Number(b);
  if (base === undefined) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (base & mask) >>> 0 === (ip & mask) >>> 0;
}

/** Whether the singleuser network policy lets a pod open http://169.254.169.254/. */
export function policyAdmitsMetadata(values: J): boolean {
  const np = get(values, "singleuser.networkPolicy") ?? {};
  if (get(np, "egressAllowRules.cloudMetadataServer") === true) return true;
  const ip = ipv4("169.254.169.254")!;
  return list(np.egress).some((rule) => {
    const ports = list(rule.ports);
    const port80 =
      ports.length === 0 ||
      ports.some(
        (p) =>
          (p.protocol ?? "TCP") === "TCP" &&
          (p.port === undefined || p.port === 80 || (p.port <= 80 && 80 <= (p.endPort ?? p.port))),
      );
    const to = list(rule.to);
    const dest =
      to.length === 0 ||
      to.some(
        (peer) => inBlock(peer.ipBlock?.cidr, ip) && !(peer.ipBlock?.except ?? []).some((e: string) => inBlock(e, ip)),
      );
    return port80 && dest;
  });
}

/** What a user's server can reach that it must not. */
export enum Reach {
  /** Root, privileges, the node's namespaces or files. */
  NODE = "node",
  /** The cloud's metadata service, by network policy. */
  METADATA = "metadata",
  /** Another user's home directory. */
  OTHER_HOMES = "other homes",
  /** A Kubernetes API token or the hub's Secret. */
  HUB_SECRETS = "hub secrets",
  /** Other users' servers or tokens, through the user role. */
  OTHER_SERVERS = "other servers",
}

const HUB_SECRETS = new Set(["hub"]);
const NODE_CAPABILITIES_OK = new Set(["NET_BIND_SERVICE"]);

/** What any server started from `values` can reach (the z2jh chart's `hub` Secret and the home claim `homeClaim`). */
export function reachable(values: J, homeClaim: string): Set<Reach> {
  const out = new Set<Reach>();
  if (policyAdmitsMetadata(values)) out.add(Reach.METADATA);
  const roles = [
    ...Object.entries(obj(get(values, "hub.loadRoles")) ? get(values, "hub.loadRoles") : {}).map(
      ([k, r]: [string, any]) => ({
        name: r?.name ?? k,
        scopes: r?.scopes ?? [],
      }),
    ),
    ...list(get(values, "hub.config.JupyterHub.load_roles")),
  ];
  for (const role of roles.filter((r) => r.name === "user")) {
    for (const scope of role.scopes as string[]) {
      const [base, filter] = scope.split("!");
      const others = filter !== "user" && filter !== "server";
      if (
        others &&
        /^(access:|admin:|read:|delete:)?servers$|^(admin:)?users$|tokens$|^admin:auth_state$|^shares$|groups$/.test(
          base,
        )
      ) {
        out.add(Reach.OTHER_SERVERS);
      }
    }
  }
  const staticStorage = (get(values, "singleuser.storage.type") ?? "dynamic") === "static";
  for (const pod of serverTraits(values).map(makePod)) {
    const containers = [...list(pod.containers), ...list(pod.initContainers)];
    const podUser = pod.securityContext?.runAsUser;
    // Root as the pod's default user: every container that names no user of its own (a sidecar, the next init
    // container) runs as root, even when today's containers all name one.
    if (podUser === 0 || pod.securityContext?.runAsNonRoot === false) out.add(Reach.NODE);
    for (const c of containers) {
      const sc = c.securityContext ?? {};
      const user = sc.runAsUser ?? podUser;
      const added = (sc.capabilities?.add ?? []).filter((cap: string) => !NODE_CAPABILITIES_OK.has(cap));
      if (
        user === 0 ||
        sc.runAsNonRoot === false ||
        sc.privileged === true ||
        sc.allowPrivilegeEscalation === true ||
        added.length > 0
      ) {
        out.add(Reach.NODE);
      }
    }
    if (pod.hostNetwork === true || pod.hostPID === true || pod.hostIPC === true) out.add(Reach.NODE);
    const volumes = list(pod.volumes);
    if (volumes.some((v) => v.hostPath)) out.add(Reach.NODE);
    if (
      pod.automountServiceAccountToken === true ||
      (typeof pod.serviceAccountName === "string" && pod.serviceAccountName !== "")
    ) {
      out.add(Reach.HUB_SECRETS);
    }
    if (volumes.some((v) => list(v.projected?.sources).some((s) => s.serviceAccountToken))) out.add(Reach.HUB_SECRETS);
    const secretRefs = [
      ...containers.flatMap((c) => list(c.env).map((e) => e.valueFrom?.secretKeyRef?.name)),
      ...containers.flatMap((c) => list(c.envFrom).map((e) => e.secretRef?.name)),
      ...volumes.map((v) => v.secret?.secretName),
      ...volumes.flatMap((v) => list(v.projected?.sources).map((s) => s.secret?.name)),
    ];
    if (secretRefs.some((n) => HUB_SECRETS.has(n))) out.add(Reach.HUB_SECRETS);
    // Another user's home: the claim holding every home, mounted anywhere without a per-user sub-path, or one
    // claim name for every user.
    const homeVolumes = new Set(
      volumes.filter((v) => staticStorage && v.persistentVolumeClaim?.claimName === homeClaim).map((v) => v.name),
    );
    const mounts = containers.flatMap((c) => list(c.volumeMounts));
    if (mounts.some((m) => homeVolumes.has(m.name) && !PER_USER.test(m.subPath ?? ""))) out.add(Reach.OTHER_HOMES);
    if (!staticStorage && typeof pod.pvcNameTemplate === "string" && !PER_USER.test(pod.pvcNameTemplate)) {
      out.add(Reach.OTHER_HOMES);
    }
  }
  return out;
}
