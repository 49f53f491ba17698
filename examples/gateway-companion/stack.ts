import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import {
  Authenticator,
  CILogonUsernameAction,
  Https,
  JetstreamFlavor,
  KubernetesCluster,
  KubernetesProviders,
  Secret,
  Size,
  ZeroToJupyterHub,
  ZeroToJupyterHubProps,
} from "../../lib";
import { ExampleOverrides, resolveOverrides } from "../overrides";
import { EXAMPLE_ALLOCATION } from "../settings";

// Placeholders for the gateway this hub accompanies. Replace them with your own.
/** The gateway's REST API, which the tutorials call. */
const GATEWAY_API_URL = "https://gateway.example.org/api/v1";
/** Where the tutorial notebooks are published (this example's notebooks/ folder, as its own repository). */
const TUTORIALS_REPOSITORY = "https://github.com/example-gateway/companion-tutorials";
/** The gateway's notebook image: a Jupyter image with nbgitpuller and matplotlib, built and tagged by the gateway. */
const NOTEBOOK_IMAGE = { name: "ghcr.io/example-gateway/companion-notebook", tag: "2025.06.1" };
/** The same environment with CUDA, for the GPU profile. */
const GPU_NOTEBOOK_IMAGE = { name: "ghcr.io/example-gateway/companion-notebook-cuda", tag: "2025.06.1" };
/** The CILogon client registered for the hub (https://cilogon.org/oauth2/register). */
const CILOGON_CLIENT_ID = "cilogon:/client_id/0123456789abcdef0123456789abcdef";

/**
 * A science gateway's companion hub on a cluster the gateway team already runs (bring your own): users log in with
 * their ACCESS identity through CILogon, pick a CPU or GPU server, find the gateway's tutorials in their home, and
 * call the gateway's API from notebooks.
 *
 * Deploy with `TF_VAR_k8s_token`, `TF_VAR_cilogon_client_secret` and the other variables set; the cluster's
 * credentials and the hub's public address come in as variables, never as literals.
 */
export class GatewayCompanionExample extends TerraformStack {
  public readonly hub: ZeroToJupyterHub;

  /**
   * @param overrides hub settings to change (the data-safety tests change them); the defaults are the example
   */
  public constructor(scope: Construct, id: string, overrides: ExampleOverrides<ZeroToJupyterHubProps> = {}) {
    super(scope, id);
    const variable = (name: string, description: string, sensitive = false) =>
      new TerraformVariable(this, name, { type: "string", description, sensitive, nullable: false }).stringValue;

    const cluster = KubernetesCluster.fromAttributes(this, "Cluster", {
      clusterName: "gateway",
      apiEndpoint: variable("k8s_api_endpoint", "The cluster's API server URL, e.g. https://203.0.113.10:6443."),
      clusterCaCertificate: variable("k8s_ca_certificate", "The cluster's CA certificate (PEM)."),
      token: variable("k8s_token", "A token of a service account allowed to install the hub.", true),
      workerFlavor: JetstreamFlavor.M3_MEDIUM,
      gpuWorkerFlavors: [JetstreamFlavor.G3_MEDIUM],
      homeStorage: {
        serverAddress: variable("nfs_server", "The NFS server that holds the home directories (private address)."),
        exportPath: "/export/home",
        capacity: Size.gibibytes(1000),
      },
      hubEndpoint: {
        ipAddress: variable("hub_public_ip", "The floating IP reserved for the hub's load balancer."),
        hostname: `hub.${EXAMPLE_ALLOCATION}.projects.jetstream-cloud.org`,
      },
    });
    KubernetesProviders.configure(this, cluster);
    // The gateway service's API token is a random_password.
    new RandomProvider(this, "random", {});

    this.hub = new ZeroToJupyterHub(this, "Hub", {
      cluster,
      authenticator: Authenticator.ciLogon({
        clientId: CILOGON_CLIENT_ID,
        clientSecret: Secret.fromEnvironment(this, "cilogon_client_secret"),
        adminUsers: ["alice"],
        // Everyone with an ACCESS account, as on the gateway; usernames are ACCESS usernames
        // (alice@access-ci.org becomes alice).
        idps: [
          {
            entityId: "https://access-ci.org/idp",
            usernameClaim: "eppn",
            action: CILogonUsernameAction.STRIP_IDP_DOMAIN,
            domain: "access-ci.org",
            allowAll: true,
            default: true,
          },
        ],
      }),
      https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
      image: NOTEBOOK_IMAGE,
      memoryGuarantee: Size.gibibytes(2),
      memoryLimit: Size.gibibytes(8),
      cpuGuarantee: 1,
      cpuLimit: 2,
      gatewayApiUrl: GATEWAY_API_URL,
      tutorials: { repository: TUTORIALS_REPOSITORY, branch: "main", targetFolder: "gateway-tutorials" },
      profiles: [
        { displayName: "CPU: 2 cores, 8 GiB", slug: "cpu-small", default: true },
        {
          displayName: "CPU: 6 cores, 24 GiB",
          slug: "cpu-large",
          memoryGuarantee: Size.gibibytes(12),
          memoryLimit: Size.gibibytes(24),
          cpuGuarantee: 3,
          cpuLimit: 6,
        },
        {
          displayName: "GPU: a quarter of an A100, 24 GiB",
          slug: "gpu",
          description: "For training and inference; GPU nodes are few, so stop your server when done.",
          image: GPU_NOTEBOOK_IMAGE,
          memoryGuarantee: Size.gibibytes(12),
          memoryLimit: Size.gibibytes(24),
          cpuGuarantee: 3,
          cpuLimit: 6,
          gpus: 1,
        },
      ],
      // The gateway calls the hub's REST API as this service: it starts users' servers and puts notebooks into them
      // (scopes servers, access:servers), and lists users (list:users, read:users).
      gatewayService: { name: "gateway" },
      // Hold a warm slot for one user, so the first login of the morning does not wait for a node.
      userPlaceholders: 1,
      ...resolveOverrides(this, overrides),
    });

    new TerraformOutput(this, "hub_url", { value: this.hub.url });
    new TerraformOutput(this, "oauth_callback_url", {
      value: this.hub.oauthCallbackUrl,
      description: "Register this callback URL with the CILogon client.",
    });
    // For the gateway's own deployment: `cdktf output -json` (or a cross-stack reference) hands it the token;
    // Terraform keeps it out of plans and logs.
    new TerraformOutput(this, "hub_api_token", {
      value: this.hub.gatewayServiceToken!,
      sensitive: true,
      description: "The token the gateway sends to the hub's REST API as 'Authorization: token <value>'.",
    });
    new TerraformOutput(this, "hub_api_url", { value: `${this.hub.url}hub/api/` });
  }
}
