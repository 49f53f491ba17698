import { Aspects, TerraformStack, Testing, TerraformElement } from "cdktf";
import fc from "fast-check";
import {
  ClusterHomeStorage,
  Duration,
  HomeBackups,
  HomeStorage,
  JetstreamChecks,
  JetstreamErrors,
  JetstreamFlavor,
  JetstreamResource,
  KubernetesEngine,
  KubernetesOnJetstream,
  PolicyLevel,
  Secret,
  Size,
} from "../lib";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { gatewayHub, logins } from "./single-server-hub/fixtures";
import { hubStack } from "./support/hub-fixtures";
import { newStack } from "./support/synth";

// Whatever typed props the hub constructs get, synthesis either succeeds with no error finding from the policy
// pack, or the construct refuses the input with its own validation error: never a TypeError, never a cdktf error,
// never a deployment the pack calls unsafe. (extraValues, the chart's escape hatch, is outside this promise; the
// pack reads what it does, see test/policy/escape-hatches.test.ts.) The acknowledgements are the documented ones:
// local state in unit tests, and secrets the constructs deliver as references in user data.

// A fixed seed keeps CI deterministic; set FC_SEED to explore other inputs locally.
const SEED = Number(process.env.FC_SEED ?? 20261125);

const mostly = <T>(valid: fc.Arbitrary<T>, ...bad: fc.Arbitrary<T>[]): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: valid, weight: 12 }, ...bad.map((arbitrary) => ({ arbitrary, weight: 1 })));
const gib = mostly(fc.integer({ min: 1, max: 16 }), fc.constantFrom(0, -2, 0.25, 400, NaN));
const minutes = mostly(fc.integer({ min: 1, max: 600 }), fc.constantFrom(0, -5, 0.001));
// A culling timeout and a check interval, mostly in the right order (every <= timeout).
const culling = mostly(
  fc
    .integer({ min: 2, max: 600 })
    .chain((timeout) => fc.tuple(fc.constant(timeout), fc.integer({ min: 1, max: timeout }))),
  fc.tuple(minutes, minutes),
);
// A memory guarantee and limit, mostly in the right order (guarantee <= limit).
const guaranteeAndLimit = mostly(
  fc.integer({ min: 1, max: 8 }).chain((g) => fc.tuple(fc.constant(g), fc.integer({ min: g, max: 12 }))),
  fc.tuple(gib, gib),
);
const cidr = mostly(
  fc.constantFrom("198.51.100.0/24", "203.0.113.7/32", "2001:db8::/48"),
  fc.constantFrom("0.0.0.0/0", "0.0.0.0/1", "10.0.0.1/24", "nonsense"),
);

// Backups of the homes, mostly with valid settings; none at all is the documented opt-out, acknowledged with a reason.
const backupSpec = fc.option(
  fc.record({
    backupTime: mostly(fc.constantFrom("02:30", "23:59", "00:00"), fc.constantFrom("24:00", "2:30", "")),
    keepDaily: mostly(fc.integer({ min: 0, max: 30 }), fc.constantFrom(-1, 1.5, 5000)),
    keepWeekly: mostly(fc.integer({ min: 1, max: 8 }), fc.constant(-2)),
  }),
  { freq: 4 },
);

function backupsFor(stack: TerraformStack, spec: { backupTime: string; keepDaily: number; keepWeekly: number } | null) {
  if (spec === null) {
    JetstreamChecks.acknowledge(stack, [
      { id: "JSH-DATA-10", reason: "generated hubs without backups stand for workshops whose homes are thrown away" },
    ]);
    return undefined;
  }
  return HomeBackups.toObjectStore({
    bucket: "cis230085-home-backups",
    accessKeyId: Secret.fromEnvironment(stack, "backup_access_key"),
    secretAccessKey: Secret.fromEnvironment(stack, "backup_secret_key"),
    repositoryPassword: Secret.fromEnvironment(stack, "backup_repository_password"),
    ...spec,
  });
}

