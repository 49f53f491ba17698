import { applyByHand } from "../single-server-hub/tljh-config";

// The DataLedger's model, free of constructs and I/O: what the ledger file holds, and how a synthesized app is
// reconciled with it. Terraform honours prevent_destroy only while a resource's block is in the configuration; a
// block that is removed, or gets a new address, is destroyed without error. The ledger remembers every protected
// resource, so a synth that loses one fails until the change says what happened to it: it moved, it is kept in
// OpenStack unmanaged, or it is deleted on purpose.

/** One protected resource as the ledger records it. */
export interface LedgerEntry {
  /** A short noun: `home volume`, `Magnum cluster`, ... */
  readonly kind: string;
  /** What is lost with it. */
  readonly holds: string;
  /** The construct path that made it, when it was recorded. */
  readonly construct: string;
  /** What the cloud calls it (its `name`, or the namespace's name): stable across construct renames. */
  readonly identity: string;
  /** Addresses it had before, oldest first; each needs its move declaration to stay in the code. */
  readonly movedFrom?: string[];
}

/** A resource that left the configuration by a declared decision. */
export interface ReleasedEntry extends LedgerEntry {
  /** `kept`: still in OpenStack, no longer managed (a Terraform `removed` block); `destroyed`: deleted on purpose. */
  readonly decision: "kept" | "destroyed";
  /** The reason given in the code. */
  readonly reason: string;
}

/** The ledger of one stack. */
export interface StackLedger {
  /** Protected resources by Terraform address (`<type>.<logical id>`). */
  readonly protected: Record<string, LedgerEntry>;
  /** Resources that left by a declared decision, by their last address. */
  readonly released?: Record<string, ReleasedEntry>;
  /** What the code last said of each VM's first-boot settings, which a running VM ignores. */
  readonly firstBoot?: Record<string, FirstBootRecord>;
  /** The shape of each hub that can change shape, by the address of its home volume. */
  readonly shapes?: Record<string, string>;
}

/** The shape a hub is built in now, by the address of its home volume. */
export interface HubShapeNow {
  readonly stack: string;
  /** The home volume's address. */
  readonly address: string;
  readonly shape: string;
  /** Whether the code pins the shape. */
  readonly pinned: boolean;
  readonly construct: string;
  /** How to pin each shape, as code. */
  readonly pinWith: Record<string, string>;
}

/** A VM's first-boot settings as the code last said them. */
export interface FirstBootRecord {
  readonly construct: string;
  readonly settings: Record<string, string>;
}

/** A VM's first-boot settings as synthesized now. */
export interface FirstBootSettings extends FirstBootRecord {
  readonly stack: string;
  readonly address: string;
}

/** A stack that left the app by a declared decision. */
export interface RetiredStack {
  readonly reason: string;
  readonly protected: Record<string, LedgerEntry>;
}

/** The ledger file (`jetstream-ledger.json`), committed beside `cdktf.json`. */
export interface LedgerDocument {
  readonly "//"?: string;
  readonly version: 1;
  readonly stacks: Record<string, StackLedger>;
  readonly retiredStacks?: Record<string, RetiredStack>;
}

/** A protected resource found in the synthesized configuration. */
export interface ProtectedResource extends LedgerEntry {
  readonly stack: string;
  /** `<type>.<logical id>`. */
  readonly address: string;
  readonly type: string;
}

/** A declared move: Terraform's `moved` block. */
export interface MoveDecision {
  readonly stack: string;
  readonly from: string;
  readonly to: string;
}

/** A declared keep (`removed` with `destroy = false`) or deletion. */
export interface ReleaseDecision {
  readonly stack: string;
  readonly address: string;
  readonly reason: string;
}

/** A declared retirement of a whole stack. */
export interface RetireDecision {
  readonly stack: string;
  readonly reason: string;
}

/** Every decision the code declares. */
export interface LedgerDecisions {
  readonly moves: MoveDecision[];
  readonly keeps: ReleaseDecision[];
  readonly destroys: ReleaseDecision[];
  readonly retired: RetireDecision[];
}

/** What the reconciliation found wrong; each message says what to do. */
export interface LedgerProblem {
  readonly stack: string;
  readonly address?: string;
  readonly message: string;
}

/** The outcome of a synth against the ledger. */
export interface Reconciliation {
  /** The ledger as it should read after this synth. */
  readonly next: LedgerDocument;
  /** What stops the synth. */
  readonly problems: LedgerProblem[];
  /** What changed in the ledger, one line each. */
  readonly changes: string[];
  /** Changed settings that running VMs will not see, each with the commands that apply them by hand. */
  readonly notices: string[];
}

