// Public API. Re-exports only; grouped by layer.

// Shared vocabulary (creates no resources)
export { JetstreamErrors, JetstreamValidationError, ValidationProblem } from "./core/errors";
export { Size, Duration } from "./core/units";
export { JetstreamFlavor, JetstreamFlavorSpecs, JetstreamResource } from "./core/flavor";
export { JetstreamImage, ImageOs } from "./core/image";
export { Secret } from "./core/secret";
export {
  Authenticator,
  AuthenticatorKind,
  AuthenticatorCommonProps,
  GitHubAuthenticatorProps,
  GoogleAuthenticatorProps,
  CILogonAuthenticatorProps,
  CILogonIdentityProvider,
  CILogonUsernameAction,
  GenericOAuthAuthenticatorProps,
} from "./core/authenticator";
export { TutorialNotebooks } from "./core/tutorials";
export { IKubernetesCluster, IHubEndpoint, INfsHomeStorage } from "./core/interfaces";
export { AlternativeStacks } from "./core/app-names";

// VMs and networks
export {
  JetstreamCluster,
  JetstreamClusterProps,
  JETSTREAM_PROJECTS_DOMAIN,
} from "./jetstream-cluster/jetstream-cluster";
export { ClusterNetwork, CreateNetworkOptions } from "./jetstream-cluster/cluster-network";
export { ClusterKeyPair } from "./jetstream-cluster/key-pair";
export {
  Node,
  NodeProps,
  NodeGroup,
  NodeGroupOptions,
  NodeVolumeOptions,
  AttachedVolume,
} from "./jetstream-cluster/node-group";
export { IngressRule, Protocol } from "./jetstream-cluster/security";

// The OpenStack provider, for apps to configure (the library never creates providers).
export { OpenstackProvider, OpenstackProviderConfig } from "./imports/openstack/provider";

// Escape hatch: the generated OpenStack bindings, as a namespace.
export * as openstack from "./imports/openstack";

// Kubernetes
export { KubernetesCluster, KubernetesClusterAttributes } from "./kubernetes-on-jetstream/existing-cluster";
export {
  KubernetesProviders,
  KubernetesProvidersOptions,
  ConfiguredKubernetesProviders,
} from "./kubernetes-on-jetstream/providers";

// Zero to JupyterHub: the z2jh Helm chart on any IKubernetesCluster
export {
  ZeroToJupyterHub,
  ZeroToJupyterHubProps,
  GatewayServiceOptions,
  ZeroToJupyterHubFromValuesProps,
  RegistryCredentials,
} from "./zero-to-jupyterhub/zero-to-jupyterhub";
export { ValuesImportReport } from "./zero-to-jupyterhub/import-values";
export { ContainerImage } from "./zero-to-jupyterhub/image";
export { Profile, ProfileOption, ProfileOptionChoice, ProfileUnlistedChoice } from "./zero-to-jupyterhub/profile";
export {
  HomeStorage,
  HomeStorageKind,
  DynamicHomeStorageOptions,
  ExistingClaimHomeOptions,
  NfsHomeOptions,
} from "./zero-to-jupyterhub/storage";
export {
  Https,
  HttpsKind,
  LetsEncryptOptions,
  IngressHttpsOptions,
  SecretHttpsOptions,
} from "./zero-to-jupyterhub/https";

// Kubernetes clusters on Jetstream2: Magnum or self-managed k3s, home storage and the hub's public entry
export { KubernetesOnJetstream, KubernetesOnJetstreamProps } from "./kubernetes-on-jetstream/kubernetes-on-jetstream";
export {
  KubernetesEngine,
  KubernetesEngineKind,
  MagnumEngineOptions,
  SelfManagedEngineOptions,
} from "./kubernetes-on-jetstream/engine";
export { MagnumClusterTemplate } from "./kubernetes-on-jetstream/magnum";
export { WorkerAutoscaling, KubernetesNodeGroupOptions } from "./kubernetes-on-jetstream/workers";
export {
  ClusterHomeStorage,
  NfsHomeLayout,
  NfsServerOptions,
  NfsHomeServer,
  NfsHomeServerProps,
} from "./kubernetes-on-jetstream/home-storage";
export { HubEndpoint, HubEndpointProps } from "./kubernetes-on-jetstream/hub-endpoint";
// Single-server hub (The Littlest JupyterHub on one VM)
export { SingleServerSizing, SingleServerSizingProps, SingleServerPlan } from "./single-server-hub/sizing";
export { SingleServerHub, SingleServerHubProps } from "./single-server-hub/single-server-hub";

// Policy: the JetstreamChecks pack (opt-in: apps add it to their stacks) and the Jetstream2 state backend
export {
  JetstreamChecks,
  JetstreamChecksProps,
  Acknowledgement,
  PolicyFinding,
  PolicyRuleInfo,
} from "./policy/jetstream-checks";
export { PolicyLevel } from "./policy/rule";
export { Jetstream2StateBackend, Jetstream2StateBackendProps } from "./state-backend/jetstream2-state-backend";
export { BackupWeekday, HomeBackups, HomeBackupsProps } from "./home-backups/home-backups";

// Data safety beyond prevent_destroy: the committed ledger of protected resources (the plan guard is the
// jetstream-plan-guard command)
export { DataLedger, DataLedgerProps } from "./ledger/data-ledger";

// The easy entry: plan the capacity, then build one VM or Kubernetes from the plan
export {
  CapacityPlanner,
  CapacityPlannerProps,
  CapacityPlan,
  PlannedNodes,
  HubShape,
  NodeRole,
} from "./jupyterhub-on-jetstream/planner";
export { JupyterHubOnJetstream, JupyterHubOnJetstreamProps } from "./jupyterhub-on-jetstream/jupyterhub-on-jetstream";

// Unit tests of apps: full-app synthesis, one stack's Terraform JSON for cdktf's Testing matchers
export { JetstreamTesting } from "./testing/jetstream-testing";
