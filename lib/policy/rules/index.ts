import { PolicyRule } from "../rule";
import { adminPortsNotPublic } from "./net-01-admin-ports-not-public";
import { onlyWebPortsPublic } from "./net-02-only-web-ports-public";
import { noOpenProtocolRules } from "./net-03-no-open-protocol-rules";
import { securityGroupsOwnTheirRules } from "./net-04-security-groups-own-their-rules";
import { publicEgressExplained } from "./net-05-public-egress-explained";
import { magnumApiRestricted } from "./net-06-magnum-api-restricted";
import { hubAddressReserved } from "./net-09-hub-address-reserved";
import { nfsClientsOnly } from "./net-10-nfs-clients-only";
import { hubVmApart } from "./net-11-hub-vm-apart";
import { noCredentialsInConfig } from "./sec-01-no-credentials-in-config";
import { noAdminPassword } from "./sec-02-no-admin-password";
import { noSecretsInUserData } from "./sec-03-no-secrets-in-user-data";
import { secretsFromSensitiveSources } from "./sec-04-secrets-from-sensitive-sources";
import { noSecretsInHelmValues } from "./sec-05-no-secrets-in-helm-values";
import { chartGeneratesHubSecrets } from "./sec-06-chart-generates-hub-secrets";
import { sensitiveOutputs } from "./sec-07-sensitive-outputs";
import { keypairFromPublicKey } from "./sec-08-keypair-from-public-key";
import { realAuthenticator } from "./auth-01-real-authenticator";
import { allowRule } from "./auth-02-allow-rule";
import { adminUsers } from "./auth-03-admin-users";
import { httpsCallback } from "./auth-04-https-callback";
import { ciLogonIdps } from "./auth-05-cilogon-idps";
import { gitHubTeamScope } from "./auth-06-github-team-scope";
import { googleGroups } from "./auth-07-google-groups";
import { noAllowExistingUsers } from "./auth-08-no-allow-existing-users";
import { noFirstUsePasswords } from "./auth-09-no-first-use-passwords";
import { adminRoleAuthoritative } from "./auth-10-admin-role-authoritative";
import { z2jhHttps } from "./hub-01-https";
import { cloudMetadataBlocked } from "./hub-02-cloud-metadata-blocked";
import { networkPolicies } from "./hub-03-network-policies";
import { rbac } from "./hub-04-rbac";
import { noServiceAccountToken } from "./hub-05-no-service-account-token";
import { noPrivilegedContainers } from "./hub-06-no-privileged-containers";
import { noKubernetesDashboard } from "./hub-07-no-kubernetes-dashboard";
import { resourceLimits } from "./hub-08-resource-limits";
import { cullingKeepsHomes } from "./hub-09-culling-keeps-homes";
import { hubDatabaseKept } from "./hub-10-hub-database-kept";
import { profilesUnambiguous } from "./hub-11-profiles-unambiguous";
import { subdomainCertificates } from "./hub-14-subdomain-certificates";
import { noHostNamespaces } from "./hub-15-no-host-namespaces";
import { noHostPaths } from "./hub-16-no-host-paths";
import { hubSecretsPrivate } from "./hub-17-hub-secrets-private";
import { userRoleSelfOnly } from "./hub-18-user-role-self-only";
import { ownHomeOnly } from "./hub-19-own-home-only";
import { namedServersBounded } from "./hub-20-named-servers-bounded";
import { supportedOs } from "./tljh-01-supported-os";
import { tljhHttps } from "./tljh-02-https";
import { tljhMetadataBlocked } from "./tljh-03-metadata-blocked";
import { tljhUserLimits } from "./tljh-04-user-limits";
import { tljhExplicitCulling } from "./tljh-05-explicit-culling";
import { pinnedInstaller } from "./tljh-06-pinned-installer";
import { volumesProtected } from "./data-01-volumes-protected";
import { tljhHomeOnVolume } from "./data-02-tljh-home-on-volume";
import { instancesIgnoreRebuildTriggers } from "./data-03-instances-ignore-rebuild-triggers";
import { magnumClusterProtected } from "./data-04-magnum-cluster-protected";
import { volumesRetained } from "./data-05-volumes-retained";
import { homesOutsideCluster } from "./data-06-homes-outside-cluster";
import { noPvcDeletion } from "./data-07-no-pvc-deletion";
import { stableRelease } from "./data-08-stable-release";
import { homesBackedUp } from "./data-10-homes-backed-up";
import { chartVersionPinned } from "./pin-01-chart-version";
import { imageTagsPinned } from "./pin-02-image-tags";
import { noFloatingImages } from "./pin-03-no-floating-images";
import { providerVersionsPinned } from "./pin-04-provider-versions";
import { remoteState } from "./state-01-remote-state";
import { backendSettings } from "./state-02-backend-settings";
import { encryptedState } from "./state-03-encrypted-state";
import { acknowledgementsValid } from "./meta-01-acknowledgements";
import { undecided } from "./meta-03-undecided";

/** Every rule of the pack, in catalogue order (docs/policy.md is generated from this list). */
export const RULES: PolicyRule[] = [
  adminPortsNotPublic,
  onlyWebPortsPublic,
  noOpenProtocolRules,
  securityGroupsOwnTheirRules,
  publicEgressExplained,
  magnumApiRestricted,
  hubAddressReserved,
  nfsClientsOnly,
  hubVmApart,
  noCredentialsInConfig,
  noAdminPassword,
  noSecretsInUserData,
  secretsFromSensitiveSources,
  noSecretsInHelmValues,
  chartGeneratesHubSecrets,
  sensitiveOutputs,
  keypairFromPublicKey,
  realAuthenticator,
  allowRule,
  adminUsers,
  httpsCallback,
  ciLogonIdps,
  gitHubTeamScope,
  googleGroups,
  noAllowExistingUsers,
  noFirstUsePasswords,
  adminRoleAuthoritative,
  z2jhHttps,
  cloudMetadataBlocked,
  networkPolicies,
  rbac,
  noServiceAccountToken,
  noPrivilegedContainers,
  noKubernetesDashboard,
  resourceLimits,
  cullingKeepsHomes,
  hubDatabaseKept,
  profilesUnambiguous,
  subdomainCertificates,
  noHostNamespaces,
  noHostPaths,
  hubSecretsPrivate,
  userRoleSelfOnly,
  ownHomeOnly,
  namedServersBounded,
  supportedOs,
  tljhHttps,
  tljhMetadataBlocked,
  tljhUserLimits,
  tljhExplicitCulling,
  pinnedInstaller,
  volumesProtected,
  tljhHomeOnVolume,
  instancesIgnoreRebuildTriggers,
  magnumClusterProtected,
  volumesRetained,
  homesOutsideCluster,
  noPvcDeletion,
  stableRelease,
  homesBackedUp,
  chartVersionPinned,
  imageTagsPinned,
  noFloatingImages,
  providerVersionsPinned,
  remoteState,
  backendSettings,
  encryptedState,
  acknowledgementsValid,
  undecided,
];
