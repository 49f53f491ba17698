import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import {
  Authenticator,
  CILogonAuthenticatorProps,
  CILogonIdentityProvider,
  CILogonUsernameAction,
  GitHubAuthenticatorProps,
  Https,
  IKubernetesCluster,
  JetstreamFlavor,
  KubernetesCluster,
  KubernetesClusterAttributes,
  KubernetesProviders,
  Secret,
  Size,
  ZeroToJupyterHub,
  ZeroToJupyterHubProps,
} from "../../lib";
import { newStack } from "./synth";

/** The hub endpoint's host name in the fixtures. */
export const HUB_HOST = "hub.cis230085.projects.jetstream-cloud.org";
/** The hub endpoint's address in the fixtures (documentation range). */
export const HUB_IP = "203.0.113.80";

/**
 * A bring-your-own cluster as a Magnum one would look: m3.quad workers, out-of-cluster NFS homes, a stable hub
 * endpoint; credentials from a sensitive variable. `overrides` replace any attribute.
 */
export function testCluster(
  scope: Construct,
  overrides: Partial<KubernetesClusterAttributes> = {},
  id = "Cluster",
): IKubernetesCluster {
  const token = new TerraformVariable(scope, `${id}Token`, { type: "string", sensitive: true });
  return KubernetesCluster.fromAttributes(scope, id, {
    clusterName: "gwhub",
    apiEndpoint: "https://203.0.113.10:6443",
    clusterCaCertificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
    token: token.stringValue,
    workerFlavor: JetstreamFlavor.M3_QUAD,
    gpuWorkerFlavors: [],
    homeStorage: { serverAddress: "10.0.0.5", exportPath: "/export/home", capacity: Size.gibibytes(500) },
    hubEndpoint: { ipAddress: HUB_IP, hostname: HUB_HOST },
    ...overrides,
  });
}

/** A GitHub login with its secret from TF_VAR_github_client_secret; `overrides` replace any of its props. */
export function gitHubLogin(
  scope: Construct,
  adminUsers: string[] = ["alice"],
  overrides: Partial<GitHubAuthenticatorProps> = {},
): Authenticator {
  return Authenticator.gitHub({
    clientId: "Iv1.0123456789abcdef",
    clientSecret: Secret.fromEnvironment(scope, "github_client_secret"),
    adminUsers,
    allowedOrganizations: ["example-gateway"],
    ...overrides,
  });
}

/** ACCESS through CILogon: everyone it admits, as `access-<name>`. */
const ACCESS_IDP: CILogonIdentityProvider = {
  entityId: "https://access-ci.org/idp",
  action: CILogonUsernameAction.PREFIX,
  prefix: "access",
  allowAll: true,
};

/**
 * A CILogon login through ACCESS with its secret from TF_VAR_cilogon_client_secret; `overrides` replace any of its
 * props, `idp` any of the ACCESS provider's.
 */
export function ciLogonLogin(
  scope: Construct,
  overrides: Partial<CILogonAuthenticatorProps> = {},
  idp: Partial<CILogonIdentityProvider> = {},
): Authenticator {
  return Authenticator.ciLogon({
    clientId: "cilogon:/client_id/0123456789abcdef",
    clientSecret: Secret.fromEnvironment(scope, "cilogon_client_secret"),
    adminUsers: ["alice@example.edu"],
    idps: [{ ...ACCESS_IDP, ...idp }],
    ...overrides,
  });
}

/** One login of each kind the library offers, each with its own secret variable. */
export function everyLogin(scope: Construct): [string, Authenticator][] {
  return [
    ["github", gitHubLogin(scope)],
    [
      "google",
      Authenticator.google({
        clientId: "1234.apps.googleusercontent.com",
        clientSecret: Secret.fromEnvironment(scope, "google_client_secret"),
        adminUsers: ["alice"],
        hostedDomains: ["example.edu"],
      }),
    ],
    [
      "cilogon",
      ciLogonLogin(scope, {
        idps: [ACCESS_IDP, { entityId: "urn:mace:incommon:ucsd.edu", allowedDomains: ["ucsd.edu"] }],
      }),
    ],
    [
      "generic",
      Authenticator.genericOAuth({
        clientId: "jupyterhub",
        clientSecret: Secret.fromEnvironment(scope, "gateway_client_secret"),
        adminUsers: ["alice"],
        authorizeUrl: "https://auth.example.org/realms/gw/protocol/openid-connect/auth",
        tokenUrl: "https://auth.example.org/realms/gw/protocol/openid-connect/token",
        userdataUrl: "https://auth.example.org/realms/gw/protocol/openid-connect/userinfo",
        allowedGroups: ["hub-users"],
      }),
    ],
  ];
}

/** A stack with a test cluster, its providers, and a hub with `props` over sensible defaults. */
export function hubStack(
  props: Partial<ZeroToJupyterHubProps> = {},
  clusterAttributes: Partial<KubernetesClusterAttributes> = {},
): { stack: TerraformStack; hub: ZeroToJupyterHub; cluster: IKubernetesCluster } {
  const stack = newStack();
  const cluster = testCluster(stack, clusterAttributes);
  KubernetesProviders.configure(stack, cluster);
  const hub = new ZeroToJupyterHub(stack, "Hub", {
    cluster,
    authenticator: gitHubLogin(stack),
    https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
    ...props,
  });
  return { stack, hub, cluster };
}
