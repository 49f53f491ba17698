import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  ClusterNetwork,
  ClusterKeyPair,
  ClusterHomeStorage,
  JetstreamChecks,
  JetstreamFlavor,
  JetstreamResource,
  KubernetesEngine,
  KubernetesOnJetstream,
  KubernetesOnJetstreamProps,
  OpenstackProvider,
  Size,
} from "../../lib";
import { ExampleOverrides, resolveOverrides } from "../overrides";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_ALLOCATION, EXAMPLE_PUBLIC_KEY } from "../settings";

/**
 * A Magnum (Cluster API) cluster with every knob turned: a highly available control plane, autoscaling CPU
 * workers, an autoscaling GPU node group, NFS home directories on a 500 GiB protected volume, and the hub's
 * reserved address with its DNS name.
 */
export class KubernetesMagnumExample extends TerraformStack {
  public readonly cluster: KubernetesOnJetstream;

  /**
   * @param overrides settings to change (the data-safety tests change them); the defaults are the example
   */
  public constructor(scope: Construct, id: string, overrides: ExampleOverrides<KubernetesOnJetstreamProps> = {}) {
    super(scope, id);
    // Credentials come from clouds.yaml and OS_CLOUD (or OS_* variables) at deploy time, never from code.
    new OpenstackProvider(this, "openstack", {});

    this.cluster = new KubernetesOnJetstream(this, "Cluster", {
      name: "gw-k8s",
      allocation: EXAMPLE_ALLOCATION,
      // The allocation covers Jetstream2 CPU and Jetstream2-GPU; g3 flavors need the latter.
      allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
      apiAllowedCidrs: [EXAMPLE_ADMIN_CIDR],
      adminCidrs: [EXAMPLE_ADMIN_CIDR],
      keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
      engine: KubernetesEngine.magnum({ controlPlaneCount: 3 }),
      workerFlavor: JetstreamFlavor.M3_MEDIUM,
      // Fixed at creation: Jetstream2 refuses to change autoscaling labels later.
      autoscaling: { minNodes: 1, maxNodes: 5 },
      nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM, autoscaling: { minNodes: 1, maxNodes: 2 } }],
      // A network of its own: the NFS home export is then open to this cluster's subnet only, not to every VM
      // of the allocation (Magnum makes its nodes itself, so their subnet is what names them).
      network: ClusterNetwork.create({ cidr: "10.42.0.0/24" }),
      homeStorage: ClusterHomeStorage.nfsServer({ capacity: Size.gibibytes(500) }),
      ...resolveOverrides(this, overrides),
    });
    JetstreamChecks.acknowledge(this.cluster, [
      {
        id: "JSH-DATA-10",
        reason: "this example shows the Magnum engine; examples/kubernetes-hub shows the NFS home server with backups",
      },
    ]);

    new TerraformOutput(this, "hub_hostname", { value: this.cluster.hubEndpoint?.hostname });
    new TerraformOutput(this, "hub_ip", { value: this.cluster.hubEndpoint?.ipAddress });
    new TerraformOutput(this, "home_nfs_server", { value: this.cluster.homeStorage?.serverAddress });
    // Derived from the cluster's kubeconfig, which Terraform keeps sensitive.
    new TerraformOutput(this, "kubernetes_api", { value: this.cluster.apiEndpoint, sensitive: true });
  }
}
