import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  Authenticator,
  ClusterKeyPair,
  HubShape,
  JetstreamChecks,
  JetstreamFlavor,
  JetstreamResource,
  JupyterHubOnJetstream,
  OpenstackProvider,
  Secret,
  Size,
} from "../../lib";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_ALLOCATION, EXAMPLE_PUBLIC_KEY, exampleBackups } from "../settings";

/**
 * What a hub must hold, and its short name.
 */
export interface PlannedHubExampleProps {
  /** The hub's short name: `<name>-hub.<allocation>...` on one VM, `<name>.<allocation>...` on Kubernetes. */
  readonly name: string;
  /** Users working at the same time. */
  readonly expectedUsers: number;
  /** Memory per user, in GiB. */
  readonly memoryGiB: number;
  /** Users who need a GPU at the same time. */
  readonly gpuUsers?: number;
  /** The Kubernetes workers' flavor, pinned once a cluster is deployed (see docs/capacity-planning.md). */
  readonly workerFlavor?: JetstreamFlavor;
  /** The shape, pinned to switch a deployed hub to another one (the planner never does so by itself). */
  readonly shape?: HubShape;
}

/**
 * A hub planned from its users: the same few lines give one VM for a small group and a Magnum cluster with Zero to
 * JupyterHub for a large one. The planner's choice, VMs and SU per hour are printed by `npm run synth`.
 *
 * Two stacks, always: this one (VMs, cluster, home storage, DNS) and `<id>-k8s` for the Helm and Kubernetes
 * providers and the hub release, which stays empty while one VM is enough. Deploy both in order with
 * `cdktf deploy <id> <id>-k8s`, with `TF_VAR_github_client_secret` exported.
 */
export class PlannedHubExample extends TerraformStack {
  public readonly hub: JupyterHubOnJetstream;
  /** The stack of the Kubernetes parts (empty on one VM). */
  public readonly hubStack: TerraformStack;
  /** Both stacks, in deploy order. */
  public readonly stacks: TerraformStack[];

  public constructor(scope: Construct, id: string, props: PlannedHubExampleProps) {
    super(scope, id);
    // Credentials come from clouds.yaml and OS_CLOUD (or OS_* variables) at deploy time, never from code.
    new OpenstackProvider(this, "openstack", {});
    this.hubStack = new TerraformStack(scope, `${id}-k8s`);
    this.stacks = [this, this.hubStack];

    this.hub = new JupyterHubOnJetstream(this, "Hub", {
      hubStack: this.hubStack,
      name: props.name,
      allocation: EXAMPLE_ALLOCATION,
      // The allocation covers Jetstream2 CPU and Jetstream2-GPU; GPU users need the latter.
      allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
      adminCidrs: [EXAMPLE_ADMIN_CIDR],
      keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
      authenticator: Authenticator.gitHub({
        clientId: "Iv1.0123456789abcdef", // public; the secret is read from TF_VAR_github_client_secret
        clientSecret: Secret.fromEnvironment(this, "github_client_secret"),
        adminUsers: ["gateway-admin"],
        allowedOrganizations: ["my-gateway"],
      }),
      letsEncryptEmail: "hub-admins@example.org",
      expectedUsers: props.expectedUsers,
      memoryPerUser: Size.gibibytes(props.memoryGiB),
      gpuUsers: props.gpuUsers,
      workerFlavor: props.workerFlavor,
      shape: props.shape,
      tutorials: { repository: "https://github.com/my-gateway/hub-tutorials" },
      homeVolumeSize: Size.gibibytes(Math.max(100, 10 * props.expectedUsers)),
      // Jetstream2 keeps no backups: the homes go to the object store every night.
      backups: exampleBackups(this),
    });

    // On one VM, the OAuth client secret reaches it as a reference in user data (docs/single-server-hub.md, "What is
    // exposed where"); the pack asks for that delivery to be acknowledged.
    if (this.hub.jetstreamCluster) {
      JetstreamChecks.acknowledge(this.hub.jetstreamCluster, [
        {
          id: "JSH-SEC-03[sensitive-reference]",
          reason:
            "the client secret and backup credentials are ${var} references written root-only at first boot; " +
            "user_data changes are ignored and non-root access to the metadata service is blocked",
        },
      ]);
    }
    // On Kubernetes, the backup credentials reach the NFS home server the same way (docs/home-backups.md).
    if (this.hub.kubernetesCluster) {
      JetstreamChecks.acknowledge(this.hub.kubernetesCluster, [
        {
          id: "JSH-SEC-03[sensitive-reference]",
          reason:
            "the backup credentials are ${var} references written root-only at first boot; the NFS server has no " +
            "users but its admins, and ignores user_data changes",
        },
      ]);
    }

    // On Kubernetes the pattern's Magnum cluster shares the allocation's network, so the NFS home export is open to
    // that whole subnet (docs/isolation.md); the pack asks for that to be acknowledged.
    if (this.hub.kubernetesCluster?.homeStorage) {
      JetstreamChecks.acknowledge(this.hub.kubernetesCluster, [
        {
          id: "JSH-NET-10[shared-network]",
          reason:
            "the example allocation runs only this hub's VMs; a deployment that shares its allocation gives the " +
            "cluster a network of its own",
        },
      ]);
    }

    // `npm run synth` reads hub_url for its summary.
    new TerraformOutput(this, "hub_url", { value: this.hub.url });
    new TerraformOutput(this, "oauth_callback_url", { value: this.hub.oauthCallbackUrl });
  }
}
