import { Annotations, Fn } from "cdktf";
import { Construct } from "constructs";
import { JetstreamFlavor, JetstreamResource } from "../core/flavor";
import { JetstreamImage } from "../core/image";
import { isDnsLabel, toDnsLabel } from "../core/naming";
import { checkInteger, fail, checkLiteral } from "../core/validate";
import { terraformText } from "../core/terraform-text";
import { HOST_NAME_MAX, checkUserDataSize, watchQuotas } from "../core/limits";
import { watchAppNames } from "../core/app-names";
import { protectData } from "../ledger/protection";
import { ComputeInstanceV2 } from "../imports/openstack/compute-instance-v2";
import { ComputeVolumeAttachV2 } from "../imports/openstack/compute-volume-attach-v2";
import { BlockstorageVolumeV3 } from "../imports/openstack/blockstorage-volume-v3";
import { NetworkingFloatingipAssociateV2 } from "../imports/openstack/networking-floatingip-associate-v2";
import { NetworkingFloatingipV2 } from "../imports/openstack/networking-floatingip-v2";
import { NetworkingPortV2 } from "../imports/openstack/networking-port-v2";
import { NetworkingSecgroupV2 } from "../imports/openstack/networking-secgroup-v2";
import { PUBLIC_NETWORK } from "./cluster-network";
import type { JetstreamCluster } from "./jetstream-cluster";
import { IngressRule, addIngressRule, makeSecurityGroup } from "./security";

/**
 * A Cinder volume attached to every node of a group, for data that must outlive the VM.
 */
export interface NodeVolumeOptions {
  /**
   * A short name, unique within the group, e.g. `home`. Part of the Terraform address: do not rename.
   *
   * Tokens: refused; it forms the volume's names and Terraform addresses.
   */
  readonly name: string;
  /**
   * Size in GiB. Cinder volumes only grow: a smaller value later is refused by OpenStack.
   *
   * Tokens: accepted; written to the volume's size as a reference.
   */
  readonly sizeGiB: number;
  /**
   * The Cinder volume type.
   *
   * Tokens: accepted; written to the volume's volume_type as a reference.
   *
   * @default - the project's default type
   */
  readonly volumeType?: string;
  /**
   * The volume's description.
   *
   * Tokens: accepted; written to the volume's description as a reference.
   *
   * @default - names the group and the volume
   */
  readonly description?: string;
  /**
   * Attach this volume instead of creating one: a volume made elsewhere in the app (by `JupyterHubOnJetstream`,
   * so both hub shapes use one home volume at one Terraform address). Only for a group of one VM; `sizeGiB`,
   * `volumeType` and `description` are then the volume's own business.
   *
   * Tokens: n.a.; a volume resource.
   *
   * @default - the node creates its own protected volume
   */
  readonly existingVolume?: BlockstorageVolumeV3;
}

/**
 * A group of identical VMs.
 */
