import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { checkCidrs, checkInteger, checkWholeList, fail, isUnresolved } from "../core/validate";
import { parseCidr } from "../core/network-address";
import { NetworkingSecgroupRuleV2 } from "../imports/openstack/networking-secgroup-rule-v2";
import { terraformText } from "../core/terraform-text";
import { NetworkingSecgroupV2 } from "../imports/openstack/networking-secgroup-v2";

/** IP protocols for firewall rules (the values OpenStack uses). */
export enum Protocol {
  /** TCP. */
  TCP = "tcp",
  /** UDP. */
  UDP = "udp",
  /** ICMP. */
  ICMP = "icmp",
}

/**
 * One inbound firewall rule: a port range, and who may reach it.
 */
export interface IngressRule {
  /**
   * What the rule is for; becomes the rule's description.
   *
   * Tokens: accepted; written to each rule's description as a reference.
   */
  readonly description: string;
  /**
   * The protocol.
   *
   * Tokens: n.a.; an enum value.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * The first port (for ICMP, omit it).
   *
   * Tokens: accepted; written to port_range_min (and to port_range_max without toPort); JSH-NET-03 reports it as
   * undecided.
   */
  readonly fromPort?: number;
  /**
   * The last port.
   *
   * Tokens: accepted; written to port_range_max as a reference (compared with fromPort only when both are known);
   * JSH-NET-03 reports it as undecided.
   *
   * @default - the same as fromPort
   */
  readonly toPort?: number;
  /**
   * Source CIDR blocks. 0.0.0.0/0 and ::/0 are rejected: only the web ports 80/443 are ever open to the world,
   * and a node group gets those with `webAccess`.
   *
   * Tokens: refused as a whole list, accepted per entry; each block becomes a rule of its own, whose remote_ip_prefix
   * the pack judges by the variable's default, or as undecided without one.
   *
   * @default - none
   */
  readonly cidrs?: string[];
  /**
   * Source security group ids (for example the cluster's own group, for node-to-node traffic).
   *
   * Tokens: refused as a whole list, accepted per entry; each group becomes a rule of its own.
   *
   * @default - none
   */
  readonly sourceSecurityGroupIds?: string[];
}

/** The ports a hub serves to the world: HTTP (for the ACME challenge and the redirect) and HTTPS. */
export const WEB_PORTS = [80, 443];

/**
 * Creates a security group that owns all its rules: the default allow-all egress rules are deleted and
 * replaced by explicit ones.
 *
 * @internal
 */
export function makeSecurityGroup(
  scope: Construct,
  id: string,
  name: string,
  description: string,
): NetworkingSecgroupV2 {
  return new NetworkingSecgroupV2(scope, id, { name, description, deleteDefaultRules: true });
}

// The rule's ethertype, which Neutron requires to match the address family of remote_ip_prefix. A CIDR known only
// at deploy time gets the family Terraform finds in it then (an IPv6 CIDR is the one with a colon).
function ethertypeOf(cidr: string): string {
  if (isUnresolved(cidr)) return Token.asString(Fn.conditional(Fn.strcontains(cidr, ":"), "IPv6", "IPv4"));
  return parseCidr(cidr)?.version === 6 ? "IPv6" : "IPv4";
}

/**
 * Adds an ingress rule for each source of `rule`, after validating it. Construct ids derive from `idPrefix`.
 *
 * @internal
 */
