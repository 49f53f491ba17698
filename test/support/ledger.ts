import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack, Testing } from "cdktf";
import {
  Authenticator,
  ClusterKeyPair,
  DataLedger,
  JetstreamCluster,
  OpenstackProvider,
  Secret,
  SingleServerHub,
  SingleServerHubProps,
  Size,
} from "../../lib";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_ALLOCATION, EXAMPLE_PUBLIC_KEY } from "../../examples/settings";
import { plannedChanges } from "./replacement";
import { StackJson, synthApp } from "./synth";

/** Builds an app's stacks from settings. */
export type AppBuild<S> = (app: App, settings: S) => void;

/** A fresh ledger file path in its own temporary directory. */
export function tempLedger(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ledger-")), "jetstream-ledger.json");
}

/** What one synth with the DataLedger gave: the stacks' documents, or the error that stopped it. */
export interface LedgerSynth {
  readonly app: App;
  readonly ledger: DataLedger;
  readonly docs?: Record<string, StackJson>;
  readonly error?: string;
}

/**
 * Builds the app with `settings`, applies the ledger at `ledgerPath`, lets `declare` add decisions, and synthesizes
 * the whole app (validations included).
 */
export function synthWithLedger<S>(
  build: AppBuild<S>,
  settings: S,
  ledgerPath: string,
  declare: (app: App, ledger: DataLedger) => void = () => undefined,
  frozen = false,
): LedgerSynth {
  const app = Testing.app();
  build(app, settings);
  const ledger = DataLedger.applyTo(app, { path: ledgerPath, frozen });
  declare(app, ledger);
  try {
    return { app, ledger, docs: synthApp(app) };
  } catch (e) {
    return { app, ledger, error: (e as Error).message };
  }
}

/** The calls a ledger message offers, parsed: `DataLedger.of(app).<method>(<args>);`. */
export interface OfferedCall {
  readonly method: "move" | "keep" | "allowDestroy";
  readonly args: string[];
}

/** Every call the ledger's messages offer, in order. */
export function offeredCalls(message: string): OfferedCall[] {
  const calls: OfferedCall[] = [];
  for (const m of message.matchAll(/DataLedger\.of\(app\)\.(move|keep|allowDestroy)\((.*)\);/g)) {
    calls.push({ method: m[1] as OfferedCall["method"], args: JSON.parse(`[${m[2]}]`) });
  }
  return calls;
}

/**
 * Makes the decisions a message offers, as a user would paste them: `choose` picks, for each protected address,
 * `move` (when offered with a real target) or another method; placeholder reasons get a real one.
 */
export function pasteDecisions(
  message: string,
  ledger: DataLedger,
  choose: (address: string, offered: OfferedCall[]) => OfferedCall["method"],
): string[] {
  const byAddress = new Map<string, OfferedCall[]>();
  for (const call of offeredCalls(message)) {
    const key = `${call.args[0]} ${call.args[1]}`;
    byAddress.set(key, [...(byAddress.get(key) ?? []), call]);
  }
  const made: string[] = [];
  for (const [key, offered] of byAddress) {
    const method = choose(key.split(" ")[1], offered);
    const call = offered.find((c) => c.method === method)!;
    const args = call.args.map((a) =>
      a.startsWith("<why") ? "the team decided this in the change review, see the changelog" : a,
    );
    if (method === "move") ledger.move(args[0], args[1], args[2]);
    else if (method === "keep") ledger.keep(args[0], args[1], args[2]);
    else ledger.allowDestroy(args[0], args[1], args[2]);
    made.push(`${method} ${args[1]}${method === "move" ? ` -> ${args[2]}` : ""}`);
  }
  return made;
}

/** The ledger file's protected addresses, by stack. */
export function ledgerAddresses(ledgerPath: string): Record<string, string[]> {
  const ledger = JSON.parse(fs.readFileSync(ledgerPath, "utf8"));
  return Object.fromEntries(
    Object.entries<any>(ledger.stacks).map(([stack, s]) => [stack, Object.keys(s.protected).sort()]),
  );
}

/**
 * The protected resources (by the ledger before the change) that moving each stack from `before` to `after` would
 * destroy: deleted (absent after, and not forgotten by a removed block) or replaced. A removed stack counts as
 * deleting everything in it.
 */
export function protectedDestroyed(
  before: Record<string, StackJson>,
  after: Record<string, StackJson>,
  protectedByStack: Record<string, string[]>,
  forceNew: { resources: Record<string, string[]> },
): string[] {
  return Object.entries(protectedByStack).flatMap(([stack, addresses]) => {
    const moved = new Map<string, string>(
      (after[stack]?.moved ?? []).map((m: { from: string; to: string }) => [m.from, m.to]),
    );
    const follow = (a: string): string => (moved.has(a) ? follow(moved.get(a)!) : a);
    const changes = plannedChanges(before[stack] ?? {}, after[stack] ?? {}, forceNew);
    return addresses
      .map((a) => changes.find((c) => c.address === follow(a)))
      .filter((c) => c !== undefined && (c.action === "delete" || c.action === "replace"))
      .map((c) => `${stack}: ${c!.action} ${c!.address}`);
  });
}

/** The README's quick start as settings: the cluster's construct id, the hub's name and other hub props. */
export interface QuickStartSettings {
  readonly clusterId: string;
  readonly hubName?: string;
  readonly adminUsers?: string[];
  readonly hub?: Partial<SingleServerHubProps>;
}

/** The README's quick start (stack "hub"), built from `QuickStartSettings`. */
export const quickStart: AppBuild<QuickStartSettings> = (app, s) => {
  const stack = new TerraformStack(app, "hub");
  new OpenstackProvider(stack, "openstack", {});
  const c = new JetstreamCluster(stack, s.clusterId, {
    name: "gwhub",
    allocation: EXAMPLE_ALLOCATION,
    adminCidrs: [EXAMPLE_ADMIN_CIDR],
    keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
  });
  new SingleServerHub(stack, "Hub", {
    cluster: c,
    name: s.hubName,
    authenticator: Authenticator.gitHub({
      clientId: "Iv1.0123456789abcdef",
      clientSecret: Secret.fromEnvironment(stack, "github_client_secret"),
      adminUsers: s.adminUsers ?? ["alice"],
      allowedOrganizations: ["my-gateway"],
    }),
    letsEncryptEmail: "hub-admins@example.org",
    expectedUsers: 10,
    memoryPerUser: Size.gibibytes(8),
    ...s.hub,
  });
};