export interface NodeGroupOptions {
  /**
   * A short DNS-safe name, e.g. `hub` or `worker`: part of the VMs' OpenStack names, and of every Terraform address
   * in the group unless `addressKey` is given.
   *
   * Tokens: refused; it is part of the VMs' names and Terraform addresses.
   */
  readonly name: string;
  /**
   * What the group's Terraform addresses derive from (its construct id is `Group-<addressKey>`), when they must not
   * follow `name`: a construct that lets its users rename VMs gives its own construct id here, so a rename updates
   * names in place instead of moving every volume to a new address.
   *
   * Tokens: refused; it forms the group's Terraform addresses.
   *
   * @default - the group's `name`
   */
  readonly addressKey?: string;
  /**
   * The Jetstream2 flavor.
   *
   * Tokens: n.a.; a JetstreamFlavor.
   */
  readonly flavor: JetstreamFlavor;
  /**
   * How many VMs.
   *
   * Tokens: refused; it decides how many VMs and addresses exist.
   *
   * @default 1
   */
  readonly count?: number;
  /**
   * The image the VMs boot. Later changes are ignored: a new image would re-image a running VM's root disk.
   *
   * Tokens: n.a.; a JetstreamImage.
   *
   * @default JetstreamImage.FEATURED_UBUNTU24
   */
  readonly image?: JetstreamImage;
  /**
   * cloud-init user data. Later changes are ignored, since a change would replace the VM.
   *
   * Tokens: accepted; written to each VM's user_data as a reference.
   *
   * @default - none
   */
  readonly userData?: string;
  /**
   * Give each VM a floating IP (a public address).
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false
   */
  readonly floatingIp?: boolean;
  /**
   * Open HTTP and HTTPS (80/443) to the world.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false
   */
  readonly webAccess?: boolean;
  /**
   * Allow SSH from the cluster's `adminCidrs`.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default true
   */
  readonly ssh?: boolean;
  /**
   * Join the cluster's internal security group, which admits every protocol and port from every other member.
   * Kubernetes nodes need that from each other; a VM of another role (a hub, a file server) should not be
   * reachable on every port from every node, nor reach them: set false, and open what it serves with
   * `ingressRules` (e.g. NFS from the Kubernetes nodes' group). Its VMs still reach the Internet.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default true
   */
  readonly peerAccess?: boolean;
  /**
   * Cinder volumes attached to each VM. Each volume has `prevent_destroy`, and is attached by a separate
   * resource, so replacing a VM re-attaches the same volume.
   *
   * Tokens: n.a.; a list of structs whose props say for themselves.
   *
   * @default - none
   */
  readonly volumes?: NodeVolumeOptions[];
  /**
   * More inbound rules for this group (for example the Kubernetes API port from listed networks).
   *
   * Tokens: n.a.; a list of structs whose props say for themselves.
   *
   * @default - none
   */
  readonly ingressRules?: IngressRule[];
}

/**
 * A volume attached to one node.
 */
export interface AttachedVolume {
  /**
   * The volume's name within its group.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly name: string;
  /**
   * The volume.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly volume: BlockstorageVolumeV3;
  /**
   * The attachment to the node.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly attachment: ComputeVolumeAttachV2;
  /**
   * The disk serial the VM sees: the first 20 characters of the volume id. udev links it under /dev/disk/by-id
   * (`virtio-<serial>` on virtio-blk, `scsi-0QEMU_QEMU_HARDDISK_<serial>` on virtio-scsi, which Jetstream2 uses);
   * unlike `/dev/sdb`, it does not depend on attach order.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly deviceSerial: string;
}

/**
 * One VM of a node group, with its port, optional floating IP and volumes.
 */
export class Node extends Construct {
  /** The VM. */
  public readonly instance: ComputeInstanceV2;
  /** The VM's network port (it carries the security groups). */
  public readonly port: NetworkingPortV2;
  /** The OpenStack name of the VM. */
  public readonly instanceName: string;
  /** The private IPv4 address. */
  public readonly privateIp: string;
  /** The floating IP, when the group has them. */
  public readonly floatingIp?: NetworkingFloatingipV2;
  /** The public IPv4 address, when the group has floating IPs. */
  public readonly publicIp?: string;
  /** The attached volumes. */
  public readonly volumes: AttachedVolume[];