function check(stack: TerraformStack): void {
  JetstreamChecks.acknowledge(stack, [{ id: "JSH-STATE-01", reason: "unit test stacks keep no state anywhere" }]);
  // Secret findings are acknowledged on the constructs that own them, never on a whole stack.
  for (const child of stack.node.children.filter((c) => !TerraformElement.isTerraformElement(c))) {
    JetstreamChecks.acknowledge(child, [
      { id: "JSH-SEC-03[sensitive-reference]", reason: "documented delivery of first-boot secrets as references" },
    ]);
  }
  const pack = new JetstreamChecks();
  Aspects.of(stack).add(pack);
  Testing.synth(stack, true);
  const errors = pack.findings.filter((f) => f.acknowledgedReason === undefined && f.level === PolicyLevel.ERROR);
  if (errors.length > 0) throw new Error(`the pack found ${JSON.stringify(errors, null, 1)}`);
}

/** Runs `build` over `arb`; returns how many inputs synthesized. Anything but our validation error fails. */
function property<T>(arb: fc.Arbitrary<T>, build: (spec: T) => TerraformStack, numRuns: number): number {
  let accepted = 0;
  fc.assert(
    fc.property(arb, (spec) => {
      let stack: TerraformStack;
      try {
        stack = build(spec);
      } catch (e) {
        if (JetstreamErrors.isValidationError(e)) return;
        throw e;
      }
      check(stack);
      accepted++;
    }),
    { numRuns, seed: SEED },
  );
  return accepted;
}

