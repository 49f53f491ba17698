import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { isDnsLabel, isDnsName, toDnsLabel, uniqueDnsName } from "../../lib/core/naming";

describe("naming", () => {
  test("toDnsLabel keeps letters, digits and single hyphens, at most 63 characters", () => {
    expect(toDnsLabel("My_Gateway Hub!")).toBe("my-gateway-hub");
    expect(toDnsLabel("--a--b--")).toBe("a-b");
    expect(toDnsLabel("x".repeat(80))).toHaveLength(63);
    expect(toDnsLabel("abc-def", 4)).toBe("abc");
    expect(toDnsLabel("___")).toBe("");
  });

  test("isDnsLabel and isDnsName accept only valid names", () => {
    expect(isDnsLabel("hub-1")).toBe(true);
    expect(isDnsLabel("-hub")).toBe(false);
    expect(isDnsLabel("Hub")).toBe(false);
    expect(isDnsLabel("a".repeat(64))).toBe(false);
    expect(isDnsName("hub.cis230085.projects.jetstream-cloud.org")).toBe(true);
    expect(isDnsName("hub")).toBe(false);
    expect(isDnsName("hub_1.example.org")).toBe(false);
  });

  // OpenStack names are shared by the whole project, so the stack name is part of them too.
  test("uniqueDnsName is stable per path and differs between paths", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "stack");
    const a = new Construct(new Construct(stack, "Site1"), "Hub");
    const b = new Construct(new Construct(stack, "Site2"), "Hub");
    expect(uniqueDnsName(a)).toMatch(/^stack-site1-hub-[0-9a-f]{6}$/);
    expect(uniqueDnsName(a)).toBe(uniqueDnsName(a));
    expect(uniqueDnsName(a)).not.toBe(uniqueDnsName(b));
    expect(uniqueDnsName(a, 12).length).toBeLessThanOrEqual(12);
    expect(isDnsLabel(uniqueDnsName(a, 12))).toBe(true);
  });
});
