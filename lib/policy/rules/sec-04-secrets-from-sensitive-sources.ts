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
    for (const r of doc.resources("helm_release")) {
      for (const s of asList(r.body.set_sensitive).filter(isObject)) {
        const value = s.value;
        if (!isReference(value)) {
          found.push(finding(r.address, `set_sensitive ${s.name} is a literal`, { findingId: "literal" }));
        } else {
          const plain = plainVariable(String(value), doc);
          if (plain) {
            found.push(
              finding(r.address, `set_sensitive ${s.name} comes from var.${plain}, which is not sensitive`, {
                findingId: "non-sensitive-variable",
              }),
            );
          }
        }
      }
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
        if (typeof value === "string" && value !== "" && !isReference(value)) {
          found.push(finding(address, `${where}${key} is a literal`, { findingId: "literal" }));
        } else if (typeof value === "string" && plainVariable(value, doc)) {
          found.push(
            finding(address, `${where}${key} comes from var.${plainVariable(value, doc)}, which is not sensitive`, {
              findingId: "non-sensitive-variable",
            }),
          );
        }
      }
    };
    for (const p of doc.providers("kubernetes")) credentialLiterals(p.address, p.body, "");
    for (const p of doc.providers("helm")) {
      for (const k of asList(p.body.kubernetes)) credentialLiterals(p.address, k, "kubernetes.");
    }
    return found;
  },
};
