import { PolicyLevel, PolicyRule, finding } from "../rule";
import { isReference } from "../values";

const NAMESPACE_TYPES = ["kubernetes_namespace", "kubernetes_namespace_v1"];

/** JSH-DATA-08: the Helm release keeps its name and namespace, and its namespace is protected. */
export const stableRelease: PolicyRule = {
  id: "JSH-DATA-08",
  title:
    "Helm releases have literal names (at most 53 characters) and namespaces; Terraform-made namespaces are protected",
  explanation:
    "Changing a release's name or namespace uninstalls and reinstalls it, and deleting a namespace deletes the " +
    "volumes in it. Names that come from deploy-time values can change under you; a Terraform-managed hub " +
    "namespace needs prevent_destroy.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) => {
    const found = [];
    const namespaces = NAMESPACE_TYPES.flatMap((t) => doc.resources(t).map((n) => ({ ...n, type: t })));
    for (const r of doc.resources("helm_release")) {
      const name = r.body.name;
      if (typeof name !== "string" || isReference(name)) {
        found.push(finding(r.address, "the release name is not a literal", { findingId: "name" }));
      } else if (name.length > 53) {
        found.push(
          finding(r.address, `the release name is ${name.length} characters (Helm allows 53)`, { findingId: "name" }),
        );
      }
      const ns = r.body.namespace ?? "default";
      // A reference to a namespace resource's name is stable when that resource's own name is.
      const owner = namespaces.find((n) => typeof ns === "string" && ns.startsWith(`\${${n.type}.${n.name}.`));
      const literal = owner ? (owner.body.metadata?.name ?? owner.body.metadata?.[0]?.name) : ns;
      if (typeof literal !== "string" || isReference(literal)) {
        found.push(finding(r.address, "the release namespace is not a literal", { findingId: "namespace" }));
      }
      const managed =
        owner ?? namespaces.find((n) => [n.body.metadata?.name, n.body.metadata?.[0]?.name].includes(literal));
      if (managed && managed.body.lifecycle?.prevent_destroy !== true) {
        found.push(
          finding(managed.address, `namespace ${literal} holds a release but has no prevent_destroy`, {
            findingId: "namespace-protected",
          }),
        );
      }
    }
    return found;
  },
};
