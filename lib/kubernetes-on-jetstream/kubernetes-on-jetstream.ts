import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { JetstreamFlavor, JetstreamResource } from "../core/flavor";
import { JetstreamImage } from "../core/image";
import { IHubEndpoint, IKubernetesCluster, INfsHomeStorage } from "../core/interfaces";
import { isDnsLabel, toDnsLabel, uniqueDnsName } from "../core/naming";
import {
  checkUniqueId,
  checkUniqueInApp,
  checkAllocation,
  checkCidrs,
  fail,
  isUnresolved,
  checkLiteral,
} from "../core/validate";
import { ContainerinfraClusterV1 } from "../imports/openstack/containerinfra-cluster-v1";
import { ContainerinfraNodegroupV1 } from "../imports/openstack/containerinfra-nodegroup-v1";
import { DataOpenstackNetworkingSubnetV2 } from "../imports/openstack/data-openstack-networking-subnet-v2";
import { chosenKeyPair, ClusterKeyPair } from "../jetstream-cluster/key-pair";
import { chosenNetwork, ClusterNetwork } from "../jetstream-cluster/cluster-network";
import { JETSTREAM_PROJECTS_DOMAIN, JetstreamCluster } from "../jetstream-cluster/jetstream-cluster";
import { checkFlavor } from "../jetstream-cluster/node-group";
import { KubernetesEngine, KubernetesEngineKind } from "./engine";
import { ClusterHomeStorage, NfsHomeServer } from "./home-storage";
import { HubEndpoint } from "./hub-endpoint";
import {
  MagnumClusterTemplate,
  checkControlPlaneCount,
  checkCreateTimeout,
  checkExtraLabels,
  createMagnumCluster,
  addApiRestrictionCheck,
  magnumLabels,
} from "./magnum";
import { checkK3sVersion, checkSelfManagedLimits, createSelfManagedCluster } from "./self-managed";
import {
  KubernetesNodeGroupOptions,
  WorkerAutoscaling,
  checkNodeGroups,
  checkWorkerSizing,
  gpuFlavors,
  smallestCpuFlavor,
} from "./workers";

/**
 * Props for `KubernetesOnJetstream`.
 */
