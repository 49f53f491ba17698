// What Terraform would do to each resource when a stack's configuration changes from `before` to `after`, judged
// from the two synthesized documents and the provider's ForceNew catalogue (../shared/schemas/openstack-force-new.json).
// Used to prove that a settings change replaces no stateful resource.
//
// It compares configuration, not state: a changed argument is a change; an argument listed in the resource's
// lifecycle.ignore_changes is ignored (as Terraform does); a changed ForceNew argument means replacement; and a
// replaced resource replaces every resource whose ForceNew argument refers to it (its id becomes unknown).
// Beyond the OpenStack catalogue it knows the Helm and Kubernetes arguments that force a replacement, and two
// in-place changes that still lose data: a new image re-images a VM's root disk (a rebuild), and a smaller volume
// (Cinder cannot shrink). Computed values are not modelled beyond that.

import { StackJson } from "./synth";

/**
 * What Terraform would do to one resource. `forget`: a `removed` block with `destroy = false` drops it from the
 * state and leaves it in the cloud.
 */
export type PlannedAction = "create" | "delete" | "forget" | "replace" | "rebuild" | "shrink" | "update" | "ignored";

/** Replace-forcing arguments of resources outside the OpenStack provider's catalogue. */
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

// In-place updates of openstack_compute_instance_v2 that re-image the root disk (openstack-force-new.json,
// in_place_but_disruptive).
const REBUILD_PATHS = ["image_id", "image_name", "personality"];

/** One resource's planned change. */
export interface PlannedChange {
  /** `<type>.<logical id>`. */
  readonly address: string;
  readonly type: string;
  readonly action: PlannedAction;
  /** Changed argument paths, dotted, without list indices (`network.port`). */
  readonly changedPaths: string[];
  /** The changed paths that lifecycle.ignore_changes hides. */
  readonly ignoredPaths: string[];
  /** The changed, not ignored, paths that force a replacement. */
  readonly forceNewPaths: string[];
  /** Why a resource whose own arguments did not change is replaced. */
  readonly replacedBecause?: string;
}

/** Options for `plannedChanges`. */
export interface PlanOptions {
  /** Addresses replaced on purpose, as with `terraform apply -replace=<address>`. */
  readonly replace?: string[];
}

// Meta-arguments are not resource arguments; lifecycle is read separately.
const META = new Set(["//", "lifecycle", "depends_on", "provider", "count", "for_each", "provisioner", "connection"]);

/**
 * The planned change of every resource that changes between two documents (unchanged resources are left out).
 *
 * @param forceNew the parsed openstack-force-new.json (its `resources` map: type to ForceNew paths)
 */
export function plannedChanges(
  before: StackJson,
  after: StackJson,
  forceNew: { resources: Record<string, string[]> },
  options: PlanOptions = {},
): PlannedChange[] {
  // Terraform applies the new configuration's moved blocks to the old state first: a moved resource is compared at
  // its new address. A removed block with destroy = false forgets a resource instead of destroying it.
  const old = applyMoves(flatten(before), after);
  const now = flatten(after);
  const forgotten = new Set(
    (after.removed ?? [])
      .filter((r: any) => unwrapSingle(r.lifecycle)?.destroy === false)
      .map((r: any) => r.from as string),
  );
  const changes = new Map<string, PlannedChange>();
  for (const [address, { type, body }] of now) {
    const previous = old.get(address);
    if (!previous) {
      changes.set(address, { address, type, action: "create", changedPaths: [], ignoredPaths: [], forceNewPaths: [] });
      continue;
    }
    const changedPaths = [...new Set(diffPaths(previous.body, body, ""))].sort();
    const ignoredPaths = changedPaths.filter((p) => ignores(body, p));
    const live = changedPaths.filter((p) => !ignoredPaths.includes(p));
    const forceNewPaths = live.filter((p) => isForceNew(forceNew, type, p));
    const replacedOnPurpose = (options.replace ?? []).includes(address);
    if (changedPaths.length === 0 && !replacedOnPurpose) continue;
    const rebuilds = type === "openstack_compute_instance_v2" && live.some((p) => REBUILD_PATHS.includes(p));
    const shrinks =
      type === "openstack_blockstorage_volume_v3" &&
      typeof previous.body.size === "number" &&
      typeof body.size === "number" &&
      body.size < previous.body.size;
    const action: PlannedAction =
      forceNewPaths.length > 0 || replacedOnPurpose
        ? "replace"
        : rebuilds
          ? "rebuild"
          : shrinks
            ? "shrink"
            : live.length > 0
              ? "update"
              : "ignored";
    changes.set(address, {
      address,
      type,
      action,
      changedPaths,
      ignoredPaths,
      forceNewPaths,
      replacedBecause: replacedOnPurpose ? "-replace" : undefined,
    });
  }
  for (const [address, { type }] of old) {
    if (!now.has(address)) {
      const action = forgotten.has(address) ? "forget" : "delete";
      changes.set(address, { address, type, action, changedPaths: [], ignoredPaths: [], forceNewPaths: [] });
    }
  }
  // A replaced resource gets a new id, so whatever refers to it in a ForceNew argument is replaced as well.
  let grew = true;
  while (grew) {
    grew = false;
    const replaced = [...changes.values()].filter((c) => c.action === "replace").map((c) => c.address);
    for (const [address, { type, body }] of now) {
      const current = changes.get(address);
      if (current && !["update", "ignored", "rebuild", "shrink"].includes(current.action)) continue;
      const hit = replaced.find((target) =>
        referencesAt(body, "").some(
          ({ path, text }) =>
            isForceNew(forceNew, type, path) &&
            !ignores(body, path) &&
            new RegExp(`\\b${escapeRegExp(target)}\\.`).test(text),
        ),
      );
      if (hit) {
        changes.set(address, {
          address,
          type,
          action: "replace",
          changedPaths: current?.changedPaths ?? [],
          ignoredPaths: current?.ignoredPaths ?? [],
          forceNewPaths: current?.forceNewPaths ?? [],
          replacedBecause: `refers to ${hit}, which is replaced`,
        });
        grew = true;
      }
    }
  }
  return [...changes.values()].sort((a, b) => a.address.localeCompare(b.address));
}

