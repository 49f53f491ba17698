import fc from "fast-check";
import { PolicyLevel } from "../../lib";
import {
  HOME_CLAIM,
  Place,
  SAFE_TRAITS,
  TRAIT_ESCAPES,
  VALUES_ESCAPES,
  chartCanHold,
  place,
  setPath,
} from "../support/escapes";
import { check, compliantZ2jhValues, z2jhRelease } from "../support/policy";
import { Reach, reachable } from "./escape-model";

// Generated values trees (fragments of escapes and of harmless settings, each written into one of the places the
// chart offers for it, plus hub-level escapes) are checked twice: by the policy pack, and by the model in
// escape-model.ts, which builds the pods KubeSpawner would start and asks what they can reach. The model is
// written apart from the rules and reads none of their code. The pack must report every reach the model finds,
// and nothing the model does not. Each tree writes a trait in one place only: the pack also reports a setting that
// a later place overrides today (one edit from applying), which the model, reading only what takes effect, would
// call safe.

// A fixed seed keeps CI deterministic; set FC_SEED to explore other inputs locally.
const SEED = Number(process.env.FC_SEED ?? 20261206);

// What each finding of the pack says a server can reach.
function reachOf(ruleId: string, findingId?: string): Reach | undefined {
  if (ruleId === "JSH-HUB-06" && findingId !== "hub") return Reach.NODE;
  if (ruleId === "JSH-HUB-15" || ruleId === "JSH-HUB-16") return Reach.NODE;
  if (ruleId === "JSH-HUB-02" && findingId === "metadata-egress") return Reach.METADATA;
  if (ruleId === "JSH-HUB-19") return Reach.OTHER_HOMES;
  if (ruleId === "JSH-HUB-05" || ruleId === "JSH-HUB-17") return Reach.HUB_SECRETS;
  if (ruleId === "JSH-HUB-18") return Reach.OTHER_SERVERS;
  return undefined;
}

interface Fragment {
  readonly traits: { [trait: string]: unknown };
  readonly places: Place[];
}

// The traits a fragment sets, and those whose value its extra_pod_config or extra_container_config would replace
// (KubeSpawner lets those two replace whole keys of the pod and container): one fragment per trait in a tree, so
// the tree says one thing about each and no setting silently undoes another.
function touches(f: Fragment): string[] {
  const keys = Object.keys(f.traits);
  const pod = f.traits.extra_pod_config as any;
  const container = f.traits.extra_container_config as any;
  if (pod?.volumes) keys.push("volumes");
  if (pod?.securityContext) keys.push("pod_security_context");
  if (container?.volumeMounts) keys.push("volume_mounts");
  if (container?.securityContext)
    keys.push("container_security_context", "uid", "privileged", "allow_privilege_escalation");
  if (keys.some((k) => ["container_security_context", "uid", "privileged", "allow_privilege_escalation"].includes(k))) {
    keys.push("extra_container_config:securityContext");
  }
  return keys;
}

const fragments: Fragment[] = [...TRAIT_ESCAPES, ...SAFE_TRAITS];
const placedFragment = fc
  .record({ fragment: fc.constantFrom(...fragments), where: fc.constantFrom(...Object.values(Place)) })
  .filter(
    ({ fragment, where }) =>
      fragment.places.includes(where) && (where !== Place.CHART || chartCanHold(fragment.traits)),
  );
// Hub-level settings, escapes or not (named servers are a bound on resources, not a reach; left out).
const STORAGE_EDITS = new Set(VALUES_ESCAPES.filter((e) => e.finding.startsWith("JSH-HUB-19")).map((e) => e.edit));
const hubEdits = [
  ...VALUES_ESCAPES.filter((e) => !e.finding.startsWith("JSH-HUB-20")).map((e) => e.edit),
  (v: any) => (v.hub.loadRoles.user = { scopes: ["self", "access:servers!user"] }),
  (v: any) =>
    (v.singleuser.networkPolicy = {
      egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }] }],
    }),
  (v: any) => setPath(v, "singleuser.storage.static.subPath", "{username}/work"),
];

const tree = fc.record({
  placed: fc.array(placedFragment, { maxLength: 4 }),
  edits: fc.subarray(hubEdits, { maxLength: 2 }),
});

function build({ placed, edits }: { placed: { fragment: Fragment; where: Place }[]; edits: ((v: any) => void)[] }) {
  const values = compliantZ2jhValues();
  const used = new Set<string>();
  for (const { fragment, where } of placed) {
    const keys = touches(fragment);
    if (keys.some((k) => used.has(k))) continue;
    keys.forEach((k) => used.add(k));
    place(values, where, structuredClone(fragment.traits));
  }
  // A profile's or hub.config's `volumes`, and extra_pod_config.volumes, replace the chart's volume list, the home
  // volume included (only singleuser.storage.extraVolumes is appended to it): such a pod would mount a volume it no
  // longer has and never start, so the tree says nothing about homes. Leave the storage edits out of it.
  const noHomeVolume = placed.some(
    ({ fragment, where }) =>
      (fragment.traits.volumes !== undefined && where !== Place.CHART) ||
      (fragment.traits.extra_pod_config as any)?.volumes !== undefined,
  );
  for (const edit of edits) {
    // (and one trait, one place: a pvc_name_template fragment overrides the chart's pvcNameTemplate)
    if ((noHomeVolume || used.has("pvc_name_template")) && STORAGE_EDITS.has(edit)) continue;
    edit(values);
  }
  return values;
}

describe("the pack against an independent model of user pods", () => {
  test("the model itself: the compliant values reach nothing, and a few known escapes reach what they should", () => {
    expect([...reachable(compliantZ2jhValues(), HOME_CLAIM)]).toEqual([]);
    const root = compliantZ2jhValues();
    place(root, Place.SPAWNER, { uid: 0 });
    expect([...reachable(root, HOME_CLAIM)]).toEqual([Reach.NODE]);
    // overridden by a later place: the model says the pod is safe (the pack, stricter, still reports it)
    const overridden = compliantZ2jhValues();
    place(overridden, Place.CHART, { uid: 0 });
    place(overridden, Place.SPAWNER, { uid: 1000 });
    expect([...reachable(overridden, HOME_CLAIM)]).toEqual([]);
  });

  test("the pack reports exactly what the model says a user's server can reach", () => {
    let escapes = 0;
    fc.assert(
      fc.property(tree, (spec) => {
        const values = build(spec);
        const expected = [...reachable(values, HOME_CLAIM)].sort();
        const { findings } = check((stack) => z2jhRelease(stack, { values }));
        const reported = [
          ...new Set(
            findings
              .filter((f) => f.level === PolicyLevel.ERROR && f.acknowledgedReason === undefined)
              .map((f) => reachOf(f.ruleId, f.findingId))
              .filter((r): r is Reach => r !== undefined),
          ),
        ].sort();
        if (expected.length > 0) escapes++;
        expect(reported).toEqual(expected);
      }),
      { numRuns: 150, seed: SEED },
    );
    // the generator is not all harmless settings
    expect(escapes).toBeGreaterThan(75);
  });
});
