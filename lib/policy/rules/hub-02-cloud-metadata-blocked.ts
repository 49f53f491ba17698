import { parseIpv4 } from "../../core/network-address";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { Json, at, isObject } from "../values";
import { entries } from "../user-pods";

// The metadata service's address (singleuser.cloudMetadata.ip) and the port it answers HTTP on.
const METADATA_IP = "169.254.169.254";
const METADATA_PORT = 80;

// Whether an IPv4 CIDR block contains the address.
function contains(cidr: unknown, ip: number): boolean {
  if (typeof cidr !== "string") return false;
  const [base, bits] = cidr.split("/");
  const network = parseIpv4(base);
  const prefix = bits === undefined ? 32 : Number(bits);
  if (network === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (network & mask) >>> 0 === (ip & mask) >>> 0;
}

// Whether a NetworkPolicy egress rule (Kubernetes NetworkPolicyEgressRule) admits the metadata service.
function admitsMetadata(rule: Json, ip: number): boolean {
  const ports = entries(rule.ports);
  const portOk =
    ports.length === 0 ||
    ports.some((p) => {
      if (p.protocol !== undefined && String(p.protocol).toUpperCase() !== "TCP") return false;
      if (p.port === undefined || typeof p.port === "string") return true; // every port, or a named one
      const end = typeof p.endPort === "number" ? p.endPort : p.port;
      return p.port <= METADATA_PORT && METADATA_PORT <= end;
    });
  if (!portOk) return false;
  const peers = entries(rule.to);
  // No `to`: every destination.
  if (peers.length === 0) return true;
  return peers.some((peer) => {
    if (!isObject(peer.ipBlock)) return false;
    const except = Array.isArray(peer.ipBlock.except) ? peer.ipBlock.except : [];
    return contains(peer.ipBlock.cidr, ip) && !except.some((e: unknown) => contains(e, ip));
  });
}

/** JSH-HUB-02: user code cannot read the cloud's metadata service. */
export const cloudMetadataBlocked: PolicyRule = {
  id: "JSH-HUB-02",
  title: "Singleuser pods cannot reach the metadata service (169.254.169.254)",
  explanation:
    "The metadata service hands out the node's user data and, on some clouds, credentials. The chart blocks it " +
    "twice: a network policy egress rule and an iptables rule in an init container. Allowing metadata egress, " +
    "through egressAllowRules.cloudMetadataServer or a custom singleuser.networkPolicy.egress rule whose " +
    "destination includes 169.254.169.254 on port 80 (an ipBlock such as 0.0.0.0/0 without it in `except`, or no " +
    "`to` at all), is never acceptable (hard); turning the iptables block off is acceptable only where network " +
    "policies are enforced (Magnum's Calico does).",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const found = [];
      if (at(r.values, "singleuser.networkPolicy.egressAllowRules.cloudMetadataServer") === true) {
        found.push(
          finding(r.address, "singleuser network policy allows the metadata server", {
            findingId: "metadata-egress",
            hard: true,
          }),
        );
      }
      const configuredIp = at(r.values, "singleuser.cloudMetadata.ip");
      const ip = parseIpv4(typeof configuredIp === "string" ? configuredIp : METADATA_IP) ?? parseIpv4(METADATA_IP)!;
      entries(at(r.values, "singleuser.networkPolicy.egress")).forEach((rule, i) => {
        if (admitsMetadata(rule, ip)) {
          found.push(
            finding(r.address, `singleuser.networkPolicy.egress[${i}] admits the metadata server`, {
              findingId: "metadata-egress",
              hard: true,
            }),
          );
        }
      });
      if (at(r.effectiveValues, "singleuser.cloudMetadata.blockWithIptables") !== true) {
        const netpol = at(r.effectiveValues, "singleuser.networkPolicy.enabled") === true;
        found.push(
          finding(
            r.address,
            netpol
              ? "blockWithIptables is off: only the network policy blocks the metadata server"
              : "blockWithIptables is off and the singleuser network policy is disabled: nothing blocks the metadata server",
            { findingId: "iptables", level: netpol ? PolicyLevel.WARNING : PolicyLevel.ERROR },
          ),
        );
      }
      return found;
    }),
};