export interface KubernetesOnJetstreamProps {
  /**
   * Networks that may reach the Kubernetes API: where you run `cdktf deploy` and `kubectl` from. 0.0.0.0/0 and
   * ::/0 are rejected. On Magnum this is fixed when the cluster is created.
   *
   * Self-managed clusters enforce it with a security group. On Magnum it is passed on as the
   * `api_master_lb_allowed_cidrs` label, which some Cluster API chart versions drop; a Terraform `check` reads the
   * API load balancer's listener back at every plan and apply and warns when it admits more than these networks.
   *
   * Tokens: refused as a whole list, accepted per entry; each block becomes a rule of its own.
   */
  readonly apiAllowedCidrs: string[];
  /**
   * The engine that runs Kubernetes.
   *
   * Tokens: n.a.; a KubernetesEngine.
   *
   * @default KubernetesEngine.magnum()
   */
  readonly engine?: KubernetesEngine;
  /**
   * A short DNS-safe name for the cluster and every OpenStack name in it. Changing it replaces the cluster.
   *
   * Tokens: refused; it names the cluster and its resources.
   *
   * @default - derived from the construct path, with a short hash
   */
  readonly name?: string;
  /**
   * The ACCESS allocation id in lower case, e.g. `cis230085`. With it, the hub's address gets a DNS name in the
   * allocation's zone.
   *
   * Tokens: accepted; it forms DNS names as a reference.
   *
   * @default - no DNS names
   */
  readonly allocation?: string;
  /**
   * The Jetstream2 resources the allocation covers. GPU node groups need `JetstreamResource.GPU`.
   *
   * Tokens: n.a.; a list of enum values.
   *
   * @default [JetstreamResource.CPU]
   */
  readonly allocationResources?: JetstreamResource[];
  /**
   * The network the nodes attach to.
   *
   * Tokens: n.a.; a ClusterNetwork.
   *
   * @default ClusterNetwork.autoAllocated()
   */
  readonly network?: ClusterNetwork;
  /**
   * Networks that may reach SSH on the VMs this construct makes (the NFS server, self-managed nodes). Magnum
   * nodes are managed by Magnum and never open SSH.
   *
   * Tokens: refused as a whole list, accepted per entry; each block becomes an SSH rule of its own.
   *
   * @default - none: SSH is closed
   */
  readonly adminCidrs?: string[];
  /**
   * The SSH key pair of the nodes.
   *
   * Tokens: n.a.; a ClusterKeyPair.
   *
   * @default - none
   */
  readonly keyPair?: ClusterKeyPair;
  /**
   * The control-plane flavor.
   *
   * Tokens: n.a.; a JetstreamFlavor.
   *
   * @default JetstreamFlavor.M3_SMALL
   */
  readonly controlPlaneFlavor?: JetstreamFlavor;
  /**
   * The flavor of the default worker group. On Magnum it is fixed at creation; add a node group for another size.
   *
   * Tokens: n.a.; a JetstreamFlavor.
   *
   * @default JetstreamFlavor.M3_QUAD
   */
  readonly workerFlavor?: JetstreamFlavor;
  /**
   * Workers in the default group (with autoscaling, the starting size).
   *
   * Tokens: refused; it decides how many resources exist.
   *
   * @default - 1, or `autoscaling.minNodes`
   */
  readonly workerCount?: number;
  /**
   * Autoscaling bounds of the default worker group (Magnum only; Jetstream2 runs the autoscaler).
   *
   * Tokens: n.a.; a struct whose props say for themselves.
   *
   * @default - a fixed `workerCount`
   */
  readonly autoscaling?: WorkerAutoscaling;
  /**
   * Extra worker groups, e.g. GPU nodes. On Magnum they are created one after another.
   *
   * Tokens: n.a.; a list of structs whose props say for themselves.
   *
   * @default - none
   */
  readonly nodeGroups?: KubernetesNodeGroupOptions[];
  /**
   * Where home directories live.
   *
   * Tokens: n.a.; a ClusterHomeStorage.
   *
   * @default ClusterHomeStorage.nfsServer()
   */
  readonly homeStorage?: ClusterHomeStorage;
  /**
   * Reserve a stable public address for the hub (and a DNS name with `allocation`).
   *
   * Tokens: n.a.; a boolean.
   *
   * @default true
   */
  readonly hubEndpoint?: boolean;
  /**
   * The hub's DNS record name in the allocation's zone.
   *
   * Tokens: refused; it forms the hub's host name.
   *
   * @default "hub"
   */
  readonly hubRecordName?: string;
}

/**
 * A Kubernetes cluster on Jetstream2 for a JupyterHub, with home storage and a public entry outside the cluster.
 *
 * The default engine is Magnum with the Cluster API driver (`KubernetesEngine.magnum()`); the self-managed engine
 * (`KubernetesEngine.selfManaged()`) runs k3s on VMs for clouds without Magnum. Either way the construct implements
 * `IKubernetesCluster`: hand it to a hub, or to `KubernetesProviders.configure` in another stack.
 *
 * Data survives by default: the Magnum cluster has `prevent_destroy`, home directories live on an NFS server VM
 * whose volume has `prevent_destroy`, and the hub's floating IP is reserved outside the cluster.
 *
 * @example
 * const cluster = new KubernetesOnJetstream(stack, "Cluster", {
 *   allocation: "cis230085",
 *   apiAllowedCidrs: ["203.0.113.0/24"],
 *   autoscaling: { minNodes: 1, maxNodes: 5 },
 * });
 */
