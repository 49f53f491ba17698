import { PolicyLevel, PolicyRule, finding } from "../rule";
import { knownSecretFormat } from "../../core/formats/secrets";
import { sensitiveReferences } from "../secrets";

/** JSH-SEC-07: secrets leave Terraform only as sensitive outputs, never as plain files. */
export const sensitiveOutputs: PolicyRule = {
  id: "JSH-SEC-07",
  title: "Outputs that carry secrets are sensitive, and no local_file holds one",
  explanation:
    "An output of a kubeconfig, a private key, a generated password or a sensitive variable is printed by " +
    "`cdktf deploy` unless it is sensitive; a local_file writes it to disk in the clear. Mark the output " +
    "sensitive: true, and use local_sensitive_file (or no file) for credentials.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) => [
    ...doc
      .outputs()
      .filter((o) => o.body.sensitive !== true)
      .flatMap((o) => {
        const refs = sensitiveReferences(JSON.stringify(o.body.value ?? ""), doc);
        return refs.length > 0
          ? [finding(o.address, `the output carries ${refs.join(", ")} but is not sensitive`)]
          : [];
      }),
    ...doc.resources("local_file").flatMap((f) => {
      const base64 = f.body.content_base64;
      const decoded = typeof base64 === "string" && !base64.includes("${") ? Buffer.from(base64, "base64") : base64;
      const text = [f.body.content, decoded, f.body.sensitive_content].map((t) => String(t ?? "")).join("\n");
      const refs = sensitiveReferences(text, doc);
      const kind = knownSecretFormat(text);
      return refs.length > 0 || kind
        ? [finding(f.address, `local_file writes ${refs.join(", ") || kind}; use local_sensitive_file`)]
        : [];
    }),
  ],
};
