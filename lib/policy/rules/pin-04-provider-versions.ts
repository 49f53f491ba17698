import { PolicyLevel, PolicyRule, finding } from "../rule";
import { isObject } from "../values";

/** JSH-PIN-04: provider versions are pinned. */
export const providerVersionsPinned: PolicyRule = {
  id: "JSH-PIN-04",
  title: "Every required provider pins a version (x.y.z, = x.y.z or ~> x.y.z)",
  explanation:
    "A provider without an upper bound upgrades on the next init, and a new major can change what a plan does " +
    "to existing resources. Pin exactly, or allow only patch releases.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) => {
    const providers = doc.json.terraform?.required_providers;
    if (!isObject(providers)) return [];
    return Object.entries(providers)
      .filter(([, p]) => {
        const version = isObject(p) ? p.version : p;
        return typeof version !== "string" || !/^(=\s*|~>\s*)?\d+\.\d+\.\d+$/.test(version.trim());
      })
      .map(([name, p]) =>
        finding("", `provider ${name} has version ${JSON.stringify(isObject(p) ? (p.version ?? null) : p)}`, {
          findingId: name,
        }),
      );
  },
};
