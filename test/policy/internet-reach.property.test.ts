import { TerraformVariable } from "cdktf";
import fc from "fast-check";
import { NetworkingFloatingipAssociateV2 } from "../../lib/imports/openstack/networking-floatingip-associate-v2";
import { NetworkingPortV2 } from "../../lib/imports/openstack/networking-port-v2";
import { NetworkingSecgroupRuleV2 } from "../../lib/imports/openstack/networking-secgroup-rule-v2";
import { check, open } from "../support/policy";

// Random combinations of the raw OpenStack bindings and escape hatches (addOverride of a rule's remote, a
// variable's default, a port without port security behind a floating IP) are judged twice: by the policy pack
// (JSH-NET-01: SSH must not be open to the whole Internet) and by the model below, written apart from the pack and
// reading none of its code, which asks whether every IPv4 address can reach tcp or udp port 22. The verdicts must
// agree. OpenStack's semantics the model follows: a rule without a remote admits every address; a rule with a
// remote group admits members only; rules of one security group add up; a port with port security off has no
// security groups at all (networking-port-v2 port_security_enabled).

const SEED = Number(process.env.FC_SEED ?? 20261206);

type Remote =
  { kind: "cidr"; cidr: string } | { kind: "none" } | { kind: "group" } | { kind: "variable"; cidr: string };
interface RuleSpec {
  readonly group: "sg-a" | "sg-b";
  readonly direction: "ingress" | "egress";
  readonly protocol: "tcp" | "udp" | "icmp" | "";
  readonly ports?: [number, number];
  readonly remote: Remote;
  /** Written first with a harmless remote, then changed with addOverride. */
  readonly overridden: boolean;
}
interface Spec {
  readonly rules: RuleSpec[];
  readonly port?: { securityOff: boolean; floatingIp: boolean };
}

// Blocks of prefix 0 to 4 (so a handful of rules can tile the Internet), written with host bits as people do.
const cidr = fc
  .record({ prefix: fc.integer({ min: 0, max: 4 }), first: fc.integer({ min: 0, max: 255 }) })
  .map(({ prefix, first }) => `${first}.0.0.0/${prefix}`);
const remote: fc.Arbitrary<Remote> = fc.oneof(
  { weight: 6, arbitrary: cidr.map((c) => ({ kind: "cidr" as const, cidr: c })) },
  { weight: 1, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "group" as const }) },
  { weight: 2, arbitrary: cidr.map((c) => ({ kind: "variable" as const, cidr: c })) },
);
const rule: fc.Arbitrary<RuleSpec> = fc
  .record({
    group: fc.constantFrom("sg-a" as const, "sg-b" as const),
    direction: fc.constantFrom("ingress" as const, "ingress" as const, "egress" as const),
    protocol: fc.constantFrom("tcp" as const, "tcp" as const, "udp" as const, "icmp" as const, "" as const),
    ports: fc.constantFrom<[number, number] | undefined>([22, 22], [20, 22], [22, 30], [1, 1024], [80, 443], undefined),
    remote,
    overridden: fc.boolean(),
  })
  .map((r) => (r.protocol === "tcp" || r.protocol === "udp" ? r : { ...r, ports: undefined }));
const spec: fc.Arbitrary<Spec> = fc.record(
  {
    rules: fc.array(rule, { minLength: 1, maxLength: 6 }),
    port: fc.record({ securityOff: fc.boolean(), floatingIp: fc.boolean() }),
  },
  { requiredKeys: ["rules"] },
);

// --- the model -------------------------------------------------------------------------------------------------

function block(text: string): [number, number] {
  const [address, prefix] = text.split("/");
  const first = Number(address.split(".")[0]);
  const size = 2 ** (32 - Number(prefix));
  const start = Math.floor((first * 2 ** 24) / size) * size;
  return [start, start + size - 1];
}

