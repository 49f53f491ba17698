import { Release } from "@cdktf/provider-helm/lib/release";
import { Password } from "@cdktf/provider-random/lib/password";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Annotations, ITerraformDependable, Lazy } from "cdktf";
import { Construct } from "constructs";
import { Authenticator, normalizeUsers } from "../core/authenticator";
import { JetstreamValidationError } from "../core/errors";
import { oauthCallbackUrl } from "../core/authenticator-config";
import { OAuthenticatorTarget, checkLoginTarget, z2jhTarget } from "../core/oauthenticator-target";
import { IHubEndpoint, IKubernetesCluster, INfsHomeStorage } from "../core/interfaces";
import { isDnsLabel, toDnsLabel } from "../core/naming";
import { Secret } from "../core/secret";
import { checkTutorials, ResolvedTutorials, TutorialNotebooks } from "../core/tutorials";
import { Duration, Size } from "../core/units";
import {
  checkHttpsUrl,
  checkInteger,
  checkLiteral,
  checkNonEmpty,
  checkSeconds,
  checkUniqueId,
  checkWholeList,
  fail,
  isUnresolved,
} from "../core/validate";
import { chooseProviders, ConfiguredKubernetesProviders } from "../kubernetes-on-jetstream/providers";
import { protectData } from "../ledger/protection";
import { readFileSync } from "fs";
import { YamlVersion, parseYaml } from "../core/formats/yaml";
import { HelmValues, mergeHelmValues, NullHandling } from "../core/formats/helm-values";
import { importValues, ValuesImportReport } from "./import-values";
import { chartSchemaViolations, SCHEMA_CHART_VERSION } from "./values-schema";
import { z2jhEffectiveValues } from "../core/formats/upstream-defaults";
import { Https, HttpsKind, ResolvedHttps } from "./https";
import { checkImage, ContainerImage } from "./image";
import { Profile, ResolvedProfile, resolveProfile } from "./profile";
import { checkServerResources, DEFAULT_CPU_LIMIT, DEFAULT_MEMORY_LIMIT, ServerResources } from "./resources";
import { BoundHomeStorage, HomeStorage, HomeStorageKind } from "./storage";
import { checkChartVersion, checkEnvironment, checkExtraValues, checkHubCulling, checkHubHostname } from "./checks";
import {
  CHART_GENERATED_SECRETS,
  clientSecretSetting,
  GatewayServiceInput,
  helmSetName,
  HubExtrasInput,
  renderValues,
  valuesText,
} from "./values";

/**
 * A JupyterHub service the gateway calls the hub's REST API as.
 *
 * @see https://jupyterhub.readthedocs.io/en/stable/reference/rbac/scopes.html
 */
export interface GatewayServiceOptions {
  /**
   * The service's name (`hub.services.<name>`), a DNS label.
   *
   * Tokens: refused; it names the service and its role at synth.
   *
   * @default "gateway"
   */
  readonly name?: string;
  /**
   * The scopes its role grants. The default lets the gateway start and stop users' servers, list users and put
   * notebooks into their servers (`access:servers` reaches the servers' contents API).
   *
   * Tokens: refused; the scopes are checked at synth, and the policy pack judges them.
   *
   * @default ["list:users", "read:users", "servers", "access:servers"]
   */
  readonly scopes?: string[];
}

/**
 * Credentials for a private registry, from which the chart makes a pull secret (`imagePullSecret`).
 */
export interface RegistryCredentials {
  /**
   * The registry's host, e.g. `ghcr.io` (`imagePullSecret.registry`).
   *
   * Tokens: accepted; written into the Helm values as a reference.
   */
  readonly registry: string;
  /**
   * The user name (`imagePullSecret.username`).
   *
   * Tokens: accepted; written into the Helm values as a reference.
   */
  readonly username: string;
  /**
   * The password or token (`imagePullSecret.password`), through `set_sensitive`.
   *
   * Tokens: n.a.; a Secret, which carries its own variable reference.
   */
  readonly password: Secret;
  /**
   * The e-mail address some registries want (`imagePullSecret.email`).
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default - none
   */
  readonly email?: string;
}

/**
 * Props for `ZeroToJupyterHub.fromValuesFile`.
 */
export interface ZeroToJupyterHubFromValuesProps {
  /**
   * The cluster to install the hub on.
   *
   * Tokens: n.a.; a cluster construct.
   */
  readonly cluster: IKubernetesCluster;
  /**
   * The path of the existing `config.yaml` (read when the construct is made, never at synth).
   *
   * Tokens: refused; the file is read and imported at synth.
   *
   * @default - `valuesYaml` must be given
   */
  readonly valuesFile?: string;
  /**
   * The text of the existing `config.yaml`, instead of `valuesFile`.
   *
   * Tokens: refused; the values are parsed and imported at synth.
   *
   * @default - read from `valuesFile`
   */
  readonly valuesYaml?: string;
  /**
   * A Secret for every chart key of the file that holds a secret (`hub.config.<Class>.client_secret`,
   * `hub.cookieSecret`, `proxy.secretToken`, `imagePullSecret.password`); their values in the file are never read.
   *
   * Tokens: n.a.; a map of Secrets, each carrying its own variable reference.
   *
   * @default - none: a file with a secret in it is refused
   */
  readonly secrets?: { [chartKey: string]: Secret };
  /**
   * The Helm and Kubernetes providers, as for the constructor.
   *
   * Tokens: n.a.; a struct of provider constructs.
   *
   * @default - the stack's default providers
   */
  readonly providers?: ConfiguredKubernetesProviders;
}

/**
 * Props for `ZeroToJupyterHub`.
 */