  /**
   * @param scope the node group the VM belongs to
   * @param id the construct id, `Node<n>`; part of the Terraform addresses of the VM and its volumes
   * @param props what the node group decided for each of its VMs
   */
  public constructor(scope: Construct, id: string, props: NodeProps) {
    super(scope, id);
    if (
      props === null ||
      typeof props !== "object" ||
      typeof props.instanceName !== "string" ||
      !(props.flavor instanceof JetstreamFlavor) ||
      !(props.image instanceof JetstreamImage) ||
      !Array.isArray(props.volumes)
    ) {
      fail(this, {
        prop: "props",
        value: props,
        problem: "a VM needs its name, flavor, image and volume list",
        allowed: "NodeProps as a node group makes them; prefer JetstreamCluster.addNodeGroup",
        fix: "create VMs through JetstreamCluster.addNodeGroup",
      });
    }
    this.instanceName = props.instanceName;
    this.port = new NetworkingPortV2(this, "Port", {
      name: props.instanceName,
      networkId: props.networkId,
      adminStateUp: true,
      securityGroupIds: props.securityGroupIds,
    });
    const image = props.image;
    this.instance = new ComputeInstanceV2(this, "Resource", {
      name: props.instanceName,
      flavorName: props.flavor.name,
      imageName: image.name,
      imageId: image.id,
      keyPair: props.keyPairName,
      userData: terraformText(this, "userData", props.userData),
      network: [{ port: this.port.id }],
      // A new user_data, image or key would replace or re-image the VM, and with it anything on its root disk.
      lifecycle: { ignoreChanges: ["user_data", "image_name", "image_id", "key_pair"] },
    });
    // Read at synth, when the user data is final (a hub sets it after the group made the VM).
    this.node.addValidation({
      validate: () => {
        checkUserDataSize(this, "userData", this.instance.userDataInput);
        return [];
      },
    });
    watchQuotas(this);
    watchAppNames(this);
    if (props.instanceName.length > HOST_NAME_MAX) {
      Annotations.of(this).addWarning(
        `VM name ${props.instanceName} is ${props.instanceName.length} characters; Nova cuts its host name to ` +
          `${HOST_NAME_MAX}. Use a shorter cluster or group name.`,
      );
    }
    this.privateIp = Fn.element(this.port.allFixedIps, 0);
    if (props.floatingIp) {
      this.floatingIp = new NetworkingFloatingipV2(this, "FloatingIp", {
        pool: PUBLIC_NETWORK,
        description: `Public address of ${props.instanceName}`,
      });
      new NetworkingFloatingipAssociateV2(this, "FloatingIpAssociation", {
        floatingIp: this.floatingIp.address,
        portId: this.port.id,
      });
      this.publicIp = this.floatingIp.address;
    }
    this.volumes = props.volumes.map((v) => {
      const volume = v.existingVolume ?? createDataVolume(this, props.instanceName, v);
      const attachment = new ComputeVolumeAttachV2(this, `Attachment-${v.name}`, {
        instanceId: this.instance.id,
        volumeId: volume.id,
      });
      return {
        name: v.name,
        volume,
        attachment,
        deviceSerial: Fn.substr(volume.id, 0, 20),
      };
    });
  }

  /** A volume by name. */
  public volume(name: string): AttachedVolume {
    const found = this.volumes.find((v) => v.name === name);
    if (!found) throw new Error(`no volume named ${JSON.stringify(name)} on ${this.instanceName}`);
    return found;
  }
}

/** A node's own protected data volume. */
function createDataVolume(node: Construct, instanceName: string, v: NodeVolumeOptions): BlockstorageVolumeV3 {
  const volume = new BlockstorageVolumeV3(node, `Volume-${v.name}`, {
    name: `${instanceName}-${v.name}`,
    size: v.sizeGiB,
    volumeType: terraformText(node, "volumes.volumeType", v.volumeType),
    description:
      terraformText(node, "volumes.description", v.description) ??
      `${v.name} volume of ${instanceName}; holds data that outlives the VM`,
    enableOnlineResize: true,
    lifecycle: { preventDestroy: true },
  });
  protectData(volume, "data volume", `the data on ${instanceName}'s ${v.name} volume`);
  return volume;
}

/**
 * Props for one `Node`. Node groups make nodes; use `JetstreamCluster.addNodeGroup` rather than this directly.
 */
export interface NodeProps {
  /**
   * The OpenStack (and DNS) name of the VM.
   *
   * Tokens: accepted; written to the VM's name as a reference.
   */
  readonly instanceName: string;
  /**
   * The flavor.
   *
   * Tokens: n.a.; a JetstreamFlavor.
   */
  readonly flavor: JetstreamFlavor;
  /**
   * The image.
   *
   * Tokens: n.a.; a JetstreamImage.
   */
  readonly image: JetstreamImage;
  /**
   * The network id.
   *
   * Tokens: accepted; written to the VM's network argument as a reference.
   */
  readonly networkId: string;
  /**
   * Security group ids for the VM's port.
   *
   * Tokens: accepted; the port's security_group_ids argument takes a list reference.
   */
  readonly securityGroupIds: string[];
  /**
   * The key pair name.
   *
   * Tokens: accepted; written to the VM's key_pair as a reference.
   *
   * @default - none
   */
  readonly keyPairName?: string;
  /**
   * cloud-init user data.
   *
   * Tokens: accepted; written to the VM's user_data as a reference.
   *
   * @default - none
   */
  readonly userData?: string;
  /**
   * Whether the VM gets a floating IP.
   *
   * Tokens: n.a.; a boolean.
   */
  readonly floatingIp: boolean;
  /**
   * Volumes to attach.
   *
   * Tokens: n.a.; a list of structs whose props say for themselves.
   */
  readonly volumes: NodeVolumeOptions[];
}

/**
 * A group of identical VMs in a `JetstreamCluster`. Made by `JetstreamCluster.addNodeGroup`.
 */
export class NodeGroup extends Construct {
  /** The group's name. */
  public readonly groupName: string;
  /** The flavor of every VM in the group. */
  public readonly flavor: JetstreamFlavor;
  /** The VMs, in order. */
  public readonly nodes: Node[];
  /** The group's own security group, when it has extra ingress rules. */
  public readonly securityGroup?: NetworkingSecgroupV2;

