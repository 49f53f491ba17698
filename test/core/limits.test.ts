import { TerraformVariable, Testing } from "cdktf";
import { JetstreamCluster, JetstreamErrors, JetstreamFlavor } from "../../lib";
import { NOVA_USER_DATA_MAX_BASE64, userDataBase64Bytes } from "../../lib/core/limits";
import { newStack } from "../support/synth";

// Limits the cloud would only report at apply, checked at synth.

function synthError(build: (stack: ReturnType<typeof newStack>) => void): any {
  const stack = newStack();
  build(stack);
  try {
    Testing.synth(stack, true);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("user data size", () => {
  test("is measured after base64, without the references synth cannot know and with Terraform's escapes undone", () => {
    const stack = newStack();
    const v = new TerraformVariable(stack, "v", { type: "string" });
    expect(userDataBase64Bytes(stack, "abc")).toBe(4);
    expect(userDataBase64Bytes(stack, "abcd")).toBe(8);
    expect(userDataBase64Bytes(stack, `ab${v.stringValue}c`)).toBe(4);
    expect(userDataBase64Bytes(stack, "$${x}")).toBe(userDataBase64Bytes(stack, "{x}}"));
    expect(userDataBase64Bytes(stack, "é")).toBe(4);
  });

  // Nova's server-create schema: user_data {format: base64, maxLength: 65535}
  // (openstack/nova, nova/api/openstack/compute/schemas/servers.py).
  test.each([
    [49149, false],
    [49150, true],
  ])("with %p bytes of text fails at synth: %p", (bytes, fails) => {
    expect(4 * Math.ceil(bytes / 3) > NOVA_USER_DATA_MAX_BASE64).toBe(fails);
    const e = synthError(
      (stack) =>
        new JetstreamCluster(stack, "Lab", {
          name: "lab",
          nodeGroups: [{ name: "web", flavor: JetstreamFlavor.M3_SMALL, userData: "x".repeat(bytes) }],
        }),
    );
    if (!fails) {
      expect(e).toBeUndefined();
      return;
    }
    expect(JetstreamErrors.isValidationError(e)).toBe(true);
    expect(e.prop).toBe("userData");
    expect(e.message).toContain(`${4 * Math.ceil(bytes / 3)} bytes after base64`);
    expect(e.message).toContain("at most 65535 bytes");
  });
});

describe("default Jetstream2 quotas", () => {
  test("warns when one stack creates more volumes than a project holds by default", () => {
    const stack = newStack();
    new JetstreamCluster(stack, "Lab", {
      name: "lab",
      nodeGroups: [
        {
          name: "data",
          flavor: JetstreamFlavor.M3_SMALL,
          count: 4,
          volumes: [
            { name: "a", sizeGiB: 1 },
            { name: "b", sizeGiB: 1 },
            { name: "c", sizeGiB: 1 },
          ],
        },
      ],
    });
    Testing.synth(stack, true);
    const warnings = stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toContainEqual(expect.stringMatching(/creates 12 Cinder volumes; a Jetstream2 project holds 10/));
  });

  test("stays quiet within the defaults", () => {
    const stack = newStack();
    new JetstreamCluster(stack, "Lab", {
      name: "lab",
      nodeGroups: [{ name: "data", flavor: JetstreamFlavor.M3_SMALL, volumes: [{ name: "a", sizeGiB: 1 }] }],
    });
    Testing.synth(stack, true);
    expect(stack.node.metadata.filter((m) => /Jetstream2 project holds/.test(String(m.data)))).toEqual([]);
  });
});
