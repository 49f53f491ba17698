import { escapeTerraformTemplate } from "../core/terraform-text";
// Props → Zero to JupyterHub chart values. The one place where chart keys are spelled. Pure: no constructs,
// no I/O; the same input always gives the same values, so it is tested without a stack.
import { Authenticator } from "../core/authenticator";
import { oauthCallbackUrl, renderAuthenticator } from "../core/authenticator-config";
import { OAuthenticatorTarget } from "../core/oauthenticator-target";
import { nbgitpullerPath, ResolvedTutorials } from "../core/tutorials";
import { Size } from "../core/units";
import { HelmValues, helmSetName, mergeHelmValues, NullHandling } from "../core/formats/helm-values";
import { HttpsKind, ResolvedHttps } from "./https";
import { ContainerImage, imageReference } from "./image";
import { ProfileOption, ResolvedProfile } from "./profile";
import { ServerResources } from "./resources";
import { HomeStorageKind } from "./storage";

/** The uid user servers run as: the Jupyter Docker Stacks' `jovyan`. */
export const NOTEBOOK_UID = 1000;
/** The group user servers' files belong to (`users`). */
export const NOTEBOOK_GID = 100;

/** The environment variable that tells notebooks where the gateway's API is. */
export const GATEWAY_API_URL_VARIABLE = "GATEWAY_API_URL";

/** Where users' homes live, as the chart needs to know it. */
export interface StorageInput {
  readonly kind: HomeStorageKind;
  /** NFS: the claim that every home is a sub-folder of. */
  readonly claimName?: string;
  /** NFS: each user's folder in the claim, as KubeSpawner's template. @default "{username}" */
  readonly subPath?: string;
  /** NFS: the folder of the claim that holds the homes; empty or unset for its root. */
  readonly subDirectory?: string;
  /** Dynamic: the storage class of the per-user volumes. */
  readonly storageClassName?: string;
  /** Dynamic: each user's volume size, when set. */
  readonly capacity?: Size;
}

/** The hub's JupyterHub service for the gateway (`hub.services`, `hub.loadRoles`). */
export interface GatewayServiceInput {
  /** The service's name. */
  readonly name: string;
  /** The scopes its role grants. */
  readonly scopes: readonly string[];
}

/** The user-server and hub settings beyond the core ones; each is rendered only when set. */
export interface HubExtrasInput {
  readonly defaultUrl?: string;
  readonly postStartCommand?: readonly string[];
  readonly preStopCommand?: readonly string[];
  readonly extraVolumes?: readonly { [key: string]: any }[];
  readonly extraVolumeMounts?: readonly { [key: string]: any }[];
  readonly extraContainers?: readonly { [key: string]: any }[];
  readonly imagePullSecrets?: readonly string[];
  /** The chart's own pull secret; its password goes through set_sensitive. */
  readonly registryCredentials?: { readonly registry: string; readonly username: string; readonly email?: string };
  readonly hubDbStorageClass?: string;
  readonly hubDbCapacity?: Size;
  readonly hubDbAccessModes?: readonly string[];
  readonly userEgressRules?: readonly { [key: string]: any }[];
  readonly gatewayService?: GatewayServiceInput;
}

/** Everything the values depend on: the construct's props, checked and with every default filled in. */
export interface HubValuesInput {
  readonly authenticator: Authenticator;
  /** The oauthenticator the chart's hub image has; the login is rendered for it. */
  readonly oauthenticator?: OAuthenticatorTarget;
  /** The hub's public host name: certificate, ingress host, OAuth callback. */
  readonly hostname: string;
  readonly https: ResolvedHttps;
  /** The stable public address for the proxy's load balancer, when the cluster reserved one. */
  readonly loadBalancerIp?: string;
  readonly image: ContainerImage;
  /** Memory and CPU: only what the user or a safety default set is rendered. */
  readonly resources: ServerResources;
  /** `singleuser.startTimeout`, when set. */
  readonly startTimeoutSeconds?: number;
  /** Extra environment variables for every user's server. */
  readonly environment: { readonly [name: string]: string };
  /** The gateway's API URL, passed to users' servers as GATEWAY_API_URL. */
  readonly gatewayApiUrl?: string;
  readonly tutorials?: ResolvedTutorials;
  readonly storage: StorageInput;
  readonly profiles: readonly ResolvedProfile[];
  readonly cull: { readonly timeoutSeconds: number; readonly everySeconds: number; readonly maxAgeSeconds: number };
  readonly userScheduler: boolean;
  readonly prePuller: boolean;
  readonly userPlaceholders: number;
  /** Named servers each user may run besides the default one; 0 turns named servers off. */
  readonly namedServersPerUser: number;
  /** Everything else the user chose. */
  readonly extras?: HubExtrasInput;
  /** Merged last, with Helm's rules. */
  readonly extraValues: HelmValues;
}

