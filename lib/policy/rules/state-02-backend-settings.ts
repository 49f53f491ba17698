import { PolicyLevel, PolicyRule, finding } from "../rule";
import { isObject } from "../values";

// What an S3-compatible store that is not AWS (Jetstream2's Ceph object store) needs.
const NON_AWS_SETTINGS = [
  "use_path_style",
  "skip_credentials_validation",
  "skip_region_validation",
  "skip_requesting_account_id",
  "skip_s3_checksum",
];

/** JSH-STATE-02: the backend locks, and suits the store it talks to. */
export const backendSettings: PolicyRule = {
  id: "JSH-STATE-02",
  title: "No swift backend; an S3 backend locks with use_lockfile and has the settings a non-AWS store needs",
  explanation:
    "The swift backend was removed in Terraform 1.3. Without use_lockfile two applies can interleave and " +
    "corrupt the state (DynamoDB locking is deprecated). A Ceph store such as Jetstream2's needs path-style " +
    "addressing and the AWS-only checks skipped; Jetstream2StateBackend sets all of these.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) => {
    const backend = doc.backend();
    if (!backend) return [];
    if (backend.kind === "swift") {
      return [
        finding(backend.address, "the swift backend no longer exists in Terraform", {
          findingId: "swift",
          level: PolicyLevel.ERROR,
        }),
      ];
    }
    if (backend.kind !== "s3") return [];
    const b = backend.body;
    const found = [];
    if (b.use_lockfile !== true)
      found.push(
        finding(backend.address, "use_lockfile is not true: applies are not locked", { findingId: "lockfile" }),
      );
    const endpoint = (isObject(b.endpoints) ? b.endpoints.s3 : undefined) ?? b.endpoint;
    if (typeof endpoint === "string" && !/amazonaws\.com/.test(endpoint)) {
      const missing = NON_AWS_SETTINGS.filter(
        (k) => b[k] !== true && !(k === "use_path_style" && b.force_path_style === true),
      );
      if (missing.length > 0) {
        found.push(
          finding(
            backend.address,
            `${endpoint} is not AWS, and ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set`,
            { findingId: "non-aws" },
          ),
        );
      }
    }
    return found;
  },
};
