import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at } from "../values";

/** JSH-HUB-04: the chart creates its own narrowly scoped RBAC. */
export const rbac: PolicyRule = {
  id: "JSH-HUB-04",
  title: "rbac.create is not disabled",
  explanation:
    "Without the chart's roles the hub runs with whatever its service account happens to be allowed, usually " +
    "far more than starting and stopping user pods.",
  level: PolicyLevel.ERROR,
  hard: true,
  check: (doc) =>
    doc
      .z2jhReleases()
      .filter((r) => at(r.effectiveValues, "rbac.create") !== true)
      .map((r) => finding(r.address, "rbac.create is false")),
};
