#!/usr/bin/env node
// Synthesis speed: runs the main job (all examples synthesized in one process, from compiled JavaScript)
// ROUNDS times with the library's deep provider imports, and as many times with the provider packages'
// root barrels preloaded, alternating the two so machine noise hits both alike. Prints min/median/max wall
// time of each and the ratio of the medians.
//
//   npm run bench:synth              (compiles first; ROUNDS=5 by default)
//   ROUNDS=9 node bench/synth.js     (after npm run compile)
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { fmt, stats, timeSynth } = require("./timing");

const ROOT = path.resolve(__dirname, "..");
const APP = path.join(ROOT, "build", "examples", "app.js");
const ROUNDS = Number(process.env.ROUNDS ?? 5);

if (!fs.existsSync(APP)) {
  console.error(`missing ${path.relative(ROOT, APP)}: run npm run compile first`);
  process.exit(2);
}

function run(preload) {
  const args = preload ? ["-r", path.join(__dirname, "barrels.js"), APP] : [APP];
  return timeSynth(args, ROOT, preload ? "barrels" : "deep");
}

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