export interface ZeroToJupyterHubProps {
  /**
   * The cluster to install the hub on.
   *
   * Tokens: n.a.; a cluster construct.
   */
  readonly cluster: IKubernetesCluster;
  /**
   * The Helm and Kubernetes providers to install with: what `KubernetesProviders.configure` returned for `cluster`,
   * in this construct's stack. Needed when the stack has more than one pair (it talks to two clusters) or only an
   * aliased one; synth refuses to guess.
   *
   * Tokens: n.a.; a struct of provider constructs.
   *
   * @default - the stack's default (unaliased) Helm and Kubernetes providers
   */
  readonly providers?: ConfiguredKubernetesProviders;
  /**
   * Claim the cluster's stable hub endpoint (`cluster.hubEndpoint`): its host name is the default `domain`, and its
   * reserved address goes to the proxy's load balancer. An endpoint belongs to one hub: a second hub on the same
   * cluster is refused until it says `false` and brings its own `domain`.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default true
   */
  readonly claimClusterEndpoint?: boolean;
  /**
   * How users log in: GitHub, Google, CILogon or the gateway's own OAuth/OIDC provider, with the hub's admins and
   * allow rules (`hub.config`).
   *
   * Tokens: n.a.; an Authenticator.
   */
  readonly authenticator: Authenticator;
  /**
   * How the hub serves HTTPS. Required, because every login is OAuth and OAuth needs HTTPS.
   *
   * Tokens: n.a.; an Https.
   */
  readonly https: Https;
  /**
   * The hub's public host name, e.g. `hub.cis230085.projects.jetstream-cloud.org`. The certificate, the ingress
   * host and the OAuth callback URL (`https://<domain>/hub/oauth_callback`) all come from it.
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default - the host name of the cluster's stable hub endpoint
   */
  readonly domain?: string;
  /**
   * The exact version of the `jupyterhub` chart (no ranges, no `latest`).
   *
   * Tokens: refused; the pinned version picks the chart's defaults at synth.
   *
   * @default "4.4.0"
   */
  readonly chartVersion?: string;
  /**
   * The Helm release name (at most 53 characters). Changing it reinstalls the hub, so set it once. Two hubs on one
   * cluster get distinct names from their ids; one namespace holds one hub.
   *
   * Tokens: refused; it names the release, whose name forms Kubernetes object names.
   *
   * @default - the construct id as a DNS label, e.g. "hub" for id "Hub"
   */
  readonly releaseName?: string;
  /**
   * The Kubernetes namespace of the hub. Changing it reinstalls the hub, so set it once.
   *
   * Tokens: refused; it names the namespace and is compared with other hubs' at synth.
   *
   * @default - the release name
   */
  readonly namespace?: string;
  /**
   * Create the namespace (with `prevent_destroy`), or use one that already exists.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * How long Terraform waits for an install or upgrade: the pre-puller pulls every image on every node first, and
   * pulls of multi-GB images on Jetstream2 take minutes.
   *
   * Tokens: n.a.; a Duration.
   *
   * @default Duration.minutes(20)
   */
  readonly deployTimeout?: Duration;
  /**
   * The image of users' servers (`singleuser.image`). It must contain nbgitpuller when `tutorials` is set (the
   * chart's sample image does).
   *
   * Tokens: n.a.; a struct whose props say for themselves.
   *
   * @default - quay.io/jupyterhub/k8s-singleuser-sample at the chart version
   */
  readonly image?: ContainerImage;
  /**
   * Memory guaranteed to each user's server (`singleuser.memory.guarantee`). `Size.parse("1.5G")` keeps the text.
   *
   * Tokens: n.a.; a Size.
   *
   * @default - not rendered: the chart's 1G
   */
  readonly memoryGuarantee?: Size;
  /**
   * Memory each user's server may use at most (`singleuser.memory.limit`). Must fit on one worker after the
   * system reserve (10% of the worker's memory, at least 1 GiB).
   *
   * Tokens: n.a.; a Size.
   *
   * @default Size.gibibytes(2), a safety default (one user cannot take a whole worker); none with `resourceLimits: false`
   */
  readonly memoryLimit?: Size;
  /**
   * vCPUs guaranteed to each user's server (`singleuser.cpu.guarantee`).
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default - not rendered: the chart sets no CPU guarantee
   */
  readonly cpuGuarantee?: number;
  /**
   * vCPUs each user's server may use at most (`singleuser.cpu.limit`).
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default 2, or the worker's vCPUs if it has fewer: a safety default; none with `resourceLimits: false`
   */
  readonly cpuLimit?: number;
  /**
   * Render the safety defaults for `memoryLimit` and `cpuLimit` when they are not given. Set false to keep the
   * chart's own (no CPU limit, and no memory limit but what the node has), e.g. when migrating a hub whose users
   * never had a limit and would otherwise start losing kernels to the OOM killer. Limits given explicitly are
   * always rendered. The JetstreamChecks pack flags servers without limits (HUB-08).
   *
   * Tokens: n.a.; a boolean.
   *
   * @default true
   */
  readonly resourceLimits?: boolean;
  /**
   * How long the hub waits for a server to start (`singleuser.startTimeout`). The first start on a node pulls the
   * image unless the pre-puller (on by default) already did.
   *
   * Tokens: n.a.; a Duration.
   *
   * @default - not rendered: the chart's 300 seconds
   */
  readonly startTimeout?: Duration;
  /**
   * The page users land on when their server starts (`singleuser.defaultUrl`), e.g. `/lab` or `/lab/tree/README.md`.
   * Not with `tutorials`, which sets it to the nbgitpuller link.
   *
   * Tokens: refused; it is checked to be a path at synth.
   *
   * @default - the chart's (JupyterLab)
   */
  readonly defaultUrl?: string;
  /**
   * A command run in each user's container after it starts (`singleuser.lifecycleHooks.postStart.exec.command`),
   * e.g. `["sh", "-c", "cp -rn /srv/examples ~/"]`. A failing command keeps the server from starting.
   *
   * Tokens: refused as a whole list, accepted per entry; the words are written one by one into the Helm values.
   *
   * @default - none
   */
  readonly postStartCommand?: string[];
  /**
   * A command run in each user's container before it stops (`singleuser.lifecycleHooks.preStop.exec.command`).
   *
   * Tokens: refused as a whole list, accepted per entry; the words are written one by one into the Helm values.
   *
   * @default - none
   */
  readonly preStopCommand?: string[];
  /**
   * Extra volumes for users' pods (`singleuser.storage.extraVolumes`): Kubernetes Volume objects as in a Pod spec,
   * e.g. `{ name: "shared", persistentVolumeClaim: { claimName: "shared-data" } }`.
   *
   * Tokens: n.a.; free-form volume objects, not a string, number or list.
   *
   * @default - none
   */
  readonly extraVolumes?: { [key: string]: any }[];
  /**
   * Where the extra volumes are mounted (`singleuser.storage.extraVolumeMounts`): Kubernetes VolumeMount objects,
   * e.g. `{ name: "shared", mountPath: "/home/shared", readOnly: true }`.
   *
   * Tokens: n.a.; free-form mount objects, not a string, number or list.
   *
   * @default - none
   */
  readonly extraVolumeMounts?: { [key: string]: any }[];
  /**
   * Sidecar containers in every user's pod (`singleuser.extraContainers`): Kubernetes Container objects.
   *
   * Tokens: n.a.; free-form container objects, not a string, number or list.
   *
   * @default - none
   */
  readonly extraContainers?: { [key: string]: any }[];
  /**
   * Existing `kubernetes.io/dockerconfigjson` secrets in the hub's namespace to pull private images with
   * (`imagePullSecrets`).
   *
   * Tokens: refused as a whole list, accepted per entry; the names are written one by one into the Helm values.
   *
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * Registry credentials the chart turns into a pull secret for users' and its own images (`imagePullSecret.create`,
   * `.registry`, `.username`, `.email`; the password through `set_sensitive`).
   *
   * Tokens: n.a.; a struct whose props say for themselves.
   *
   * @default - none
   */
  readonly imagePullSecret?: RegistryCredentials;
  /**
   * The StorageClass of the hub database's volume (`hub.db.pvc.storageClassName`).
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default - the cluster's default class
   */
  readonly hubDbStorageClass?: string;
  /**
   * The size of the hub database's volume (`hub.db.pvc.storage`).
   *
   * Tokens: n.a.; a Size.
   *
   * @default - the chart's 1Gi
   */
  readonly hubDbCapacity?: Size;
  /**
   * The access modes of the hub database's volume (`hub.db.pvc.accessModes`).
   *
   * Tokens: refused as a whole list, accepted per entry; the modes are written one by one into the Helm values.
   *
   * @default - the chart's ["ReadWriteOnce"]
   */
  readonly hubDbAccessModes?: string[];
  /**
   * Extra egress rules for users' pods (`singleuser.networkPolicy.egress`): Kubernetes NetworkPolicyEgressRule
   * objects, e.g. to let servers reach one private database. The safety rules stay: no cloud metadata service,
   * no private addresses but the ones listed here.
   *
   * Tokens: n.a.; free-form rule objects, not a string, number or list.
   *
   * @default - none
   */
  readonly userEgressRules?: { [key: string]: any }[];
  /**
   * The hub's cookie secret (`hub.cookieSecret`), 64 hex characters, through `set_sensitive`. Only for hubs that
   * must keep an existing secret across a reinstall (migrations, several replicas of config); otherwise leave it
   * to the chart, which generates one and keeps it across upgrades. Changing it logs everyone out.
   *
   * Tokens: n.a.; a Secret, which carries its own variable reference.
   *
   * @default - generated by the chart
   */
  readonly cookieSecret?: Secret;
  /**
   * The proxy's auth token (`proxy.secretToken`), through `set_sensitive`. As with `cookieSecret`, only to keep an
   * existing token.
   *
   * Tokens: n.a.; a Secret, which carries its own variable reference.
   *
   * @default - generated by the chart
   */
  readonly proxySecretToken?: Secret;
  /**
   * A JupyterHub service for the gateway (`hub.services.<name>`, a role in `hub.loadRoles`), with an API token
   * from `random_password` delivered through `set_sensitive`. Read the token from `gatewayServiceToken` and hand it
   * to the gateway (e.g. as a sensitive output of your stack). The stack needs the random provider
   * (`new RandomProvider(stack, "random", {})` from `@cdktf/provider-random`).
   *
   * Tokens: n.a.; a struct whose props say for themselves.
   *
   * @default - no service
   */
  readonly gatewayService?: GatewayServiceOptions;
  /**
   * Environment variables for every user's server (`singleuser.extraEnv`). Plain text: never put secrets here.
   *
   * Tokens: refused as a whole map, accepted per value; each key is checked, and each value written into the Helm
   * values as a reference.
   *
   * @default - none
   */
  readonly environment?: { [name: string]: string };
  /**
   * The gateway's API URL, passed to users' servers as `GATEWAY_API_URL` so tutorials can call it.
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default - not set
   */
  readonly gatewayApiUrl?: string;
  /**
   * Tutorial notebooks pulled into every user's home with nbgitpuller at each login (`singleuser.defaultUrl`).
   *
   * Tokens: n.a.; a struct whose props say for themselves.
   *
   * @default - none
   */
  readonly tutorials?: TutorialNotebooks;
  /**
   * Where home directories live (`singleuser.storage`).
   *
   * Tokens: n.a.; a HomeStorage.
   *
   * @default HomeStorage.nfs(): the cluster's out-of-cluster NFS home storage
   */
  readonly homeStorage?: HomeStorage;
  /**
   * Server choices users pick from at start (`singleuser.profileList`). More with `addProfile`.
   *
   * Tokens: n.a.; a list of structs whose props say for themselves.
   *
   * @default - none: everyone gets the hub's image and resources
   */
  readonly profiles?: Profile[];
  /**
   * Stop a server after this long without activity (`cull.timeout`).
   *
   * Tokens: n.a.; a Duration.
   *
   * @default Duration.hours(1)
   */
  readonly cullTimeout?: Duration;
  /**
   * How often the culler looks for idle servers (`cull.every`). At most `cullTimeout`.
   *
   * Tokens: n.a.; a Duration.
   *
   * @default Duration.minutes(10)
   */
  readonly cullEvery?: Duration;
  /**
   * Stop servers older than this, active or not (`cull.maxAge`).
   *
   * Tokens: n.a.; a Duration.
   *
   * @default - no maximum age
   */
  readonly cullMaxAge?: Duration;
  /**
   * Schedule users with the chart's user scheduler, which packs servers onto the fewest nodes so that an
   * autoscaler can remove idle ones (`scheduling.userScheduler.enabled`).
   *
   * Tokens: n.a.; a boolean.
   *
   * @default true
   */
  readonly userScheduler?: boolean;
  /**
   * Pull users' images onto every node before upgrades finish and whenever a node joins
   * (`prePuller.hook.enabled`, `prePuller.continuous.enabled`), so no user waits for a pull.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default true
   */
  readonly prePuller?: boolean;
  /**
   * Placeholder pods that hold room for this many users and give it up when real users arrive
   * (`scheduling.userPlaceholder.replicas`; turns pod priorities on).
   *
   * Tokens: refused; it is checked and written into the Helm values at synth.
   *
   * @default 0
   */
  readonly userPlaceholders?: number;
  /**
   * Named servers each user may run besides their default one (`hub.allowNamedServers`,
   * `hub.namedServerLimitPerUser`). Each is another pod with the same limits, so the number is a bound on what
   * one user can take from the cluster.
   *
   * Tokens: refused; it is checked and written into the hub's configuration at synth.
   *
   * @default 0 (named servers off)
   */
  readonly namedServersPerUser?: number;
  /**
   * Any other chart values, layered over the typed ones last with Helm's rules: maps merge, lists replace,
   * `null` removes a chart default. Plain text: secrets are rejected here (use `addSensitiveValue`).
   *
   * Tokens: n.a.; free-form values, not a string, number or list.
   *
   * @default - none
   */
  readonly extraValues?: { [key: string]: any };
}

