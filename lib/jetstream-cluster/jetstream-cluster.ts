import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { JetstreamResource } from "../core/flavor";
import { isDnsLabel, toDnsLabel, uniqueDnsName } from "../core/naming";
import { checkUniqueId, checkUniqueInApp, checkAllocation, checkCidrs, fail, checkLiteral } from "../core/validate";
import { NetworkingSecgroupV2 } from "../imports/openstack/networking-secgroup-v2";
import { chosenNetwork, ClusterNetwork } from "./cluster-network";
import { chosenKeyPair, ClusterKeyPair } from "./key-pair";
import { Node, NodeGroup, NodeGroupOptions } from "./node-group";
import { addEgressRules, addIngressRule, addIntraGroupRules, addWorldWebRules, makeSecurityGroup } from "./security";

/** The DNS suffix under which Jetstream2 publishes each allocation's zone. */
export const JETSTREAM_PROJECTS_DOMAIN = "projects.jetstream-cloud.org";

/**
 * Props for `JetstreamCluster`.
 */
export interface JetstreamClusterProps {
  /**
   * A short DNS-safe prefix for every OpenStack name (VMs, ports, security groups, volumes).
   *
   * Tokens: refused; it names the VMs, groups and volumes.
   *
   * @default - derived from the construct path, with a short hash
   */
  readonly name?: string;
  /**
   * The ACCESS allocation (project) id in lower case, e.g. `cis230085`. With it, public VMs on the
   * auto-allocated network get `<vm>.<allocation>.projects.jetstream-cloud.org` names.
   *
   * Tokens: accepted; it forms the nodes' DNS names as a reference.
   *
   * @default - no DNS names
   */
  readonly allocation?: string;
  /**
   * The network the VMs attach to.
   *
   * Tokens: n.a.; a ClusterNetwork.
   *
   * @default ClusterNetwork.autoAllocated()
   */
  readonly network?: ClusterNetwork;
  /**
   * Networks that may reach SSH (port 22). 0.0.0.0/0 and ::/0 are rejected.
   *
   * Tokens: refused as a whole list, accepted per entry; each block becomes an SSH rule of its own.
   *
   * @default - none: SSH is closed
   */
  readonly adminCidrs?: string[];
  /**
   * The SSH key pair for the VMs' default user.
   *
   * Tokens: n.a.; a ClusterKeyPair.
   *
   * @default - no key pair: nobody can log in with SSH
   */
  readonly keyPair?: ClusterKeyPair;
  /**
   * The Jetstream2 resources the allocation covers. A flavor from another resource is rejected (a g3 flavor
   * needs a Jetstream2-GPU allocation, an r3 flavor a Jetstream2-LM one).
   *
   * Tokens: n.a.; a list of enum values.
   *
   * @default [JetstreamResource.CPU]
   */
  readonly allocationResources?: JetstreamResource[];
  /**
   * The node groups. More can be added with `addNodeGroup`.
   *
   * Tokens: n.a.; a list of structs whose props say for themselves.
   *
   * @default - none
   */
  readonly nodeGroups?: NodeGroupOptions[];
}

/**
 * VMs and their network on Jetstream2: security groups, a key pair, node groups with optional floating IPs and
 * protected Cinder volumes.
 *
 * Every security group is created here (the project's `default` group is never touched); SSH is open only to
 * `adminCidrs`; nodes reach each other through the cluster's internal group, except node groups with
 * `peerAccess: false` (a hub VM, a file server), which other nodes reach only on the ports they open. VMs ignore later changes to their
 * user data, image and key pair, so editing those never rebuilds a VM.
 *
 * @example
 * new JetstreamCluster(stack, "Lab", {
 *   allocation: "cis230085",
 *   adminCidrs: ["203.0.113.7/32"],
 *   keyPair: ClusterKeyPair.fromPublicKey("ssh-ed25519 AAAA... me@laptop"),
 *   nodeGroups: [{ name: "web", flavor: JetstreamFlavor.M3_SMALL, floatingIp: true, webAccess: true }],
 * });
 */