type Traits = { [trait: string]: any };

/** One entry of `singleuser.profileList`, in KubeSpawner's vocabulary. */
export interface KubeSpawnerProfile {
  display_name: string;
  slug?: string;
  description?: string;
  default?: boolean;
  kubespawner_override?: { [key: string]: any };
  profile_options?: { [name: string]: any };
}

/** The chart values this library renders. `extraValues` may add any other key of the chart. */
export interface Z2jhValues {
  hub: {
    config: { [className: string]: Traits };
    loadRoles: { admin: { users: string[] } };
    db: { pvc: { annotations: { [key: string]: string }; [key: string]: any } };
    networkPolicy: { enabled: boolean };
    allowNamedServers: boolean;
    namedServerLimitPerUser?: number;
  };
  proxy: {
    service: { type: "LoadBalancer" | "ClusterIP"; loadBalancerIP?: string };
    https: {
      enabled: boolean;
      type?: "letsencrypt" | "secret";
      hosts?: string[];
      letsencrypt?: { contactEmail: string };
      secret?: { name: string };
    };
    chp: { networkPolicy: { enabled: boolean } };
    traefik: { networkPolicy: { enabled: boolean } };
  };
  ingress: {
    enabled: boolean;
    hosts?: string[];
    tls?: { hosts: string[]; secretName: string }[];
    ingressClassName?: string;
    annotations?: { [key: string]: string };
  };
  singleuser: {
    image: { name: string; tag: string };
    memory?: { guarantee?: string; limit?: string };
    cpu?: { guarantee?: number; limit?: number };
    startTimeout?: number;
    extraEnv: { [name: string]: string };
    defaultUrl?: string;
    storage: {
      type: "static" | "dynamic" | "none";
      capacity?: string;
      static?: { pvcName: string; subPath: string };
      dynamic?: { storageClass: string };
      extraVolumes?: { [key: string]: any }[];
      extraVolumeMounts?: { [key: string]: any }[];
    };
    profileList: KubeSpawnerProfile[];
    uid: number;
    fsGid: number;
    allowPrivilegeEscalation: boolean;
    networkPolicy: {
      enabled: boolean;
      egressAllowRules: { cloudMetadataServer: boolean; privateIPs: boolean };
      egress?: { [key: string]: any }[];
    };
    cloudMetadata: { blockWithIptables: boolean };
  };
  cull: {
    enabled: boolean;
    users: boolean;
    removeNamedServers: boolean;
    timeout: number;
    every: number;
    maxAge: number;
  };
  scheduling: {
    userScheduler: { enabled: boolean };
    userPlaceholder?: { enabled: boolean; replicas: number };
    podPriority?: { enabled: boolean };
  };
  prePuller: { hook: { enabled: boolean }; continuous: { enabled: boolean } };
  [key: string]: any;
}

/**
 * Renders the chart values for a hub. The typed settings come first, then `extraValues` is layered over them
 * with Helm's rules (maps merge, lists replace, `null` deletes the chart's default when Helm coalesces).
 *
 * No secret is in the result: the OAuth client secret goes through `clientSecretSetting`, and the chart
 * generates its own cookie secret and proxy token.
 */
