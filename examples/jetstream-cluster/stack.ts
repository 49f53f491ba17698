import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ClusterKeyPair, JetstreamCluster, JetstreamFlavor, JetstreamImage, OpenstackProvider } from "../../lib";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_ALLOCATION, EXAMPLE_PUBLIC_KEY } from "../settings";

/**
 * The settings of the example a team would change over its life; the data-safety tests change each of them and
 * check that no volume is replaced or destroyed.
 */
export interface JetstreamClusterExampleSettings {
  /** Compute VMs (default 2). */
  readonly computeCount?: number;
  /** Compute flavor (default m3.quad). */
  readonly computeFlavor?: JetstreamFlavor;
  /** Image of every VM (default the featured Ubuntu 24.04). */
  readonly image?: JetstreamImage;
  /** cloud-init user data of the compute VMs (default none). */
  readonly computeUserData?: string;
  /** Size of each compute VM's scratch volume in GiB (default 100). */
  readonly scratchGiB?: number;
  /** Networks SSH is allowed from (default the example admin network). */
  readonly adminCidrs?: string[];
}

/**
 * Plain VMs beside a gateway: one public web VM, and two compute VMs with a protected scratch volume each.
 * The building block the hub constructs stand on, used on its own.
 */
export class JetstreamClusterExample extends TerraformStack {
  public readonly cluster: JetstreamCluster;

  public constructor(scope: Construct, id: string, settings: JetstreamClusterExampleSettings = {}) {
    super(scope, id);
    // Credentials come from clouds.yaml and OS_CLOUD (or OS_* variables) at deploy time, never from code.
    new OpenstackProvider(this, "openstack", {});

    this.cluster = new JetstreamCluster(this, "Lab", {
      name: "gwlab",
      allocation: EXAMPLE_ALLOCATION,
      adminCidrs: settings.adminCidrs ?? [EXAMPLE_ADMIN_CIDR],
      keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
      nodeGroups: [
        { name: "web", flavor: JetstreamFlavor.M3_SMALL, image: settings.image, floatingIp: true, webAccess: true },
        {
          name: "compute",
          flavor: settings.computeFlavor ?? JetstreamFlavor.M3_QUAD,
          count: settings.computeCount ?? 2,
          image: settings.image,
          userData: settings.computeUserData,
          volumes: [{ name: "scratch", sizeGiB: settings.scratchGiB ?? 100 }],
        },
      ],
    });

    const web = this.cluster.nodeGroup("web").nodes[0];
    new TerraformOutput(this, "web_dns_name", { value: this.cluster.dnsNameOf(web) });
    new TerraformOutput(this, "web_public_ip", { value: web.publicIp });
    new TerraformOutput(this, "compute_private_ips", { value: this.cluster.nodeGroup("compute").privateIps });
  }
}
