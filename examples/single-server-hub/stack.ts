import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  Authenticator,
  ClusterKeyPair,
  JetstreamChecks,
  JetstreamCluster,
  OpenstackProvider,
  Secret,
  SingleServerHub,
  SingleServerHubProps,
  Size,
} from "../../lib";
import { ExampleOverrides, resolveOverrides } from "../overrides";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_ALLOCATION, EXAMPLE_PUBLIC_KEY, exampleBackups } from "../settings";

/**
 * A gateway's companion hub on one VM: GitHub login for the gateway's organization, 10 users at 8 GiB each,
 * and the gateway's tutorial notebooks in every home.
 *
 * Before deploying: register a GitHub OAuth app with the `oauth_callback_url` output (or its value, which is
 * known before the first deploy), put its client id below, and `export TF_VAR_github_client_secret=...`.
 */
export class SingleServerHubExample extends TerraformStack {
  public readonly hub: SingleServerHub;

  /**
   * @param overrides settings to change (the data-safety tests change them); the defaults are the example
   */
  public constructor(scope: Construct, id: string, overrides: ExampleOverrides<SingleServerHubProps> = {}) {
    super(scope, id);
    // Credentials come from clouds.yaml and OS_CLOUD (or OS_* variables) at deploy time, never from code.
    new OpenstackProvider(this, "openstack", {});

    const cluster = new JetstreamCluster(this, "Cluster", {
      name: "gwhub",
      allocation: EXAMPLE_ALLOCATION,
      adminCidrs: [EXAMPLE_ADMIN_CIDR],
      keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
    });

    this.hub = new SingleServerHub(this, "Hub", {
      cluster,
      authenticator: Authenticator.gitHub({
        clientId: "Iv1.0123456789abcdef", // public; the secret is read from TF_VAR_github_client_secret
        clientSecret: Secret.fromEnvironment(this, "github_client_secret"),
        adminUsers: ["gateway-admin"],
        allowedOrganizations: ["my-gateway"],
      }),
      letsEncryptEmail: "hub-admins@example.org",
      expectedUsers: 10,
      memoryPerUser: Size.gibibytes(8),
      tutorials: { repository: "https://github.com/my-gateway/hub-tutorials", branch: "main" },
      // Jetstream2 keeps no backups: the homes go to the object store every night.
      backups: exampleBackups(this),
      ...resolveOverrides(this, overrides),
    });

    // The OAuth client secret and the backup credentials reach the VM as references in its user data
    // (docs/single-server-hub.md, "What is exposed where"); the pack asks for that delivery to be acknowledged.
    JetstreamChecks.acknowledge(cluster, [
      {
        id: "JSH-SEC-03[sensitive-reference]",
        reason:
          "the client secret and backup credentials are ${var} references written root-only at first boot; " +
          "user_data changes are ignored " +
          "and non-root access to the metadata service is blocked",
      },
    ]);

    new TerraformOutput(this, "hub_url", { value: this.hub.hubUrl });
    new TerraformOutput(this, "oauth_callback_url", { value: this.hub.oauthCallbackUrl });
    new TerraformOutput(this, "hub_public_ip", { value: this.hub.publicIp });
    // For replacing the VM on purpose: terraform apply -replace=<this address> (the home volume stays).
    new TerraformOutput(this, "hub_instance_address", { value: this.hub.instanceAddress });
  }
}