/**
 * JupyterHub on Kubernetes with the Zero to JupyterHub Helm chart, pinned to an exact version, with typed props
 * in the chart's own vocabulary.
 *
 * Secure and data-safe by default: OAuth login over HTTPS, network policies and the cloud-metadata block kept
 * on, idle servers culled but users never deleted, `KubeSpawner.delete_pvc` off, homes on storage outside the
 * cluster, a protected namespace, and the OAuth client secret passed only through `set_sensitive`.
 *
 * @example
 * new ZeroToJupyterHub(stack, "Hub", {
 *   cluster,
 *   authenticator: Authenticator.gitHub({
 *     clientId: "Iv1.0123456789abcdef",
 *     clientSecret: Secret.fromEnvironment(stack, "github_client_secret"),
 *     adminUsers: ["alice"],
 *     allowedOrganizations: ["my-gateway"],
 *   }),
 *   https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
 * });
 */
export class ZeroToJupyterHub extends Construct {
  /**
   * A hub from an existing z2jh `config.yaml`: the typed prop wherever one exists, `extraValues` for the rest.
   * `valuesImport` says which keys went where. Parsed as YAML 1.1 (merge keys), as Helm reads it. The result is
   * checked like any hub: a file the library would refuse (a `latest` tag, the dummy login, no HTTPS) is refused.
   *
   * @param scope the stack, as for the constructor
   * @param id the construct id
   * @param props the cluster, the file and a Secret for each secret in it
   */
  public static fromValuesFile(scope: Construct, id: string, props: ZeroToJupyterHubFromValuesProps): ZeroToJupyterHub {
    checkLiteral(scope, "valuesFile", props.valuesFile, "the file is read and imported at synth");
    checkLiteral(scope, "valuesYaml", props.valuesYaml, "the values are parsed and imported at synth");
    const text =
      props.valuesYaml ?? (props.valuesFile !== undefined ? readFileSync(props.valuesFile, "utf8") : undefined);
    if (typeof text !== "string") {
      throw new JetstreamValidationError({
        prop: "valuesFile",
        value: props.valuesFile,
        problem: "no values to import",
        allowed: "the path of a config.yaml (valuesFile) or its text (valuesYaml)",
        fix: "give valuesFile",
      });
    }
    const values = (parseYaml(text, YamlVersion.HELM) ?? {}) as HelmValues;
    const imported = importValues(values, props.secrets ?? {}, props.cluster?.hubEndpoint?.ipAddress);
    const hub = new ZeroToJupyterHub(scope, id, {
      cluster: props.cluster,
      providers: props.providers,
      ...(imported.props as any),
    });
    hub.imported = imported.report;
    return hub;
  }

