import { Tokenization } from "cdktf";
import { IConstruct } from "constructs";
import { JetstreamValidationError } from "./errors";

// cdktf's own marker for a string token, `${TfToken[KEY]}` (cdktf/lib/tokens/private/encoding.js, 0.21.0).
const TOKEN_MARKER = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/**
 * Escapes text that goes into a Terraform string argument literally (user data, Helm values, descriptions):
 * Terraform reads `${...}` and `%{...}` in any string as template syntax, so a shell `${HOME}` or a Python `%{x}`
 * would break the plan, and `${file("~/.ssh/id_rsa")}` would be evaluated on the deployer's machine.
 *
 * cdktf's tokens stay, since cdktf resolves them into the references that must be evaluated; a token is recognised
 * by cdktf's own resolution of the exact marker, not by its spelling, so text that merely looks like a token
 * (`${TfToken[NOT.A.TOKEN]}` typed into a prop) is escaped like any other text. Pure.
 */
export function escapeTerraformTemplate(text: string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(TOKEN_MARKER)) {
    if (!isRegisteredToken(m[0])) continue;
    out += escapeLiteral(text.slice(last, m.index)) + m[0];
    last = m.index! + m[0].length;
  }
  return out + escapeLiteral(text.slice(last));
}

/**
 * The one sink for free text that a user's prop puts into a Terraform string argument: a string is escaped for
 * Terraform templates (tokens in it flow through), `undefined` stays `undefined`, and anything else (a number, an
 * object, `null` from plain JavaScript) is refused with a validation error naming the prop.
 */
export function terraformText(scope: IConstruct, prop: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new JetstreamValidationError(
      {
        prop,
        value,
        problem: `must be text, not ${value === null ? "null" : typeof value}`,
        allowed: "a string (a token from a Terraform variable or attribute is fine)",
        fix: "pass a string, or leave the prop out",
      },
      scope,
    );
  }
  return escapeTerraformTemplate(value);
}

// A literal that spells cdktf's token marker cannot use Terraform's `$${` escape: cdktf's resolver would still find
// the marker inside it and fail on the unknown key. Terraform's template `${"$"}` yields a `$` without spelling
// the marker.
export const ESCAPED_TOKEN_MARKER = '${"$"}{TfToken[';

function escapeLiteral(text: string): string {
  return text
    .replace(/\$\{(TfToken\[)?/g, (m) => (m.length > 2 ? ESCAPED_TOKEN_MARKER : "$${"))
    .replace(/%\{/g, () => "%%{");
}

function isRegisteredToken(marker: string): boolean {
  try {
    return Tokenization.reverseString(marker).tokens.length === 1;
  } catch {
    // cdktf throws for a marker whose key it never issued: the text only looks like a token.
    return false;
  }
}
