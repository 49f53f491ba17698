import { Annotations } from "cdktf";
import { watchQuotas } from "../core/limits";
import { watchAppNames } from "../core/app-names";
import { Construct } from "constructs";
import { IHubEndpoint } from "../core/interfaces";
import { isDnsLabel, toDnsLabel } from "../core/naming";
import { checkUniqueId, checkAllocation, checkHostname, fail, checkLiteral } from "../core/validate";
import { protectData } from "../ledger/protection";
import { DataOpenstackDnsZoneV2 } from "../imports/openstack/data-openstack-dns-zone-v2";
import { DnsRecordsetV2 } from "../imports/openstack/dns-recordset-v2";
import { NetworkingFloatingipAssociateV2 } from "../imports/openstack/networking-floatingip-associate-v2";
import { NetworkingFloatingipV2 } from "../imports/openstack/networking-floatingip-v2";
import { PUBLIC_NETWORK } from "../jetstream-cluster/cluster-network";
import { JETSTREAM_PROJECTS_DOMAIN } from "../jetstream-cluster/jetstream-cluster";

/**
 * Props for `HubEndpoint`.
 */
export interface HubEndpointProps {
  /**
   * The ACCESS allocation id in lower case, e.g. `cis230085`. With it, an A record
   * `<recordName>.<allocation>.projects.jetstream-cloud.org` points at the address.
   *
   * Tokens: accepted; it forms the DNS zone and record names as a reference.
   *
   * @default - no DNS record; the hub needs a domain of its own
   */
  readonly allocation?: string;
  /**
   * The record's name inside the allocation's zone. Keep it short: Let's Encrypt refuses names over 64 characters.
   *
   * Tokens: refused; it forms the hub's host name at synth.
   *
   * @default "hub"
   */
  readonly recordName?: string;
  /**
   * A VM port to attach the address to (a self-managed cluster's ingress node).
   *
   * Tokens: accepted; the floating IP's port_id takes a reference.
   *
   * @default - not attached: a Kubernetes LoadBalancer Service claims it (z2jh `proxy.service.loadBalancerIP`)
   */
  readonly portId?: string;
  /**
   * The floating IP's description.
   *
   * Tokens: accepted; written to the floating IP's description as a reference.
   *
   * @default - says what the address is for and that it must be kept
   */
  readonly description?: string;
}

/**
 * A stable public entry for a hub: a floating IP reserved outside any cluster, and a Designate record in the
 * allocation's zone that points at it.
 *
 * The address outlives clusters and redeploys, so the DNS name, the HTTPS certificate and the OAuth callback URL
 * stay valid. It has `prevent_destroy`: Jetstream2 may hand a released address to another project.
 */
export class HubEndpoint extends Construct implements IHubEndpoint {
  /** The public IPv4 address. */
  public readonly ipAddress: string;
  /** `<recordName>.<allocation>.projects.jetstream-cloud.org`, when an allocation is given. */
  public readonly hostname?: string;
  /** The floating IP. */
  public readonly floatingIp: NetworkingFloatingipV2;
  /** The DNS record, when an allocation is given. */
  public readonly record?: DnsRecordsetV2;

  /**
   * @param scope the stack (or construct) that keeps the address; it outlives clusters, so often a stack of its own
   * @param id the construct id; part of the floating IP's Terraform address, so never rename it
   * @param props the DNS record and what the address attaches to
   */
  public constructor(scope: Construct, id: string, props: HubEndpointProps = {}) {
    super(scope, checkUniqueId(scope, id));
    const recordName = checkLiteral(this, "recordName", props.recordName, "it forms the hub's host name") ?? "hub";
    if (!isDnsLabel(recordName)) {
      fail(this, {
        prop: "recordName",
        value: recordName,
        problem: "not a DNS label",
        allowed: "a-z, 0-9 and '-', starting and ending with a letter or digit",
        fix: `try ${JSON.stringify(toDnsLabel(String(recordName)) || "hub")}`,
      });
    }
    this.floatingIp = new NetworkingFloatingipV2(this, "Resource", {
      pool: PUBLIC_NETWORK,
      description:
        props.description ??
        "Public entry of a JupyterHub: DNS, the HTTPS certificate and OAuth callbacks point here. Keep it.",
      lifecycle: { preventDestroy: true },
    });
    protectData(this.floatingIp, "reserved hub address", "the address that the hub's DNS name points to");
    this.ipAddress = this.floatingIp.address;
    watchQuotas(this);
    watchAppNames(this);
    if (props.portId !== undefined) {
      new NetworkingFloatingipAssociateV2(this, "Association", {
        floatingIp: this.floatingIp.address,
        portId: props.portId,
      });
    }
    if (props.allocation === undefined && props.recordName !== undefined) {
      Annotations.of(this).addWarning("recordName has no effect without allocation: no DNS record is made");
    }
    if (props.allocation !== undefined) {
      const allocation = checkAllocation(this, "allocation", props.allocation);
      const zoneName = `${allocation}.${JETSTREAM_PROJECTS_DOMAIN}`;
      this.hostname = checkHostname(this, "recordName", `${recordName}.${zoneName}`);
      const zone = new DataOpenstackDnsZoneV2(this, "Zone", { name: `${zoneName}.` });
      this.record = new DnsRecordsetV2(this, "Record", {
        zoneId: zone.id,
        name: `${this.hostname}.`,
        type: "A",
        ttl: 3600,
        records: [this.floatingIp.address],
        description: "The hub's public name",
      });
      protectData(this.record, "hub DNS name", "the hub's host name, its certificate and its OAuth callback");
    }
  }
}
