import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  Authenticator,
  Https,
  IKubernetesCluster,
  KubernetesProviders,
  Secret,
  Size,
  ZeroToJupyterHub,
  ZeroToJupyterHubProps,
} from "../../lib";
import { ExampleOverrides, resolveOverrides } from "../overrides";

/**
 * Props for `KubernetesHubStack`.
 */
export interface KubernetesHubStackProps {
  /** The cluster, usually from the cluster stack: its attributes become cross-stack references. */
  readonly cluster: IKubernetesCluster;
  /** Hub settings to change (the data-safety tests change them); the defaults are the example. */
  readonly hub?: ExampleOverrides<ZeroToJupyterHubProps>;
}

/**
 * The hub stack of the Kubernetes shape: Zero to JupyterHub on the cluster from the cluster stack, with the
 * cluster's NFS homes, stable entry and Let's Encrypt. Deploy both with `cdktf deploy cluster hub`; the providers
 * are configured from the cluster, so no kubeconfig is needed.
 */
export class KubernetesHubStack extends TerraformStack {
  public readonly hub: ZeroToJupyterHub;

  public constructor(scope: Construct, id: string, props: KubernetesHubStackProps) {
    super(scope, id);
    KubernetesProviders.configure(this, props.cluster);

    this.hub = new ZeroToJupyterHub(this, "Hub", {
      cluster: props.cluster,
      // Register a GitHub OAuth app with the callback URL below, then export TF_VAR_github_client_secret.
      authenticator: Authenticator.gitHub({
        clientId: "Iv1.0123456789abcdef",
        clientSecret: Secret.fromEnvironment(this, "github_client_secret"),
        adminUsers: ["alice"],
        allowedOrganizations: ["example-gateway"],
      }),
      // The cluster's stable entry gives the address and the host name; Let's Encrypt needs only a contact.
      https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
      // A fixed tag of a Jupyter Docker Stacks image (pick a current one from the registry's tag list).
      image: { name: "quay.io/jupyter/scipy-notebook", tag: "2025-06-02" },
      memoryGuarantee: Size.gibibytes(4),
      memoryLimit: Size.gibibytes(10),
      cpuGuarantee: 1,
      cpuLimit: 4,
      ...resolveOverrides(this, props.hub ?? {}),
    });

    new TerraformOutput(this, "hub_url", { value: this.hub.url });
    new TerraformOutput(this, "oauth_callback_url", { value: this.hub.oauthCallbackUrl });
  }
}
