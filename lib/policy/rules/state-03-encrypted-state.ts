import { PolicyLevel, PolicyRule, finding } from "../rule";

/** JSH-STATE-03: state is encrypted at rest, or the reason it is not is written down. */
export const encryptedState: PolicyRule = {
  id: "JSH-STATE-03",
  title: "An S3 backend sets encrypt",
  explanation:
    "State holds sensitive values. Whether Jetstream2's object store supports server-side encryption is not " +
    "verified; until it is, acknowledge this with the bucket's access (private to the allocation).",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) => {
    const backend = doc.backend();
    return backend?.kind === "s3" && backend.body.encrypt !== true
      ? [finding(backend.address, "state is stored unencrypted (encrypt is not set)")]
      : [];
  },
};