export class JetstreamCluster extends Construct {
  /** The prefix of every OpenStack name in the cluster. */
  public readonly clusterName: string;
  /** The allocation id, when given. */
  public readonly allocation?: string;
  /** The network id the VMs attach to. */
  public readonly networkId: string;
  /** The subnet CIDR, when the cluster created the network. */
  public readonly subnetCidr?: string;
  /** The security group every node has: node-to-node traffic and explicit egress. */
  public readonly internalSecurityGroup: NetworkingSecgroupV2;
  /** The SSH security group, when `adminCidrs` is given. */
  public readonly sshSecurityGroup?: NetworkingSecgroupV2;
  /** The key pair name, when a key pair is given. */
  public readonly keyPairName?: string;

  /** The Jetstream2 resources the allocation covers. */
  public readonly allocationResources: JetstreamResource[];

  private readonly publishesDns: boolean;
  private readonly groups: NodeGroup[] = [];
  private webSecurityGroup?: NetworkingSecgroupV2;
  private outboundSecurityGroup?: NetworkingSecgroupV2;

  /**
   * @param scope the stack (or construct) the cluster belongs to
   * @param id the construct id; part of every Terraform address in the cluster, so never rename it
   * @param props network, access, key pair and node groups
   */
  public constructor(scope: Construct, id: string, props: JetstreamClusterProps = {}) {
    super(scope, checkUniqueId(scope, id));
    this.clusterName =
      checkLiteral(this, "name", props.name, "it names the VMs, groups and volumes") ?? uniqueDnsName(this, 24);
    if (!isDnsLabel(this.clusterName) || this.clusterName.length > 40) {
      fail(this, {
        prop: "name",
        value: props.name,
        problem: "not a short DNS label",
        allowed: "1 to 40 characters of a-z, 0-9 and '-', starting and ending with a letter or digit",
        fix: `try ${JSON.stringify(toDnsLabel(String(props.name ?? ""), 40) || "my-hub")}`,
      });
    }
    // Instance, security group and key pair names start with it, and instances get DNS names from them.
    checkUniqueInApp(
      this,
      "name",
      this.clusterName,
      (c) => (c instanceof JetstreamCluster ? c.clusterName : undefined),
      "cluster name",
    );
    if (props.allocation !== undefined) checkAllocation(this, "allocation", props.allocation);
    this.allocation = props.allocation;
    this.allocationResources = props.allocationResources ?? [JetstreamResource.CPU];
    const adminCidrs = checkCidrs(this, "adminCidrs", props.adminCidrs ?? [], { allowWorld: false, what: "SSH" });

    const bound = chosenNetwork(this, props.network)._bind(
      this,
      this.clusterName,
      props.allocation ? `${props.allocation}.${JETSTREAM_PROJECTS_DOMAIN}` : undefined,
    );
    this.networkId = bound.networkId;
    this.subnetCidr = bound.subnetCidr;
    this.publishesDns = bound.publishesInstanceDns;

    this.internalSecurityGroup = makeSecurityGroup(
      this,
      "InternalSecurityGroup",
      `${this.clusterName}-internal`,
      `Node-to-node traffic inside ${this.clusterName}, and outbound traffic`,
    );
    addIntraGroupRules(this, this.internalSecurityGroup);
    addEgressRules(this, this.internalSecurityGroup);

    if (adminCidrs.length > 0) {
      this.sshSecurityGroup = makeSecurityGroup(
        this,
        "SshSecurityGroup",
        `${this.clusterName}-ssh`,
        `SSH to ${this.clusterName} from admin networks`,
      );
      adminCidrs.forEach((cidr, i) =>
        addIngressRule(
          this,
          `SshRule${i}`,
          this.sshSecurityGroup!,
          { description: "SSH from an admin network", fromPort: 22, cidrs: [cidr] },
          `adminCidrs[${i}]`,
        ),
      );
    }
    this.keyPairName = chosenKeyPair(this, props.keyPair)?._bind(this, this.clusterName);
    if (adminCidrs.length > 0 && !props.keyPair) {
      Annotations.of(this).addWarning("adminCidrs opens SSH, but no keyPair is set, so no one can log in with a key");
    }
    for (const group of props.nodeGroups ?? []) this.addNodeGroup(group);
  }