  /** The Helm repository of the chart. */
  public static readonly CHART_REPOSITORY = "https://hub.jupyter.org/helm-chart/";
  /** The chart's name in that repository. */
  public static readonly CHART_NAME = "jupyterhub";
  /** The chart version used unless `chartVersion` says otherwise. */
  public static readonly DEFAULT_CHART_VERSION = "4.4.0";

  /** The `helm_release`. */
  public readonly release: Release;
  /** The namespace object, when the construct created it. */
  public readonly kubernetesNamespace?: NamespaceV1;
  /** The Helm release name. */
  public readonly releaseName: string;
  /** The hub's namespace. */
  public readonly namespace: string;
  /** The chart version installed. */
  public readonly chartVersion: string;
  /** The hub's public host name. */
  public readonly hostname: string;
  /** The hub's URL, `https://<hostname>/`. */
  public readonly url: string;
  /** The callback URL to register with the OAuth provider. */
  public readonly oauthCallbackUrl: string;
  /** Where home directories live. */
  public readonly homeStorageKind: HomeStorageKind;
  /** The folder of the NFS export that holds this hub's homes; empty for the export's root or other storage. */
  public readonly homeSubDirectory: string;
  /** The `random_password` behind the gateway service's token, when `gatewayService` is set. */
  public readonly gatewayServicePassword?: Password;
  /**
   * The gateway service's API token (sensitive; a reference to `random_password.result`), when `gatewayService` is
   * set. Send it as `Authorization: token <value>` to `<url>hub/api/`.
   */
  public readonly gatewayServiceToken?: string;
  /** The gateway service's name, when `gatewayService` is set. */
  public readonly gatewayServiceName?: string;

  private imported?: ValuesImportReport;
  private readonly authenticator: Authenticator;
  private readonly oauthenticator: OAuthenticatorTarget;
  private readonly https: ResolvedHttps;
  private readonly loadBalancerIp?: string;
  private readonly image: ContainerImage;
  private readonly resources: ServerResources;
  private readonly startTimeoutSeconds?: number;
  private readonly checkedResources: ServerResources;
  private readonly extras: HubExtrasInput;
  private readonly environment: { [name: string]: string };
  private readonly gatewayApiUrl?: string;
  private readonly tutorials?: ResolvedTutorials;
  private readonly storage: BoundHomeStorage;
  private readonly cull: { timeoutSeconds: number; everySeconds: number; maxAgeSeconds: number };
  private readonly userScheduler: boolean;
  private readonly prePuller: boolean;
  private readonly userPlaceholders: number;
  private readonly namedServersPerUser: number;
  private readonly extraValues: HelmValues;
  private readonly cluster: IKubernetesCluster;
  private readonly claimedEndpoint?: IHubEndpoint;
  private readonly profiles: ResolvedProfile[] = [];
  private readonly sensitiveValues: { name: string; value: string; type: string }[] = [];

