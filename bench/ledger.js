#!/usr/bin/env node
// What the DataLedger costs a synth: builds every example into a fresh app and synthesizes it, ROUNDS times
// without a ledger and as many times with DataLedger.applyTo(app) (reading and writing a ledger file in a temporary
// folder), alternating the two in one process so machine noise hits both alike. Prints min/median/max of the
// app.synth() wall time of each and the ratio of the medians.
//
//   npm run bench:ledger             (compiles first; ROUNDS=7 by default)
//   ROUNDS=15 node bench/ledger.js   (after npm run compile)
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { fmt, stats } = require("./timing");

const ROOT = path.resolve(__dirname, "..");
const BUILT = path.join(ROOT, "build", "examples", "examples.js");
const ROUNDS = Number(process.env.ROUNDS ?? 7);
process.env.CHECKPOINT_DISABLE = "1";

if (!fs.existsSync(BUILT)) {
  console.error(`missing ${path.relative(ROOT, BUILT)}: run npm run compile first`);
  process.exit(2);
}
const { App } = require("cdktf");
const { buildExamples } = require(BUILT);
const { DataLedger } = require(path.join(ROOT, "build", "lib"));

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ledger-"));
const ledgerPath = path.join(scratch, "jetstream-ledger.json");

function run(withLedger) {
  const outdir = fs.mkdtempSync(path.join(scratch, "out-"));
  const app = new App({ outdir });
  buildExamples(app);
  if (withLedger) DataLedger.applyTo(app, { path: ledgerPath, frozen: false });
  const started = process.hrtime.bigint();
  app.synth();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(outdir, { recursive: true, force: true });
  return seconds;
}

run(true); // writes the ledger once, and warms the module cache; unmeasured
const plain = [];
const ledger = [];
for (let i = 0; i < ROUNDS; i++) {
  plain.push(run(false));
  ledger.push(run(true));
}
fs.rmSync(scratch, { recursive: true, force: true });
const p = stats(plain);
const l = stats(ledger);
console.log(
  `app.synth() of every example, ${ROUNDS} runs each, alternating (node ${process.version}, ${os.cpus().length} CPUs)`,
);
console.log(`  without a ledger:          median ${fmt(p.median)}  min ${fmt(p.min)}  max ${fmt(p.max)}`);
console.log(`  with DataLedger.applyTo:   median ${fmt(l.median)}  min ${fmt(l.min)}  max ${fmt(l.max)}`);
console.log(`  ratio (with / without):    ${(l.median / p.median).toFixed(2)}`);
