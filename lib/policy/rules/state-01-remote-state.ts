import { PolicyLevel, PolicyRule, finding } from "../rule";

/** JSH-STATE-01: state lives where the team (and not only one laptop) can reach it. */
export const remoteState: PolicyRule = {
  id: "JSH-STATE-01",
  title: "The stack keeps its state in a remote backend, not on local disk",
  explanation:
    "Terraform state holds every resource id and sensitive values in plain text. On one person's disk it is " +
    "lost with the laptop, cannot be shared, and has no lock. Use Jetstream2StateBackend (the Jetstream2 " +
    "object store), or acknowledge local state for a personal or throwaway deployment.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) => {
    const backend = doc.backend();
    if (backend && backend.kind !== "local") return [];
    return [finding(backend?.address ?? "", "state is kept on local disk")];
  },
};
