#!/usr/bin/env node
// The compile step of `npm run synth` (`tsc -b tsconfig.examples.json`): a first, full compile into an empty folder,
// then, in the same invocation, ROUNDS compiles with nothing changed, and one after a one-line change to a library
// file. tsc's build mode compares the sources' timestamps with its build info, so an unchanged tree costs only
// tsc's start-up. Prints each time and the ratio of the first to the median of the unchanged ones.
//
//   npm run bench:compile            (ROUNDS=5 by default)
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
const ROUNDS = Number(process.env.ROUNDS ?? 5);

// The same project, built into a scratch folder so the real build/ output is left alone (under build/, so that
// tsc finds node_modules/@types from there).
fs.mkdirSync(path.join(ROOT, "build"), { recursive: true });
const scratch = fs.mkdtempSync(path.join(ROOT, "build", "bench-compile-"));
const config = path.join(scratch, "tsconfig.json");
fs.writeFileSync(
  config,
  JSON.stringify({
    extends: path.join(ROOT, "tsconfig.examples.json"),
    compilerOptions: {
      rootDir: ROOT,
      outDir: path.join(scratch, "build"),
      tsBuildInfoFile: path.join(scratch, "build", ".tsbuildinfo"),
    },
  }),
);

function compile() {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [TSC, "-b", config], { cwd: ROOT, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error("tsc failed");
  }
  return seconds;
}

// A library file the examples import, edited and restored with its original content and timestamp.
const touched = path.join(ROOT, "lib", "core", "units.ts");
try {
  const first = compile();
  const unchanged = Array.from({ length: ROUNDS }, compile).sort((a, b) => a - b);
  const original = fs.readFileSync(touched, "utf8");
  const stat = fs.statSync(touched);
  let oneFile;
  try {
    fs.writeFileSync(touched, `${original}// bench\n`);
    oneFile = compile();
  } finally {
    fs.writeFileSync(touched, original);
    fs.utimesSync(touched, stat.atime, stat.mtime);
  }
  const median = unchanged[Math.floor(unchanged.length / 2)];
  const f = (s) => `${s.toFixed(2)} s`;
  console.log(`first compile (empty build folder)   ${f(first)}`);
  console.log(
    `unchanged, ${ROUNDS} rounds                ` +
      `min ${f(unchanged[0])}  median ${f(median)}  max ${f(unchanged[unchanged.length - 1])}`,
  );
  console.log(`after a one-line change in lib/      ${f(oneFile)}`);
  console.log(`first / unchanged median             ${(first / median).toFixed(1)}x`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
