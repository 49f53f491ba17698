/**
 * A parsed IPv4 or IPv6 CIDR block.
 */
export interface ParsedCidr {
  /** 4 or 6. */
  readonly version: number;
  /** The prefix length. */
  readonly prefix: number;
  /** Whether address bits beyond the prefix are set (`10.0.0.1/24`). */
  readonly hostBitsSet: boolean;
  /** The block with host bits cleared, e.g. `10.0.0.0/24`. */
  readonly canonical: string;
  /** Number of addresses in the block (IPv4 only; 0 for IPv6). */
  readonly size: number;
}

/**
 * Parses a CIDR block, or returns undefined when the text is not one. IPv4 in dotted quads; IPv6 in
 * hexadecimal groups with an optional `::`.
 */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (typeof text !== "string") return undefined;
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const prefix = Number(m[2]);
  const v4 = parseIpv4(m[1]);
  if (v4 !== undefined) {
    if (prefix > 32) return undefined;
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    const network = (v4 & mask) >>> 0;
    return {
      version: 4,
      prefix,
      hostBitsSet: network !== v4,
      canonical: `${formatIpv4(network)}/${prefix}`,
      size: 2 ** (32 - prefix),
    };
  }
  const v6 = parseIpv6(m[1]);
  if (v6 !== undefined) {
    if (prefix > 128) return undefined;
    const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(128 - prefix);
    const network = v6 & mask;
    return { version: 6, prefix, hostBitsSet: network !== v6, canonical: `${formatIpv6(network)}/${prefix}`, size: 0 };
  }
  return undefined;
}

/** Whether a parsed CIDR covers the whole Internet (0.0.0.0/0 or ::/0). */
export function isWorldOpen(cidr: ParsedCidr): boolean {
  return cidr.prefix === 0;
}

// Ranges that never route on the Internet: RFC 1918 private, CGNAT, loopback, link-local; IPv6 unique-local.
const PRIVATE_V4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"];

/** The widest public prefixes a firewall rule for administrators may name: /16 for IPv4, /48 for IPv6. */
export const WIDEST_PUBLIC_PREFIX = { 4: 16, 6: 48 } as const;

/**
 * Whether a block is a public range wider than an organization's network (/16 for IPv4, /48 for IPv6). Such a
 * block, or a few of them (0.0.0.0/1 plus 128.0.0.0/1), opens a port to much of the Internet.
 */
export function isBroadPublicRange(cidr: ParsedCidr): boolean {
  if (cidr.version === 6) {
    const firstByte = parseInt(cidr.canonical.split(":")[0] || "0", 16) >> 8;
    const uniqueLocal = cidr.prefix >= 7 && (firstByte & 0xfe) === 0xfc;
    return !uniqueLocal && cidr.prefix < WIDEST_PUBLIC_PREFIX[6];
  }
  if (cidr.prefix >= WIDEST_PUBLIC_PREFIX[4]) return false;
  const [address] = cidr.canonical.split("/");
  const start = parseIpv4(address)!;
  const end = start + cidr.size - 1;
  const inside = PRIVATE_V4.some((range) => {
    const r = parseCidr(range)!;
    const rStart = parseIpv4(range.split("/")[0])!;
    return start >= rStart && end <= rStart + r.size - 1;
  });
  return !inside;
}

/** Parses a dotted-quad IPv4 address into an unsigned 32-bit number. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255 || (part.length > 1 && part.startsWith("0"))) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Formats an unsigned 32-bit number as a dotted quad. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join(".");
}

// Hexadecimal groups with at most one `::`; the dotted IPv4 tail form is not accepted (no one writes admin CIDRs
// that way, and rejecting it keeps this small).
function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(text)) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  let groups: string[];
  if (halves.length === 1) {
    groups = head;
  } else {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return undefined;
    groups = [...head, ...Array<string>(fill).fill("0"), ...rest];
  }
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

function formatIpv6(value: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
}

/**
 * Whether the union of some CIDR blocks covers the whole IPv4 or the whole IPv6 Internet: 0.0.0.0/0 alone, or
 * 0.0.0.0/1 with 128.0.0.0/1, or any other set of blocks without a gap. Unreadable blocks are ignored.
 */
export function cidrsCoverWorld(cidrs: string[]): boolean {
  for (const [version, bits] of [
    [4, 32],
    [6, 128],
  ] as const) {
    const ranges: [bigint, bigint][] = [];
    for (const text of cidrs) {
      const parsed = parseCidr(text);
      if (!parsed || parsed.version !== version) continue;
      const address = text.trim().split("/")[0];
      const value = version === 4 ? BigInt(parseIpv4(address)!) : parseIpv6(address)!;
      const hostBits = BigInt(bits - parsed.prefix);
      const start = (value >> hostBits) << hostBits;
      ranges.push([start, start + (1n << hostBits) - 1n]);
    }
    ranges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let next = 0n;
    for (const [start, end] of ranges) {
      if (start > next) break;
      if (end + 1n > next) next = end + 1n;
    }
    if (ranges.length > 0 && next >= 1n << BigInt(bits)) return true;
  }
  return false;
}