  /**
   * @param scope the stack that has the Helm and Kubernetes providers for `cluster` (`KubernetesProviders.configure`)
   * @param id the construct id; part of the Terraform addresses, and the default release name and namespace
   * @param props the cluster, login and HTTPS, plus the users' servers in the chart's vocabulary
   */
  public constructor(scope: Construct, id: string, props: ZeroToJupyterHubProps) {
    super(scope, checkUniqueId(scope, id));
    this.cluster = props.cluster;
    if (!props.cluster) {
      fail(this, {
        prop: "cluster",
        value: props.cluster,
        problem: "the hub needs a cluster",
        allowed: "an IKubernetesCluster: KubernetesOnJetstream, or KubernetesCluster.fromAttributes",
        fix: "pass the cluster the hub runs on",
      });
    }

    this.chartVersion = checkChartVersion(
      this,
      props.chartVersion ?? ZeroToJupyterHub.DEFAULT_CHART_VERSION,
      ZeroToJupyterHub.DEFAULT_CHART_VERSION,
    );
    checkLiteral(this, "releaseName", props.releaseName, "it names the Helm release and the objects the chart makes");
    checkLiteral(this, "namespace", props.namespace, "it names the namespace, which is compared with other hubs'");
    this.releaseName = props.releaseName ?? toDnsLabel(id, 53);
    if (!isDnsLabel(this.releaseName) || this.releaseName.length > 53) {
      fail(this, {
        prop: "releaseName",
        value: this.releaseName,
        problem: "not a Helm release name",
        allowed: "a DNS label of at most 53 characters: a-z, 0-9 and '-', starting and ending with a letter or digit",
        fix: `set releaseName, e.g. ${JSON.stringify(toDnsLabel(this.releaseName, 53) || "jupyterhub")}`,
      });
    }
    this.namespace = props.namespace ?? this.releaseName;
    if (!isDnsLabel(this.namespace) || RESERVED_NAMESPACES.includes(this.namespace)) {
      fail(this, {
        prop: "namespace",
        value: this.namespace,
        problem: RESERVED_NAMESPACES.includes(this.namespace)
          ? "a namespace Kubernetes itself uses"
          : "not a Kubernetes namespace name",
        allowed: `a DNS label of at most 63 characters, not ${RESERVED_NAMESPACES.join(", ")}`,
        fix: "give the hub a namespace of its own, e.g. jupyterhub",
      });
    }
    const others = this.otherHubs();
    const twin = others.find((c) => sameCluster(c.cluster, props.cluster) && c.namespace === this.namespace);
    if (twin) {
      fail(this, {
        prop:
          props.namespace === undefined ? "namespace (default: the release name, from the construct id)" : "namespace",
        value: this.namespace,
        problem: `${JSON.stringify(this.namespace)} is already the namespace of the hub at ${twin.node.path} on this cluster${known(props.cluster.clusterName) ? ` (${JSON.stringify(props.cluster.clusterName)})` : ""}; its release, home volume and claim would be this hub's too`,
        allowed: "one hub per namespace",
        fix: "give each hub its own construct id, or its own namespace and releaseName",
      });
    }

    if (!(props.authenticator instanceof Authenticator)) {
      fail(this, {
        prop: "authenticator",
        value: props.authenticator,
        problem: "the hub needs a login",
        allowed: "Authenticator.gitHub(...), .google(...), .ciLogon(...) or .genericOAuth(...)",
        fix: "choose how your users log in; the chart's dummy authenticator is never used",
      });
    }
    this.authenticator = props.authenticator;
    this.oauthenticator = z2jhTarget(this.chartVersion);
    checkLoginTarget(this, this.authenticator, this.oauthenticator);
    if (!(props.https instanceof Https)) {
      fail(this, {
        prop: "https",
        value: props.https,
        problem: "OAuth login needs HTTPS, and every login the hub offers is OAuth",
        allowed: "Https.letsEncrypt({ contactEmail }) or Https.ingress({ tlsSecretName })",
        fix: "add https: Https.letsEncrypt({ contactEmail: 'you@example.org' })",
      });
    }
    this.https = props.https._resolve(this);

    if (props.claimClusterEndpoint ?? true) this.claimedEndpoint = props.cluster.hubEndpoint;
    // An endpoint object is one address wherever it is used; equal names or addresses count on one cluster.
    const owner =
      this.claimedEndpoint &&
      others.find(
        (c) =>
          c.claimedEndpoint === this.claimedEndpoint ||
          (sameCluster(c.cluster, props.cluster) && sameEndpoint(c.claimedEndpoint, this.claimedEndpoint)),
      );
    if (owner) {
      fail(this, {
        prop: "claimClusterEndpoint",
        value: props.claimClusterEndpoint,
        problem: `the cluster's hub endpoint (${describeEndpoint(this.claimedEndpoint!)}) already belongs to the hub at ${owner.node.path}; two hubs on one reserved address and host name would take each other's traffic and certificates`,
        allowed: "one hub per endpoint",
        fix: "set claimClusterEndpoint: false and a domain of this hub's own (e.g. a second HubEndpoint's hostname)",
      });
    }
    this.hostname = checkHubHostname(this, props.domain ?? this.claimedEndpoint?.hostname, props.domain !== undefined);
    this.url = `https://${this.hostname}/`;
    this.oauthCallbackUrl = oauthCallbackUrl(this.hostname);
    if (this.https.kind === HttpsKind.LETS_ENCRYPT || this.https.kind === HttpsKind.SECRET) {
      this.loadBalancerIp = this.claimedEndpoint?.ipAddress;
      if (this.loadBalancerIp === undefined) {
        Annotations.of(this).addWarning(
          "The cluster has no stable hub endpoint, so the proxy's load balancer gets whatever address OpenStack hands " +
            "out, and a recreated service gets a new one: the DNS record must follow it by hand.",
        );
      }
    }

    this.image = checkImage(this, "image", props.image ?? { name: SAMPLE_IMAGE, tag: this.chartVersion });
    const workerFlavor = props.cluster.workerFlavor;
    const limits = props.resourceLimits ?? true;
    this.resources = {
      memoryGuarantee: props.memoryGuarantee,
      memoryLimit: props.memoryLimit ?? (limits ? DEFAULT_MEMORY_LIMIT : undefined),
      cpuGuarantee: props.cpuGuarantee,
      cpuLimit:
        props.cpuLimit ?? (limits ? Math.min(DEFAULT_CPU_LIMIT, workerFlavor?.vcpus ?? DEFAULT_CPU_LIMIT) : undefined),
    };
    // Checked as the chart will run it: an unset guarantee is the chart's 1G.
    this.checkedResources = checkServerResources(
      this,
      "",
      { ...this.resources, memoryGuarantee: this.resources.memoryGuarantee ?? CHART_MEMORY_GUARANTEE },
      workerFlavor,
    );
    if (props.startTimeout !== undefined) {
      this.startTimeoutSeconds = checkSeconds(this, "startTimeout", props.startTimeout, 60, "Duration.minutes(10)");
    }
    if (props.defaultUrl !== undefined && props.tutorials !== undefined) {
      fail(this, {
        prop: "defaultUrl",
        value: props.defaultUrl,
        problem: "tutorials sets singleuser.defaultUrl to the nbgitpuller link already",
        allowed: "defaultUrl or tutorials, not both",
        fix: "drop defaultUrl, or drop tutorials and pull the notebooks another way",
      });
    }
    checkLiteral(this, "defaultUrl", props.defaultUrl, "the path is checked at synth");
    if (props.defaultUrl !== undefined && (typeof props.defaultUrl !== "string" || !props.defaultUrl.startsWith("/"))) {
      fail(this, {
        prop: "defaultUrl",
        value: props.defaultUrl,
        problem: "not a path on the user's server",
        allowed: "a path starting with '/', such as /lab or /lab/tree/README.md",
        fix: "write the path after the server's base URL",
      });
    }
    const gatewayService = props.gatewayService && checkGatewayService(this, props.gatewayService);
    this.extras = {
      defaultUrl: props.defaultUrl,
      postStartCommand: checkCommand(this, "postStartCommand", props.postStartCommand),
      preStopCommand: checkCommand(this, "preStopCommand", props.preStopCommand),
      extraVolumes: checkObjects(this, "extraVolumes", props.extraVolumes),
      extraVolumeMounts: checkObjects(this, "extraVolumeMounts", props.extraVolumeMounts),
      extraContainers: checkObjects(this, "extraContainers", props.extraContainers),
      imagePullSecrets: checkWholeList(this, "imagePullSecrets", props.imagePullSecrets),
      registryCredentials: props.imagePullSecret && {
        registry: props.imagePullSecret.registry,
        username: props.imagePullSecret.username,
        email: props.imagePullSecret.email,
      },
      hubDbStorageClass: props.hubDbStorageClass,
      hubDbCapacity: props.hubDbCapacity,
      hubDbAccessModes: checkWholeList(this, "hubDbAccessModes", props.hubDbAccessModes),
      userEgressRules: checkObjects(this, "userEgressRules", props.userEgressRules),
      gatewayService,
    };
    this.environment = checkEnvironment(this, props.environment ?? {}, props.gatewayApiUrl !== undefined);
    if (props.gatewayApiUrl !== undefined) {
      this.gatewayApiUrl = checkHttpsUrl(this, "gatewayApiUrl", props.gatewayApiUrl, "the gateway's API");
    }
    if (props.tutorials !== undefined) this.tutorials = checkTutorials(this, "tutorials", props.tutorials);

    this.cull = checkHubCulling(this, props);
    this.userScheduler = props.userScheduler ?? true;
    this.prePuller = props.prePuller ?? true;
    this.userPlaceholders = checkInteger(this, "userPlaceholders", props.userPlaceholders ?? 0, {
      min: 0,
      max: 100,
      fix: "give the number of users to hold room for, e.g. 2",
      why: "it is checked, and the placeholders are sized, at synth",
    });
    this.namedServersPerUser = checkInteger(this, "namedServersPerUser", props.namedServersPerUser ?? 0, {
      min: 0,
      max: 20,
      fix: "give how many named servers one user may run at once, e.g. 2, or 0 for none",
      why: "it is written into the hub's Python configuration, which the policy pack judges",
    });
    this.extraValues = checkExtraValues(this, props.extraValues ?? {});

    for (const profile of props.profiles ?? []) this.addProfile(profile);

    const providers = chooseProviders(this, props.cluster, props.providers);
    if (props.createNamespace ?? true) {
      this.kubernetesNamespace = new NamespaceV1(this, "Namespace", {
        provider: providers.kubernetes,
        metadata: { name: this.namespace, labels: { "app.kubernetes.io/managed-by": "terraform" } },
        // Deleting the namespace deletes the hub database and any per-user volumes in it.
        lifecycle: { preventDestroy: true },
      });
      protectData(this.kubernetesNamespace, "hub namespace", "the hub database and every volume in the namespace");
    }
    const storage = props.homeStorage ?? HomeStorage.nfs();
    this.homeStorageKind = storage.kind;
    this.storage = storage._bind(this, {
      namespace: this.namespace,
      clusterHomeStorage: props.cluster.homeStorage,
      dependsOn: this.kubernetesNamespace ? [this.kubernetesNamespace] : [],
      provider: providers.kubernetes,
    });
    this.homeSubDirectory = this.storage.subDirectory ?? "";
    const roommate =
      this.storage.server &&
      others.find(
        (c) =>
          c.storage.server !== undefined &&
          sameExport(c.storage.server, this.storage.server!) &&
          c.homeSubDirectory === this.homeSubDirectory &&
          !(c.storage.shared && this.storage.shared),
      );
    if (roommate) {
      fail(this, {
        prop: "homeStorage.subDirectory",
        value: this.homeSubDirectory,
        problem: `the hub at ${roommate.node.path} keeps its homes in the same folder of the same NFS export, so a user name on one hub would open the home of the same name on the other`,
        allowed: "a folder of the export per hub, or shared: true on both hubs to share homes on purpose",
        fix: `give this hub homeStorage: HomeStorage.nfs(undefined, { subDirectory: ${JSON.stringify(this.namespace)} })`,
      });
    }

    const dependsOn: ITerraformDependable[] = [
      ...(this.kubernetesNamespace ? [this.kubernetesNamespace] : []),
      ...this.storage.dependables,
    ];
    this.release = new Release(this, "Resource", {
      provider: providers.helm,
      name: this.releaseName,
      namespace: this.namespace,
      repository: ZeroToJupyterHub.CHART_REPOSITORY,
      chart: ZeroToJupyterHub.CHART_NAME,
      version: this.chartVersion,
      // The namespace is a Terraform resource (protected, and needed by the home claim before the release exists).
      createNamespace: false,
      timeout: checkSeconds(
        this,
        "deployTimeout",
        props.deployTimeout ?? Duration.minutes(20),
        300,
        "Duration.minutes(20)",
      ),
      // Not atomic: a failed first install would be uninstalled, hub database included. cleanup_on_fail only
      // removes what the failed attempt itself created, as the chart's docs advise.
      atomic: false,
      cleanupOnFail: true,
      maxHistory: 10,
      values: [Lazy.stringValue({ produce: () => valuesText(this.renderValues()) })],
      dependsOn,
    });
    const clientSecret = clientSecretSetting(this.authenticator);
    this.sensitiveValues.push({ ...clientSecret, type: "string" });
    for (const [prop, key, secret] of [
      ["cookieSecret", "hub.cookieSecret", props.cookieSecret],
      ["proxySecretToken", "proxy.secretToken", props.proxySecretToken],
    ] as const) {
      if (secret === undefined) continue;
      if (!Secret.isSecret(secret)) {
        fail(this, {
          prop,
          value: typeof secret,
          problem: "must be a Secret, not a plain value",
          allowed: "Secret.fromEnvironment(scope, 'name') or Secret.fromVariable(sensitiveVariable)",
          fix: "move the value out of the code into TF_VAR_<name>",
        });
      }
      this.sensitiveValues.push({ name: key, value: secret.value, type: "string" });
    }
    if (props.imagePullSecret !== undefined) {
      const r = props.imagePullSecret;
      for (const key of ["registry", "username"] as const) {
        checkNonEmpty(this, `imagePullSecret.${key}`, r[key], `give the registry's ${key}`);
      }
      if (!Secret.isSecret(r.password)) {
        fail(this, {
          prop: "imagePullSecret.password",
          value: typeof r.password,
          problem: "must be a Secret, not a plain value",
          allowed: "Secret.fromEnvironment(scope, 'name') or Secret.fromVariable(sensitiveVariable)",
          fix: "move the token out of the code into TF_VAR_<name>",
        });
      }
      this.sensitiveValues.push({ name: "imagePullSecret.password", value: r.password.value, type: "string" });
    }
    if (gatewayService) {
      this.gatewayServiceName = gatewayService.name;
      // Alphanumeric: the token travels in an HTTP header and in environment variables unquoted.
      this.gatewayServicePassword = new Password(this, "GatewayServiceToken", { length: 48, special: false });
      this.gatewayServiceToken = this.gatewayServicePassword.result;
      this.sensitiveValues.push({
        name: helmSetName(["hub", "services", gatewayService.name, "apiToken"]),
        value: this.gatewayServiceToken,
        type: "string",
      });
    }
    this.release.putSetSensitive(this.sensitiveValues);
    this.node.addValidation({ validate: () => this.validateFinalValues() });
  }