describe("hub construct props, generated", () => {
  test("SingleServerHub", () => {
    const spec = fc.record({
      users: mostly(fc.integer({ min: 1, max: 30 }), fc.constantFrom(0, -1, 2.5, 1000)),
      memory: gib,
      cpu: mostly(fc.constantFrom(undefined, 1, 2), fc.constantFrom(0, 0.5, 500)),
      login: fc.constantFrom(...(Object.keys(logins) as (keyof typeof logins)[])),
      tljhVersion: mostly(fc.constantFrom("2.0.0", "1.0.0"), fc.constantFrom("latest", "^2", "main", "")),
      plugins: fc.array(mostly(fc.constant("tljh-repo2docker==1.0.1"), fc.constant("tljh-repo2docker")), {
        maxLength: 2,
      }),
      domain: mostly(fc.constantFrom(undefined, "hub.example.org"), fc.constantFrom("203.0.113.5", "https://x.org")),
      culling,
      homeGiB: mostly(fc.integer({ min: 10, max: 2000 }), fc.constantFrom(0, -1, 1.5)),
      backups: backupSpec,
    });
    const accepted = property(
      spec,
      (s) => {
        // A Secret from the environment is declared again in the stack that uses it.
        const secrets = newStack("secrets");
        const { stack } = gatewayHub(
          {
            expectedUsers: s.users,
            memoryPerUser: Size.gibibytes(s.memory),
            cpuPerUser: s.cpu,
            tljhVersion: s.tljhVersion,
            plugins: s.plugins,
            domain: s.domain,
            cullTimeout: Duration.minutes(s.culling[0]),
            cullEvery: Duration.minutes(s.culling[1]),
            homeVolumeSizeGiB: s.homeGiB,
            backups: s.backups === null ? undefined : backupsFor(secrets, s.backups),
          },
          s.login,
        );
        if (s.backups === null) backupsFor(stack, null);
        return stack;
      },
      40,
    );
    expect(accepted).toBeGreaterThan(3);
  });

  test("KubernetesOnJetstream, both engines", () => {
    const spec = fc.record({
      selfManaged: fc.boolean(),
      workers: mostly(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, -1, 1.5)),
      autoscaling: fc.option(fc.tuple(fc.integer({ min: -1, max: 4 }), fc.integer({ min: 0, max: 6 })), {
        freq: 3,
      }),
      api: fc.array(cidr, { minLength: 1, maxLength: 2 }),
      controlPlanes: mostly(fc.constantFrom(1, 3), fc.constantFrom(0, 2, 5)),
      worker: mostly(fc.constantFrom("m3.quad", "m3.medium"), fc.constantFrom("g3.medium", "r3.large")),
      gpuGroup: fc.boolean(),
      gpuAllocation: mostly(fc.constant(true), fc.constant(false)),
      homeGiB: mostly(fc.integer({ min: 10, max: 1000 }), fc.constantFrom(0, 1)),
      backups: backupSpec,
    });
    const accepted = property(
      spec,
      (s) => {
        const stack = newStack();
        new TlsProvider(stack, "tls");
        new RandomProvider(stack, "random");
        new KubernetesOnJetstream(stack, "Cluster", {
          name: "k8s",
          allocation: "cis230085",
          engine: s.selfManaged
            ? KubernetesEngine.selfManaged()
            : KubernetesEngine.magnum({ controlPlaneCount: s.controlPlanes }),
          apiAllowedCidrs: s.api,
          workerCount: s.workers,
          autoscaling: s.autoscaling ? { minNodes: s.autoscaling[0], maxNodes: s.autoscaling[1] } : undefined,
          workerFlavor: JetstreamFlavor.of(s.worker),
          allocationResources: s.gpuAllocation ? [JetstreamResource.CPU, JetstreamResource.GPU] : undefined,
          nodeGroups: s.gpuGroup ? [{ name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM, count: 1 }] : undefined,
          homeStorage: ClusterHomeStorage.nfsServer({ backups: backupsFor(stack, s.backups) }),
        });
        return stack;
      },
      40,
    );
    expect(accepted).toBeGreaterThan(3);
  });

  test("ZeroToJupyterHub", () => {
    const profile = fc.record({
      slug: mostly(fc.constantFrom("cpu", "big", "gpu"), fc.constantFrom("", "Not A Slug")),
      default: fc.boolean(),
      memory: mostly(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 400)),
      gpus: fc.constantFrom(undefined, 1),
    });
    const spec = fc.record({
      tag: mostly(fc.constantFrom("2025-11-10", "4.4.0"), fc.constantFrom("latest", "")),
      memory: guaranteeAndLimit,
      cpuGuarantee: fc.constantFrom(undefined, 0.5, 1),
      cpuLimit: mostly(fc.constantFrom(undefined, 2, 4), fc.constantFrom(0, -1, 0.25)),
      profiles: fc.uniqueArray(profile, { maxLength: 3, selector: (p) => p.slug }),
      chart: mostly(fc.constantFrom("4.4.0", "4.3.3"), fc.constantFrom("^4.0.0", "latest")),
      release: mostly(fc.constantFrom(undefined, "hub", "science-hub"), fc.constantFrom("Hub", "h".repeat(60))),
      namespace: mostly(fc.constantFrom(undefined, "hub", "jhub"), fc.constantFrom("default", "kube-system")),
      storage: fc.constantFrom("nfs", "dynamic", "none"),
      culling,
      placeholders: mostly(fc.integer({ min: 0, max: 5 }), fc.constantFrom(-1, 1000)),
    });
    const accepted = property(
      spec,
      (s) => {
        const { stack } = hubStack(
          {
            image: { name: "quay.io/jupyter/scipy-notebook", tag: s.tag },
            memoryGuarantee: Size.gibibytes(s.memory[0]),
            memoryLimit: Size.gibibytes(s.memory[1]),
            cpuGuarantee: s.cpuGuarantee,
            cpuLimit: s.cpuLimit,
            profiles: s.profiles.map((p) => ({
              displayName: p.slug || "profile",
              slug: p.slug,
              default: p.default,
              memoryLimit: Size.gibibytes(p.memory),
              gpus: p.gpus,
            })),
            chartVersion: s.chart,
            releaseName: s.release,
            namespace: s.namespace,
            homeStorage:
              s.storage === "nfs"
                ? HomeStorage.nfs()
                : s.storage === "dynamic"
                  ? HomeStorage.dynamic()
                  : HomeStorage.none(),
            cullTimeout: Duration.minutes(s.culling[0]),
            cullEvery: Duration.minutes(s.culling[1]),
            userPlaceholders: s.placeholders,
          },
          { gpuWorkerFlavors: [JetstreamFlavor.G3_MEDIUM] },
        );
        if (s.storage === "dynamic") {
          // The documented opt-in: per-user Cinder volumes are accepted with a reason (docs/zero-to-jupyterhub.md).
          JetstreamChecks.acknowledge(stack, [
            { id: "JSH-DATA-06", reason: "per-user volumes chosen knowingly, with the quota and janitor documented" },
          ]);
        }
        return stack;
      },
      40,
    );
    expect(accepted).toBeGreaterThan(3);
  });
});
