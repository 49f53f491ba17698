import * as fs from "fs";
import * as path from "path";
import {
  App,
  DefaultTokenResolver,
  StringConcat,
  TerraformElement,
  TerraformResource,
  TerraformStack,
  Tokenization,
} from "cdktf";
import { Construct, IConstruct } from "constructs";
import { checkLiteral, fail } from "../core/validate";
import {
  FirstBootSettings,
  HubShapeNow,
  LedgerDecisions,
  LedgerDocument,
  ProtectedResource,
  Reconciliation,
  formatLedger,
  parseLedger,
  reconcile,
} from "./model";
import { UNMARKED, firstBootSettingsOf, hubShapeOf, protectionOf } from "./protection";

/** The ledger file's default name, beside `cdktf.json`. */
export const LEDGER_FILE = "jetstream-ledger.json";

/**
 * Props for `DataLedger.applyTo`.
 */
export interface DataLedgerProps {
  /**
   * The ledger file. Commit it, as you commit a lock file.
   *
   * Tokens: refused; the ledger file is read and written at synth.
   *
   * @default - `jetstream-ledger.json` in the working directory (where cdktf runs the app, beside `cdktf.json`)
   */
  readonly path?: string;
  /**
   * Fail when the ledger would change instead of writing it, as `npm ci` does with a lock file: for CI, where a
   * synth must match what was reviewed.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default - true when the `CI` environment variable is set (and not `false` or `0`)
   */
  readonly frozen?: boolean;
}

/**
 * The second layer of data safety: a committed ledger of every resource that holds users' data or their identity
 * (home volumes, node-group volumes, the NFS volume, the Magnum cluster, the hub namespace, the reserved address
 * and its DNS record, and anything else with `prevent_destroy`).
 *
 * Terraform honours `prevent_destroy` only while a resource's block is in the configuration: a removed block, a
 * renamed construct, a lower count or a shape switch is destroyed without error. At every synth the ledger compares
 * the app's protected resources with the ones it recorded. A recorded resource that is gone fails the synth, with a
 * message that names it, says what it holds, and gives the ways out as code: undo the change, declare a move
 * (`move`, a Terraform `moved` block), keep it in OpenStack unmanaged (`keep`, a `removed` block with
 * `destroy = false`), or delete it on purpose (`allowDestroy`, with a reason). New protected resources are added to
 * the file; in CI (`frozen`) any change to the file fails the synth instead.
 *
 * Declarations stay in the code, like migrations: they are what tells every copy of a stack's state what happened.
 *
 * @example
 * const app = new App();
 * const stack = new TerraformStack(app, "hub");
 * // ... the hub's constructs ...
 * DataLedger.applyTo(app);
 * app.synth();
 */
export class DataLedger {
  /**
   * Checks every synth of `app` against the ledger file. Call it once, on the App.
   *
   * @param app the App (the ledger sees every stack)
   * @param props the file and whether it may change
   */
  public static applyTo(app: App, props: DataLedgerProps = {}): DataLedger {
    if (!App.isApp(app)) {
      fail(app as IConstruct, {
        prop: "app",
        value: (app as IConstruct)?.node?.path ?? typeof app,
        problem: "the ledger needs the App, to see every stack",
        allowed: "the App that holds the stacks",
        fix: "call DataLedger.applyTo(app) with your App",
      });
    }
    if (LEDGERS.has(app)) {
      fail(app, {
        prop: "app",
        value: LEDGERS.get(app)!.path,
        problem: "already has a DataLedger",
        allowed: "one ledger per app",
        fix: "call DataLedger.applyTo(app) once, and DataLedger.of(app) where you declare moves",
      });
    }
    checkLiteral(app, "path", props.path, "the ledger file is read and written at synth");
    const ledger = new DataLedger(app, props);
    LEDGERS.set(app, ledger);
    app.node.addValidation({ validate: () => ledger.check() });
    return ledger;
  }

  /**
   * The ledger of the app that `scope` belongs to.
   *
   * @param scope the App, or any construct in it
   */
  public static of(scope: IConstruct): DataLedger {
    const ledger = LEDGERS.get(scope.node.root);
    if (!ledger) {
      fail(scope, {
        prop: "app",
        value: scope.node.path,
        problem: "has no DataLedger",
        allowed: "an App given to DataLedger.applyTo",
        fix: "call DataLedger.applyTo(app) before declaring moves, keeps or deletions",
      });
    }
    return ledger;
  }

