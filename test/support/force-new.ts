// Which resources would Terraform destroy (and recreate) when a stack changes from one synthesized document to
// another? Uses schemas/openstack-force-new.json, the provider's own list of attributes whose change forces a new
// resource, and honours each resource's lifecycle.ignore_changes as Terraform does.
import { StackJson } from "./synth";

/** schemas/openstack-force-new.json, or any document of the same shape. */
export interface ForceNewSchema {
  readonly resources: Record<string, string[]>;
  readonly computed_only_force_new?: Record<string, string[]>;
}

/** A resource the change would destroy. */
export interface Replacement {
  /** `<type>.<logical id>`. */
  readonly address: string;
  /** The force-new attribute paths that changed, or `removed` when the resource is gone from the new document. */
  readonly because: string[];
}

function valuesAt(node: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [node];
  if (Array.isArray(node)) return node.flatMap((item) => valuesAt(item, path));
  if (node === null || typeof node !== "object") return [];
  const next = (node as Record<string, unknown>)[path[0]];
  return next === undefined ? [] : valuesAt(next, path.slice(1));
}

function ignored(body: any, path: string): boolean {
  const ignore = body?.lifecycle?.ignore_changes;
  if (ignore === "all") return true;
  if (!Array.isArray(ignore)) return false;
  return ignore.some((entry: string) => path === entry || path.startsWith(`${entry}.`));
}

/**
 * Every resource of `types` (default: every type the schema lists) that moving from `before` to `after` would
 * destroy: removed from the document, or with a changed force-new attribute that `ignore_changes` (in `after`)
 * does not cover. References (`${...}`) compare as text, which is right when both documents come from the same
 * construct tree.
 */
export function replacements(
  before: StackJson,
  after: StackJson,
  schema: ForceNewSchema,
  types?: string[],
): Replacement[] {
  const found: Replacement[] = [];
  for (const [type, byId] of Object.entries<Record<string, any>>(before.resource ?? {})) {
    if (types ? !types.includes(type) : !schema.resources[type]) continue;
    const computedOnly = new Set(schema.computed_only_force_new?.[type] ?? []);
    for (const [id, oldBody] of Object.entries(byId)) {
      const newBody = after.resource?.[type]?.[id];
      if (newBody === undefined) {
        found.push({ address: `${type}.${id}`, because: ["removed"] });
        continue;
      }
      const because = (schema.resources[type] ?? []).filter((path) => {
        if (computedOnly.has(path) || ignored(newBody, path)) return false;
        const parts = path.split(".");
        return JSON.stringify(valuesAt(oldBody, parts)) !== JSON.stringify(valuesAt(newBody, parts));
      });
      if (because.length > 0) found.push({ address: `${type}.${id}`, because });
    }
  }
  return found;
}
