import * as fs from "fs";
import * as path from "path";
import { LEDGER_FILE } from "./data-ledger";
import { LedgerDocument, LedgerEntry, parseLedger } from "./model";

// The third layer of data safety: a check of the real plan, for what a model of Terraform cannot know (a
// replacement the provider decides, drift, a state that has not applied a move yet). It reads the JSON of
// `terraform show -json <planfile>` (Terraform's documented "JSON Output Format", format_version 1.x) and refuses
// any plan that deletes or replaces a protected resource.

/** Resource types that hold data whatever the ledger says. */
export const DATA_RESOURCE_TYPES = [
  "openstack_blockstorage_volume_v3",
  "openstack_containerinfra_cluster_v1",
  "kubernetes_namespace",
  "kubernetes_namespace_v1",
];

/** What makes a planned change refused. */
export interface PlanGuardOptions {
  /** Protected addresses, with what the ledger knows of them. */
  readonly protectedAddresses?: Record<string, LedgerEntry>;
  /** Resource types protected whatever their address. @default DATA_RESOURCE_TYPES */
  readonly protectedTypes?: string[];
  /** Addresses whose deletion or replacement is allowed for this one plan. */
  readonly allow?: string[];
}

/** A refused change. */
export interface PlanGuardFinding {
  readonly address: string;
  readonly type: string;
  /** Terraform's actions: `["delete"]`, `["delete","create"]` or `["create","delete"]`. */
  readonly actions: string[];
  /** Why it is protected, and why Terraform plans it. */
  readonly why: string;
}

/** The guard's verdict on one plan. */
export interface PlanGuardResult {
  /** Protected resources the plan would delete or replace. */
  readonly refused: PlanGuardFinding[];
  /** Protected resources the plan forgets (a removed block with destroy = false): kept in the cloud. */
  readonly forgotten: string[];
  /** Protected resources the plan deletes or replaces, allowed by `allow`. */
  readonly allowed: string[];
  /** How many managed resources' changes were read. */
  readonly checked: number;
}

/** Judges a parsed plan. Throws with a plain message when `plan` is not Terraform's plan JSON. */
export function guardPlan(plan: any, options: PlanGuardOptions = {}): PlanGuardResult {
  if (plan === null || typeof plan !== "object" || typeof plan.format_version !== "string") {
    throw new Error(
      "this is not Terraform's plan JSON (no format_version): give the output of terraform show -json <planfile>",
    );
  }
  if (!/^1\./.test(plan.format_version)) {
    throw new Error(`plan format_version ${plan.format_version} is not 1.x, the only one this guard knows`);
  }
  if (plan.resource_changes !== undefined && !Array.isArray(plan.resource_changes)) {
    throw new Error("resource_changes is not a list: give the output of terraform show -json <planfile>");
  }
  const types = options.protectedTypes ?? DATA_RESOURCE_TYPES;
  const ledger = options.protectedAddresses ?? {};
  const allow = new Set(options.allow ?? []);
  const refused: PlanGuardFinding[] = [];
  const forgotten: string[] = [];
  const allowed: string[] = [];
  let checked = 0;
  for (const rc of plan.resource_changes ?? []) {
    if (rc?.mode !== "managed") continue;
    checked++;
    const address: string = rc.address;
    const type: string = rc.type;
    const actions: string[] = Array.isArray(rc.change?.actions) ? rc.change.actions : [];
    const entry = ledger[address] ?? ledger[baseAddress(address)];
    if (!entry && !types.includes(type)) continue;
    if (actions.includes("forget")) {
      forgotten.push(address);
      continue;
    }
    if (!actions.includes("delete")) continue;
    // A deletion the code declared with DataLedger.allowDestroy is recorded in the ledger as decided.
    if (allow.has(address) || (entry as { decision?: string } | undefined)?.decision === "destroyed") {
      allowed.push(address);
      continue;
    }
    const what = entry ? `${entry.kind}: ${entry.holds}` : `a ${type}, which holds data`;
    refused.push({ address, type, actions, why: `${what}; ${reasonOf(rc, actions)}` });
  }
  return { refused, forgotten, allowed, checked };
}

// Terraform's own words for why a resource is deleted or replaced.
function reasonOf(rc: any, actions: string[]): string {
  const replace = actions.includes("create");
  const paths: string[] = Array.isArray(rc.change?.replace_paths)
    ? rc.change.replace_paths.map((p: unknown[]) => (Array.isArray(p) ? p.join(".") : String(p)))
    : [];
  const reason: string | undefined = rc.action_reason;
  if (replace) {
    const because = paths.length > 0 ? ` because ${paths.join(", ")} changed` : "";
    return `the plan replaces it (${actions.join(" then ")})${because}${reason ? ` [${reason}]` : ""}`;
  }
  if (reason === "delete_because_no_resource_config")
    return "the plan deletes it: its block is gone from the configuration";
  if (reason === "delete_because_count_index" || reason === "delete_because_each_key") {
    return "the plan deletes it: its count or for_each no longer includes it";
  }
  return `the plan deletes it${reason ? ` [${reason}]` : ""}`;
}