  /** The ledger file. */
  public readonly path: string;
  /** Whether the file may change at synth. */
  public readonly frozen: boolean;

  private readonly app: App;
  private readonly decisions: {
    moves: LedgerDecisions["moves"];
    keeps: LedgerDecisions["keeps"];
    destroys: LedgerDecisions["destroys"];
    retired: LedgerDecisions["retired"];
  } = { moves: [], keeps: [], destroys: [], retired: [] };
  private lastChanges: string[] = [];
  private lastNotices: string[] = [];

  private constructor(app: App, props: DataLedgerProps) {
    this.app = app;
    this.path = path.resolve(props.path ?? LEDGER_FILE);
    this.frozen = props.frozen ?? isCi(process.env.CI);
  }

  /** What the last synth changed in the ledger, one line each (empty when nothing changed). */
  public get changes(): string[] {
    return [...this.lastChanges];
  }

  /**
   * Settings the last synth changed that running VMs will not see (a VM ignores changes to its user data), each
   * with the commands that apply them on the VM by hand. A single-server hub's login, admins, limits and culling
   * are such settings.
   */
  public get notices(): string[] {
    return [...this.lastNotices];
  }

  /**
   * Declares that a protected resource has a new address in the same stack (a rename, a new construct id, a shape
   * switch that keeps the resource). Emits Terraform's `moved` block, so the next deploy moves the state instead of
   * destroying one resource and creating another.
   *
   * @param stack the stack's name (its construct id)
   * @param from the old Terraform address, `<type>.<logical id>`, as the ledger's message gives it
   * @param to the new address
   */
  public move(stack: string, from: string, to: string): void {
    const scope = this.stack(stack);
    checkAddress(scope, "from", from);
    checkAddress(scope, "to", to);
    if (from.split(".")[0] !== to.split(".")[0]) {
      fail(scope, {
        prop: "to",
        value: to,
        problem: `is a ${to.split(".")[0]}, and ${from} a ${from.split(".")[0]}: Terraform moves only between addresses of one type`,
        allowed: "an address of the same resource type",
        fix: "move to the resource that takes its place, or keep the old one (DataLedger.keep)",
      });
    }
    this.once(scope, from);
    this.decisions.moves.push({ stack, from, to });
    new LedgerBlock(scope, blockId("Moved", from), { moved: [{ from, to }] });
  }

  /**
   * Declares that a protected resource leaves the configuration but stays in OpenStack, no longer managed by this
   * stack. Emits Terraform's `removed` block with `destroy = false` (Terraform 1.7+, OpenTofu 1.7+): the next
   * deploy forgets it instead of destroying it. Adopt it elsewhere with `importFrom`.
   *
   * @param stack the stack's name
   * @param address the Terraform address, as the ledger's message gives it
   * @param reason why, in a sentence (recorded in the ledger)
   */
  public keep(stack: string, address: string, reason: string): void {
    const scope = this.stack(stack);
    checkAddress(scope, "address", address);
    this.once(scope, address);
    this.decisions.keeps.push({ stack, address, reason: checkReason(scope, reason) });
    new LedgerBlock(scope, blockId("Removed", address), {
      removed: [{ from: address, lifecycle: { destroy: false } }],
    });
  }

  /**
   * Declares that a protected resource is to be deleted: the next deploy destroys it and everything it holds. A
   * decision recorded in the code and in the ledger, never a default.
   *
   * @param stack the stack's name
   * @param address the Terraform address, as the ledger's message gives it
   * @param reason why, in a sentence (recorded in the ledger)
   */
  public allowDestroy(stack: string, address: string, reason: string): void {
    const scope = this.stack(stack);
    checkAddress(scope, "address", address);
    this.once(scope, address);
    this.decisions.destroys.push({ stack, address, reason: checkReason(scope, reason) });
  }

  /**
   * Declares that a stack the ledger knows has left the app on purpose. Its state and resources stay as they are:
   * nothing in this app manages them any more.
   *
   * @param stack the old stack's name
   * @param reason why, in a sentence (recorded in the ledger)
   */
  public retireStack(stack: string, reason: string): void {
    if (this.decisions.retired.some((d) => d.stack === stack)) {
      fail(this.app, {
        prop: "stack",
        value: stack,
        problem: "is retired twice",
        allowed: "one retireStack per stack",
        fix: "remove the second call",
      });
    }
    this.decisions.retired.push({ stack, reason: checkReason(this.app, reason) });
  }