export const LEDGER_NOTE =
  "Written by the DataLedger of cdktf-jupyterhub-jetstream: every resource that holds users' data or their " +
  "identity. Commit it. Synth fails when one of them leaves the configuration without a declared move, keep or " +
  "deletion; with CI set it fails when this file would change.";

/** An empty ledger. */
export function emptyLedger(): LedgerDocument {
  return { "//": LEDGER_NOTE, version: 1, stacks: {} };
}

/** How the code refers to the ledger in messages. */
const LEDGER = "DataLedger.of(app)";

/**
 * Reconciles the ledger with the protected resources of the app's stacks as synthesized now, under the declared
 * decisions. `prior` is undefined when no ledger file exists yet.
 */
export function reconcile(
  prior: LedgerDocument | undefined,
  current: ProtectedResource[],
  appStacks: string[],
  decisions: LedgerDecisions,
  firstBoot: FirstBootSettings[] = [],
  shapes: HubShapeNow[] = [],
): Reconciliation {
  const problems: LedgerProblem[] = [];
  const changes: string[] = [];
  const notices: string[] = [];
  const previous = prior ?? emptyLedger();
  const stacks: Record<string, StackLedger> = {};
  const retiredStacks: Record<string, RetiredStack> = { ...(previous.retiredStacks ?? {}) };

  for (const [name, ledger] of Object.entries(previous.stacks)) {
    if (appStacks.includes(name)) continue;
    const retire = decisions.retired.find((d) => d.stack === name);
    if (retire) {
      retiredStacks[name] = { reason: retire.reason, protected: ledger.protected };
      changes.push(`stack ${name} retired: ${retire.reason}`);
      continue;
    }
    if (Object.keys(ledger.protected).length === 0) continue;
    problems.push({ stack: name, message: stackGoneMessage(name, ledger, current) });
  }
  for (const [name, retired] of Object.entries(retiredStacks)) {
    if (appStacks.includes(name)) {
      problems.push({
        stack: name,
        message:
          `stack ${name} is back in the app, but the ledger records it as retired (${retired.reason}). Its old ` +
          `state may still hold the resources it had. Give the new stack another name, or remove ` +
          `"retiredStacks.${name}" from the ledger file once you have checked that state.`,
      });
    } else if (!decisions.retired.some((d) => d.stack === name)) {
      problems.push({
        stack: name,
        message:
          `the ledger records stack ${name} as retired (${retired.reason}), but the code no longer declares it. ` +
          `Keep ${LEDGER}.retireStack(${q(name)}, ${q(retired.reason)}) in the app.`,
      });
    }
  }

  for (const name of appStacks) {
    const before = previous.stacks[name] ?? { protected: {} };
    const here = new Map(current.filter((r) => r.stack === name).map((r) => [r.address, r]));
    const protectedNow: Record<string, LedgerEntry> = {};
    const released: Record<string, ReleasedEntry> = {};
    const moves = decisions.moves.filter((m) => m.stack === name);
    const keeps = decisions.keeps.filter((d) => d.stack === name);
    const destroys = decisions.destroys.filter((d) => d.stack === name);

    for (const [address, entry] of Object.entries(before.released ?? {})) {
      if (here.has(address)) {
        changes.push(`${name}: ${address} is configured again; recorded anew`);
        continue;
      }
      const declared = (entry.decision === "kept" ? keeps : destroys).find((d) => d.address === address);
      if (!declared) {
        const call = entry.decision === "kept" ? "keep" : "allowDestroy";
        problems.push({
          stack: name,
          address,
          message:
            `${describe(name, address, entry)} left the configuration by a declared decision (${entry.decision}: ` +
            `${entry.reason}), and the declaration is gone from the code. Without it Terraform would destroy the ` +
            `resource if this stack's state still holds it. Keep the declaration:\n` +
            `    ${LEDGER}.${call}(${q(name)}, ${q(address)}, ${q(entry.reason)});`,
        });
      }
      released[address] = entry;
    }

    for (const [address, entry] of Object.entries(before.protected)) {
      const now = here.get(address);
      if (now) {
        protectedNow[address] = entry;
        continue;
      }
      const move = moves.find((m) => m.from === address);
      const keep = keeps.find((d) => d.address === address);
      const destroy = destroys.find((d) => d.address === address);
      if (move) {
        const target = here.get(move.to);
        if (!target) {
          problems.push({ stack: name, address, message: moveTargetMissing(name, move, current) });
        } else if (before.protected[move.to] !== undefined) {
          problems.push({
            stack: name,
            address,
            message:
              `${LEDGER}.move(${q(name)}, ${q(move.from)}, ${q(move.to)}) points at a resource the ledger already ` +
              `protects: Terraform would have two resources for one address. Move it to a new address instead.`,
          });
        } else {
          protectedNow[move.to] = { ...withoutStack(target), movedFrom: [...(entry.movedFrom ?? []), address] };
          changes.push(`${name}: ${entry.kind} moved from ${address} to ${move.to}`);
        }
      } else if (keep) {
        released[address] = { ...entry, decision: "kept", reason: keep.reason };
        changes.push(`${name}: ${entry.kind} ${address} kept in OpenStack, no longer managed: ${keep.reason}`);
      } else if (destroy) {
        released[address] = { ...entry, decision: "destroyed", reason: destroy.reason };
        changes.push(`${name}: ${entry.kind} ${address} deleted on purpose: ${destroy.reason}`);
      } else {
        problems.push({
          stack: name,
          address,
          message: missingMessage(name, address, entry, before, current, moves),
        });
      }
    }

    for (const [address, entry] of Object.entries(protectedNow)) {
      for (const from of entry.movedFrom ?? []) {
        if (!moves.some((m) => m.from === from)) {
          problems.push({
            stack: name,
            address,
            message:
              `${describe(name, address, entry)} moved here from ${from}, and the move declaration is gone from ` +
              `the code. A copy of this stack's state that has not applied the move yet would destroy it. Keep ` +
              `the declaration (${LEDGER}.move(${q(name)}, ${q(from)}, "<the address it moved to next>")).`,
          });
        }
      }
    }

    for (const d of [...keeps, ...destroys]) {
      if (here.has(d.address)) {
        problems.push({
          stack: name,
          address: d.address,
          message:
            `${d.address} is declared ${keeps.includes(d) ? "kept" : "deleted"} (${d.reason}) but is still in ` +
            `stack ${name}'s configuration. Remove the resource from the code, or drop the declaration.`,
        });
      }
    }
    for (const m of moves) {
      if (here.has(m.from)) {
        problems.push({
          stack: name,
          address: m.from,
          message:
            `${LEDGER}.move(${q(name)}, ${q(m.from)}, ${q(m.to)}): ${m.from} is still in the configuration, so ` +
            `there is nothing to move. Drop the declaration, or finish the change that gives it a new address.`,
        });
      }
    }

    for (const [address, resource] of here) {
      if (protectedNow[address] !== undefined) continue;
      protectedNow[address] = withoutStack(resource);
      changes.push(`${name}: new ${resource.kind} ${address}`);
    }

    const boot: Record<string, FirstBootRecord> = {};
    for (const vm of firstBoot.filter((b) => b.stack === name)) {
      const was = before.firstBoot?.[vm.address];
      if (!was) changes.push(`${name}: recorded the first-boot settings of ${vm.address}`);
      if (was) {
        const notice = settingsNotice(name, vm, was);
        if (notice) {
          notices.push(notice);
          changes.push(`${name}: first-boot settings of ${vm.address} changed (the running VM ignores them)`);
        }
      }
      boot[vm.address] = { construct: vm.construct, settings: sortKeys(vm.settings) };
    }

    // A hub that can change shape changes it only when the code says so: the planner never switches a deployed hub.
    const shapeNow: Record<string, string> = {};
    for (const hub of shapes.filter((h) => h.stack === name)) {
      const was = before.shapes?.[hub.address];
      shapeNow[hub.address] = hub.shape;
      if (was === undefined || was === hub.shape) continue;
      if (!hub.pinned) {
        shapeNow[hub.address] = was;
        problems.push({
          stack: name,
          address: hub.address,
          message:
            `${hub.construct} is deployed as ${was}, and the planner now chooses ${hub.shape}. A shape switch ` +
            `takes the hub down while its home volume moves, so the planner never makes it on its own. Pin the ` +
            `shape you want:\n    ${hub.pinWith[hub.shape]}   // switch: the home volume is reattached, homes kept\n` +
            `    ${hub.pinWith[was]}   // stay as deployed`,
        });
        continue;
      }
      changes.push(`${name}: shape change: ${was} -> ${hub.shape}, home volume reattached (${hub.address})`);
      notices.push(
        `${name}: ${hub.construct} changes shape, ${was} -> ${hub.shape}. The home volume ${hub.address} is ` +
          `detached from the old shape's server and attached to the new one; homes, their owners' files, modes and ` +
          `dotfiles stay. The hub database does not carry over: users and admins come back from the login. The hub ` +
          `is down from the first change until the new shape's first boot ends (see the README's upgrade table).`,
      );
    }

    const any = [protectedNow, released, boot, shapeNow].some((r) => Object.keys(r).length > 0);
    if (any) {
      stacks[name] = {
        protected: sortKeys(protectedNow),
        ...(Object.keys(released).length > 0 ? { released: sortKeys(released) } : {}),
        ...(Object.keys(boot).length > 0 ? { firstBoot: sortKeys(boot) } : {}),
        ...(Object.keys(shapeNow).length > 0 ? { shapes: sortKeys(shapeNow) } : {}),
      };
    }
  }

  const next: LedgerDocument = {
    "//": LEDGER_NOTE,
    version: 1,
    stacks: sortKeys(stacks),
    ...(Object.keys(retiredStacks).length > 0 ? { retiredStacks: sortKeys(retiredStacks) } : {}),
  };
  return { next, problems, changes, notices };
}