// `aws_x.y[0]` -> `aws_x.y`, `module.m.aws_x.y` stays as it is.
function baseAddress(address: string): string {
  return address.replace(/\[[^\]]*\]$/, "");
}

const USAGE = `usage: jetstream-plan-guard <plan.json | -> [--ledger FILE] [--stack NAME] [--protect-type TYPE]... [--allow ADDRESS]...

Reads the JSON of \`terraform show -json <planfile>\` and exits 1 when the plan would delete or replace a protected
resource: one the DataLedger records (${LEDGER_FILE}, read when present), or a resource of a type that holds data
(${DATA_RESOURCE_TYPES.join(", ")}). Exits 0 when it would not, 2 on bad usage or input.

  --ledger FILE        the ledger file (default: ./${LEDGER_FILE} when it exists)
  --stack NAME         the stack the plan is for (default: from a cdktf.out/stacks/<name>/ path, else every stack)
  --protect-type TYPE  protect every resource of TYPE as well (repeatable)
  --allow ADDRESS      allow this one plan to delete or replace ADDRESS (repeatable; say why in your change log)`;

/** Where the command writes. */
export interface PlanGuardIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly readFile: (file: string) => string;
  readonly exists: (file: string) => boolean;
}

const PROCESS_IO: PlanGuardIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readFile: (file) => fs.readFileSync(file === "-" ? 0 : file, "utf8"),
  exists: (file) => fs.existsSync(file),
};

/** The `jetstream-plan-guard` command. Returns the exit code. */
export function planGuardMain(argv: string[], io: PlanGuardIo = PROCESS_IO): number {
  let planFile: string | undefined;
  let ledgerFile: string | undefined;
  let stack: string | undefined;
  const extraTypes: string[] = [];
  const allow: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    try {
      if (arg === "--help" || arg === "-h") {
        io.out(USAGE);
        return 0;
      } else if (arg === "--ledger") ledgerFile = value();
      else if (arg === "--stack") stack = value();
      else if (arg === "--protect-type") extraTypes.push(value());
      else if (arg === "--allow") allow.push(value());
      else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
      else if (planFile === undefined) planFile = arg;
      else throw new UsageError(`one plan at a time (got ${planFile} and ${arg})`);
    } catch (e) {
      io.err(`jetstream-plan-guard: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
  }
  if (planFile === undefined) {
    io.err(`jetstream-plan-guard: no plan given\n${USAGE}`);
    return 2;
  }
  let result: PlanGuardResult;
  try {
    const plan = JSON.parse(io.readFile(planFile));
    const ledgerPath = ledgerFile ?? (io.exists(LEDGER_FILE) ? LEDGER_FILE : undefined);
    const ledger = ledgerPath ? parseLedger(io.readFile(ledgerPath), ledgerPath) : undefined;
    const stackName = stack ?? stackFromPath(planFile);
    if (ledger && stackName && !ledger.stacks[stackName]) {
      io.err(`jetstream-plan-guard: note: ${ledgerPath} records no stack ${stackName}; guarding by type only`);
    }
    result = guardPlan(plan, {
      protectedAddresses: ledger ? addressesOf(ledger, stackName) : {},
      protectedTypes: [...DATA_RESOURCE_TYPES, ...extraTypes],
      allow,
    });
  } catch (e) {
    io.err(`jetstream-plan-guard: ${planFile}: ${(e as Error).message}`);
    return 2;
  }
  for (const address of result.forgotten) io.out(`kept     ${address} (removed from state, left in the cloud)`);
  for (const address of result.allowed) io.out(`allowed  ${address} (--allow, or DataLedger.allowDestroy)`);
  for (const f of result.refused) io.err(`REFUSED  ${f.address}: ${f.why}`);
  if (result.refused.length > 0) {
    io.err(
      `jetstream-plan-guard: the plan would destroy ${result.refused.length} protected resource(s); do not apply it. ` +
        "Undo the change, declare a move or a keep with the DataLedger, or pass --allow <address> for a deletion " +
        "you mean.",
    );
    return 1;
  }
  io.out(
    `jetstream-plan-guard: ${result.checked} resource change(s) read; no protected resource is deleted or replaced`,
  );
  return 0;
}

class UsageError extends Error {}

function stackFromPath(file: string): string | undefined {
  const parts = path.resolve(file).split(path.sep);
  const i = parts.lastIndexOf("stacks");
  return i > 0 && parts[i - 1] === "cdktf.out" && parts[i + 1] ? parts[i + 1] : undefined;
}

function addressesOf(ledger: LedgerDocument, stack: string | undefined): Record<string, LedgerEntry> {
  const stacks = stack ? [ledger.stacks[stack]].filter((s) => s !== undefined) : Object.values(ledger.stacks);
  return Object.assign({}, ...stacks.map((s) => ({ ...s.protected, ...(s.released ?? {}) })));
}
