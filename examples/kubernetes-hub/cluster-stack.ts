import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  ClusterNetwork,
  ClusterHomeStorage,
  IKubernetesCluster,
  JetstreamChecks,
  KubernetesOnJetstream,
  KubernetesOnJetstreamProps,
  OpenstackProvider,
  Size,
} from "../../lib";
import { ExampleOverrides, resolveOverrides } from "../overrides";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_ALLOCATION, exampleBackups } from "../settings";

/**
 * The cluster half of a JupyterHub on Kubernetes: a Magnum cluster whose workers autoscale between 1 and 4
 * m3.quad nodes, home directories on a protected NFS volume outside the cluster, and the hub's reserved address
 * at hub.<allocation>.projects.jetstream-cloud.org.
 *
 * The hub stack takes `cluster` and configures its Helm and Kubernetes providers from it (cdktf turns the
 * attributes into cross-stack references), so `cdktf deploy kubernetes-hub-cluster kubernetes-hub` needs no
 * kubeconfig file.
 */
export class KubernetesHubClusterStack extends TerraformStack {
  public readonly cluster: IKubernetesCluster;

  /**
   * @param overrides settings to change (the data-safety tests change them); the defaults are the example
   */
  public constructor(scope: Construct, id: string, overrides: ExampleOverrides<KubernetesOnJetstreamProps> = {}) {
    super(scope, id);
    new OpenstackProvider(this, "openstack", {});
    this.cluster = new KubernetesOnJetstream(this, "Cluster", {
      name: "hub-k8s",
      allocation: EXAMPLE_ALLOCATION,
      apiAllowedCidrs: [EXAMPLE_ADMIN_CIDR],
      autoscaling: { minNodes: 1, maxNodes: 4 },
      // A network of its own: the NFS home export is then open to this cluster's subnet only, not to every VM
      // of the allocation (Magnum makes its nodes itself, so their subnet is what names them).
      network: ClusterNetwork.create({ cidr: "10.43.0.0/24" }),
      // Jetstream2 keeps no backups: the NFS server sends the homes to the object store every night.
      homeStorage: ClusterHomeStorage.nfsServer({ capacity: Size.gibibytes(200), backups: exampleBackups(this) }),
      ...resolveOverrides(this, overrides),
    });
    // The backup credentials reach the NFS server as references in its user data (docs/home-backups.md).
    JetstreamChecks.acknowledge(this.cluster, [
      {
        id: "JSH-SEC-03[sensitive-reference]",
        reason:
          "the backup credentials are ${var} references written root-only at first boot; the NFS server has no " +
          "users but its admins, and ignores user_data changes",
      },
    ]);
  }
}