  /**
   * @param cluster the cluster the group belongs to (its network, security groups and key pair)
   * @param id the construct id, `Group-<name>`; part of every Terraform address in the group
   * @param options flavor, count, image, user data, access and volumes
   */
  public constructor(cluster: JetstreamCluster, id: string, options: NodeGroupOptions) {
    super(cluster, id);
    checkLiteral(cluster, "nodeGroups.name", options.name, "it is part of the VMs' names and Terraform addresses");
    const prop = `nodeGroups[${options.name}]`;
    if (typeof options.name !== "string" || !isDnsLabel(options.name) || options.name.length > 20) {
      fail(cluster, {
        prop: "nodeGroups.name",
        value: options.name,
        problem: "not a short DNS label",
        allowed: "1 to 20 characters of a-z, 0-9 and '-'",
        fix: `try ${JSON.stringify(toDnsLabel(String(options.name ?? ""), 20) || "workers")}`,
      });
    }
    this.groupName = options.name;
    this.flavor = checkFlavor(cluster, `${prop}.flavor`, options.flavor, cluster.allocationResources);
    const count = checkInteger(cluster, `${prop}.count`, options.count ?? 1, {
      min: 1,
      max: 100,
      fix: "use at least one VM per group; remove the group to have none",
      why: "it decides how many VMs (and Terraform addresses) exist",
    });
    const image = options.image ?? JetstreamImage.FEATURED_UBUNTU24;
    if (!(image instanceof JetstreamImage)) {
      fail(cluster, {
        prop: `${prop}.image`,
        value: image,
        problem: "must be a JetstreamImage",
        allowed: "JetstreamImage.FEATURED_UBUNTU24, JetstreamImage.fromName(...) or JetstreamImage.fromId(...)",
        fix: "wrap the image name: JetstreamImage.fromName(name)",
      });
    }
    const volumes = options.volumes ?? [];
    const volumeNames = new Set<string>();
    volumes.forEach((v, i) => {
      checkLiteral(cluster, `${prop}.volumes[${i}].name`, v.name, "it names the volume's resources");
      if (!isDnsLabel(v.name) || volumeNames.has(v.name)) {
        fail(cluster, {
          prop: `${prop}.volumes[${i}].name`,
          value: v.name,
          problem: volumeNames.has(v.name) ? "two volumes have this name" : "not a DNS label",
          allowed: "unique short names of a-z, 0-9 and '-'",
          fix: "name each volume for what it holds, e.g. home",
        });
      }
      volumeNames.add(v.name);
      if (v.existingVolume !== undefined && count !== 1) {
        fail(cluster, {
          prop: `${prop}.volumes[${i}].existingVolume`,
          value: count,
          problem: "one volume can be attached to one VM only, and the group has more",
          allowed: "existingVolume in a group of count 1",
          fix: "give the group count: 1, or let each VM create its own volume",
        });
      }
      checkInteger(cluster, `${prop}.volumes[${i}].sizeGiB`, v.sizeGiB, {
        acceptsToken: true,
        min: 1,
        max: 10240,
        fix: "give the size in whole GiB",
      });
    });

    // Members of the internal group reach each other on every port; other VMs only get outbound traffic.
    const securityGroupIds = [
      options.peerAccess === false ? cluster._outboundSecurityGroup().id : cluster.internalSecurityGroup.id,
    ];
    if (options.ssh !== false && cluster.sshSecurityGroup) securityGroupIds.push(cluster.sshSecurityGroup.id);
    if (options.webAccess) securityGroupIds.push(cluster._webSecurityGroup().id);
    const rules = options.ingressRules ?? [];
    if (rules.length > 0) {
      this.securityGroup = makeSecurityGroup(
        this,
        "SecurityGroup",
        `${cluster.clusterName}-${options.name}`,
        `Extra inbound rules for node group ${options.name} of ${cluster.clusterName}`,
      );
      rules.forEach((rule, i) =>
        addIngressRule(this, `Rule${i}`, this.securityGroup!, rule, `${prop}.ingressRules[${i}]`),
      );
      securityGroupIds.push(this.securityGroup.id);
    }

    this.nodes = Array.from(
      { length: count },
      (_, i) =>
        new Node(this, `Node${i + 1}`, {
          instanceName:
            count === 1 ? `${cluster.clusterName}-${options.name}` : `${cluster.clusterName}-${options.name}-${i + 1}`,
          flavor: this.flavor,
          image,
          networkId: cluster.networkId,
          securityGroupIds,
          keyPairName: cluster.keyPairName,
          userData: options.userData,
          floatingIp: options.floatingIp === true,
          volumes,
        }),
    );
  }

