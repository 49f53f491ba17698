import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { JetstreamFlavor } from "../core/flavor";
import { JetstreamImage } from "../core/image";
import { INfsHomeStorage } from "../core/interfaces";
import { Size } from "../core/units";
import {
  checkFreeGroupName,
  checkSameStack,
  checkUniqueId,
  checkCidrs,
  checkInteger,
  checkWholeList,
  fail,
} from "../core/validate";
import { protectData, recordFirstBootSettings } from "../ledger/protection";
import { BlockstorageVolumeV3 } from "../imports/openstack/blockstorage-volume-v3";
import { JetstreamCluster } from "../jetstream-cluster/jetstream-cluster";
import { Node, NodeGroup } from "../jetstream-cluster/node-group";
import { renderNfsServerUserData } from "./nfs-cloud-init";
import { SHARED_HOME_VOLUME, TLJH_HOME_SUBPATH } from "../core/home-layout";
import { BackupCloudConfigParts } from "../home-backups/backup-script";
import { HomeBackups, backupSettingsText, renderBackupsProp } from "../home-backups/home-backups";

/** The NFS port (NFSv4 needs nothing else). */
export const NFS_PORT = 2049;

/**
 * How homes lie on the NFS server's volume.
 */
export enum NfsHomeLayout {
  /** The volume's root is the export; each user's home is the folder of their escaped name (`{username}`). */
  PER_USER = "per-user",
  /**
   * The Littlest JupyterHub's layout: homes in the volume's `home` folder as `jupyter-<name>`. A volume a
   * single-server hub used can then be served as it is: the server hands the homes to the notebook uid once, and
   * hubs mount `jupyter-{username}`. What `JupyterHubOnJetstream` uses, so that both shapes share one volume.
   */
  TLJH = "tljh",
}

/**
 * Options of the NFS server that holds home directories.
 */
export interface NfsServerOptions {
  /**
   * Size of the home volume. Cinder volumes only grow; after growing it, run `resize2fs` on the server.
   *
   * Tokens: n.a.; a Size.
   *
   * @default Size.gibibytes(100)
   */
  readonly capacity?: Size;
  /**
   * The server's flavor.
   *
   * Tokens: n.a.; a JetstreamFlavor.
   *
   * @default JetstreamFlavor.M3_SMALL
   */
  readonly flavor?: JetstreamFlavor;
  /**
   * The Cinder volume type of the home volume.
   *
   * Tokens: accepted; written to the volume's volume_type as a reference.
   *
   * @default - the project's default type
   */
  readonly volumeType?: string;
  /**
   * Serve the homes on this volume instead of creating one (`capacity` should then be its size, `volumeType` is
   * ignored): a volume made elsewhere in the app, such as the one `JupyterHubOnJetstream` shares between its
   * shapes. The volume's owner protects it.
   *
   * Tokens: n.a.; a volume resource.
   *
   * @default - the server creates its own protected volume
   */
  readonly volume?: BlockstorageVolumeV3;
  /**
   * How homes lie on the volume.
   *
   * Tokens: n.a.; an enum value.
   *
   * @default NfsHomeLayout.PER_USER
   */
  readonly layout?: NfsHomeLayout;
  /**
   * Nightly, encrypted backups of the home volume to the allocation's object store, run on the NFS server.
   * Jetstream2 keeps no backups of volumes; without this, the JetstreamChecks rule JSH-DATA-10 asks for a reasoned
   * acknowledgement.
   *
   * Tokens: n.a.; a HomeBackups.
   *
   * @default - no backups
   * @see docs/home-backups.md
   */
  readonly backups?: HomeBackups;
}

/**
 * Props for `NfsHomeServer`.
 */
