import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at } from "../values";

/** JSH-HUB-10: the hub's database survives an uninstall. */
export const hubDatabaseKept: PolicyRule = {
  id: "JSH-HUB-10",
  title: "The hub database PVC is annotated helm.sh/resource-policy: keep; an external database has its cookie secret",
  explanation:
    "The sqlite PVC is a chart resource: uninstalling or replacing the release deletes it, and with it users, " +
    "tokens and auth state. With an external database the chart cannot keep the cookie secret for you: pass " +
    "hub.cookieSecret through set_sensitive.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const type = at(r.effectiveValues, "hub.db.type");
      if (type === "sqlite-pvc") {
        const annotations = at(r.values, "hub.db.pvc.annotations");
        return annotations?.["helm.sh/resource-policy"] === "keep"
          ? []
          : [
              finding(r.address, "hub.db.pvc lacks the helm.sh/resource-policy: keep annotation", {
                findingId: "keep",
              }),
            ];
      }
      if (["mysql", "postgres", "other"].includes(type) && !r.sensitiveNames.includes("hub.cookieSecret")) {
        return [
          finding(r.address, `hub.db.type ${type} without hub.cookieSecret in set_sensitive`, {
            findingId: "cookie-secret",
          }),
        ];
      }
      return [];
    }),
};