export function renderValues(input: HubValuesInput): Z2jhValues {
  const auth = renderAuthenticator(input.authenticator, oauthCallbackUrl(input.hostname), input.oauthenticator);
  const letsEncrypt = input.https.kind === HttpsKind.LETS_ENCRYPT;
  const proxyTls = letsEncrypt || input.https.kind === HttpsKind.SECRET;
  const x = input.extras ?? {};
  const r = input.resources;
  const memory = compact({
    guarantee: r.memoryGuarantee && bytes(r.memoryGuarantee),
    limit: r.memoryLimit && bytes(r.memoryLimit),
  });
  const cpu = compact({ guarantee: r.cpuGuarantee, limit: r.cpuLimit });
  const lifecycleHooks = compact({
    postStart: x.postStartCommand && { exec: { command: [...x.postStartCommand] } },
    preStop: x.preStopCommand && { exec: { command: [...x.preStopCommand] } },
  });
  const dbPvc = compact({
    storageClassName: x.hubDbStorageClass,
    storage: x.hubDbCapacity?.toKubernetesQuantity(),
    accessModes: x.hubDbAccessModes && [...x.hubDbAccessModes],
  });
  const typed: Z2jhValues = {
    hub: {
      config: {
        ...auth.config,
        JupyterHub: { authenticator_class: auth.authenticatorClass },
        // Deleting a user (or a named server) in the admin page must not delete their home directory. No
        // Kubernetes API token in user pods (KubeSpawner mounts one whenever a service account is set).
        KubeSpawner: { delete_pvc: false, automount_service_account_token: false },
      },
      // Admin is granted through the role as well, so that removing a name from adminUsers revokes it.
      loadRoles: {
        admin: { users: [...input.authenticator.adminUsers] },
        ...(x.gatewayService
          ? {
              [`${x.gatewayService.name}-service`]: {
                scopes: [...x.gatewayService.scopes],
                services: [x.gatewayService.name],
              },
            }
          : {}),
      },
      // hub.services.<name> is made by its apiToken, which reaches the chart only through set_sensitive.
      // The hub database survives `helm uninstall` and a replaced release.
      db: { pvc: { annotations: { "helm.sh/resource-policy": "keep" }, ...dbPvc } },
      networkPolicy: { enabled: true },
      // Named servers only with a per-user bound: each one is another pod (and, with dynamic storage, volume).
      allowNamedServers: input.namedServersPerUser > 0,
      ...(input.namedServersPerUser > 0 ? { namedServerLimitPerUser: input.namedServersPerUser } : {}),
    },
    proxy: {
      service: proxyTls
        ? { type: "LoadBalancer", ...(input.loadBalancerIp ? { loadBalancerIP: input.loadBalancerIp } : {}) }
        : { type: "ClusterIP" },
      https: letsEncrypt
        ? {
            enabled: true,
            type: "letsencrypt",
            hosts: [input.hostname],
            letsencrypt: { contactEmail: input.https.contactEmail! },
          }
        : proxyTls
          ? { enabled: true, type: "secret", hosts: [input.hostname], secret: { name: input.https.tlsSecretName! } }
          : { enabled: false },
      chp: { networkPolicy: { enabled: true } },
      traefik: { networkPolicy: { enabled: true } },
    },
    ingress: proxyTls
      ? { enabled: false }
      : {
          enabled: true,
          hosts: [input.hostname],
          tls: [{ hosts: [input.hostname], secretName: input.https.tlsSecretName! }],
          ...(input.https.ingressClassName ? { ingressClassName: input.https.ingressClassName } : {}),
          ...(Object.keys(input.https.annotations).length > 0 ? { annotations: { ...input.https.annotations } } : {}),
        },
    singleuser: {
      image: { name: input.image.name, tag: input.image.tag },
      ...(memory ? { memory } : {}),
      ...(cpu ? { cpu } : {}),
      ...(input.startTimeoutSeconds !== undefined ? { startTimeout: input.startTimeoutSeconds } : {}),
      extraEnv: {
        ...input.environment,
        ...(input.gatewayApiUrl !== undefined ? { [GATEWAY_API_URL_VARIABLE]: input.gatewayApiUrl } : {}),
      },
      // nbgitpuller as the landing page: the pull runs at every login and shows its progress (and any error) in
      // the browser, where a lifecycle hook that fails would keep the server from starting at all.
      ...(input.tutorials ? { defaultUrl: nbgitpullerPath(input.tutorials) } : {}),
      ...(x.defaultUrl !== undefined ? { defaultUrl: x.defaultUrl } : {}),
      ...(lifecycleHooks ? { lifecycleHooks } : {}),
      ...(x.extraContainers ? { extraContainers: x.extraContainers.map((c) => structuredClone(c)) } : {}),
      storage: {
        ...renderStorage(input.storage),
        ...(x.extraVolumes ? { extraVolumes: x.extraVolumes.map((v) => structuredClone(v)) } : {}),
        ...(x.extraVolumeMounts ? { extraVolumeMounts: x.extraVolumeMounts.map((v) => structuredClone(v)) } : {}),
      },
      profileList: input.profiles.map(renderProfile),
      // Stated rather than inherited: jovyan (uid 1000, group users), never root, no privilege escalation; no
      // service account (serviceAccountName stays unset); egress to the metadata service and private addresses
      // (the NFS server, the hub's internals) closed twice, by network policy and by iptables.
      uid: NOTEBOOK_UID,
      fsGid: NOTEBOOK_GID,
      allowPrivilegeEscalation: false,
      networkPolicy: {
        enabled: true,
        egressAllowRules: { cloudMetadataServer: false, privateIPs: false },
        ...(x.userEgressRules ? { egress: x.userEgressRules.map((e) => structuredClone(e)) } : {}),
      },
      cloudMetadata: { blockWithIptables: true },
    },
    cull: {
      enabled: true,
      // Culling stops idle servers; it never deletes users (and with them, their state).
      users: false,
      removeNamedServers: false,
      timeout: input.cull.timeoutSeconds,
      every: input.cull.everySeconds,
      maxAge: input.cull.maxAgeSeconds,
    },
    scheduling: {
      userScheduler: { enabled: input.userScheduler },
      // Without placeholders the chart's own settings (enabled, 0 replicas; no pod priorities) already mean none.
      ...(input.userPlaceholders > 0
        ? {
            userPlaceholder: { enabled: true, replicas: input.userPlaceholders },
            // Placeholders only make room if real users can preempt them, which takes pod priorities.
            podPriority: { enabled: true },
          }
        : {}),
    },
    prePuller: { hook: { enabled: input.prePuller }, continuous: { enabled: input.prePuller } },
    ...(x.imagePullSecrets ? { imagePullSecrets: [...x.imagePullSecrets] } : {}),
    ...(x.registryCredentials
      ? {
          imagePullSecret: {
            create: true,
            registry: x.registryCredentials.registry,
            username: x.registryCredentials.username,
            ...(x.registryCredentials.email !== undefined ? { email: x.registryCredentials.email } : {}),
          },
        }
      : {}),
  };
  return mergeHelmValues(typed, input.extraValues, NullHandling.KEEP) as Z2jhValues;
}

