import { parseCidr } from "../core/network-address";
import type { Element, PolicyDocument } from "./document";
import { isReference } from "./values";

/** Where a security group rule's traffic may come from (ingress) or go to (egress). */
export enum Peer {
  /** 0.0.0.0/0, ::/0, or no remote at all (OpenStack then matches any address). */
  WORLD = "world",
  /** A CIDR block narrower than the world. */
  CIDR = "cidr",
  /** Members of a security group. */
  GROUP = "group",
  /** Known only at deploy time. */
  UNKNOWN = "unknown",
}

/** A security group rule as the network checks see it. */
export interface SecgroupRule extends Element {
  readonly direction: string;
  /** Lower-cased protocol; "" means any protocol. */
  readonly protocol: string;
  /** Port range; undefined means every port. */
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly peer: Peer;
  /** Whether the remote is the rule's own security group. */
  readonly peerIsOwnGroup: boolean;
}

const PROTOCOL_NUMBERS: { [n: string]: string } = { "1": "icmp", "6": "tcp", "17": "udp", "58": "ipv6-icmp" };

/** Every `openstack_networking_secgroup_rule_v2`, read. */
export function secgroupRules(doc: PolicyDocument): SecgroupRule[] {
  return doc.resources("openstack_networking_secgroup_rule_v2").map((e) => {
    const b = e.body;
    const raw =
      typeof b.protocol === "string" ? b.protocol.toLowerCase() : b.protocol === undefined ? "" : String(b.protocol);
    const protocol = PROTOCOL_NUMBERS[raw] ?? (raw === "any" ? "" : raw);
    const min = typeof b.port_range_min === "number" ? b.port_range_min : undefined;
    const max = typeof b.port_range_max === "number" ? b.port_range_max : undefined;
    // OpenStack reads a missing or zero bound as the whole range.
    const allPorts = min === undefined || max === undefined || min === 0 || max === 0;
    let peer: Peer;
    if (isReference(b.remote_ip_prefix)) peer = Peer.UNKNOWN;
    else if (typeof b.remote_ip_prefix === "string" && b.remote_ip_prefix !== "") {
      const parsed = parseCidr(b.remote_ip_prefix);
      peer = parsed === undefined ? Peer.UNKNOWN : parsed.prefix === 0 ? Peer.WORLD : Peer.CIDR;
    } else if (b.remote_group_id !== undefined && b.remote_group_id !== "") peer = Peer.GROUP;
    else peer = Peer.WORLD;
    return {
      ...e,
      direction: String(b.direction ?? ""),
      protocol,
      fromPort: allPorts ? undefined : min,
      toPort: allPorts ? undefined : max,
      peer,
      peerIsOwnGroup: peer === Peer.GROUP && b.remote_group_id === b.security_group_id,
    };
  });
}

/** Whether the rule admits traffic to `port` over TCP or UDP. */
export function coversPort(rule: SecgroupRule, port: number): boolean {
  if (rule.protocol !== "" && rule.protocol !== "tcp" && rule.protocol !== "udp") return false;
  if (rule.fromPort === undefined || rule.toPort === undefined) return true;
  return rule.fromPort <= port && port <= rule.toPort;
}

/** A short name for the rule's traffic: `tcp/8888`, `tcp/1000-2000`, `icmp`, `any`. */
export function trafficOf(rule: SecgroupRule): string {
  const protocol = rule.protocol === "" ? "any" : rule.protocol;
  if (rule.fromPort === undefined || rule.toPort === undefined) {
    return protocol === "tcp" || protocol === "udp" ? `${protocol}/all` : protocol;
  }
  return rule.fromPort === rule.toPort ? `${protocol}/${rule.fromPort}` : `${protocol}/${rule.fromPort}-${rule.toPort}`;
}