// Which first-boot settings changed since the ledger last saw them, and how to apply each on the running VM.
function settingsNotice(stack: string, vm: FirstBootSettings, was: FirstBootRecord): string | undefined {
  const keys = [...new Set([...Object.keys(was.settings), ...Object.keys(vm.settings)])].sort();
  const changed = keys.filter((k) => was.settings[k] !== vm.settings[k]);
  if (changed.length === 0) return undefined;
  const commands = changed.flatMap((k) => applyByHand(k, was.settings[k], vm.settings[k], vm.address));
  const reloads = [...new Set(commands.filter((c) => c.startsWith("sudo tljh-config reload")))];
  const show = (v: string | undefined) => (v === undefined ? "(none)" : v.includes("\n") ? "(a new text)" : v);
  return [
    `${stack}: the running VM ${vm.address} (${vm.construct}) ignores changes to its user data, so these changed ` +
      `settings will not reach it by a deploy:`,
    ...changed.map(
      (k) => `    ${k.replace(/^config\.yaml:/, "")}: ${show(was.settings[k])} -> ${show(vm.settings[k])}`,
    ),
    `  Apply them on the VM as root (or replace the VM: terraform apply -replace=${vm.address}; the home volume ` +
      `reattaches and the new VM is built with them):`,
    ...[...commands.filter((c) => !reloads.includes(c)), ...reloads].map((c) => `    ${c.replace(/\n/g, "\n    ")}`),
  ].join("\n");
}

