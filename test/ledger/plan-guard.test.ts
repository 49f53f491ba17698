import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DATA_RESOURCE_TYPES, PlanGuardIo, guardPlan, planGuardMain } from "../../lib/ledger/plan-guard";

// The plan guard reads `terraform show -json <planfile>` (Terraform's "JSON Output Format", format_version 1.2 as
// written by Terraform 1.11.4). The fixtures in test/fixtures/plans/ are real plans, made by
// scripts/plan-fixtures.sh with Terraform's built-in terraform_data resource (no provider download); the tests read
// them and never run Terraform.

const FIXTURES = path.join(__dirname, "..", "fixtures", "plans");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8"));

/** Runs the command in-process with files from `files` and returns its exit code and output. */
function run(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: PlanGuardIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readFile: (f) => {
      if (f in files) return files[f];
      return fs.readFileSync(f, "utf8");
    },
    exists: (f) => f in files || fs.existsSync(f),
  };
  const code = planGuardMain(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

// A real plan whose one changing resource is given another type and address: what the same change looks like for
// each protected kind.
function retyped(name: string, type: string, logicalId = "Home"): any {
  const plan = fixture(name);
  const home = plan.resource_changes.find((rc: any) => rc.address.startsWith("terraform_data.home"));
  home.type = type;
  home.name = logicalId;
  home.address = `${type}.${logicalId}`;
  return plan;
}

describe("jetstream-plan-guard on real plans (terraform_data, Terraform 1.11.4)", () => {
  const guard = ["--protect-type", "terraform_data"];

  test.each([
    ["block-removed", "the plan deletes it: its block is gone from the configuration"],
    [
      "replaced",
      "the plan replaces it (delete then create) because triggers_replace changed [replace_because_cannot_update]",
    ],
    [
      "replaced-create-first",
      "the plan replaces it (create then delete) because triggers_replace changed [replace_because_cannot_update]",
    ],
    ["count-down", "the plan deletes it: its count or for_each no longer includes it"],
  ])("fails when the plan destroys a protected resource: %s", (name, why) => {
    const { code, err } = run([path.join(FIXTURES, `${name}.json`), ...guard]);
    expect(code).toBe(1);
    expect(err).toContain("REFUSED  terraform_data.");
    expect(err).toContain(why);
  });

  test.each(["updated-in-place", "kept-by-removed-block", "moved-block"])("passes %s", (name) => {
    const { code, out, err } = run([path.join(FIXTURES, `${name}.json`), ...guard]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain("no protected resource is deleted or replaced");
  });

  test("a removed block with destroy = false is reported as kept", () => {
    expect(run([path.join(FIXTURES, "kept-by-removed-block.json"), ...guard]).out).toContain(
      "kept     terraform_data.home",
    );
  });

  test("an unprotected resource type may be deleted", () => {
    expect(run([path.join(FIXTURES, "block-removed.json")]).code).toBe(0);
  });
});

describe("every protected kind", () => {
  const ledgerPath = "/ledger.json";
  const ledger = (addresses: Record<string, object>) =>
    JSON.stringify({ version: 1, stacks: { hub: { protected: addresses } } });

  test.each(DATA_RESOURCE_TYPES)("%s: refused on delete and replace, passed on an in-place update", (type) => {
    for (const name of ["block-removed", "replaced", "replaced-create-first"]) {
      expect(guardPlan(retyped(name, type)).refused.map((r) => r.address)).toEqual([`${type}.Home`]);
    }
    expect(guardPlan(retyped("updated-in-place", type)).refused).toEqual([]);
  });

  test.each([
    ["openstack_networking_floatingip_v2", "reserved hub address"],
    ["openstack_dns_recordset_v2", "hub DNS name"],
  ])("%s is protected through the ledger", (type, kind) => {
    const entry = { kind, holds: "the hub's name", construct: "hub/Cluster/HubEndpoint", identity: "hub" };
    const files = { [ledgerPath]: ledger({ [`${type}.Home`]: entry }) };
    const planPath = "/plan.json";
    for (const name of ["block-removed", "replaced"]) {
      const { code, err } = run([planPath, "--ledger", ledgerPath], {
        ...files,
        [planPath]: JSON.stringify(retyped(name, type)),
      });
      expect(code).toBe(1);
      expect(err).toContain(`REFUSED  ${type}.Home: ${kind}: the hub's name`);
    }
    const update = run([planPath, "--ledger", ledgerPath], {
      ...files,
      [planPath]: JSON.stringify(retyped("updated-in-place", type)),
    });
    expect(update.code).toBe(0);
    // Without the ledger, a floating IP or DNS record is not a data type: the guard lets it go.
    expect(guardPlan(retyped("block-removed", type)).refused).toEqual([]);
  });

  test("a deletion the code declared (DataLedger.allowDestroy, recorded as destroyed) passes", () => {
    const plan = retyped("block-removed", "openstack_blockstorage_volume_v3");
    const released = {
      [`openstack_blockstorage_volume_v3.Home`]: {
        kind: "data volume",
        holds: "scratch",
        construct: "x",
        identity: "x",
        decision: "destroyed",
        reason: "scratch space no longer needed by anyone",
      },
    };
    const files = {
      "/plan.json": JSON.stringify(plan),
      [ledgerPath]: JSON.stringify({ version: 1, stacks: { hub: { protected: {}, released } } }),
    };
    const { code, out } = run(["/plan.json", "--ledger", ledgerPath], files);
    expect(code).toBe(0);
    expect(out).toContain("allowed  openstack_blockstorage_volume_v3.Home");
  });

  test("--allow lets one plan delete one address", () => {
    const files = { "/plan.json": JSON.stringify(retyped("replaced", "openstack_containerinfra_cluster_v1")) };
    expect(run(["/plan.json"], files).code).toBe(1);
    expect(run(["/plan.json", "--allow", "openstack_containerinfra_cluster_v1.Home"], files).code).toBe(0);
  });

  test("the stack comes from a cdktf.out/stacks/<name>/ path, and only that stack's ledger entries count", () => {
    const entry = { kind: "hub DNS name", holds: "the name", construct: "c", identity: "i" };
    const planPath = "/app/cdktf.out/stacks/other/plan.json";
    const files = {
      [ledgerPath]: ledger({ "openstack_dns_recordset_v2.Home": entry }),
      [planPath]: JSON.stringify(retyped("block-removed", "openstack_dns_recordset_v2")),
    };
    const { code, err } = run([planPath, "--ledger", ledgerPath], files);
    expect(code).toBe(0);
    expect(err).toContain("records no stack other");
    expect(run([planPath, "--ledger", ledgerPath, "--stack", "hub"], files).code).toBe(1);
  });
});

describe("bad input", () => {
  test.each([
    [[], "no plan given"],
    [["a.json", "b.json"], "one plan at a time"],
    [["--ledger"], "--ledger needs a value"],
    [["--frobnicate", "x"], "unknown option --frobnicate"],
  ])("fails with usage for %j", (argv, message) => {
    const { code, err } = run(argv as string[]);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain("usage: jetstream-plan-guard");
  });

  test.each([
    ["not JSON", "{"],
    ["a configuration, not a plan", JSON.stringify({ resource: {} })],
    ["an unknown format", JSON.stringify({ format_version: "2.0", resource_changes: [] })],
  ])("fails clearly on %s", (_, text) => {
    const { code, err } = run(["/p.json"], { "/p.json": text });
    expect(code).toBe(2);
    expect(err).toMatch(/^jetstream-plan-guard: \/p\.json: /);
  });

  test("--help prints the usage and succeeds", () => {
    expect(run(["--help"])).toMatchObject({ code: 0, out: expect.stringContaining("exits 1 when the plan would") });
  });
});

// The command as a user runs it: the package's bin script on the compiled library. `npm test` on a fresh clone has
// no dist/ yet; CI builds first, so there a missing build fails instead of skipping.
const BIN = path.join(__dirname, "..", "..", "bin", "jetstream-plan-guard.js");
const BUILT = fs.existsSync(path.join(__dirname, "..", "..", "dist", "ledger", "plan-guard.js"));
(BUILT || process.env.CI ? describe : describe.skip)("the jetstream-plan-guard bin script", () => {
  const exec = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

  test("exits 1 on a replaced protected resource and 0 on an in-place update", () => {
    const refused = exec([path.join(FIXTURES, "replaced.json"), "--protect-type", "terraform_data"]);
    expect(refused.stderr).toContain("REFUSED  terraform_data.home");
    expect(refused.status).toBe(1);
    expect(exec([path.join(FIXTURES, "updated-in-place.json"), "--protect-type", "terraform_data"]).status).toBe(0);
  });
});