  /** Private IPv4 addresses, one per VM. */
  public get privateIps(): string[] {
    return this.nodes.map((n) => n.privateIp);
  }

  /** Public IPv4 addresses, one per VM (empty without floating IPs). */
  public get publicIps(): string[] {
    return this.nodes.flatMap((n) => (n.publicIp ? [n.publicIp] : []));
  }
}

/**
 * A flavor that exists, is offered, and runs on one of the allocation's resources (a g3 flavor needs a
 * Jetstream2-GPU allocation). Shared by every construct that launches VMs.
 *
 * @internal
 */
export function checkFlavor(
  scope: Construct,
  prop: string,
  flavor: JetstreamFlavor,
  resources: JetstreamResource[],
): JetstreamFlavor {
  if (!(flavor instanceof JetstreamFlavor)) {
    fail(scope, {
      prop,
      value: flavor,
      problem: "must be a JetstreamFlavor",
      allowed: "JetstreamFlavor.M3_QUAD and friends, or JetstreamFlavor.of(name)",
      fix: `write JetstreamFlavor.of(${JSON.stringify(String(flavor))})`,
    });
  }
  if (flavor.retired) {
    fail(scope, {
      prop,
      value: flavor.name,
      problem: "this flavor is retired on Jetstream2",
      allowed: JetstreamFlavor.available(flavor.resource)
        .map((f) => f.name)
        .join(", "),
      fix: "choose a current flavor of the same family",
    });
  }
  if (!resources.includes(flavor.resource)) {
    const key = Object.entries(JetstreamResource).find(([, v]) => v === flavor.resource)?.[0];
    fail(scope, {
      prop,
      value: flavor.name,
      problem: `runs only on ${flavor.resource} allocations, and allocationResources is ${JSON.stringify(resources)}`,
      allowed: resources
        .flatMap((r) => JetstreamFlavor.available(r))
        .map((f) => f.name)
        .join(", "),
      fix: `choose one of those, or add JetstreamResource.${key} to allocationResources if your allocation includes ${flavor.resource}`,
    });
  }
  if (flavor.byRequest) {
    Annotations.of(scope).addWarning(`${prop}: ${flavor.name} is available only on request to Jetstream2 support`);
  }
  return flavor;
}