export class KubernetesOnJetstream extends Construct implements IKubernetesCluster {
  /** The cluster's name. */
  public readonly clusterName: string;
  /** The engine that runs it. */
  public readonly engineKind: KubernetesEngineKind;
  /** The API server URL. Sensitive on Magnum (it comes from the cluster's kubeconfig). */
  public readonly apiEndpoint: string;
  /** The cluster CA certificate, PEM. */
  public readonly clusterCaCertificate: string;
  /** The admin client certificate, PEM. */
  public readonly clientCertificate?: string;
  /** The admin client key, PEM. Sensitive. */
  public readonly clientKey?: string;
  /** Not used: both engines authenticate with a client certificate. */
  public readonly token?: string;
  /** The smallest CPU worker flavor. */
  public readonly workerFlavor?: JetstreamFlavor;
  /** Flavors of GPU workers, empty without GPUs. */
  public readonly gpuWorkerFlavors: JetstreamFlavor[];
  /** The home NFS export, unless `ClusterHomeStorage.none()`. */
  public readonly homeStorage?: INfsHomeStorage;
  /** The hub's public entry, unless `hubEndpoint: false`. */
  public readonly hubEndpoint?: IHubEndpoint;
  /** The network id of the nodes. */
  public readonly networkId: string;
  /** The IPv4 subnet id of the nodes. */
  public readonly subnetId: string;
  /** The IPv4 subnet CIDR of the nodes (a token when the subnet already exists). */
  public readonly subnetCidr: string;
  /** The Magnum cluster (`prevent_destroy`), on the Magnum engine. */
  public readonly magnumCluster?: ContainerinfraClusterV1;
  /** The extra Magnum node groups, in creation order. */
  public readonly magnumNodeGroups: ContainerinfraNodegroupV1[];
  /** The VMs the construct made: self-managed nodes and the NFS server. */
  public readonly machines?: JetstreamCluster;

