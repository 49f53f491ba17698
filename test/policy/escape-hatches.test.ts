import { Aspects, Testing } from "cdktf";
import { JetstreamChecks } from "../../lib";
import { hubStack } from "../support/hub-fixtures";

// ZeroToJupyterHub keeps its protections on, and extraValues (the chart escape hatch, merged last) can still
// turn them off. The pack reads the values Helm will get, so it sees what the escape hatch did.
function findingsWith(extraValues: Record<string, any>): string[] {
  const { stack } = hubStack({ extraValues });
  const pack = new JetstreamChecks();
  Aspects.of(stack).add(pack);
  Testing.synth(stack, true);
  return pack.findings.filter((f) => f.acknowledgedReason === undefined).map((f) => f.ruleId);
}

describe("JetstreamChecks on ZeroToJupyterHub's extraValues", () => {
  test("the hub as the construct makes it raises no error", () => {
    const { stack } = hubStack();
    const pack = new JetstreamChecks();
    Aspects.of(stack).add(pack);
    Testing.synth(stack, true);
    expect(pack.findings.filter((f) => f.level === "error")).toEqual([]);
  });

  test("the dummy login through extraValues is refused by the hub itself at synth (the pack covers other releases)", () => {
    expect(() => findingsWith({ hub: { config: { JupyterHub: { authenticator_class: "dummy" } } } })).toThrow(
      /extraValues\.hub\.config\.JupyterHub\.authenticator_class: extraValues replaces the login/,
    );
  });

  test.each([
    ["deleting homes with users", { hub: { config: { KubeSpawner: { delete_pvc: true } } } }, "JSH-DATA-07"],
    ["reaching the cloud metadata", { singleuser: { cloudMetadata: { blockWithIptables: false } } }, "JSH-HUB-02"],
    ["no user network policy", { singleuser: { networkPolicy: { enabled: false } } }, "JSH-HUB-03"],
  ])("flags %s set through extraValues", (_, extraValues, ruleId) => {
    expect(findingsWith(extraValues)).toContain(ruleId);
  });
});
