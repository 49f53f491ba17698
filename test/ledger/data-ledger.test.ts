import * as fs from "fs";
import { TerraformStack, Testing } from "cdktf";
import { DataLedger, JetstreamErrors, openstack } from "../../lib";
import { LedgerDocument, ProtectedResource, emptyLedger, reconcile } from "../../lib/ledger/model";
import { tempLedger } from "../support/ledger";

const VOL = "openstack_blockstorage_volume_v3";
const resource = (address: string, identity = address, stack = "hub"): ProtectedResource => ({
  stack,
  address,
  type: address.split(".")[0],
  kind: "home volume",
  holds: "homes",
  construct: `${stack}/${address}`,
  identity,
});
const none = { moves: [], keeps: [], destroys: [], retired: [] };
const ledgerOf = (...rs: ProtectedResource[]): LedgerDocument =>
  reconcile(undefined, rs, [...new Set(rs.map((r) => r.stack))], none).next;

describe("reconcile", () => {
  test("records new protected resources and reports each", () => {
    const r = reconcile(undefined, [resource(`${VOL}.A`)], ["hub"], none);
    expect(r.problems).toEqual([]);
    expect(Object.keys(r.next.stacks.hub.protected)).toEqual([`${VOL}.A`]);
    expect(r.changes).toEqual([`hub: new home volume ${VOL}.A`]);
  });

  test("an unchanged app changes nothing", () => {
    const prior = ledgerOf(resource(`${VOL}.A`));
    const r = reconcile(prior, [resource(`${VOL}.A`)], ["hub"], none);
    expect(r).toMatchObject({ problems: [], changes: [], next: prior });
  });

  test("fails when a recorded resource is missing, and offers its successor by OpenStack name", () => {
    const prior = ledgerOf(resource(`${VOL}.A`, "gwhub-home"));
    const r = reconcile(prior, [resource(`${VOL}.Z`, "other"), resource(`${VOL}.B`, "gwhub-home")], ["hub"], none);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toContain(`What probably happened: ${VOL}.B looks like its successor`);
    expect(r.problems[0].message).toContain(`DataLedger.of(app).move("hub", "${VOL}.A", "${VOL}.B");`);
  });

  test("a chain of moves keeps every step's declaration required", () => {
    let ledger = ledgerOf(resource(`${VOL}.A`));
    const ab = { stack: "hub", from: `${VOL}.A`, to: `${VOL}.B` };
    const bc = { stack: "hub", from: `${VOL}.B`, to: `${VOL}.C` };
    ledger = reconcile(ledger, [resource(`${VOL}.B`)], ["hub"], { ...none, moves: [ab] }).next;
    const r = reconcile(ledger, [resource(`${VOL}.C`)], ["hub"], { ...none, moves: [ab, bc] });
    expect(r.problems).toEqual([]);
    expect(r.next.stacks.hub.protected[`${VOL}.C`].movedFrom).toEqual([`${VOL}.A`, `${VOL}.B`]);
    // Dropping the first declaration is refused: a state that has not applied it would lose the volume.
    const dropped = reconcile(r.next, [resource(`${VOL}.C`)], ["hub"], { ...none, moves: [bc] });
    expect(dropped.problems.map((p) => p.message)).toEqual([
      expect.stringContaining(`moved here from ${VOL}.A, and the move declaration is gone from the code`),
    ]);
  });

  test("fails when a move points at a resource the ledger already protects", () => {
    const prior = ledgerOf(resource(`${VOL}.A`), resource(`${VOL}.B`));
    const r = reconcile(prior, [resource(`${VOL}.B`)], ["hub"], {
      ...none,
      moves: [{ stack: "hub", from: `${VOL}.A`, to: `${VOL}.B` }],
    });
    expect(r.problems[0].message).toContain("points at a resource the ledger already protects");
  });

  test("fails when a move's target is in another stack: Terraform cannot move between states", () => {
    const prior = ledgerOf(resource(`${VOL}.A`));
    const r = reconcile(prior, [resource(`${VOL}.B`, "x", "other")], ["hub", "other"], {
      ...none,
      moves: [{ stack: "hub", from: `${VOL}.A`, to: `${VOL}.B` }],
    });
    expect(r.problems[0].message).toContain("It is in stack other: Terraform cannot move a resource between stacks");
  });

  test("a resource that went to another stack: keep it in the old one, adopt it in the new one", () => {
    const prior = ledgerOf(resource(`${VOL}.A`, "gwhub-home"));
    const r = reconcile(prior, [resource(`${VOL}.A`, "gwhub-home", "storage")], ["hub", "storage"], none);
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringContaining(`it went to another stack (storage: ${VOL}.A)`),
    ]);
    expect(r.problems[0].message).toContain('importFrom("<its id, from terraform state show>")');
  });

  test("fails when a keep names a resource that is still configured", () => {
    const prior = ledgerOf(resource(`${VOL}.A`));
    const r = reconcile(prior, [resource(`${VOL}.A`)], ["hub"], {
      ...none,
      keeps: [{ stack: "hub", address: `${VOL}.A`, reason: "r" }],
    });
    expect(r.problems[0].message).toContain("is declared kept (r) but is still in stack hub's configuration");
  });

  test("a retired stack that comes back is refused", () => {
    const prior = ledgerOf(resource(`${VOL}.A`, "a", "old"));
    const retire = { ...none, retired: [{ stack: "old", reason: "moved by hand to the new stack" }] };
    const retired = reconcile(prior, [], [], retire).next;
    expect(retired.retiredStacks?.old.reason).toBe("moved by hand to the new stack");
    const back = reconcile(retired, [resource(`${VOL}.A`, "a", "old")], ["old"], retire);
    expect(back.problems[0].message).toContain("stack old is back in the app");
  });

  test("an empty app against an empty ledger is quiet", () => {
    expect(reconcile(emptyLedger(), [], [], none)).toMatchObject({ problems: [], changes: [] });
  });
});

