import { PolicyLevel, PolicyRule, finding } from "../rule";
import { PEM_PRIVATE_KEY, credentialFormat, secretAssignments } from "../../core/formats/secrets";
import { sensitiveReferences } from "../secrets";

/** JSH-SEC-03: user data holds no secret. */
export const noSecretsInUserData: PolicyRule = {
  id: "JSH-SEC-03",
  title: "Instance user data contains no secret",
  explanation:
    "User data is readable through the metadata service (169.254.169.254) and cloud-init's files, and plan files " +
    "hold it. A literal secret in it (a password, a private key, TLJH's `--admin name:password`) is never " +
    "acceptable (hard). A reference to a sensitive value is how the library delivers what a VM must know at first " +
    "boot (the TLJH OAuth client secret, k3s's CA keys and join tokens): the synthesized files hold only the " +
    "reference, the instance ignores later user-data changes, and non-root access to the metadata service is " +
    "blocked. Each such delivery needs an acknowledgement that says so.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.resources("openstack_compute_instance_v2").flatMap((i) => {
      const text = i.body.user_data;
      if (typeof text !== "string") return [];
      const found = [];
      const refs = sensitiveReferences(text, doc);
      if (refs.length > 0) {
        found.push(
          finding(i.address, `user_data interpolates secrets (${refs.join(", ")})`, {
            findingId: "sensitive-reference",
          }),
        );
      }
      // Known credential formats, by the vocabulary the constructs use (core/formats/secrets); no guess from
      // randomness, since user data carries public keys and certificates.
      const kind = credentialFormat(text);
      if (kind === PEM_PRIVATE_KEY)
        found.push(finding(i.address, "user_data contains a private key", { findingId: "private-key", hard: true }));
      else if (kind) found.push(finding(i.address, `user_data contains ${kind}`, { findingId: "value", hard: true }));
      if (/--admin[ =]\S+:\S+/.test(text)) {
        found.push(
          finding(i.address, "user_data passes TLJH an admin password (--admin name:password)", {
            findingId: "admin-password",
            hard: true,
          }),
        );
      }
      for (const key of secretAssignments(text)) {
        found.push(
          finding(i.address, `user_data sets ${key} to a value`, { findingId: `key:${key.toLowerCase()}`, hard: true }),
        );
      }
      return found;
    }),
};