  /**
   * @param scope the stack (or construct) the cluster belongs to, usually a stack of its own beside the hub's
   * @param id the construct id; part of every Terraform address of the cluster and its home volume, so never rename it
   * @param props engine, workers, API access, home storage and the hub's public entry
   */
  public constructor(scope: Construct, id: string, props: KubernetesOnJetstreamProps) {
    super(scope, checkUniqueId(scope, id));
    const engine = props.engine ?? KubernetesEngine.magnum();
    if (!(engine instanceof KubernetesEngine)) {
      fail(this, {
        prop: "engine",
        value: engine,
        problem: "must be a KubernetesEngine",
        allowed: "KubernetesEngine.magnum({...}) or KubernetesEngine.selfManaged({...})",
        fix: "build the engine with one of the KubernetesEngine factories",
      });
    }
    this.engineKind = engine.kind;
    const magnum = engine.kind === KubernetesEngineKind.MAGNUM;
    this.clusterName = this.checkName(props.name);
    // Magnum cluster names are unique in a project, and every OpenStack name of the cluster starts with it.
    checkUniqueInApp(
      this,
      "name",
      this.clusterName,
      (c) => (c instanceof KubernetesOnJetstream ? c.clusterName : undefined),
      "cluster name",
    );
    const allocation =
      props.allocation === undefined ? undefined : checkAllocation(this, "allocation", props.allocation);
    const resources = props.allocationResources ?? [JetstreamResource.CPU];
    const apiAllowedCidrs = this.checkApiCidrs(props.apiAllowedCidrs);

    const controlPlaneFlavor = checkFlavor(
      this,
      "controlPlaneFlavor",
      props.controlPlaneFlavor ?? JetstreamFlavor.M3_SMALL,
      resources,
    );
    if (controlPlaneFlavor.isGpu) {
      fail(this, {
        prop: "controlPlaneFlavor",
        value: controlPlaneFlavor.name,
        problem: "the control plane runs no user workloads; a GPU there is wasted",
        allowed: JetstreamFlavor.available(JetstreamResource.CPU)
          .map((f) => f.name)
          .join(", "),
        fix: "use a CPU flavor such as m3.small, and put GPUs in a node group",
      });
    }
    const workerFlavor = checkFlavor(this, "workerFlavor", props.workerFlavor ?? JetstreamFlavor.M3_QUAD, resources);
    const workers = checkWorkerSizing(this, "workerCount", props.workerCount, props.autoscaling);
    const groups = checkNodeGroups(this, props.nodeGroups ?? [], resources);
    if (!magnum) checkSelfManagedLimits(this, workers, groups);

    const allFlavors = [workerFlavor, ...groups.map((g) => g.flavor)];
    this.workerFlavor = smallestCpuFlavor(allFlavors);
    this.gpuWorkerFlavors = gpuFlavors(allFlavors);

    const network = chosenNetwork(this, props.network)._bind(
      this,
      this.clusterName,
      allocation ? `${allocation}.${JETSTREAM_PROJECTS_DOMAIN}` : undefined,
    );
    this.networkId = network.networkId;
    if (network.subnetId !== undefined && network.subnetCidr !== undefined) {
      this.subnetId = network.subnetId;
      this.subnetCidr = network.subnetCidr;
    } else {
      // An existing network: its IPv4 subnet (Jetstream2's auto_allocated_network has one).
      const subnet = new DataOpenstackNetworkingSubnetV2(this, "NetworkSubnet", {
        networkId: network.networkId,
        ipVersion: 4,
      });
      this.subnetId = subnet.id;
      this.subnetCidr = subnet.cidr;
    }
    const keyPairName = chosenKeyPair(this, props.keyPair)?._bind(this, this.clusterName);

    const homeStorage = props.homeStorage ?? ClusterHomeStorage.nfsServer();
    const needsMachines = !magnum || homeStorage._nfs !== undefined;
    if (needsMachines) {
      this.machines = new JetstreamCluster(this, "Machines", {
        name: this.clusterName,
        allocation,
        network: ClusterNetwork.fromId(this.networkId),
        adminCidrs: props.adminCidrs,
        keyPair: keyPairName === undefined ? undefined : ClusterKeyPair.fromName(keyPairName),
        allocationResources: resources,
      });
    } else if (props.adminCidrs !== undefined && props.adminCidrs.length > 0) {
      Annotations.of(this).addWarning(
        "adminCidrs has no effect: Magnum nodes never open SSH, and with ClusterHomeStorage.none() there is no other VM",
      );
    }
    const hubEndpointWanted = props.hubEndpoint !== false;

    if (magnum) {
      const options = engine._magnum ?? {};
      const resourcesMade = createMagnumCluster(this, {
        name: this.clusterName,
        template: options.clusterTemplate ?? MagnumClusterTemplate.KUBERNETES_1_33_JAMMY_FIXED_LABELS,
        controlPlaneCount: checkControlPlaneCount(this, options.controlPlaneCount),
        controlPlaneFlavor,
        workerFlavor,
        workers,
        keyPairName,
        networkId: this.networkId,
        subnetId: this.subnetId,
        labels: magnumLabels({
          apiAllowedCidrs,
          autoscaling: workers.autoscaling,
          nodeGroupsAutoscale: groups.some((g) => g.sizing.autoscaling !== undefined),
          extra: checkExtraLabels(this, options.labels),
        }),
        createTimeout: checkCreateTimeout(this, options.createTimeout),
        nodeGroups: groups,
      });
      this.magnumCluster = resourcesMade.cluster;
      this.magnumNodeGroups = resourcesMade.nodeGroups;
      addApiRestrictionCheck(this, this.magnumCluster, this.clusterName, apiAllowedCidrs, this.subnetCidr);
      const kubeconfig = this.magnumCluster.kubeconfig;
      this.apiEndpoint = kubeconfig.lookup("host");
      this.clusterCaCertificate = kubeconfig.lookup("cluster_ca_certificate");
      this.clientCertificate = kubeconfig.lookup("client_certificate");
      this.clientKey = kubeconfig.lookup("client_key");
      if (homeStorage._nfs === undefined) {
        Annotations.of(this).addWarning(
          "HomeStorage.none(): per-user Cinder volumes count against the project's volume quota (10 by default), " +
            "and the Cluster API janitor may delete them together with the cluster",
        );
      }
    } else {
      const options = engine._selfManaged ?? {};
      const controlPlaneDnsName =
        allocation && network.publishesInstanceDns
          ? `${this.clusterName}-control-plane.${allocation}.${JETSTREAM_PROJECTS_DOMAIN}`
          : undefined;
      const made = createSelfManagedCluster(this, this.machines!, {
        name: this.clusterName,
        version: checkK3sVersion(this, options.k3sVersion),
        image: options.image ?? JetstreamImage.FEATURED_UBUNTU24,
        controlPlaneFlavor,
        workerFlavor,
        workerCount: workers.count,
        apiAllowedCidrs,
        controlPlaneDnsName,
        workersServeWeb: hubEndpointWanted,
        nodeGroups: groups.map((g) => ({ name: g.name, flavor: g.flavor, count: g.sizing.count })),
      });
      this.magnumNodeGroups = [];
      if (homeStorage._nfs === undefined) {
        Annotations.of(this).addWarning(
          "HomeStorage.none(): the self-managed engine's only storage class is k3s's local-path, so per-user " +
            "volumes would live on the workers' root disks and disappear with them",
        );
      }
      this.apiEndpoint = made.apiEndpoint;
      this.clusterCaCertificate = made.clusterCaCertificate;
      this.clientCertificate = made.clientCertificate;
      this.clientKey = made.clientKey;
    }

    if (homeStorage._nfs !== undefined) {
      this.homeStorage = new NfsHomeServer(this, "HomeStorage", {
        ...homeStorage._nfs,
        cluster: this.machines!,
        clientCidrs: [this.subnetCidr],
        // Self-managed nodes are members of the machines' internal group: exactly they may mount the homes.
        // Magnum makes its nodes itself, so only their subnet can name them.
        clientSecurityGroupIds: magnum ? undefined : [this.machines!.internalSecurityGroup.id],
      });
      if (magnum && network.subnetCidr === undefined) {
        Annotations.of(this).addWarning(
          "the NFS home export is open to the whole subnet of a network this cluster shares (Magnum nodes have no " +
            "security group Terraform knows), so any VM on that network can mount every home: give the cluster a " +
            "network of its own (network: ClusterNetwork.create({ cidr })) for a new cluster (JSH-NET-10)",
        );
      }
    }
    if (hubEndpointWanted) {
      this.hubEndpoint = new HubEndpoint(this, "HubEndpoint", {
        allocation,
        recordName: checkLiteral(this, "hubRecordName", props.hubRecordName, "it forms the hub's host name"),
        // Without a cloud controller, the self-managed cluster's web traffic enters through the first worker
        // (k3s's service load balancer listens on every node).
        portId: magnum ? undefined : this.machines!.nodeGroup("workers").nodes[0].port.id,
      });
    } else if (props.hubRecordName !== undefined) {
      Annotations.of(this).addWarning("hubRecordName has no effect with hubEndpoint: false");
    }
  }

