#!/usr/bin/env node
// Synthesis speed: runs the main job (all examples synthesized in one process, from compiled JavaScript)
// ROUNDS times with the library's deep provider imports, and as many times with the provider packages'
// root barrels preloaded, alternating the two so machine noise hits both alike. Prints min/median/max wall
// time of each and the ratio of the medians.
//
//   npm run bench:synth              (compiles first; ROUNDS=5 by default)
//   ROUNDS=9 node bench/synth.js     (after npm run compile)
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const APP = path.join(ROOT, "build", "examples", "app.js");
const ROUNDS = Number(process.env.ROUNDS ?? 5);

if (!fs.existsSync(APP)) {
  console.error(`missing ${path.relative(ROOT, APP)}: run npm run compile first`);
  process.exit(2);
}

function run(preload) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-synth-"));
  const args = preload ? ["-r", path.join(__dirname, "barrels.js"), APP] : [APP];
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(outdir, { recursive: true, force: true });
  if (result.status !== 0) {
    console.error(result.stderr);
    throw new Error(`synth failed (${preload ? "barrels" : "deep"})`);
  }
  return seconds;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const fmt = (x) => `${x.toFixed(3)} s`;

run(false); // warm the file system cache once, unmeasured
const deep = [];
const barrels = [];
for (let i = 0; i < ROUNDS; i++) {
  deep.push(run(false));
  barrels.push(run(true));
}
const d = stats(deep);
const b = stats(barrels);
console.log(
  `synthesize all examples, one process each run, ${ROUNDS} runs each (node ${process.version}, ${os.cpus().length} CPUs)`,
);
console.log(`  deep imports (the library):       median ${fmt(d.median)}  min ${fmt(d.min)}  max ${fmt(d.max)}`);
console.log(`  root barrels preloaded (baseline): median ${fmt(b.median)}  min ${fmt(b.min)}  max ${fmt(b.max)}`);
console.log(`  ratio baseline/deep (medians): ${(b.median / d.median).toFixed(2)}x`);
