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
import { ResolvedProfile } from "./profile";
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
  /** Dynamic: each user's volume size. */
  readonly capacity?: Size;
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
  readonly resources: ServerResources;
  readonly startTimeoutSeconds: number;
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
  /** Merged last, with Helm's rules. */
  readonly extraValues: HelmValues;
}

type Traits = { [trait: string]: any };

/** One entry of `singleuser.profileList`, in KubeSpawner's vocabulary. */
export interface KubeSpawnerProfile {
  display_name: string;
  slug: string;
  description?: string;
  default?: boolean;
  kubespawner_override: {
    image?: string;
    mem_guarantee: string;
    mem_limit: string;
    cpu_guarantee: number;
    cpu_limit: number;
    extra_resource_limits?: { [resource: string]: string };
    tolerations?: { key: string; operator: string; effect: string }[];
  };
}

/** The chart values this library renders. `extraValues` may add any other key of the chart. */
export interface Z2jhValues {
  hub: {
    config: { [className: string]: Traits };
    loadRoles: { admin: { users: string[] } };
    db: { pvc: { annotations: { [key: string]: string } } };
    networkPolicy: { enabled: boolean };
    allowNamedServers: boolean;
    namedServerLimitPerUser?: number;
  };
  proxy: {
    service: { type: "LoadBalancer" | "ClusterIP"; loadBalancerIP?: string };
    https: { enabled: boolean; type?: "letsencrypt"; hosts?: string[]; letsencrypt?: { contactEmail: string } };
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
    memory: { guarantee: string; limit: string };
    cpu: { guarantee: number; limit: number };
    startTimeout: number;
    extraEnv: { [name: string]: string };
    defaultUrl?: string;
    storage: {
      type: "static" | "dynamic" | "none";
      capacity?: string;
      static?: { pvcName: string; subPath: string };
      dynamic?: { storageClass: string };
    };
    profileList: KubeSpawnerProfile[];
    uid: number;
    fsGid: number;
    allowPrivilegeEscalation: boolean;
    networkPolicy: { enabled: boolean; egressAllowRules: { cloudMetadataServer: boolean; privateIPs: boolean } };
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
    userPlaceholder: { enabled: boolean; replicas: number };
    podPriority: { enabled: boolean };
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
      loadRoles: { admin: { users: [...input.authenticator.adminUsers] } },
      // The hub database survives `helm uninstall` and a replaced release.
      db: { pvc: { annotations: { "helm.sh/resource-policy": "keep" } } },
      networkPolicy: { enabled: true },
      // Named servers only with a per-user bound: each one is another pod (and, with dynamic storage, volume).
      allowNamedServers: input.namedServersPerUser > 0,
      ...(input.namedServersPerUser > 0 ? { namedServerLimitPerUser: input.namedServersPerUser } : {}),
    },
    proxy: {
      service: letsEncrypt
        ? { type: "LoadBalancer", ...(input.loadBalancerIp ? { loadBalancerIP: input.loadBalancerIp } : {}) }
        : { type: "ClusterIP" },
      https: letsEncrypt
        ? {
            enabled: true,
            type: "letsencrypt",
            hosts: [input.hostname],
            letsencrypt: { contactEmail: input.https.contactEmail! },
          }
        : { enabled: false },
      chp: { networkPolicy: { enabled: true } },
      traefik: { networkPolicy: { enabled: true } },
    },
    ingress: letsEncrypt
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
      memory: { guarantee: bytes(input.resources.memoryGuarantee), limit: bytes(input.resources.memoryLimit) },
      cpu: { guarantee: input.resources.cpuGuarantee, limit: input.resources.cpuLimit },
      startTimeout: input.startTimeoutSeconds,
      extraEnv: {
        ...input.environment,
        ...(input.gatewayApiUrl !== undefined ? { [GATEWAY_API_URL_VARIABLE]: input.gatewayApiUrl } : {}),
      },
      // nbgitpuller as the landing page: the pull runs at every login and shows its progress (and any error) in
      // the browser, where a lifecycle hook that fails would keep the server from starting at all.
      ...(input.tutorials ? { defaultUrl: nbgitpullerPath(input.tutorials) } : {}),
      storage: renderStorage(input.storage),
      profileList: input.profiles.map(renderProfile),
      // Stated rather than inherited: jovyan (uid 1000, group users), never root, no privilege escalation; no
      // service account (serviceAccountName stays unset); egress to the metadata service and private addresses
      // (the NFS server, the hub's internals) closed twice, by network policy and by iptables.
      uid: NOTEBOOK_UID,
      fsGid: NOTEBOOK_GID,
      allowPrivilegeEscalation: false,
      networkPolicy: { enabled: true, egressAllowRules: { cloudMetadataServer: false, privateIPs: false } },
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
      userPlaceholder: { enabled: input.userPlaceholders > 0, replicas: input.userPlaceholders },
      // Placeholders only make room if real users can preempt them, which takes pod priorities.
      podPriority: { enabled: input.userPlaceholders > 0 },
    },
    prePuller: { hook: { enabled: input.prePuller }, continuous: { enabled: input.prePuller } },
  };
  return mergeHelmValues(typed, input.extraValues, NullHandling.KEEP) as Z2jhValues;
}

/** The `set_sensitive` entry for the OAuth client secret: the only way the secret reaches the chart. */
export function clientSecretSetting(authenticator: Authenticator): { name: string; value: string } {
  const className = renderAuthenticator(authenticator, oauthCallbackUrl("localhost")).className;
  return { name: helmSetName(["hub", "config", className, "client_secret"]), value: authenticator.clientSecret.value };
}

// The chart's secrets and Helm's secret vocabulary live with the rest of Helm's rules.
export { CHART_GENERATED_SECRETS, helmSetName, plainSecretPaths } from "../core/formats/helm-values";

/**
 * The values as the text of `helm_release.values`: JSON (which is YAML), with Terraform's template sequences
 * (`${`, `%{`) in literal strings escaped, so a value such as `${HOME}` reaches the chart as written. References
 * that cdktf resolves (its own tokens) stay live.
 */
export function valuesText(values: HelmValues): string {
  return escapeTerraformTemplate(JSON.stringify(values));
}

// KubeSpawner reads memory with JupyterHub's ByteSpecification: K/M/G/T suffixes, counted in 1024s, the same
// convention as systemd, so a whole number of GiB renders as `2G`.
function bytes(size: Size): string {
  return size.toSystemdString();
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
        capacity: storage.capacity!.toKubernetesQuantity(),
        dynamic: { storageClass: storage.storageClassName! },
      };
    case HomeStorageKind.NONE:
      return { type: "none" };
  }
}

function renderProfile(p: ResolvedProfile): KubeSpawnerProfile {
  return {
    display_name: p.displayName,
    slug: p.slug,
    ...(p.description ? { description: p.description } : {}),
    ...(p.isDefault ? { default: true } : {}),
    kubespawner_override: {
      ...(p.image ? { image: imageReference(p.image) } : {}),
      mem_guarantee: bytes(p.resources.memoryGuarantee),
      mem_limit: bytes(p.resources.memoryLimit),
      cpu_guarantee: p.resources.cpuGuarantee,
      cpu_limit: p.resources.cpuLimit,
      ...(p.gpus > 0
        ? {
            extra_resource_limits: { "nvidia.com/gpu": String(p.gpus) },
            tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
          }
        : {}),
    },
  };
}