  /**
   * Reconciles the app with the ledger file (read, not written).
   *
   * @internal
   */
  public _reconcile(): Reconciliation & { text?: string } {
    const text = fs.existsSync(this.path) ? fs.readFileSync(this.path, "utf8") : undefined;
    const prior: LedgerDocument | undefined = text === undefined ? undefined : parseLedger(text, this.path);
    const stacks = stacksOf(this.app);
    const names = stacks.map((s) => s.node.id);
    // One walk of each stack's tree serves the three things the ledger reads from it.
    const views = stacks.map((stack) => ({ stack, resources: resourcesOf(stack) }));
    const current = views.flatMap(({ stack, resources }) =>
      protectedResourcesOf(stack, synthesizedDocument(this.app, stack), resources),
    );
    const boot = views.flatMap(({ stack, resources }) => firstBootSettingsIn(stack, resources));
    const shapes = views.flatMap(({ stack, resources }) => hubShapesIn(stack, resources));
    return { ...reconcile(prior, current, names, this.decisions, boot, shapes), text };
  }

  private check(): string[] {
    let result: Reconciliation & { text?: string };
    try {
      result = this._reconcile();
    } catch (e) {
      return [`DataLedger: ${(e as Error).message}`];
    }
    this.lastChanges = result.changes;
    this.lastNotices = result.notices;
    const errors = result.problems.map((p) => `DataLedger: ${p.message}`);
    if (errors.length > 0) return errors;
    const wanted = formatLedger(result.next);
    const empty = Object.keys(result.next.stacks).length === 0 && !result.next.retiredStacks;
    if (wanted === result.text || (result.text === undefined && empty)) return [];
    if (this.frozen) {
      return [
        `DataLedger: ${this.path} is out of date, and the ledger is frozen (CI is set). What would change:\n` +
          (result.changes.length > 0 ? result.changes : ["the file's layout"]).map((c) => `    ${c}`).join("\n") +
          `\n  Run the synth where the ledger may change (without CI), review the file and commit it.` +
          result.notices.map((n) => `\n  ${n}`).join(""),
      ];
    }
    fs.mkdirSync(path.dirname(this.path), { recursive: true });
    fs.writeFileSync(this.path, wanted);
    return [];
  }

  private stack(name: string): TerraformStack {
    const found = stacksOf(this.app).find((s) => s.node.id === name);
    if (!found) {
      fail(this.app, {
        prop: "stack",
        value: name,
        problem: "is not a stack of this app",
        allowed: stacksOf(this.app)
          .map((s) => JSON.stringify(s.node.id))
          .join(", "),
        fix: "give the stack's name (its construct id) as the ledger's message writes it; declare after creating it",
      });
    }
    return found;
  }

  private once(scope: TerraformStack, address: string): void {
    const { moves, keeps, destroys } = this.decisions;
    const name = scope.node.id;
    const taken =
      moves.some((m) => m.stack === name && m.from === address) ||
      [...keeps, ...destroys].some((d) => d.stack === name && d.address === address);
    if (taken) {
      fail(scope, {
        prop: "address",
        value: address,
        problem: "already has a declared move, keep or deletion",
        allowed: "one decision per resource",
        fix: "keep one of the declarations",
      });
    }
  }
}

const LEDGERS = new WeakMap<IConstruct, DataLedger>();

/** A top-level block the ledger adds to a stack: `moved` or `removed`. */
class LedgerBlock extends TerraformElement {
  public constructor(
    scope: Construct,
    id: string,
    private readonly fragment: Record<string, unknown>,
  ) {
    super(scope, id);
  }

  public toTerraform(): any {
    return this.fragment;
  }

  public toHclTerraform(): any {
    return this.fragment;
  }
}

