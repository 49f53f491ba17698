import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { checkLiteral, checkOptionalInstance, fail } from "../core/validate";
import { terraformText } from "../core/terraform-text";
import { parseCidr } from "../core/network-address";
import { DataOpenstackNetworkingNetworkV2 } from "../imports/openstack/data-openstack-networking-network-v2";
import { NetworkingNetworkV2 } from "../imports/openstack/networking-network-v2";
import { NetworkingRouterInterfaceV2 } from "../imports/openstack/networking-router-interface-v2";
import { NetworkingRouterV2 } from "../imports/openstack/networking-router-v2";
import { NetworkingSubnetV2 } from "../imports/openstack/networking-subnet-v2";

/** Jetstream2's per-project network, created by the first instance launch of an allocation. */
export const AUTO_ALLOCATED_NETWORK = "auto_allocated_network";
/** Jetstream2's external network and floating IP pool. */
export const PUBLIC_NETWORK = "public";

/**
 * Options for a network that the cluster creates itself.
 */
export interface CreateNetworkOptions {
  /**
   * The subnet's IPv4 CIDR block, e.g. `10.42.0.0/24`.
   *
   * Tokens: refused; the subnet is checked against Jetstream2's ranges at synth.
   */
  readonly cidr: string;
  /**
   * DNS servers handed out by DHCP.
   *
   * Tokens: accepted; the subnet's dns_nameservers argument takes a list reference.
   *
   * @default - Jetstream2's defaults
   */
  readonly dnsNameservers?: string[];
  /**
   * The external network the router uses as its gateway.
   *
   * Tokens: accepted; the external network's lookup takes a reference.
   *
   * @default "public"
   */
  readonly externalNetworkName?: string;
}

/** What a bound network gives the cluster. */
export interface BoundNetwork {
  /** The network id (a token). */
  readonly networkId: string;
  /** The subnet CIDR, when the cluster created the subnet. */
  readonly subnetCidr?: string;
  /** The subnet id, when the cluster created the subnet. */
  readonly subnetId?: string;
  /** Whether Jetstream2 publishes `<instance>.<allocation>.projects.jetstream-cloud.org` names on this network. */
  readonly publishesInstanceDns: boolean;
}

/**
 * The network a cluster's VMs attach to.
 *
 * Jetstream2 allows one router per project, and every allocation already has one on `auto_allocated_network`,
 * so reusing that network is the default. Creating a network (with its own router) needs a free router quota.
 *
 * @see https://docs.jetstream-cloud.org/general/network/
 */
export class ClusterNetwork {
  /**
   * The allocation's `auto_allocated_network`, with its router and automatic DNS names. The default.
   */
  public static autoAllocated(): ClusterNetwork {
    return new ClusterNetwork("auto", AUTO_ALLOCATED_NETWORK);
  }

  /**
   * A new network, subnet and router to the external network. Uses the project's one router:
   * only for projects whose `auto_allocated_router` is not in use.
   */
  public static create(options: CreateNetworkOptions): ClusterNetwork {
    return new ClusterNetwork("create", undefined, options);
  }

  /** An existing network, by name. */
  public static fromName(name: string): ClusterNetwork {
    return new ClusterNetwork("name", name);
  }

  /** An existing network, by id. */
  public static fromId(id: string): ClusterNetwork {
    return new ClusterNetwork("id", id);
  }

  private constructor(
    private readonly mode: "auto" | "create" | "name" | "id",
    private readonly ref?: string,
    private readonly options?: CreateNetworkOptions,
  ) {}

  /**
   * Creates or looks up the network inside `scope`.
   *
   * @internal
   */
  public _bind(scope: Construct, baseName: string, dnsDomain?: string): BoundNetwork {
    switch (this.mode) {
      case "auto":
      case "name": {
        const data = new DataOpenstackNetworkingNetworkV2(scope, "Network", {
          name: terraformText(scope, "network", this.ref),
        });
        return { networkId: data.id, publishesInstanceDns: this.mode === "auto" };
      }
      case "id":
        return { networkId: terraformText(scope, "network", this.ref)!, publishesInstanceDns: false };
      case "create":
        return this.create(scope, baseName, dnsDomain);
    }
  }

  private create(scope: Construct, baseName: string, dnsDomain?: string): BoundNetwork {
    const options = this.options!;
    checkLiteral(scope, "network.cidr", options.cidr, "the subnet's block is checked and split at synth");
    const parsed = parseCidr(options.cidr);
    if (!parsed || parsed.version !== 4) {
      fail(scope, {
        prop: "network.cidr",
        value: options.cidr,
        problem: "not an IPv4 CIDR block",
        allowed: "a private IPv4 block such as 10.42.0.0/24",
        fix: "give the subnet as address/prefix",
      });
    }
    if (parsed.hostBitsSet) {
      fail(scope, {
        prop: "network.cidr",
        value: options.cidr,
        problem: "host bits are set beyond the prefix",
        allowed: "a network address for its prefix length",
        fix: `did you mean ${parsed.canonical}?`,
      });
    }
    if (parsed.prefix > 29 || parsed.prefix < 8) {
      fail(scope, {
        prop: "network.cidr",
        value: options.cidr,
        problem: "the subnet size is impractical",
        allowed: "prefix lengths /8 to /29 (a /29 leaves 5 usable addresses)",
        fix: "use a /24, which leaves room for 250 nodes",
      });
    }
    Annotations.of(scope).addInfo(
      "Creating a network also creates a router; Jetstream2 allows one router per project, normally " +
        "auto_allocated_router. Use ClusterNetwork.autoAllocated() unless that router is free.",
    );
    const external = new DataOpenstackNetworkingNetworkV2(scope, "ExternalNetwork", {
      name: options.externalNetworkName ?? PUBLIC_NETWORK,
      external: true,
    });
    const network = new NetworkingNetworkV2(scope, "Network", {
      name: baseName,
      adminStateUp: true,
      dnsDomain: dnsDomain ? `${dnsDomain}.` : undefined,
    });
    const subnet = new NetworkingSubnetV2(scope, "Subnet", {
      name: baseName,
      networkId: network.id,
      cidr: options.cidr,
      ipVersion: 4,
      dnsNameservers: options.dnsNameservers,
    });
    const router = new NetworkingRouterV2(scope, "Router", {
      name: baseName,
      externalNetworkId: external.id,
    });
    new NetworkingRouterInterfaceV2(scope, "RouterInterface", { routerId: router.id, subnetId: subnet.id });
    return { networkId: network.id, subnetCidr: subnet.cidr, subnetId: subnet.id, publishesInstanceDns: false };
  }
}

/** The network prop as given (refused, naming `network`, when it is no ClusterNetwork), or the default. */
export function chosenNetwork(scope: Construct, network: ClusterNetwork | undefined): ClusterNetwork {
  const allowed = "ClusterNetwork.autoAllocated(), .fromName(...), .fromId(...) or .create(...)";
  return checkOptionalInstance(scope, "network", network, ClusterNetwork, allowed) ?? ClusterNetwork.autoAllocated();
}
