import { TerraformOutput, TerraformVariable, Testing, Token } from "cdktf";
import { escapeTerraformTemplate, terraformText } from "../../lib/core/terraform-text";
import { JetstreamErrors } from "../../lib";
import { newStack } from "../support/synth";

describe("escapeTerraformTemplate", () => {
  test("escapes literal Terraform template sequences and leaves real cdktf tokens alone", () => {
    const stack = newStack();
    const token = new TerraformVariable(stack, "v", { type: "string" }).stringValue;
    expect(escapeTerraformTemplate(`echo \${HOME} %{x} ${token}`)).toBe(`echo $\${HOME} %%{x} ${token}`);
  });

  test("escapes text spelled like a token that cdktf never issued", () => {
    // A prop value copied from a log or typed by someone probing: cdktf's resolution does not know the key, so the
    // text is text (Terraform would otherwise read `TfToken[...]` as an expression and fail the plan).
    expect(escapeTerraformTemplate("a ${TfToken[TOKEN.999999]} b")).toBe('a ${"$"}{TfToken[TOKEN.999999]} b');
    expect(escapeTerraformTemplate("%{TfToken[TOKEN.1]}")).toBe("%%{TfToken[TOKEN.1]}");
  });

  test("a real token resolves to its reference after escaping; the text around it stays literal", () => {
    const stack = newStack();
    const v = new TerraformVariable(stack, "name", { type: "string" });
    const escaped = escapeTerraformTemplate(`\${file("~/.ssh/id_rsa")}-${v.stringValue}`);
    new TerraformOutput(stack, "out", { value: escaped });
    expect(JSON.parse(Testing.synth(stack)).output.out.value).toBe('$${file("~/.ssh/id_rsa")}-${var.name}');
  });
});

describe("terraformText", () => {
  test("keeps undefined, escapes strings, lets a whole token through", () => {
    const stack = newStack();
    const token = new TerraformVariable(stack, "v", { type: "string" }).stringValue;
    expect(terraformText(stack, "p", undefined)).toBeUndefined();
    expect(terraformText(stack, "p", "${HOME}")).toBe("$${HOME}");
    expect(terraformText(stack, "p", token)).toBe(token);
    expect(Token.isUnresolved(terraformText(stack, "p", token))).toBe(true);
    Testing.synth(stack);
  });

  test("fails when the value is not text, naming the prop", () => {
    const stack = newStack();
    for (const bad of [null, 7, { a: 1 }]) {
      let error: any;
      try {
        terraformText(stack, "nodeGroups.userData", bad as any);
      } catch (e) {
        error = e;
      }
      expect(JetstreamErrors.isValidationError(error)).toBe(true);
      expect(error.message).toContain("nodeGroups.userData");
    }
  });
});