function stacksOf(app: IConstruct): TerraformStack[] {
  return app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/**
 * The document app.synth() wrote for `stack` (the ledger runs after the stacks are written, so it reads their JSON
 * instead of rendering every stack a second time), or the stack rendered now when there is none (HCL output).
 */
function synthesizedDocument(app: App, stack: TerraformStack): any {
  const entry = app.manifest.stacks[stack.node.id];
  const file = entry ? path.join(app.outdir, entry.synthesizedStackPath) : undefined;
  if (file && file.endsWith(".json") && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
  return stack.toTerraform();
}

/**
 * Every resource of `stack` that the ledger protects: marked by a construct, or with prevent_destroy.
 *
 * @param doc the stack's synthesized document, when it exists already
 * @param resources the stack's resource constructs, when they are known already
 */
export function protectedResourcesOf(
  stack: TerraformStack,
  doc: any = stack.toTerraform(),
  resources: TerraformResource[] = resourcesOf(stack),
): ProtectedResource[] {
  const byPath = new Map(resources.map((r) => [r.node.path, r]));
  const found: ProtectedResource[] = [];
  for (const [type, byId] of Object.entries<Record<string, any>>(doc.resource ?? {})) {
    for (const [id, body] of Object.entries(byId)) {
      const constructPath: string = body?.["//"]?.metadata?.path ?? "";
      const resource = byPath.get(constructPath);
      const mark = resource ? protectionOf(resource) : undefined;
      if (!mark && body?.lifecycle?.prevent_destroy !== true) continue;
      const what = mark ?? UNMARKED;
      found.push({
        stack: stack.node.id,
        address: `${type}.${id}`,
        type,
        kind: what.kind,
        holds: what.holds,
        construct: constructPath || `${stack.node.id} (override)`,
        identity: identityOf(body, constructPath),
      });
    }
  }
  return found.sort((a, b) => a.address.localeCompare(b.address));
}

/** The resources that belong to `stack` itself. */
function resourcesOf(stack: TerraformStack): TerraformResource[] {
  return stack.node
    .findAll()
    .filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c) && TerraformStack.of(c) === stack);
}

/** The shapes recorded against the home volumes of `stack`. */
function hubShapesIn(stack: TerraformStack, resources: TerraformResource[]): HubShapeNow[] {
  return resources.flatMap((r) => {
    const record = hubShapeOf(r);
    return record
      ? [{ stack: stack.node.id, address: `${r.terraformResourceType}.${r.friendlyUniqueId}`, ...record }]
      : [];
  });
}

/** A value as it will stand in `stack`'s synthesized JSON: tokens resolved to Terraform expressions. */
function resolveIn(stack: TerraformStack, value: string): unknown {
  return Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });
}

/** The first-boot settings recorded for the VMs of `stack`. */
function firstBootSettingsIn(stack: TerraformStack, resources: TerraformResource[]): FirstBootSettings[] {
  return resources.flatMap((r) => {
    const recorded = firstBootSettingsOf(r);
    // Values may hold tokens (a subnet's CIDR): compare what Terraform will see, not cdktf's placeholders.
    const settings = recorded
      ? Object.fromEntries(Object.entries(recorded).map(([k, v]) => [k, String(resolveIn(stack, v))]))
      : undefined;
    return settings
      ? [
          {
            stack: stack.node.id,
            address: `${r.terraformResourceType}.${r.friendlyUniqueId}`,
            construct: r.node.path,
            settings,
          },
        ]
      : [];
  });
}

// What the cloud calls a resource: stable when a construct is renamed, so the ledger can match a move.
function identityOf(body: any, constructPath: string): string {
  const name = body?.name ?? body?.metadata?.name;
  if (typeof name === "string" && name.length > 0) return name;
  const description = body?.description;
  if (typeof description === "string" && description.length > 0) return description;
  return constructPath;
}

function checkAddress(scope: IConstruct, prop: string, address: string): void {
  if (typeof address !== "string" || !/^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*$/.test(address)) {
    fail(scope, {
      prop,
      value: address,
      problem: "is not a Terraform resource address",
      allowed:
        "<type>.<logical id>, e.g. openstack_blockstorage_volume_v3.Cluster_Group-hub_Node1_Volume-home_0A1B2C3D",
      fix: "copy the address from the DataLedger's message",
    });
  }
}

function checkReason(scope: IConstruct, reason: string): string {
  const words =
    typeof reason === "string"
      ? reason
          .trim()
          .split(/\s+/)
          .filter((w) => /[a-z]{2,}/i.test(w))
      : [];
  if (words.length < 4) {
    fail(scope, {
      prop: "reason",
      value: reason,
      problem: "does not say why",
      allowed: "a sentence of at least four words, recorded in the ledger for the next reviewer",
      fix: "say what happens to the data, e.g. 'homes were copied to the new NFS volume on 2026-12-01'",
    });
  }
  return reason.trim();
}

function blockId(kind: string, address: string): string {
  return `DataLedger-${kind}-${address.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

function isCi(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "false" && value !== "0";
}
