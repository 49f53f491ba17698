import { TerraformResource } from "cdktf";

// Which resources hold users' data or their identity, and what they hold, in words for the ledger's messages.
// Constructs mark what they create; the DataLedger also counts any resource with lifecycle.prevent_destroy, so a
// team's own protected resources (raw bindings, addOverride) are guarded the same way.

/** What a protected resource is and what its loss would cost. */
export interface Protection {
  /** A short noun: `home volume`, `Magnum cluster`, `hub namespace`, ... */
  readonly kind: string;
  /** What is lost with it, for the messages: `every user's home directory`. */
  readonly holds: string;
}

const MARKS = new WeakMap<TerraformResource, Protection>();

/** Records that `resource` holds users' data or their identity; the last mark wins (a hub refines a node's). */
export function protectData(resource: TerraformResource, kind: string, holds: string): void {
  MARKS.set(resource, { kind, holds });
}

/** The protection recorded for `resource`, if any. */
export function protectionOf(resource: TerraformResource): Protection | undefined {
  return MARKS.get(resource);
}

/** The kind the ledger gives an unmarked resource that has prevent_destroy. */
export const UNMARKED: Protection = {
  kind: "protected resource",
  holds: "whatever its prevent_destroy was set to keep",
};

const BOOT_SETTINGS = new WeakMap<TerraformResource, Record<string, string>>();

/**
 * Records the settings a VM takes only at its first boot (it ignores later changes to its user data), so the
 * ledger can say which changed settings the running VM will not see, and how to apply them by hand.
 */
export function recordFirstBootSettings(instance: TerraformResource, settings: Record<string, string>): void {
  BOOT_SETTINGS.set(instance, settings);
}

/** The first-boot settings recorded for `instance`, if any. */
export function firstBootSettingsOf(instance: TerraformResource): Record<string, string> | undefined {
  return BOOT_SETTINGS.get(instance);
}

/** The shape a hub that can change shape is built in, recorded against its home volume. */
export interface ShapeRecord {
  /** `single server` or `Kubernetes`. */
  readonly shape: string;
  /** Whether the code pins the shape (a switch is then the code's decision, not the planner's). */
  readonly pinned: boolean;
  /** The construct that plans the shape. */
  readonly construct: string;
  /** How to pin each shape, as code: by shape. */
  readonly pinWith: Record<string, string>;
}

const SHAPES = new WeakMap<TerraformResource, ShapeRecord>();

/** Records the shape the hub whose homes are on `homeVolume` is built in. */
export function recordHubShape(homeVolume: TerraformResource, record: ShapeRecord): void {
  SHAPES.set(homeVolume, record);
}

/** The shape recorded against `homeVolume`, if any. */
export function hubShapeOf(homeVolume: TerraformResource): ShapeRecord | undefined {
  return SHAPES.get(homeVolume);
}
