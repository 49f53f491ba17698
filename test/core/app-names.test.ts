import { App, TerraformStack, Testing } from "cdktf";
import {
  AlternativeStacks,
  HubEndpoint,
  JetstreamCluster,
  JetstreamErrors,
  JetstreamFlavor,
  OpenstackProvider,
} from "../../lib";

// DNS records and VM names are claimed per allocation, whatever stack creates them: checked once per app at synth.

function stackIn(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new OpenstackProvider(stack, "openstack", {});
  return stack;
}

function synthError(app: App): any {
  try {
    app.synth();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("names unique across the app", () => {
  test("fails when two stacks claim one hub DNS record, naming recordName and both paths", () => {
    const app = Testing.app();
    new HubEndpoint(stackIn(app, "a"), "Hub", { allocation: "cis230085" });
    new HubEndpoint(stackIn(app, "b"), "Hub", { allocation: "cis230085" });
    const e = synthError(app);
    expect(JetstreamErrors.isValidationError(e)).toBe(true);
    expect(e.prop).toBe("recordName");
    expect(e.message).toContain("hub.cis230085.projects.jetstream-cloud.org.");
    expect(e.message).toContain("a/Hub/Record claims it too");
  });

  test("the same record name in two allocations is no collision", () => {
    const app = Testing.app();
    new HubEndpoint(stackIn(app, "a"), "Hub", { allocation: "cis230085" });
    new HubEndpoint(stackIn(app, "b"), "Hub", { allocation: "cis230086" });
    expect(synthError(app)).toBeUndefined();
  });

  test("stacks declared alternatives may share the name; a third stack may not", () => {
    const app = Testing.app();
    const [a, b, c] = ["a", "b", "c"].map((id) => stackIn(app, id));
    for (const s of [a, b]) new HubEndpoint(s, "Hub", { allocation: "cis230085" });
    AlternativeStacks.declare([a, b], "two ways to run one hub");
    expect(synthError(app)).toBeUndefined();
    new HubEndpoint(c, "Hub", { allocation: "cis230085" });
    expect(synthError(app)?.message).toContain("c/Hub/Record");
  });

  test("fails when two clusters' VMs end up with one name (cluster a-b group c, cluster a group b-c)", () => {
    const app = Testing.app();
    new JetstreamCluster(stackIn(app, "one"), "Lab", {
      name: "a-b",
      nodeGroups: [{ name: "c", flavor: JetstreamFlavor.M3_SMALL }],
    });
    new JetstreamCluster(stackIn(app, "two"), "Lab", {
      name: "a",
      nodeGroups: [{ name: "b-c", flavor: JetstreamFlavor.M3_SMALL }],
    });
    const e = synthError(app);
    expect(JetstreamErrors.isValidationError(e)).toBe(true);
    expect(e.message).toContain("VM name a-b-c");
  });

  test("fails when alternatives are declared without a reason", () => {
    const app = Testing.app();
    expect(() => AlternativeStacks.declare([stackIn(app, "a"), stackIn(app, "b")], " ")).toThrow(
      /reason: .*needs its reason/,
    );
    expect(() => AlternativeStacks.declare([stackIn(app, "c")], "x")).toThrow(/stacks: alternatives are two or more/);
  });
});
