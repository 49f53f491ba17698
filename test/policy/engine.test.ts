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

  test.each([
    [PolicyLevel.ERROR, true],
    [PolicyLevel.WARNING, false],
  ])("fails closed: a %s rule (hard %s) that throws reports under its own id, level and hardness", (level, hard) => {
    const findings = evaluate({}, [
      {
        ...rule(() => {
          throw new Error("boom");
        }),
        level,
        hard,
      },
    ]);
    expect(findings).toEqual([
      { ruleId: "JSH-TEST-01", findingId: "could-not-run", level, hard, address: "", message: "could not run: boom" },
    ]);
  });

  test("fails closed: an undecided finding of a hard rule stays a hard error of that rule", () => {
    const hardRule = { ...rule(() => [{ address: "resource.x.a", message: "computed", undecided: true }]), hard: true };
    const findings = evaluate({}, [{ ...hardRule, level: PolicyLevel.ERROR }]);
    expect(findings.map((f) => [f.ruleId, f.findingId, f.level, f.hard, f.message])).toEqual([
      ["JSH-TEST-01", "undecided", PolicyLevel.ERROR, true, "could not decide: computed"],
    ]);
  });

  test("reports an unreadable value once, however many rules needed it", () => {
    const json = { resource: { helm_release: { h: { chart: "jupyterhub", values: ["${yamlencode(local.v)}"] } } } };
    const reader = rule((doc) => (doc.z2jhReleases().length > 0 ? [] : [{ address: "", message: "none" }]));
    const findings = evaluate(json, [reader, { ...reader, id: "JSH-TEST-02" }]);
    expect(findings.map((f) => [f.ruleId, f.findingId, f.address])).toEqual([
      ["JSH-META-03", "resource.helm_release.h", "resource.helm_release.h"],
    ]);
  });
});
