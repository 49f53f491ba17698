import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ClusterKeyPair, JetstreamFlavor, KubernetesEngine, KubernetesOnJetstream, OpenstackProvider } from "../../lib";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_ALLOCATION, EXAMPLE_PUBLIC_KEY } from "../settings";

/**
 * k3s on plain VMs, for an OpenStack cloud without Magnum: one control-plane VM, three workers, an NFS home server,
 * and the hub's reserved address attached to the first worker.
 */
export class KubernetesSelfManagedExample extends TerraformStack {
  public readonly cluster: KubernetesOnJetstream;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    new OpenstackProvider(this, "openstack", {});
    // The self-managed engine makes its CAs, admin certificate and join tokens with these two providers.
    new TlsProvider(this, "tls", {});
    new RandomProvider(this, "random", {});

    this.cluster = new KubernetesOnJetstream(this, "Cluster", {
      name: "gw-k3s",
      engine: KubernetesEngine.selfManaged(),
      allocation: EXAMPLE_ALLOCATION,
      apiAllowedCidrs: [EXAMPLE_ADMIN_CIDR],
      adminCidrs: [EXAMPLE_ADMIN_CIDR],
      keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
      workerFlavor: JetstreamFlavor.M3_MEDIUM,
      workerCount: 3,
    });

    new TerraformOutput(this, "hub_hostname", { value: this.cluster.hubEndpoint?.hostname });
    new TerraformOutput(this, "kubernetes_api", { value: this.cluster.apiEndpoint });
  }
}
