import { escapeTerraformTemplate } from "../../lib/core/terraform-text";

describe("escapeTerraformTemplate", () => {
  test("escapes literal Terraform template sequences and leaves cdktf tokens alone", () => {
    expect(escapeTerraformTemplate("echo ${HOME} %{x} ${TfToken[TOKEN.7]}")).toBe(
      "echo $${HOME} %%{x} ${TfToken[TOKEN.7]}",
    );
  });
});