/**
 * The chart keys the library sets although the user did not, each a documented safety default, with the reason and
 * the prop that relaxes it. Everything else the hub renders is a key the user chose (or the chart's own value).
 */
export const SAFETY_DEFAULTS: readonly { readonly key: string; readonly reason: string; readonly relax: string }[] = [
  { key: "hub.config.KubeSpawner.delete_pvc", reason: "deleting a user must not delete their home", relax: "none" },
  {
    key: "hub.config.KubeSpawner.automount_service_account_token",
    reason: "no Kubernetes API token in users' pods",
    relax: "none",
  },
  {
    key: "hub.config.Authenticator.allow_existing_users",
    reason: "removing someone from the allow rules revokes their access",
    relax: "authenticator allowExistingUsers: true",
  },
  {
    key: "hub.loadRoles.admin.users",
    reason: "removing a name from adminUsers revokes admin rights",
    relax: "none (follows adminUsers)",
  },
  {
    key: "hub.db.pvc.annotations.helm.sh/resource-policy",
    reason: "the hub database survives helm uninstall",
    relax: "none",
  },
  {
    key: "singleuser.networkPolicy.egressAllowRules.privateIPs",
    reason: "users' servers cannot reach the NFS server, the cluster's internals or the cloud's private network",
    relax: "userEgressRules for the private addresses servers need",
  },
  {
    key: "singleuser.memory.limit",
    reason: "one user cannot take a whole worker",
    relax: "memoryLimit, or resourceLimits: false",
  },
  {
    key: "singleuser.cpu.limit",
    reason: "one user cannot take a whole worker",
    relax: "cpuLimit, or resourceLimits: false",
  },
  {
    key: "proxy.service.type",
    reason: "with an ingress, the proxy gets no public address of its own (ClusterIP)",
    relax: "none",
  },
];

/** The `set_sensitive` entry for the OAuth client secret: the only way the secret reaches the chart. */
export function clientSecretSetting(authenticator: Authenticator): { name: string; value: string } {
  const className = renderAuthenticator(authenticator, oauthCallbackUrl("localhost")).className;
  return { name: helmSetName(["hub", "config", className, "client_secret"]), value: authenticator.clientSecret.value };
}

