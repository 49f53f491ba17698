import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ClusterKeyPair, JetstreamCluster, JetstreamFlavor, OpenstackProvider } from "../../lib";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_ALLOCATION, EXAMPLE_PUBLIC_KEY } from "../settings";

/**
 * Plain VMs beside a gateway: one public web VM, and two compute VMs with a protected scratch volume each.
 * The building block the hub constructs stand on, used on its own.
 */
export class JetstreamClusterExample extends TerraformStack {
  public readonly cluster: JetstreamCluster;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    // Credentials come from clouds.yaml and OS_CLOUD (or OS_* variables) at deploy time, never from code.
    new OpenstackProvider(this, "openstack", {});

    this.cluster = new JetstreamCluster(this, "Lab", {
      name: "gwlab",
      allocation: EXAMPLE_ALLOCATION,
      adminCidrs: [EXAMPLE_ADMIN_CIDR],
      keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
      nodeGroups: [
        { name: "web", flavor: JetstreamFlavor.M3_SMALL, floatingIp: true, webAccess: true },
        {
          name: "compute",
          flavor: JetstreamFlavor.M3_QUAD,
          count: 2,
          volumes: [{ name: "scratch", sizeGiB: 100 }],
        },
      ],
    });

    const web = this.cluster.nodeGroup("web").nodes[0];
    new TerraformOutput(this, "web_dns_name", { value: this.cluster.dnsNameOf(web) });
    new TerraformOutput(this, "web_public_ip", { value: web.publicIp });
    new TerraformOutput(this, "compute_private_ips", { value: this.cluster.nodeGroup("compute").privateIps });
  }
}
