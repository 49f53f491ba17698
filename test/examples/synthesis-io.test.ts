import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack, Testing } from "cdktf";
import { installIoWatch, IoCall } from "../support/io-watch";

// Synthesis does no I/O beyond writing its output. The watch goes in before the examples and the library load
// (see installIoWatch); building the example stacks reads our own modules, so only app.synth() is watched.
const io = installIoWatch();
afterAll(() => io.uninstall());

describe("synthesizing every example", () => {
  let app: App;
  let stacks: TerraformStack[];
  let calls: IoCall[];
  beforeAll(async () => {
    const { buildExamples } = await import("../../examples/examples");
    app = Testing.app();
    stacks = buildExamples(app);
    calls = io.during(() => app.synth());
  });
  const outside = (p: string) => path.relative(app.outdir, p).startsWith("..");

  test("writes each stack's document and the manifest into the output folder", () => {
    const written = calls.filter((c) => c.api === "fs.writeFileSync").map((c) => path.relative(app.outdir, c.target));
    expect(written.sort()).toEqual(
      ["manifest.json", ...stacks.map((s) => path.join("stacks", s.node.id, "cdk.tf.json"))].sort(),
    );
  });

  test("reads no file, and touches none outside the output folder", () => {
    expect(calls.filter((c) => c.api.startsWith("fs") && outside(c.target))).toEqual([]);
    expect(calls.filter((c) => /read|open|stat|access|watch/i.test(c.api))).toEqual([]);
  });

  test("starts no process and opens no connection", () => {
    expect(calls.filter((c) => !c.api.startsWith("fs"))).toEqual([]);
  });
});

describe("synthesizing every example with the DataLedger", () => {
  let app: App;
  let ledgerPath: string;
  let calls: IoCall[];
  beforeAll(async () => {
    const { buildExamples } = await import("../../examples/examples");
    const { DataLedger } = await import("../../lib");
    ledgerPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ledger-io-")), "jetstream-ledger.json");
    app = Testing.app();
    buildExamples(app);
    DataLedger.applyTo(app, { path: ledgerPath, frozen: false });
    calls = io.during(() => app.synth());
  });

  test("reads and writes the ledger file, and outside the output folder nothing else", () => {
    const outside = calls.filter((c) => c.api.startsWith("fs") && path.relative(app.outdir, c.target).startsWith(".."));
    expect([...new Set(outside.map((c) => c.target))]).toEqual(expect.arrayContaining([ledgerPath]));
    expect(outside.filter((c) => c.target !== ledgerPath && c.target !== path.dirname(ledgerPath))).toEqual([]);
    expect(fs.existsSync(ledgerPath)).toBe(true);
  });
});

test("the watch sees a file read, a process and a name lookup from a module compiled like the library", async () => {
  const { reachOutside } = await import("../support/io-fixture");
  const apis = io.during(reachOutside).map((c) => c.api);
  expect(apis).toEqual(expect.arrayContaining(["fs.readFileSync", "child_process.spawnSync", "dns.lookup"]));
});