// Whether the blocks cover [lo, hi]: some block holds it whole, or both halves are covered.
function covers(blocks: [number, number][], lo: number, hi: number): boolean {
  if (blocks.some(([s, e]) => s <= lo && hi <= e)) return true;
  if (hi - lo < 2 ** 24 || !blocks.some(([s, e]) => s <= hi && lo <= e)) return false;
  const mid = lo + (hi - lo + 1) / 2;
  return covers(blocks, lo, mid - 1) && covers(blocks, mid, hi);
}

function sshOpenToInternet(s: Spec): boolean {
  if (s.port?.securityOff && s.port.floatingIp) return true;
  return ["sg-a", "sg-b"].some((group) =>
    ["tcp", "udp"].some((protocol) => {
      const admitting = s.rules.filter(
        (r) =>
          r.group === group &&
          r.direction === "ingress" &&
          (r.protocol === protocol || r.protocol === "") &&
          (r.ports === undefined || (r.ports[0] <= 22 && 22 <= r.ports[1])),
      );
      const blocks = admitting.flatMap((r): [number, number][] =>
        r.remote.kind === "none" ? [[0, 2 ** 32 - 1]] : r.remote.kind === "group" ? [] : [block(r.remote.cidr)],
      );
      return covers(blocks, 0, 2 ** 32 - 1);
    }),
  );
}

// --- the pack --------------------------------------------------------------------------------------------------

function packFlags(s: Spec): boolean {
  const checked = check((stack) => {
    s.rules.forEach((r, i) => {
      let remoteIpPrefix: string | undefined;
      if (r.remote.kind === "cidr") remoteIpPrefix = r.remote.cidr;
      if (r.remote.kind === "variable") {
        remoteIpPrefix = new TerraformVariable(stack, `cidr${i}`, { type: "string", default: r.remote.cidr })
          .stringValue;
      }
      const written = r.overridden && remoteIpPrefix !== undefined ? "192.0.2.0/24" : remoteIpPrefix;
      const made = new NetworkingSecgroupRuleV2(stack, `Rule${i}`, {
        direction: r.direction,
        ethertype: "IPv4",
        ...(r.protocol ? { protocol: r.protocol } : {}),
        ...(r.ports ? { portRangeMin: r.ports[0], portRangeMax: r.ports[1] } : {}),
        ...(written !== undefined ? { remoteIpPrefix: written } : {}),
        ...(r.remote.kind === "group" ? { remoteGroupId: "sg-members" } : {}),
        securityGroupId: r.group,
      });
      if (r.overridden && remoteIpPrefix !== undefined) made.addOverride("remote_ip_prefix", remoteIpPrefix);
    });
    if (s.port) {
      const port = new NetworkingPortV2(stack, "Port", { networkId: "net", portSecurityEnabled: !s.port.securityOff });
      if (s.port.floatingIp)
        new NetworkingFloatingipAssociateV2(stack, "Fip", { floatingIp: "149.165.0.9", portId: port.id });
    }
  });
  return open(checked, "JSH-NET-01").length > 0;
}

describe("JSH-NET-01 against an independent model of reachability from the Internet", () => {
  test("the model itself: two /1 halves cover the Internet, a /1 and a /2 do not", () => {
    expect(covers([block("0.0.0.0/1"), block("128.0.0.0/1")], 0, 2 ** 32 - 1)).toBe(true);
    expect(covers([block("0.0.0.0/1"), block("128.0.0.0/2")], 0, 2 ** 32 - 1)).toBe(false);
  });

  test("the pack flags a combination exactly when the model finds SSH reachable from every address", () => {
    let open = 0;
    fc.assert(
      fc.property(spec, (s) => {
        const model = sshOpenToInternet(s);
        if (model) open++;
        expect(packFlags(s)).toBe(model);
      }),
      { numRuns: 150, seed: SEED },
    );
    // Both verdicts occur, so the agreement is not vacuous.
    expect(open).toBeGreaterThan(10);
    expect(open).toBeLessThan(140);
  }, 60_000);
});
