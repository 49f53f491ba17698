import type { PolicyDocument } from "../document";
import { PolicyLevel, PolicyRule, finding } from "../rule";
import { sensitiveReferences } from "../secrets";
import { asList, isObject, isReference } from "../values";

// The variable a reference reads when it reads no sensitive value at all: Terraform prints it in plans.
function plainVariable(reference: string, doc: PolicyDocument): string | undefined {
  if (sensitiveReferences(reference, doc).length > 0) return undefined;
  return /\bvar\.([A-Za-z_][\w-]*)/.exec(reference)?.[1];
}

/** JSH-SEC-04: secret arguments come from sensitive sources, never from literals. */
export const secretsFromSensitiveSources: PolicyRule = {
  id: "JSH-SEC-04",
  title: "Secrets come from sensitive variables or attributes, never from literals",
  explanation:
    "A literal in set_sensitive, in a provider's token or client key, or as the default of a sensitive " +
    "variable is written into cdk.tf.json and everything that copies it. A variable without sensitive: true " +
    "is printed in plans. Use Secret.fromEnvironment / Secret.fromVariable (sensitive, no default).",
  level: PolicyLevel.ERROR,
  hard: true,
  check: (doc) => {
    const found = [];
    // A secret is a literal, or a reference that reads only a variable Terraform prints.
    const judge = (address: string, what: string, value: unknown) => {
      if (!isReference(value)) {
        found.push(finding(address, `${what} is a literal`, { findingId: "literal" }));
        return;
      }
      const plain = plainVariable(String(value), doc);
      if (plain) {
        found.push(
          finding(address, `${what} comes from var.${plain}, which is not sensitive`, {
            findingId: "non-sensitive-variable",
          }),
        );
      }
    };
    for (const r of doc.resources("helm_release")) {
      for (const s of asList(r.body.set_sensitive).filter(isObject))
        judge(r.address, `set_sensitive ${s.name}`, s.value);
    }
    for (const v of doc.variables()) {
      if (v.body.sensitive === true && v.body.default !== undefined && v.body.default !== null) {
        found.push(
          finding(v.address, "a sensitive variable has a default, which is a literal", { findingId: "default" }),
        );
      }
    }
    const credentialLiterals = (address: string, body: unknown, where: string) => {
      if (!isObject(body)) return;
      for (const key of ["token", "client_key", "password"]) {
        const value = body[key];
        if (typeof value === "string" && value !== "") judge(address, `${where}${key}`, value);
      }
    };
    for (const p of doc.providers("kubernetes")) credentialLiterals(p.address, p.body, "");
    for (const p of doc.providers("helm")) {
      for (const k of asList(p.body.kubernetes)) credentialLiterals(p.address, k, "kubernetes.");
    }
    return found;
  },
};