export interface NfsHomeServerProps extends NfsServerOptions {
  /**
   * The cluster the server VM joins.
   *
   * Tokens: n.a.; a JetstreamCluster.
   */
  readonly cluster: JetstreamCluster;
  /**
   * Networks that may mount the export, written into the export list. Without `clientSecurityGroupIds` they are
   * also what the NFS port (TCP 2049) is opened to, so give the nodes' own addresses or a subnet only they use.
   *
   * Tokens: refused as a whole list, accepted per entry; each block becomes a rule and an export line of its own.
   */
  readonly clientCidrs: string[];
  /**
   * The security groups of the nodes that mount the export. When given, the NFS port is opened to members of
   * these groups only (exactly the cluster's nodes, whatever else shares their network), and `clientCidrs` only
   * fills the export list.
   *
   * Tokens: refused as a whole list, accepted per entry; each group becomes a rule of its own.
   *
   * @default - the NFS port is opened to clientCidrs
   */
  readonly clientSecurityGroupIds?: string[];
  /**
   * The node group's name in `cluster`.
   *
   * Tokens: refused; it is part of the VM's names and Terraform addresses.
   *
   * @default "nfs"
   */
  readonly groupName?: string;
  /**
   * The image the server boots. Later changes are ignored.
   *
   * Tokens: n.a.; a JetstreamImage.
   *
   * @default JetstreamImage.FEATURED_UBUNTU24
   */
  readonly image?: JetstreamImage;
  /**
   * The uid every client write is stored as (z2jh's single-user image runs as 1000).
   *
   * Tokens: refused; it is written into the server's setup script at synth.
   *
   * @default 1000
   */
  readonly ownerUid?: number;
  /**
   * The gid every client write is stored as (z2jh's `users` group).
   *
   * Tokens: refused; it is written into the server's setup script at synth.
   *
   * @default 100
   */
  readonly ownerGid?: number;
}

/**
 * Home directories on an NFS server VM, outside any Kubernetes cluster, on a Cinder volume Terraform owns.
 *
 * The volume has `prevent_destroy` and is attached by its own resource, so neither a config change nor a new VM
 * can delete it, and a Cluster API janitor that deletes a cluster's CSI volumes never sees it. One volume serves
 * every user, which keeps within Jetstream2's default quota of 10 volumes per project.
 *
 * @example
 * const home = new NfsHomeServer(stack, "Home", {
 *   cluster,
 *   clientCidrs: ["10.0.0.0/24"],
 *   capacity: Size.gibibytes(500),
 * });
 */
export class NfsHomeServer extends Construct implements INfsHomeStorage {
  /** The server's private address. */
  public readonly serverAddress: string;
  /** The exported path. */
  public readonly exportPath: string;
  /** The folder of a user's home within the export, as KubeSpawner's `subPath` template. */
  public readonly userSubPath?: string;
  /** Size of the home volume. */
  public readonly capacity: Size;
  /** The node group of the server (one VM). */
  public readonly nodeGroup: NodeGroup;
  /** The server VM. */
  public readonly server: Node;
  /** The home volume (`prevent_destroy`). */
  public readonly volume: BlockstorageVolumeV3;