function flatten(doc: StackJson): Map<string, { type: string; body: any }> {
  const out = new Map<string, { type: string; body: any }>();
  for (const [type, byId] of Object.entries<Record<string, any>>(doc.resource ?? {})) {
    for (const [id, body] of Object.entries(byId)) out.set(`${type}.${id}`, { type, body });
  }
  return out;
}

// The old state's addresses after the new configuration's moved blocks (chains included, as Terraform follows them).
function applyMoves(
  old: Map<string, { type: string; body: any }>,
  after: StackJson,
): Map<string, { type: string; body: any }> {
  const moves: { from: string; to: string }[] = after.moved ?? [];
  const out = new Map(old);
  let moved = true;
  while (moved) {
    moved = false;
    for (const { from, to } of moves) {
      const entry = out.get(from);
      if (entry && !out.has(to)) {
        out.delete(from);
        out.set(to, entry);
        moved = true;
      }
    }
  }
  return out;
}

// Paths of the leaves (or whole sub-trees) that differ. cdktf writes a single nested block as an object and
// Terraform accepts a one-element list too, so both shapes compare equal.
function diffPaths(a: any, b: any, prefix: string): string[] {
  const x = unwrapSingle(a);
  const y = unwrapSingle(b);
  if (isObject(x) && isObject(y)) {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    return [...keys]
      .filter((k) => !(prefix === "" && META.has(k)))
      .flatMap((k) => diffPaths(x[k], y[k], prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
    return x.flatMap((item, i) => diffPaths(item, y[i], prefix));
  }
  return JSON.stringify(x) === JSON.stringify(y) ? [] : [prefix];
}

// Every string leaf under a body with its path: where references live.
function referencesAt(value: any, prefix: string): { path: string; text: string }[] {
  const v = unwrapSingle(value);
  if (typeof v === "string") return v.includes("${") ? [{ path: prefix, text: v }] : [];
  if (Array.isArray(v)) return v.flatMap((item) => referencesAt(item, prefix));
  if (isObject(v)) {
    return Object.entries(v)
      .filter(([k]) => !(prefix === "" && META.has(k)))
      .flatMap(([k, item]) => referencesAt(item, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}

// A path is ForceNew when it is listed, lies inside a listed block, or is a block that holds a listed argument.
function isForceNew(forceNew: { resources: Record<string, string[]> }, type: string, path: string): boolean {
  return [...(forceNew.resources[type] ?? []), ...(OTHER_FORCE_NEW[type] ?? [])].some(
    (entry) => covers(entry, path) || covers(path, entry),
  );
}

// lifecycle.ignore_changes: a list of argument paths, or "all".
function ignores(body: any, path: string): boolean {
  const ignore = body.lifecycle?.ignore_changes ?? [];
  return ignore === "all" || (Array.isArray(ignore) && ignore.some((i: string) => covers(i, path)));
}

function covers(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(`${outer}.`);
}

function unwrapSingle(value: any): any {
  return Array.isArray(value) && value.length === 1 && isObject(value[0]) ? value[0] : value;
}

function isObject(value: any): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A resource a change would destroy: replaced (with the reason) or deleted. */
export interface Destruction {
  readonly address: string;
  /** The ForceNew paths that changed, the cascade reason, or `removed`. */
  readonly because: string[];
}

/**
 * The resources of `types` (default: all) that moving from `before` to `after` would destroy, by replacement or
 * deletion. An empty list is what a data-safety test expects. (Rebuilds and shrinks: see `hazards`.)
 */
export function destroyedResources(
  before: StackJson,
  after: StackJson,
  forceNew: { resources: Record<string, string[]> },
  types?: string[],
): Destruction[] {
  return plannedChanges(before, after, forceNew)
    .filter((c) => (c.action === "replace" || c.action === "delete") && (!types || types.includes(c.type)))
    .map((c) => ({
      address: c.address,
      because:
        c.action === "delete" ? ["removed"] : c.forceNewPaths.length > 0 ? c.forceNewPaths : [c.replacedBecause ?? ""],
    }));
}

/**
 * Every change that loses data or a running hub: stateful resources (STATEFUL_TYPES) replaced or deleted, VMs
 * re-imaged, volumes shrunk. An empty list is what a data-safety test expects.
 */
export function hazards(
  before: StackJson,
  after: StackJson,
  forceNew: { resources: Record<string, string[]> },
): { address: string; action: PlannedAction; why: string }[] {
  return plannedChanges(before, after, forceNew)
    .filter(
      (c) =>
        c.action === "rebuild" ||
        c.action === "shrink" ||
        ((c.action === "replace" || c.action === "delete") && STATEFUL_TYPES.includes(c.type)),
    )
    .map((c) => ({
      address: c.address,
      action: c.action,
      why:
        c.action === "delete"
          ? "no longer in the configuration"
          : c.forceNewPaths.length > 0
            ? c.forceNewPaths.join(", ")
            : (c.replacedBecause ?? c.changedPaths.join(", ")),
    }));
}
