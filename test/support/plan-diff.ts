import { StackJson } from "./synth";

// Compares two synthesized stack documents the way `terraform plan` would judge the change, using the provider's
// list of replace-forcing arguments (schemas/openstack-force-new.json) plus the Helm and Kubernetes ones, so a test
// can prove that changing a setting replaces or destroys no stateful resource.

/** The parts of openstack-force-new.json used here. */
export interface ForceNewSchema {
  readonly resources: Record<string, string[]>;
  readonly in_place_but_disruptive?: Record<string, Record<string, string>>;
}

/** Replace-forcing arguments of resources outside the OpenStack provider. */
export const OTHER_FORCE_NEW: Record<string, string[]> = {
  // terraform-provider-helm: name and namespace are RequiresReplace (an uninstall and a fresh install).
  helm_release: ["name", "namespace"],
  kubernetes_namespace: ["metadata.name"],
  kubernetes_namespace_v1: ["metadata.name"],
};

/** Resources whose replacement or removal loses data or a deployed hub. */
export const STATEFUL_TYPES = [
  "openstack_blockstorage_volume_v3",
  "openstack_compute_volume_attach_v2",
  "openstack_containerinfra_cluster_v1",
  "helm_release",
  "kubernetes_namespace",
  "kubernetes_namespace_v1",
];

/** One consequence of going from one document to another. */
export interface PlanChange {
  /** `<type>.<name>`, as Terraform prints it. */
  readonly address: string;
  readonly type: string;
  /** destroy: gone from the new document; replace: destroyed and created again; rebuild: re-imaged in place;
   * shrink: a volume made smaller (Cinder refuses). */
  readonly kind: "destroy" | "replace" | "rebuild" | "shrink";
  readonly why: string;
}

function resourcesOf(doc: StackJson): Map<string, { type: string; body: any }> {
  const out = new Map<string, { type: string; body: any }>();
  for (const [type, byName] of Object.entries<any>(doc.resource ?? {})) {
    for (const [name, body] of Object.entries<any>(byName)) out.set(`${type}.${name}`, { type, body });
  }
  return out;
}

// The value at a dotted path; nested blocks (objects or lists of them) are followed item by item.
function valueAt(body: any, path: string): string {
  let current: any[] = [body];
  for (const key of path.split(".")) {
    current = current
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .map((v) => (v && typeof v === "object" ? v[key] : undefined));
  }
  return JSON.stringify(current.length === 1 ? current[0] : current) ?? "undefined";
}

function ignored(body: any, path: string): boolean {
  const list = body?.lifecycle?.ignore_changes;
  if (list === "all") return true;
  return Array.isArray(list) && list.includes(path.split(".")[0]);
}

/** Everything the change from `before` to `after` destroys, replaces, rebuilds or shrinks. */
export function planChanges(before: StackJson, after: StackJson, schema: ForceNewSchema): PlanChange[] {
  const was = resourcesOf(before);
  const now = resourcesOf(after);
  const changes: PlanChange[] = [];
  const replaced = new Set<string>();
  for (const [address, { type, body }] of was) {
    const next = now.get(address);
    if (!next) {
      changes.push({ address, type, kind: "destroy", why: "no longer in the configuration" });
      continue;
    }
    for (const path of [...(schema.resources[type] ?? []), ...(OTHER_FORCE_NEW[type] ?? [])]) {
      if (ignored(next.body, path)) continue;
      const [a, b] = [valueAt(body, path), valueAt(next.body, path)];
      if (a !== b) {
        changes.push({ address, type, kind: "replace", why: `${path}: ${a} -> ${b}` });
        replaced.add(address);
        break;
      }
    }
    for (const path of Object.keys(schema.in_place_but_disruptive?.[type] ?? {})) {
      if (!/^(image_id|image_name|personality)$/.test(path) || ignored(next.body, path)) continue;
      if (valueAt(body, path) !== valueAt(next.body, path)) {
        changes.push({ address, type, kind: "rebuild", why: `${path} changed: the root disk is re-imaged` });
      }
    }
    if (type === "openstack_blockstorage_volume_v3" && typeof body.size === "number" && next.body.size < body.size) {
      changes.push({ address, type, kind: "shrink", why: `size ${body.size} -> ${next.body.size}` });
    }
  }
  // A replaced resource gets new ids, so every resource that takes one of them in a replace-forcing argument is
  // replaced too (an instance replaced re-creates its volume attachments).
  for (let grew = true; grew;) {
    grew = false;
    for (const [address, { type, body }] of now) {
      if (replaced.has(address) || !was.has(address)) continue;
      for (const path of [...(schema.resources[type] ?? []), ...(OTHER_FORCE_NEW[type] ?? [])]) {
        if (ignored(body, path)) continue;
        const source = [...replaced].find((r) => valueAt(body, path).includes(`\${${r}.`));
        if (source) {
          changes.push({ address, type, kind: "replace", why: `${path} refers to ${source}, which is replaced` });
          replaced.add(address);
          grew = true;
          break;
        }
      }
    }
  }
  return changes;
}

/** The changes that hit stateful resources (see STATEFUL_TYPES). */
export function statefulChanges(before: StackJson, after: StackJson, schema: ForceNewSchema): PlanChange[] {
  return planChanges(before, after, schema).filter((c) => STATEFUL_TYPES.includes(c.type));
}