  /**
   * @param scope the construct the server belongs to; it must be in the stack of `cluster`, since the server VM and
   *   its home volume are a node group of that cluster
   * @param id the construct id; part of the home volume's Terraform address, so never rename it
   * @param props the cluster the server joins, who may mount the export, and the volume's size
   */
  public constructor(scope: Construct, id: string, props: NfsHomeServerProps) {
    super(scope, checkUniqueId(scope, id));
    this.capacity = props.capacity ?? Size.gibibytes(100);
    const sizeGiB = this.capacity instanceof Size ? this.capacity.toGibibytes() : Number.NaN;
    checkInteger(this, "capacity", sizeGiB, {
      min: 1,
      max: 10240,
      fix: "give a whole number of GiB, e.g. Size.gibibytes(500)",
    });
    const clientCidrs = checkCidrs(this, "clientCidrs", props.clientCidrs, { allowWorld: false, what: "NFS" });
    if (clientCidrs.length === 0) {
      fail(this, {
        prop: "clientCidrs",
        value: clientCidrs,
        problem: "nobody could mount the export",
        allowed: "the CIDR blocks of the nodes that mount home directories",
        fix: "pass the cluster subnet, e.g. the subnetCidr of KubernetesOnJetstream",
      });
    }
    const why = "it is written into the server's setup script";
    const ownerUid = checkInteger(this, "ownerUid", props.ownerUid ?? 1000, { min: 0, max: 65534, fix: "a uid", why });
    const ownerGid = checkInteger(this, "ownerGid", props.ownerGid ?? 100, { min: 0, max: 65534, fix: "a gid", why });
    const tljhLayout = props.layout === NfsHomeLayout.TLJH;
    if (props.layout !== undefined && !Object.values(NfsHomeLayout).includes(props.layout)) {
      fail(this, {
        prop: "layout",
        value: props.layout,
        problem: "is not a layout",
        allowed: "NfsHomeLayout.PER_USER or NfsHomeLayout.TLJH",
        fix: "pick one of the enum's values",
      });
    }
    this.exportPath = tljhLayout ? SHARED_HOME_VOLUME.homes : "/export/home";
    this.userSubPath = tljhLayout ? TLJH_HOME_SUBPATH : "{username}";
    // Rendered (and validated) below, once the server and its name exist; read when the user data is produced.
    const rendered: { backups?: BackupCloudConfigParts } = {};

    checkSameStack(this, "cluster", props.cluster, "the server VM and its home volume (a node group of the cluster)");
    this.nodeGroup = props.cluster.addNodeGroup({
      name: checkFreeGroupName(this, "groupName", props.groupName ?? "nfs", props.cluster.nodeGroups),
      flavor: props.flavor ?? JetstreamFlavor.M3_SMALL,
      image: props.image,
      volumes: [
        {
          name: "home",
          sizeGiB,
          volumeType: props.volumeType,
          description: "Home directories of the hub's users. prevent_destroy: deleting it deletes every home.",
          existingVolume: props.volume,
        },
      ],
      // Only the NFS port, only from the clients: the server is not in the cluster's all-ports internal group.
      peerAccess: false,
      ingressRules: [
        checkWholeList(this, "clientSecurityGroupIds", props.clientSecurityGroupIds) !== undefined &&
        props.clientSecurityGroupIds!.length > 0
          ? {
              description: "NFS from the cluster's nodes",
              fromPort: NFS_PORT,
              sourceSecurityGroupIds: props.clientSecurityGroupIds,
            }
          : { description: "NFS from the cluster network", fromPort: NFS_PORT, cidrs: clientCidrs },
      ],
      // Rendered at synth time: the script needs the volume's device path, known once the node exists.
      userData: Lazy.stringValue({
        produce: () =>
          renderNfsServerUserData({
            volumeSerial: this.server.volume("home").deviceSerial,
            exportPath: this.exportPath,
            tljhLayout,
            clientCidrs,
            ownerUid,
            ownerGid,
            backups: rendered.backups,
          }),
      }),
    });
    this.server = this.nodeGroup.nodes[0];
    this.volume = this.server.volume("home").volume;
    protectData(this.volume, "home volume", "every user's home directory, served over NFS");
    // The server ignores later user data: the DataLedger says when these change, and that a new VM applies them.
    recordFirstBootSettings(this.server.instance, {
      "install:nfs.clients": JSON.stringify(clientCidrs),
      "install:nfs.owner": `${ownerUid}:${ownerGid}`,
      "install:nfs.layout": tljhLayout ? NfsHomeLayout.TLJH : NfsHomeLayout.PER_USER,
      ...(props.backups ? { "install:backups": backupSettingsText(props.backups)! } : {}),
    });
    this.serverAddress = this.server.privateIp;
    // No admin group: the server has no hub users; its admins see problems at SSH login (motd).
    rendered.backups = renderBackupsProp(this, props.backups, {
      backupPath: this.exportPath,
      host: this.server.instanceName,
      adminGroup: "",
    });
  }
}

/**
 * Where a Kubernetes cluster's users keep their home directories.
 */
export class ClusterHomeStorage {
  /**
   * An NFS server VM beside the cluster, with one protected Cinder volume for every home. The default.
   */
  public static nfsServer(options: NfsServerOptions = {}): ClusterHomeStorage {
    return new ClusterHomeStorage(options);
  }

  /**
   * No home storage outside the cluster: the hub falls back to its own storage settings, usually one dynamic
   * Cinder volume per user. Those count against the project's volume quota (10 by default), and on Magnum the
   * Cluster API janitor may delete them together with the cluster.
   */
  public static none(): ClusterHomeStorage {
    return new ClusterHomeStorage(undefined);
  }

  /** @internal */
  public readonly _nfs?: NfsServerOptions;

  private constructor(nfs?: NfsServerOptions) {
    this._nfs = nfs;
  }
}
