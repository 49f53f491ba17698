import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at } from "../values";

/** JSH-TLJH-05: the idle culler's timing is written down. */
export const tljhExplicitCulling: PolicyRule = {
  id: "JSH-TLJH-05",
  title: "TLJH sets services.cull.timeout and services.cull.every explicitly",
  explanation:
    "TLJH's code defaults (600 s idle, checked every 60 s) differ from what its documentation says (3600/600); " +
    "state the values you mean.",
  level: PolicyLevel.INFO,
  hard: false,
  check: (doc) =>
    doc
      .tljhHosts()
      .filter((h) => h.config !== undefined)
      .filter(
        (h) =>
          typeof at(h.config, "services.cull.timeout") !== "number" ||
          typeof at(h.config, "services.cull.every") !== "number",
      )
      .map((h) => finding(h.address, "services.cull.timeout or services.cull.every is left to TLJH's default")),
};
