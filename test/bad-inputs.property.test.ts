import { Aspects, Testing } from "cdktf";
import fc from "fast-check";
import {
  ClusterKeyPair,
  ClusterNetwork,
  IngressRule,
  JetstreamChecks,
  JetstreamCluster,
  JetstreamErrors,
  JetstreamFlavor,
  JetstreamImage,
  JetstreamResource,
  NodeGroupOptions,
  PolicyLevel,
  Protocol,
} from "../lib";
import { EXAMPLE_PUBLIC_KEY } from "../examples/settings";
import { newStack } from "./support/synth";

// Whatever props a JetstreamCluster gets, synthesis either succeeds and the policy pack finds nothing, or the
// construct refuses the input with its own validation error. Any other exception (a TypeError deep in a
// renderer, a cdktf error) is a bug: the user would get a stack trace instead of a fix.

// Each generator mostly yields valid values (so generated clusters reach synthesis and the pack), and sometimes
// malformed or dangerous ones.
// A fixed seed keeps CI deterministic; set FC_SEED to explore other inputs locally.
const SEED = Number(process.env.FC_SEED ?? 20261125);

const mostly = <T>(valid: fc.Arbitrary<T>, ...bad: fc.Arbitrary<T>[]): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: valid, weight: 6 }, ...bad.map((arbitrary) => ({ arbitrary, weight: 1 })));
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const text = mostly(label, fc.string({ maxLength: 12 }), fc.constantFrom("", " ", "Web_1", "a".repeat(45)));
const octet = fc.nat(255);
const cidr = mostly(
  fc.oneof(
    fc.tuple(octet, octet, octet).map(([a, b, c]) => `${a}.${b}.${c}.0/24`),
    fc.tuple(octet, octet, octet, octet).map((o) => `${o.join(".")}/32`),
    fc.constantFrom("2001:db8::/48", "198.51.100.0/24", "10.0.0.0/8"),
  ),
  fc
    .tuple(fc.tuple(octet, octet, octet, octet), fc.integer({ min: 0, max: 40 }))
    .map(([o, p]) => `${o.join(".")}/${p}`),
  fc.constantFrom("0.0.0.0/0", "::/0", "10.0.0.1/24", "1.2.3.4", "any", ""),
  fc.string({ maxLength: 10 }),
);
const port = mostly(
  fc.integer({ min: 1, max: 65535 }),
  fc.integer({ min: -1, max: 70000 }),
  fc.constantFrom(0, 22, 6443),
  fc.double(),
);
const rule = fc.record(
  {
    description: text,
    protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.ICMP, "gre" as Protocol),
    fromPort: port,
    toPort: port,
    cidrs: fc.array(cidr, { maxLength: 2 }),
    sourceSecurityGroupIds: fc.array(label, { maxLength: 1 }),
  },
  { requiredKeys: ["description"] },
);
const volumeSpec = fc.record({
  name: text,
  sizeGiB: mostly(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: -1, max: 20000 }), fc.double()),
});
const groupSpec = fc.record(
  {
    name: text,
    flavor: mostly(
      fc.constantFrom("m3.tiny", "m3.small", "m3.quad"),
      fc.constantFrom(...JetstreamFlavor.all().map((f) => f.name), "m1.small"),
    ),
    count: mostly(fc.integer({ min: 1, max: 3 }), fc.integer({ min: -1, max: 0 }), fc.double({ min: -1, max: 3 })),
    image: mostly(fc.constantFrom("default", "ubuntu22", "byName", "byId"), fc.constant("notAnImage")),
    floatingIp: fc.boolean(),
    webAccess: fc.boolean(),
    ssh: fc.boolean(),
    volumes: fc.array(volumeSpec, { maxLength: 2 }),
    ingressRules: fc.array(rule, { maxLength: 2 }),
  },
  { requiredKeys: ["name", "flavor"] },
);
const clusterSpec = fc.record(
  {
    name: text,
    allocation: mostly(fc.constant("cis230085"), text),
    adminCidrs: fc.array(cidr, { maxLength: 3 }),
    key: mostly(fc.constant(EXAMPLE_PUBLIC_KEY), text, fc.constant("-----BEGIN OPENSSH PRIVATE KEY-----")),
    keyByName: fc.boolean(),
    network: mostly(fc.constantFrom("auto", "byName", "10.42.0.0/24"), cidr),
    gpu: fc.boolean(),
    nodeGroups: fc.array(groupSpec, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

type Spec = typeof clusterSpec extends fc.Arbitrary<infer T> ? T : never;

const IMAGES: Record<string, () => JetstreamImage> = {
  default: () => JetstreamImage.FEATURED_UBUNTU24,
  ubuntu22: () => JetstreamImage.FEATURED_UBUNTU22,
  byName: () => JetstreamImage.fromName("my-lab-image"),
  byId: () => JetstreamImage.fromId("2d56f33a-713c-488a-b65f-47b625d832cd"),
  notAnImage: () => "Featured-Ubuntu24" as any,
};

function build(spec: Spec): void {
  const stack = newStack();
  JetstreamChecks.acknowledge(stack, [{ id: "JSH-STATE-01", reason: "unit test stacks keep no state anywhere" }]);
  const network =
    spec.network === undefined || spec.network === "auto"
      ? undefined
      : spec.network === "byName"
        ? ClusterNetwork.fromName("lab-net")
        : ClusterNetwork.create({ cidr: spec.network });
  new JetstreamCluster(stack, "Lab", {
    name: spec.name,
    allocation: spec.allocation,
    adminCidrs: spec.adminCidrs,
    keyPair:
      spec.key === undefined
        ? undefined
        : spec.keyByName
          ? ClusterKeyPair.fromName(spec.key)
          : ClusterKeyPair.fromPublicKey(spec.key),
    network,
    allocationResources: spec.gpu ? [JetstreamResource.CPU, JetstreamResource.GPU] : undefined,
    nodeGroups: (spec.nodeGroups ?? []).map((g): NodeGroupOptions => ({
      ...g,
      flavor: JetstreamFlavor.isKnown(g.flavor) ? JetstreamFlavor.of(g.flavor) : (g.flavor as any),
      image: g.image === undefined ? undefined : IMAGES[g.image](),
      ingressRules: g.ingressRules as IngressRule[] | undefined,
    })),
  });
  const pack = new JetstreamChecks();
  Aspects.of(stack).add(pack);
  Testing.synth(stack, true);
  const open = pack.findings.filter((f) => f.acknowledgedReason === undefined && f.level !== PolicyLevel.INFO);
  if (open.length > 0) throw new Error(`the pack found ${JSON.stringify(open, null, 1)}`);
}

describe("JetstreamCluster props, generated", () => {
  test("synthesize with a clean pack, or fail with the library's validation error", () => {
    let accepted = 0;
    fc.assert(
      fc.property(clusterSpec, (spec) => {
        try {
          build(spec);
          accepted++;
        } catch (e) {
          if (!JetstreamErrors.isValidationError(e)) throw e;
        }
      }),
      { numRuns: 150, seed: SEED },
    );
    // The generators must reach synthesis often enough for the "clean pack" half to mean something.
    expect(accepted).toBeGreaterThan(10);
  });
});