// The chart's secrets and Helm's secret vocabulary live with the rest of Helm's rules.
export { CHART_GENERATED_SECRETS, helmSetName } from "../core/formats/helm-values";
export { plainSecretPaths } from "../core/formats/secrets";

/**
 * The values as the text of `helm_release.values`: JSON (which is YAML), with Terraform's template sequences
 * (`${`, `%{`) in literal strings escaped, so a value such as `${HOME}` reaches the chart as written. References
 * that cdktf resolves (its own tokens) stay live.
 */
export function valuesText(values: HelmValues): string {
  return escapeTerraformTemplate(JSON.stringify(values));
}

// KubeSpawner reads memory with JupyterHub's ByteSpecification: K/M/G/T suffixes, counted in 1024s, the same
// convention as systemd, so a whole number of GiB renders as `2G`. A parsed size keeps the text it came from.
function bytes(size: Size): string {
  return size.parsedFrom ?? size.toSystemdString();
}

function renderStorage(storage: StorageInput): Z2jhValues["singleuser"]["storage"] {
  switch (storage.kind) {
    case HomeStorageKind.NFS:
      return {
        type: "static",
        static: {
          pvcName: storage.claimName!,
          subPath: storage.subDirectory
            ? `${storage.subDirectory}/${storage.subPath ?? "{username}"}`
            : (storage.subPath ?? "{username}"),
        },
      };
    case HomeStorageKind.DYNAMIC:
      return {
        type: "dynamic",
        ...(storage.capacity ? { capacity: storage.capacity.toKubernetesQuantity() } : {}),
        ...(storage.storageClassName !== undefined ? { dynamic: { storageClass: storage.storageClassName } } : {}),
      };
    case HomeStorageKind.NONE:
      return { type: "none" };
  }
}

/** Drops the keys whose value is undefined; undefined when none is left. */
function compact<T extends { [key: string]: any }>(o: T): Partial<T> | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return Object.keys(out).length > 0 ? out : undefined;
}

function renderProfile(p: ResolvedProfile): KubeSpawnerProfile {
  const override: { [key: string]: any } = {
    ...(p.image ? { image: imageReference(p.image) } : {}),
    ...(p.resources.memoryGuarantee ? { mem_guarantee: bytes(p.resources.memoryGuarantee) } : {}),
    ...(p.resources.memoryLimit ? { mem_limit: bytes(p.resources.memoryLimit) } : {}),
    ...(p.resources.cpuGuarantee !== undefined ? { cpu_guarantee: p.resources.cpuGuarantee } : {}),
    ...(p.resources.cpuLimit !== undefined ? { cpu_limit: p.resources.cpuLimit } : {}),
    ...(p.nodeSelector ? { node_selector: { ...p.nodeSelector } } : {}),
    ...(p.extraContainers ? { extra_containers: p.extraContainers.map((c) => structuredClone(c)) } : {}),
    ...(p.gpus > 0
      ? {
          extra_resource_limits: { "nvidia.com/gpu": String(p.gpus) },
          tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
        }
      : {}),
    ...structuredClone(p.kubespawnerOverride ?? {}),
  };
  return {
    display_name: p.displayName,
    ...(p.slug !== undefined ? { slug: p.slug } : {}),
    ...(p.description ? { description: p.description } : {}),
    ...(p.isDefault ? { default: true } : {}),
    ...(Object.keys(override).length > 0 ? { kubespawner_override: override } : {}),
    ...(p.options.length > 0
      ? { profile_options: Object.fromEntries(p.options.map((o) => [o.name, renderProfileOption(o)])) }
      : {}),
  };
}

function renderProfileOption(o: ProfileOption): { [key: string]: any } {
  return {
    display_name: o.displayName,
    choices: Object.fromEntries(
      (o.choices ?? []).map((c) => [
        c.key,
        {
          display_name: c.displayName,
          ...(c.default ? { default: true } : {}),
          ...(c.kubespawnerOverride ? { kubespawner_override: structuredClone(c.kubespawnerOverride) } : {}),
        },
      ]),
    ),
    ...(o.unlistedChoice
      ? {
          unlisted_choice: {
            enabled: true,
            display_name: o.unlistedChoice.displayName,
            ...(o.unlistedChoice.validationRegex ? { validation_regex: o.unlistedChoice.validationRegex } : {}),
            kubespawner_override: structuredClone(o.unlistedChoice.kubespawnerOverride),
          },
        }
      : {}),
  };
}