  private checkName(name: string | undefined): string {
    const value = checkLiteral(this, "name", name, "it names the cluster and its resources") ?? uniqueDnsName(this, 24);
    if (!isDnsLabel(value) || value.length > 30 || !/^[a-z]/.test(value)) {
      fail(this, {
        prop: "name",
        value: name,
        problem: "not a short DNS label starting with a letter",
        allowed: "1 to 30 characters of a-z, 0-9 and '-', starting with a letter",
        fix: `try ${JSON.stringify(toDnsLabel(String(name ?? ""), 30).replace(/^[^a-z]+/, "") || "hub-k8s")}`,
      });
    }
    return value;
  }

  private checkApiCidrs(cidrs: string[]): string[] {
    if (!isUnresolved(cidrs) && (!Array.isArray(cidrs) || cidrs.length === 0)) {
      fail(this, {
        prop: "apiAllowedCidrs",
        value: cidrs,
        problem: "the Kubernetes API must be limited to listed networks",
        allowed: "one or more CIDR blocks, e.g. your workstation's address as /32",
        fix: "list where you run cdktf and kubectl from (find your address with `curl -4 ifconfig.me`)",
      });
    }
    return checkCidrs(this, "apiAllowedCidrs", cidrs, { allowWorld: false, what: "the Kubernetes API" });
  }
}