export function addIngressRule(
  scope: Construct,
  idPrefix: string,
  group: NetworkingSecgroupV2,
  rule: IngressRule,
  prop: string,
): NetworkingSecgroupRuleV2[] {
  const protocol = rule.protocol ?? Protocol.TCP;
  let from: number | undefined;
  let to: number | undefined;
  if (protocol !== Protocol.ICMP) {
    if (rule.fromPort === undefined) {
      fail(scope, {
        prop: `${prop}.fromPort`,
        value: rule.fromPort,
        problem: "a TCP or UDP rule needs a port",
        allowed: "a port from 1 to 65535",
        fix: "set fromPort (and toPort for a range); a rule without ports would open every port",
      });
    }
    from = checkInteger(scope, `${prop}.fromPort`, rule.fromPort, {
      acceptsToken: true,
      min: 1,
      max: 65535,
      fix: "use a port from 1 to 65535",
    });
    to = checkInteger(scope, `${prop}.toPort`, rule.toPort ?? from, {
      acceptsToken: true,
      min: 1,
      max: 65535,
      fix: "use a port from 1 to 65535",
    });
    // Compared only when both are known: a token port reaches port_range_min/max as it is.
    if (!isUnresolved(to) && !isUnresolved(from) && to < from) {
      fail(scope, {
        prop: `${prop}.toPort`,
        value: to,
        problem: `is below fromPort ${from}`,
        allowed: "toPort >= fromPort",
        fix: "swap the two ports",
      });
    }
  }
  const cidrs = checkCidrs(scope, `${prop}.cidrs`, rule.cidrs ?? [], { allowWorld: false, what: rule.description });
  const groups = checkWholeList(scope, `${prop}.sourceSecurityGroupIds`, rule.sourceSecurityGroupIds ?? []);
  if (cidrs.length === 0 && groups.length === 0) {
    fail(scope, {
      prop: `${prop}`,
      value: rule.description,
      problem: "a rule needs at least one source; without one OpenStack would accept any source",
      allowed: "cidrs and/or sourceSecurityGroupIds",
      fix: "list the networks or security groups that need this port",
    });
  }
  const base = { direction: "ingress", protocol, portRangeMin: from, portRangeMax: to, securityGroupId: group.id };
  const rules: NetworkingSecgroupRuleV2[] = [];
  cidrs.forEach((cidr, i) => {
    rules.push(
      new NetworkingSecgroupRuleV2(scope, `${idPrefix}Cidr${i}`, {
        ...base,
        ethertype: ethertypeOf(cidr),
        remoteIpPrefix: cidr,
        description: terraformText(scope, `${prop}.description`, rule.description),
      }),
    );
  });
  groups.forEach((source, i) => {
    rules.push(
      new NetworkingSecgroupRuleV2(scope, `${idPrefix}Group${i}`, {
        ...base,
        ethertype: "IPv4",
        remoteGroupId: source,
        description: terraformText(scope, `${prop}.description`, rule.description),
      }),
    );
  });
  return rules;
}

/**
 * Adds explicit allow-all egress for IPv4 and IPv6: nodes pull images and packages, reach the OAuth provider and
 * Let's Encrypt. Explicit so that the group holds every rule Terraform manages.
 *
 * @internal
 */
export function addEgressRules(scope: Construct, group: NetworkingSecgroupV2, idPrefix = ""): void {
  for (const [ethertype, id] of [
    ["IPv4", "EgressIpv4"],
    ["IPv6", "EgressIpv6"],
  ]) {
    new NetworkingSecgroupRuleV2(scope, `${idPrefix}${id}`, {
      direction: "egress",
      ethertype,
      securityGroupId: group.id,
      description: "Outbound traffic: package and image downloads, OAuth provider, Let's Encrypt",
    });
  }
}

/**
 * Lets members of `group` reach each other on any protocol and port: the cluster's internal traffic. The source
 * is the group itself, never an address range.
 *
 * @internal
 */
export function addIntraGroupRules(scope: Construct, group: NetworkingSecgroupV2): void {
  for (const ethertype of ["IPv4", "IPv6"]) {
    new NetworkingSecgroupRuleV2(scope, `FromGroup${ethertype}`, {
      direction: "ingress",
      ethertype,
      remoteGroupId: group.id,
      securityGroupId: group.id,
      description: "Any traffic between nodes of this cluster",
    });
  }
}

/**
 * Opens HTTP and HTTPS to the world: the only world-open rules the library makes (`addIngressRule` refuses
 * them). Port 80 serves the Let's Encrypt HTTP-01 challenge and the redirect to HTTPS.
 *
 * @internal
 */
export function addWorldWebRules(scope: Construct, group: NetworkingSecgroupV2): void {
  for (const port of WEB_PORTS) {
    for (const [ethertype, prefix] of [
      ["IPv4", "0.0.0.0/0"],
      ["IPv6", "::/0"],
    ]) {
      new NetworkingSecgroupRuleV2(scope, `Web${port}${ethertype}`, {
        direction: "ingress",
        ethertype,
        protocol: Protocol.TCP,
        portRangeMin: port,
        portRangeMax: port,
        remoteIpPrefix: prefix,
        securityGroupId: group.id,
        description: port === 80 ? "HTTP: Let's Encrypt challenge and redirect to HTTPS" : "HTTPS: the hub",
      });
    }
  }
}
