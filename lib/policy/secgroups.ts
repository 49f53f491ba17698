import { cidrsCoverWorld, parseCidr } from "../core/network-address";
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
  /** The remote CIDR as the checks read it (a variable's default stands in for the variable). */
  readonly remoteCidr?: string;
  /** Whether the remote is a variable the checks cannot bound (no default, no validation that refuses /0). */
  readonly unboundedVariable: boolean;
}

const PROTOCOL_NUMBERS: { [n: string]: string } = { "1": "icmp", "6": "tcp", "17": "udp", "58": "ipv6-icmp" };

/**
 * Every `openstack_networking_secgroup_rule_v2`, read. A remote that is a variable counts as its default (a
 * default of 0.0.0.0/0 is world-open). Rules of one security group that together cover the whole Internet for
 * the same traffic (0.0.0.0/1 plus 128.0.0.0/1) are each world-open.
 */
export function secgroupRules(doc: PolicyDocument): SecgroupRule[] {
  let rules = READ.get(doc);
  if (!rules) READ.set(doc, (rules = readRules(doc)));
  return rules;
}

// Several network rules read the same document's security group rules; they are read once per document.
const READ = new WeakMap<PolicyDocument, SecgroupRule[]>();

function readRules(doc: PolicyDocument): SecgroupRule[] {
  const read = doc.resources("openstack_networking_secgroup_rule_v2").map((e) => readRule(e, doc));
  return read.map((r) => {
    if (r.peer !== Peer.CIDR) return r;
    const together = read.filter(
      (o) =>
        o.peer === Peer.CIDR &&
        o.body.security_group_id === r.body.security_group_id &&
        o.direction === r.direction &&
        (o.protocol === "" || o.protocol === r.protocol) &&
        (o.fromPort === undefined || (r.fromPort !== undefined && o.fromPort <= r.fromPort && r.toPort! <= o.toPort!)),
    );
    return cidrsCoverWorld(together.map((o) => o.remoteCidr ?? "")) ? { ...r, peer: Peer.WORLD } : r;
  });
}

function readRule(e: Element, doc: PolicyDocument): SecgroupRule {
  const b = e.body;
  const raw =
    typeof b.protocol === "string" ? b.protocol.toLowerCase() : b.protocol === undefined ? "" : String(b.protocol);
  const protocol = PROTOCOL_NUMBERS[raw] ?? (raw === "any" ? "" : raw);
  const min = typeof b.port_range_min === "number" ? b.port_range_min : undefined;
  const max = typeof b.port_range_max === "number" ? b.port_range_max : undefined;
  // OpenStack reads a missing or zero bound as the whole range.
  const allPorts = min === undefined || max === undefined || min === 0 || max === 0;
  const remote = variableDefault(b.remote_ip_prefix, doc);
  let peer: Peer;
  if (isReference(remote.value)) peer = Peer.UNKNOWN;
  else if (typeof remote.value === "string" && remote.value !== "") {
    const parsed = parseCidr(remote.value);
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
    remoteCidr: typeof remote.value === "string" && !isReference(remote.value) ? remote.value : undefined,
    unboundedVariable: remote.unbounded,
  };
}

// `${var.x}`: the variable's default when it has one; unbounded when it has neither a default nor a validation
// that mentions a prefix length or 0.0.0.0/0 (then any value, the whole Internet included, is accepted).
function variableDefault(value: unknown, doc: PolicyDocument): { value: unknown; unbounded: boolean } {
  const m = typeof value === "string" ? /^\$\{var\.([A-Za-z_][\w-]*)\}$/.exec(value) : null;
  if (!m) return { value, unbounded: false };
  const variable = doc.json.variable?.[m[1]];
  if (variable === undefined) return { value, unbounded: false };
  if (typeof variable.default === "string") return { value: variable.default, unbounded: false };
  const validations = JSON.stringify(variable.validation ?? []);
  return { value, unbounded: !/\/0|cidrnetmask|prefix|cidrhost/.test(validations) };
}

/**
 * Whether `rule`, a CIDR rule admitting `port`, opens it to the world together with the other CIDR rules of its
 * security group that admit the same port the same way (0.0.0.0/1 on 20-22 plus 128.0.0.0/1 on 22-30 open 22).
 */
export function worldOpenTogether(rules: SecgroupRule[], rule: SecgroupRule, port: number): boolean {
  if (rule.peer !== Peer.CIDR || !coversPort(rule, port)) return false;
  const together = rules.filter(
    (o) =>
      o.peer === Peer.CIDR &&
      o.body.security_group_id === rule.body.security_group_id &&
      o.direction === rule.direction &&
      (o.protocol === "" || rule.protocol === "" || o.protocol === rule.protocol) &&
      coversPort(o, port),
  );
  return cidrsCoverWorld(together.map((o) => o.remoteCidr ?? ""));
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