  /**
   * Adds a group of identical VMs.
   */
  public addNodeGroup(options: NodeGroupOptions): NodeGroup {
    if (this.groups.some((g) => g.groupName === options.name)) {
      fail(this, {
        prop: "nodeGroups.name",
        value: options.name,
        problem: "two node groups have this name",
        allowed: "unique names",
        fix: "rename one of them (names are part of Terraform addresses, so rename before the first deploy)",
      });
    }
    checkLiteral(this, "nodeGroups.addressKey", options.addressKey, "it forms the group's Terraform addresses");
    const id = `Group-${options.addressKey ?? options.name}`;
    if (this.node.tryFindChild(id) !== undefined) {
      fail(this, {
        prop: "nodeGroups.addressKey",
        value: options.addressKey ?? options.name,
        problem: "two node groups would share one construct id (and so one set of Terraform addresses)",
        allowed: "a name, or an addressKey, that no other group of the cluster uses",
        fix: "give each hub or server on this cluster its own construct id",
      });
    }
    const group = new NodeGroup(this, id, options);
    this.groups.push(group);
    return group;
  }

  /** The node groups, in the order they were added. */
  public get nodeGroups(): NodeGroup[] {
    return [...this.groups];
  }

  /** A node group by name. */
  public nodeGroup(name: string): NodeGroup {
    const group = this.groups.find((g) => g.groupName === name);
    if (!group) {
      throw new Error(
        `[${this.node.path}] no node group named ${JSON.stringify(name)}; groups: ${this.groups.map((g) => g.groupName).join(", ")}`,
      );
    }
    return group;
  }

  /**
   * The Jetstream2 DNS name of a node: `<vm>.<allocation>.projects.jetstream-cloud.org`. Only public nodes on the
   * auto-allocated network get one, and only when `allocation` is set.
   */
  public dnsNameOf(node: Node): string | undefined {
    if (!this.allocation || !this.publishesDns || !node.publicIp) return undefined;
    return `${node.instanceName}.${this.allocation}.${JETSTREAM_PROJECTS_DOMAIN}`;
  }

  /** All security group ids the cluster created. */
  public get securityGroupIds(): string[] {
    return [
      this.internalSecurityGroup,
      this.sshSecurityGroup,
      this.webSecurityGroup,
      this.outboundSecurityGroup,
      ...this.groups.map((g) => g.securityGroup),
    ]
      .filter((g): g is NetworkingSecgroupV2 => g !== undefined)
      .map((g) => g.id);
  }

  /**
   * The security group of VMs outside the internal group (`peerAccess: false`): outbound traffic only, made on
   * first use.
   *
   * @internal
   */
  public _outboundSecurityGroup(): NetworkingSecgroupV2 {
    if (!this.outboundSecurityGroup) {
      this.outboundSecurityGroup = makeSecurityGroup(
        this,
        "OutboundSecurityGroup",
        `${this.clusterName}-outbound`,
        `Outbound traffic of ${this.clusterName} VMs that are not reachable from the other nodes`,
      );
      addEgressRules(this, this.outboundSecurityGroup, "Outbound");
    }
    return this.outboundSecurityGroup;
  }

  /**
   * The security group that opens 80/443 to the world, made on first use.
   *
   * @internal
   */
  public _webSecurityGroup(): NetworkingSecgroupV2 {
    if (!this.webSecurityGroup) {
      const sg = makeSecurityGroup(
        this,
        "WebSecurityGroup",
        `${this.clusterName}-web`,
        `HTTP and HTTPS to ${this.clusterName} from anywhere (public web service)`,
      );
      addWorldWebRules(this, sg);
      this.webSecurityGroup = sg;
    }
    return this.webSecurityGroup;
  }
}
