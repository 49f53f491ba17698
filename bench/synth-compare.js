#!/usr/bin/env node
// The main job (`npm run synth`: every example synthesized in one process, with the policy pack) before and after
// a change: runs this tree's compiled app and another tree's, alternating so machine noise hits both alike, and
// prints min/median/max wall time of each and the ratio of the medians.
//
//   git archive <base> | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/node_modules \
//     && (cd /tmp/base && npx tsc -b tsconfig.examples.json)
//   npm run compile && BASE=/tmp/base ROUNDS=7 node bench/synth-compare.js
"use strict";
const { fmt, stats, timeSynth } = require("./timing");
const fs = require("fs");
const os = require("os");
const path = require("path");

const HERE = path.resolve(__dirname, "..");
const BASE = process.env.BASE ? path.resolve(process.env.BASE) : undefined;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const app = (root) => path.join(root, "build", "examples", "app.js");

if (!BASE) {
  console.error("set BASE to the root of a compiled tree to compare with (see the header of this file)");
  process.exit(2);
}
for (const root of [HERE, BASE]) {
  if (!fs.existsSync(app(root))) {
    console.error(`missing ${app(root)}: run npx tsc -b tsconfig.examples.json in ${root} first`);
    process.exit(2);
  }
}

function run(root) {
  return timeSynth([app(root)], root, root);
}

run(HERE); // warm the file system cache once, unmeasured
run(BASE);
const after = [];
const before = [];
for (let i = 0; i < ROUNDS; i++) {
  before.push(run(BASE));
  after.push(run(HERE));
}
const a = stats(after);
const b = stats(before);
console.log(
  `npm run synth's job, one process per run, ${ROUNDS} runs each (node ${process.version}, ${os.cpus().length} CPUs)`,
);
console.log(`  before (${BASE}): median ${fmt(b.median)}  min ${fmt(b.min)}  max ${fmt(b.max)}`);
console.log(`  after  (${HERE}): median ${fmt(a.median)}  min ${fmt(a.min)}  max ${fmt(a.max)}`);
console.log(`  after / before (medians): ${(a.median / b.median).toFixed(3)}`);