/** The ledger as its file holds it: keys in order, two-space indents, a final newline. */
export function formatLedger(ledger: LedgerDocument): string {
  return `${JSON.stringify(ledger, null, 2)}\n`;
}

/** Reads a ledger file's text; throws with a plain message when it is not one. */
export function parseLedger(text: string, where: string): LedgerDocument {
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where} is not JSON (${(e as Error).message}); restore it from version control`);
  }
  if (parsed === null || typeof parsed !== "object" || parsed.version !== 1 || typeof parsed.stacks !== "object") {
    throw new Error(`${where} is not a DataLedger file of version 1; restore it from version control`);
  }
  return parsed as LedgerDocument;
}

function withoutStack(r: ProtectedResource): LedgerEntry {
  return { kind: r.kind, holds: r.holds, construct: r.construct, identity: r.identity };
}

function describe(stack: string, address: string, entry: LedgerEntry): string {
  return `${address} in stack ${stack} (${entry.kind}, ${q(entry.identity)}, made by ${entry.construct})`;
}

// What probably replaced a missing entry: new, unrecorded resources of its type in the same stack, best first.
function successors(
  stack: string,
  entry: LedgerEntry,
  type: string,
  before: StackLedger,
  current: ProtectedResource[],
  moves: MoveDecision[],
): ProtectedResource[] {
  const fresh = current.filter(
    (r) =>
      r.stack === stack &&
      r.type === type &&
      before.protected[r.address] === undefined &&
      !moves.some((m) => m.to === r.address),
  );
  const score = (r: ProtectedResource) => (r.identity === entry.identity ? 2 : 0) + (r.kind === entry.kind ? 1 : 0);
  return fresh.sort((a, b) => score(b) - score(a));
}

function missingMessage(
  stack: string,
  address: string,
  entry: LedgerEntry,
  before: StackLedger,
  current: ProtectedResource[],
  moves: MoveDecision[],
): string {
  const type = address.split(".")[0];
  const next = successors(stack, entry, type, before, current, moves);
  const elsewhere = current.filter(
    (r) => r.stack !== stack && r.type === type && (r.identity === entry.identity || r.kind === entry.kind),
  );
  const lines = [
    `${describe(stack, address, entry)} is no longer in the configuration. It holds ${entry.holds}.`,
    `  The next deploy of stack ${stack} would destroy it: prevent_destroy guards only a resource whose block is ` +
      `still in the configuration.`,
  ];
  if (next.length > 0) {
    const best = next[0];
    const why =
      best.identity === entry.identity
        ? `it has the same OpenStack name, ${q(best.identity)}: a new construct id or path`
        : best.kind === entry.kind
          ? `it is the stack's new ${best.kind} (${q(best.identity)})`
          : `it is new in the stack (${best.kind}, ${q(best.identity)})`;
    lines.push(`  What probably happened: ${best.address} looks like its successor (${why}).`);
  } else if (elsewhere.length > 0) {
    lines.push(
      `  What probably happened: it went to another stack (${elsewhere.map((r) => `${r.stack}: ${r.address}`).join(", ")}). ` +
        `Terraform cannot move a resource between stacks: keep it here (3), then adopt it there with ` +
        `importFrom("<its id, from terraform state show>") on the new resource.`,
    );
  } else {
    lines.push(`  What probably happened: a prop that created it was changed or removed, or a count went down.`);
  }
  const to = next[0]?.address ?? "<the new address>";
  lines.push(
    `  Ways out, as code for the app (DataLedger.of(app) is the ledger of DataLedger.applyTo(app)):`,
    `    1. undo the change that removed it;`,
    `    2. it moved (a rename, a new construct id, a shape switch that keeps it); Terraform's moved block:`,
    `         ${LEDGER}.move(${q(stack)}, ${q(address)}, ${q(to)});`,
    `    3. keep it in OpenStack and stop managing it (Terraform's removed block, destroy = false; Terraform 1.7+):`,
    `         ${LEDGER}.keep(${q(stack)}, ${q(address)}, "<why, in a sentence>");`,
    `    4. delete it for good, on purpose:`,
    `         ${LEDGER}.allowDestroy(${q(stack)}, ${q(address)}, "<why, in a sentence>");`,
  );
  return lines.join("\n");
}