describe("DataLedger's API", () => {
  const app = () => {
    const a = Testing.app();
    const stack = new TerraformStack(a, "hub");
    new openstack.provider.OpenstackProvider(stack, "openstack", {});
    return { a, stack };
  };

  test.each<[string, (l: DataLedger) => void, RegExp]>([
    [
      "an unknown stack",
      (l) => l.move("nope", `${VOL}.A`, `${VOL}.B`),
      /stack: is not a stack of this app; got "nope". Allowed: "hub"/,
    ],
    [
      "a malformed address",
      (l) => l.keep("hub", "volume A", "a reason with enough words"),
      /address: is not a Terraform resource address/,
    ],
    [
      "a move across types",
      (l) => l.move("hub", `${VOL}.A`, "openstack_compute_instance_v2.B"),
      /Terraform moves only between addresses of one type/,
    ],
    ["a filler reason", (l) => l.allowDestroy("hub", `${VOL}.A`, "ok ok"), /reason: does not say why/],
    [
      "two decisions for one resource",
      (l) => {
        l.keep("hub", `${VOL}.A`, "kept for the audit trail of the course");
        l.allowDestroy("hub", `${VOL}.A`, "deleted after the course was graded");
      },
      /already has a declared move, keep or deletion/,
    ],
  ])("fails clearly on %s", (_, call, message) => {
    const { a } = app();
    const ledger = DataLedger.applyTo(a, { path: tempLedger(), frozen: false });
    let thrown: unknown;
    try {
      call(ledger);
    } catch (e) {
      thrown = e;
    }
    expect(JetstreamErrors.isValidationError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(message);
  });

  test("fails when applied twice, or looked up on an app without one", () => {
    const { a, stack } = app();
    expect(() => DataLedger.of(stack)).toThrow(/has no DataLedger/);
    DataLedger.applyTo(a, { path: tempLedger() });
    expect(() => DataLedger.applyTo(a)).toThrow(/already has a DataLedger/);
    expect(DataLedger.of(stack)).toBe(DataLedger.of(a));
  });

  test("frozen defaults to the CI variable", () => {
    const saved = process.env.CI;
    try {
      process.env.CI = "true";
      expect(DataLedger.applyTo(app().a).frozen).toBe(true);
      process.env.CI = "false";
      expect(DataLedger.applyTo(app().a).frozen).toBe(false);
      delete process.env.CI;
      expect(DataLedger.applyTo(app().a).frozen).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });

  test("a resource with prevent_destroy that no construct marked is protected too", () => {
    const { a, stack } = app();
    new openstack.blockstorageVolumeV3.BlockstorageVolumeV3(stack, "Raw", {
      name: "team-data",
      size: 10,
      lifecycle: { preventDestroy: true },
    });
    const ledgerPath = tempLedger();
    DataLedger.applyTo(a, { path: ledgerPath, frozen: false });
    a.synth();
    const entry = Object.values<any>(JSON.parse(fs.readFileSync(ledgerPath, "utf8")).stacks.hub.protected)[0];
    expect(entry).toMatchObject({ kind: "protected resource", identity: "team-data", construct: "hub/Raw" });
  });

  test("a broken ledger file fails the synth with a plain message", () => {
    const { a } = app();
    const ledgerPath = tempLedger();
    fs.writeFileSync(ledgerPath, "{ not json");
    DataLedger.applyTo(a, { path: ledgerPath });
    expect(() => a.synth()).toThrow(/DataLedger: .* is not JSON .*restore it from version control/);
  });
});
