import { TerraformOutput, TerraformVariable } from "cdktf";
import { JetstreamErrors, Secret } from "../../lib";
import { newStack, synth } from "../support/synth";

describe("Secret", () => {
  test("fromEnvironment declares one sensitive variable per name, read from TF_VAR_<name>", () => {
    // GIVEN two uses of the same secret name in one stack, and a canary in the environment
    const stack = newStack();
    process.env.TF_VAR_hub_client_secret = "CANARY-env-0123456789";
    try {
      const a = Secret.fromEnvironment(stack, "hub_client_secret");
      const b = Secret.fromEnvironment(stack, "hub_client_secret");
      // THEN both refer to one variable, and synthesis never reads the environment
      new TerraformOutput(stack, "a", { value: a.value, sensitive: true });
      new TerraformOutput(stack, "b", { value: b.value, sensitive: true });
      expect(a.source).toBe("environment variable TF_VAR_hub_client_secret");
      const doc = synth(stack);
      expect(doc.output.a.value).toBe("${var.hub_client_secret}");
      expect(doc.output.b.value).toBe("${var.hub_client_secret}");
      expect(Object.keys(doc.variable)).toEqual(["hub_client_secret"]);
      expect(doc.variable.hub_client_secret).toMatchObject({ type: "string", sensitive: true, nullable: false });
      expect(JSON.stringify(doc)).not.toContain("CANARY");
    } finally {
      delete process.env.TF_VAR_hub_client_secret;
    }
  });

  test("fromVariable accepts a sensitive variable without a default", () => {
    const stack = newStack();
    const v = new TerraformVariable(stack, "oauth", { type: "string", sensitive: true });
    expect(Secret.fromVariable(v).value).toMatch(/\$\{TfToken/);
  });

  test("fails when the variable is not sensitive", () => {
    const stack = newStack();
    const v = new TerraformVariable(stack, "oauth", { type: "string" });
    expect(() => Secret.fromVariable(v)).toThrow(
      /\[test\/oauth\] secret: a secret must come from a sensitive variable.*Fix: add sensitive: true/,
    );
  });

  test("fails when the variable has a default, which would be a literal in the synthesized file", () => {
    const stack = newStack();
    const v = new TerraformVariable(stack, "oauth", { type: "string", sensitive: true, default: "CANARY-literal" });
    expect(() => Secret.fromVariable(v)).toThrow(
      /secret: a default value is written into the synthesized configuration/,
    );
  });

  test("fails when the environment name cannot be a Terraform variable", () => {
    const stack = newStack();
    expect(() => Secret.fromEnvironment(stack, "my-secret")).toThrow(
      /name: not usable as a Terraform variable name.*"my-secret"/,
    );
    try {
      Secret.fromEnvironment(stack, "1abc");
    } catch (e) {
      expect(JetstreamErrors.isValidationError(e)).toBe(true);
    }
    expect.assertions(2);
  });
});
