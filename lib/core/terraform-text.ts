/**
 * Escapes text that goes into a Terraform string argument literally (user data, Helm values): Terraform reads
 * `${...}` and `%{...}` in any string as template syntax, so a shell `${HOME}` or a Python `%{x}` would break the
 * plan. cdktf's own tokens (`${TfToken[...]}`) stay, since cdktf resolves them into the references that must be
 * evaluated. Pure.
 */
export function escapeTerraformTemplate(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, () => "$${").replace(/%\{/g, () => "%%{");
}
