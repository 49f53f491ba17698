import { evaluate } from "../../lib/policy/engine";
import { PolicyLevel, PolicyRule } from "../../lib/policy/rule";

const rule = (check: PolicyRule["check"], extra: Partial<PolicyRule> = {}): PolicyRule => ({
  id: "JSH-TEST-01",
  title: "a test rule",
  explanation: "for the engine's own tests",
  level: PolicyLevel.ERROR,
  hard: false,
  check,
  ...extra,
});

describe("the rule engine", () => {
  test("settles each finding's level and hardness from its rule, unless the finding says otherwise", () => {
    const findings = evaluate({}, [
      rule(() => [
        { address: "resource.x.a", message: "plain" },
        { address: "resource.x.b", message: "milder", level: PolicyLevel.WARNING },
        { address: "resource.x.c", message: "worse", hard: true, findingId: "c" },
      ]),
    ]);
    expect(findings.map((f) => [f.address, f.level, f.hard, f.findingId])).toEqual([
      ["resource.x.a", PolicyLevel.ERROR, false, undefined],
      ["resource.x.b", PolicyLevel.WARNING, false, undefined],
      ["resource.x.c", PolicyLevel.ERROR, true, "c"],
    ]);
  });

  test("turns a rule that throws into a JSH-META-03 warning instead of failing synthesis", () => {
    const findings = evaluate({}, [
      rule(() => {
        throw new Error("boom");
      }),
    ]);
    expect(findings).toEqual([
      {
        ruleId: "JSH-META-03",
        findingId: "JSH-TEST-01",
        level: PolicyLevel.WARNING,
        hard: false,
        address: "",
        message: "JSH-TEST-01 could not run: boom",
      },
    ]);
  });

  test("reports an undecided finding as JSH-META-03 named after its rule", () => {
    const findings = evaluate({}, [rule(() => [{ address: "resource.x.a", message: "computed", undecided: true }])]);
    expect(findings.map((f) => [f.ruleId, f.findingId, f.message])).toEqual([
      ["JSH-META-03", "JSH-TEST-01", "JSH-TEST-01 could not decide: computed"],
    ]);
  });

  test("reports an unreadable value once, however many rules needed it", () => {
    const json = { resource: { helm_release: { h: { chart: "jupyterhub", values: ["${yamlencode(local.v)}"] } } } };
    const reader = rule((doc) => (doc.z2jhReleases().length > 0 ? [] : [{ address: "", message: "none" }]));
    const findings = evaluate(json, [reader, { ...reader, id: "JSH-TEST-02" }]);
    expect(findings.map((f) => [f.ruleId, f.findingId, f.address])).toEqual([
      ["JSH-META-03", "unreadable", "resource.helm_release.h"],
    ]);
  });
});