function moveTargetMissing(stack: string, move: MoveDecision, current: ProtectedResource[]): string {
  const other = current.find((r) => r.address === move.to && r.stack !== stack);
  const where = other
    ? ` It is in stack ${other.stack}: Terraform cannot move a resource between stacks. Keep it in ${stack} ` +
      `(${LEDGER}.keep) and adopt it in ${other.stack} with importFrom("<its id>").`
    : ` Protected resources of that type in ${stack} now: ${
        current
          .filter((r) => r.stack === stack && r.type === move.from.split(".")[0])
          .map((r) => r.address)
          .join(", ") || "none"
      }.`;
  return (
    `${LEDGER}.move(${q(stack)}, ${q(move.from)}, ${q(move.to)}): ${move.to} is not a protected resource of stack ` +
    `${stack}.${where}`
  );
}

function stackGoneMessage(name: string, ledger: StackLedger, current: ProtectedResource[]): string {
  const entries = Object.entries(ledger.protected);
  const renamedTo = [
    ...new Set(
      current.filter((r) => entries.some(([, e]) => e.identity === r.identity && r.stack !== name)).map((r) => r.stack),
    ),
  ];
  const list = entries.map(([address, e]) => `    ${address} (${e.kind}, ${q(e.identity)})`).join("\n");
  return [
    `stack ${name} is no longer in the app, and the ledger records ${entries.length} protected resource(s) in it:`,
    list,
    renamedTo.length > 0
      ? `  What probably happened: the stack was renamed to ${renamedTo.join(", ")}, which has resources with the ` +
        `same OpenStack names. A new stack name starts from empty state: its deploy would build duplicates beside ` +
        `the old ones, with blank volumes.`
      : `  Nothing is destroyed by deploying the other stacks, but nothing manages these resources any more.`,
    `  Ways out:`,
    `    1. give the stack back its name (a TerraformStack's id is its state's name);`,
    `    2. retire it on purpose (its state and resources stay as they are):`,
    `         ${LEDGER}.retireStack(${q(name)}, "<why, in a sentence>");`,
  ].join("\n");
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

function q(text: string): string {
  return JSON.stringify(text);
}