  /**
   * For a hub made by `fromValuesFile`: which keys of the file became typed props, and which stayed extraValues.
   *
   * @default - undefined for hubs made with the constructor
   */
  public get valuesImport(): ValuesImportReport | undefined {
    return this.imported;
  }

  /**
   * Adds a server profile (`singleuser.profileList`), checked now against the cluster and the other profiles,
   * rendered at synth time.
   */
  public addProfile(profile: Profile): void {
    this.profiles.push(
      resolveProfile(
        this,
        this.profiles.length,
        profile,
        {
          defaults: this.checkedResources,
          workerFlavor: this.cluster.workerFlavor,
          gpuWorkerFlavors: this.cluster.gpuWorkerFlavors ?? [],
        },
        this.profiles,
      ),
    );
  }

  /**
   * Sets a chart value from a secret, through `set_sensitive`: the value never appears in the synthesized
   * configuration, and Terraform hides it in plans.
   *
   * @param chartKey the value's path in Helm `--set` syntax, e.g. `hub.services.gateway.apiToken`
   * @param secret the value
   */
  public addSensitiveValue(chartKey: string, secret: Secret): void {
    if (typeof chartKey !== "string" || !/^[^\s.]+(\.[^\s.]+)*$/.test(chartKey)) {
      fail(this, {
        prop: "chartKey",
        value: chartKey,
        problem: "not a chart key in Helm --set syntax",
        allowed: "dot-separated keys such as hub.services.gateway.apiToken",
        fix: "write the key's path in the chart's values, separated by dots",
      });
    }
    if (CHART_GENERATED_SECRETS.includes(chartKey)) {
      fail(this, {
        prop: "chartKey",
        value: chartKey,
        problem: "the chart generates this secret and keeps it across upgrades",
        allowed: "any other chart key",
        fix: "leave it to the chart; setting it logs everyone out whenever it changes",
      });
    }
    if (!Secret.isSecret(secret)) {
      fail(this, {
        prop: "secret",
        value: typeof secret,
        problem: "must be a Secret, not a plain value",
        allowed: "Secret.fromEnvironment(scope, 'name') or Secret.fromVariable(sensitiveVariable)",
        fix: "move the secret out of the code into TF_VAR_<name>",
      });
    }
    if (this.sensitiveValues.some((v) => v.name === chartKey)) {
      fail(this, {
        prop: "chartKey",
        value: chartKey,
        problem: "already set",
        allowed: "each key once",
        fix: "remove the second addSensitiveValue call",
      });
    }
    this.sensitiveValues.push({ name: chartKey, value: secret.value, type: "string" });
    this.release.putSetSensitive(this.sensitiveValues);
  }

