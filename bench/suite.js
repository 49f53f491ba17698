#!/usr/bin/env node
// The test suite's wall time, as `npm test` runs it (same jest config, the unit tier), ROUNDS times: min/median/max,
// the sum of the test files' own times (what one worker does in sequence), and the slowest files of the last run.
//
//   npm run bench:suite              (ROUNDS=3 by default)
//   TIER=integration node bench/suite.js    (TIER=integration or TIER=all; unit by default)
//   ROUNDS=1 COLD=1 node bench/suite.js     (COLD=1: --no-cache, as on a fresh CI machine)
//   WORKERS=2 node bench/suite.js           (override jest's maxWorkers)
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const JEST = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const TIER = process.env.TIER ?? "unit";

// CPU seconds of this process's waited-for children and theirs (Linux: /proc/self/stat, cutime + cstime), which
// includes jest's workers: steadier than wall time on a shared machine.
function childCpuSeconds() {
  if (!fs.existsSync("/proc/self/stat")) return NaN;
  const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100; // fields 16 and 17 of proc(5); USER_HZ is 100 on Linux
}

function run() {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-suite-")), "report.json");
  const args = [JEST, "--silent", "--json", `--outputFile=${report}`];

  if (process.env.COLD) args.push("--no-cache");
  if (process.env.WORKERS) args.push(`--maxWorkers=${process.env.WORKERS}`);
  const started = process.hrtime.bigint();
  const cpuBefore = childCpuSeconds();
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...(TIER === "all" ? {} : { JEST_TIER: TIER }) },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = childCpuSeconds() - cpuBefore;
  const json = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, "utf8")) : undefined;
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
  if (result.status !== 0 || !json) {
    console.error(result.stderr.slice(-4000));
    throw new Error("the test suite failed");
  }
  const files = json.testResults.map((t) => ({
    file: path.relative(ROOT, t.name),
    seconds: (t.endTime - t.startTime) / 1000,
  }));
  return { seconds, cpu, tests: json.numTotalTests, files };
}

const runs = [];
for (let i = 0; i < ROUNDS; i++) runs.push(run());
const walls = runs.map((r) => r.seconds).sort((a, b) => a - b);
const last = runs[runs.length - 1];
const sum = last.files.reduce((s, f) => s + f.seconds, 0);
const fmt = (x) => `${x.toFixed(1)} s`;
console.log(
  `test suite (${TIER}): ${last.tests} tests in ${last.files.length} files, ${ROUNDS} runs (node ${process.version}, ` +
    `${os.cpus().length} CPUs, ${process.env.COLD ? "no cache" : "jest cache warm after the first run"}` +
    `${process.env.WORKERS ? `, maxWorkers=${process.env.WORKERS}` : ""})`,
);
console.log(
  `  wall: median ${fmt(walls[Math.floor(walls.length / 2)])}  min ${fmt(walls[0])}  max ${fmt(walls[walls.length - 1])}`,
);
const cpus = runs.map((r) => r.cpu).sort((a, b) => a - b);
console.log(`  CPU, jest and its workers: median ${fmt(cpus[Math.floor(cpus.length / 2)])}`);
console.log(`  sum of the files' own times (last run): ${fmt(sum)}`);
console.log("  slowest files (last run):");
for (const f of [...last.files].sort((a, b) => b.seconds - a.seconds).slice(0, 5)) {
  console.log(`    ${fmt(f.seconds).padStart(7)}  ${f.file}`);
}