  /** The other hubs of the app, made before this one. */
  private otherHubs(): ZeroToJupyterHub[] {
    return this.node.root.node
      .findAll()
      .filter((c): c is ZeroToJupyterHub => c !== this && c instanceof ZeroToJupyterHub);
  }

  /**
   * The final values (typed props and extraValues), coalesced onto the pinned chart's defaults: valid for the chart's
   * schema when the chart is the bundled version, and still passing the typed checks, so extraValues cannot bring
   * back a `latest` tag, another login or a malformed admin name.
   */
  private validateFinalValues(): string[] {
    const values = this.renderValues();
    const errors: string[] = [];
    const check = (run: () => void) => {
      try {
        run();
      } catch (e) {
        if (!(e instanceof JetstreamValidationError)) throw e;
        errors.push(e.message);
      }
    };
    if (this.chartVersion === SCHEMA_CHART_VERSION) {
      // What set_sensitive adds is part of what Helm checks; its values are not known here, its keys are.
      const sensitive = this.sensitiveValues.reduce(
        (acc, v) => mergeHelmValues(acc, pathValue(v.name, "(sensitive)"), NullHandling.KEEP),
        {} as HelmValues,
      );
      const problems = chartSchemaViolations(mergeHelmValues(values, sensitive, NullHandling.KEEP));
      if (problems.length > 0) {
        check(() =>
          fail(this, {
            prop: "extraValues",
            value: problems.slice(0, 5).join("; "),
            problem: `the final values break the jupyterhub ${SCHEMA_CHART_VERSION} chart's values schema, so helm would refuse them at deploy`,
            allowed:
              "keys and types of the chart's values.yaml (https://z2jh.jupyter.org/en/stable/resources/reference.html)",
            fix: "correct the misspelt key or the value's type in extraValues, or use the typed prop for it",
          }),
        );
      }
    }
    const final = z2jhEffectiveValues(values);
    const image = final.singleuser?.image ?? {};
    check(() => checkImage(this, "extraValues.singleuser.image", { name: image.name, tag: image.tag }));
    const loginClass = final.hub?.config?.JupyterHub?.authenticator_class;
    if (loginClass !== this.authenticator.kind) {
      check(() =>
        fail(this, {
          prop: "extraValues.hub.config.JupyterHub.authenticator_class",
          value: loginClass,
          problem: "extraValues replaces the login the authenticator prop chose",
          allowed: `${JSON.stringify(this.authenticator.kind)}, from authenticator`,
          fix: "choose the login with the authenticator prop; the dummy and open logins are never used",
        }),
      );
    }
    check(() => {
      const admins = normalizeUsers(
        "extraValues.hub.config.Authenticator.admin_users",
        final.hub?.config?.Authenticator?.admin_users ?? [],
      );
      if (admins.length === 0) {
        fail(this, {
          prop: "extraValues.hub.config.Authenticator.admin_users",
          value: admins,
          problem: "the final values leave the hub without an admin",
          allowed: "at least one admin, from authenticator.adminUsers",
          fix: "remove the override of admin_users from extraValues",
        });
      }
    });
    return errors;
  }

  private renderValues(): HelmValues {
    return renderValues({
      authenticator: this.authenticator,
      oauthenticator: this.oauthenticator,
      hostname: this.hostname,
      https: this.https,
      loadBalancerIp: this.loadBalancerIp,
      image: this.image,
      resources: this.resources,
      startTimeoutSeconds: this.startTimeoutSeconds,
      extras: this.extras,
      environment: this.environment,
      gatewayApiUrl: this.gatewayApiUrl,
      tutorials: this.tutorials,
      storage: this.storage,
      profiles: this.profiles,
      cull: this.cull,
      userScheduler: this.userScheduler,
      prePuller: this.prePuller,
      userPlaceholders: this.userPlaceholders,
      namedServersPerUser: this.namedServersPerUser,
      extraValues: this.extraValues,
    });
  }
}

/** One cluster: the same handle, or handles with the same (known) name, e.g. one per stack. */
function sameCluster(a: IKubernetesCluster, b: IKubernetesCluster): boolean {
  return a === b || (known(a.clusterName) && a.clusterName === b.clusterName);
}

/** One endpoint: the same object, or the same known address or host name. */
function sameEndpoint(a: IHubEndpoint | undefined, b: IHubEndpoint | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return (
    a === b ||
    (known(a.ipAddress) && a.ipAddress === b.ipAddress) ||
    (a.hostname !== undefined && known(a.hostname) && a.hostname === b.hostname)
  );
}

/** One export: the same object, or the same known server and path. */
function sameExport(a: INfsHomeStorage, b: INfsHomeStorage): boolean {
  return (
    a === b ||
    (known(a.serverAddress) &&
      known(a.exportPath) &&
      a.serverAddress === b.serverAddress &&
      a.exportPath === b.exportPath)
  );
}

function known(value: string | undefined): boolean {
  return typeof value === "string" && !isUnresolved(value);
}

function describeEndpoint(e: IHubEndpoint): string {
  const name = e.hostname !== undefined && known(e.hostname) ? e.hostname : undefined;
  const address = known(e.ipAddress) ? e.ipAddress : undefined;
  return [name, address].filter((x) => x !== undefined).join(", ") || "a reserved address";
}

/** The chart's `singleuser.memory.guarantee` (values.yaml@4.4.0). */
const CHART_MEMORY_GUARANTEE = Size.gibibytes(1);

const DEFAULT_GATEWAY_SCOPES = ["list:users", "read:users", "servers", "access:servers"];

function checkGatewayService(scope: Construct, o: GatewayServiceOptions): GatewayServiceInput {
  const name = checkLiteral(scope, "gatewayService.name", o.name, "it names the service and its role") ?? "gateway";
  if (!isDnsLabel(name)) {
    fail(scope, {
      prop: "gatewayService.name",
      value: name,
      problem: "not a usable service name",
      allowed: "a DNS label: a-z, 0-9 and '-'",
      fix: "use e.g. 'gateway'",
    });
  }
  const scopes = o.scopes ?? DEFAULT_GATEWAY_SCOPES;
  const why = "the service's scopes are checked at synth, and the policy pack judges them";
  checkLiteral(scope, "gatewayService.scopes", scopes, why);
  if (Array.isArray(scopes)) scopes.forEach((x, i) => checkLiteral(scope, `gatewayService.scopes[${i}]`, x, why));
  if (
    !Array.isArray(scopes) ||
    scopes.length === 0 ||
    scopes.some((x) => typeof x !== "string" || !/^[a-z:_!=.-]+[^\s]*$/.test(x))
  ) {
    fail(scope, {
      prop: "gatewayService.scopes",
      value: scopes,
      problem: "not a list of JupyterHub scopes",
      allowed:
        "scopes such as servers, access:servers, read:users, admin:users, or with a filter as in servers!group=course",
      fix: "list the scopes the gateway needs",
    });
  }
  return { name, scopes };
}

/** A values tree holding `value` at a Helm `--set` name (dots separate keys, `\\.` is a literal dot). */
function pathValue(setName: string, value: string): HelmValues {
  const keys = setName.split(/(?<!\\)\./).map((k) => k.replace(/\\(.)/g, "$1"));
  return keys.reduceRight<any>((inner, key) => ({ [key]: inner }), value);
}

function checkCommand(scope: Construct, prop: string, command: string[] | undefined): string[] | undefined {
  if (command === undefined) return undefined;
  checkWholeList(scope, prop, command);
  if (!Array.isArray(command) || command.length === 0 || command.some((c) => typeof c !== "string")) {
    fail(scope, {
      prop,
      value: command,
      problem: "not a command",
      allowed: "a non-empty list of strings, as in a Pod's exec.command",
      fix: "write e.g. ['sh', '-c', 'cp -rn /srv/examples ~/']",
    });
  }
  return command;
}

function checkObjects(
  scope: Construct,
  prop: string,
  list: { [key: string]: any }[] | undefined,
): { [key: string]: any }[] | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.some((o) => o === null || typeof o !== "object" || Array.isArray(o))) {
    fail(scope, {
      prop,
      value: list,
      problem: "must be a list of Kubernetes objects",
      allowed: "a list of objects as in a Pod spec",
      fix: "write each entry as an object",
    });
  }
  return list;
}

const SAMPLE_IMAGE = "quay.io/jupyterhub/k8s-singleuser-sample";
const RESERVED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];
