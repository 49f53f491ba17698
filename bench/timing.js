// What the bench scripts share: the wall time of one synth of the examples in a child process, and the summary
// of a series of times.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

/** Runs `node <args>` in `cwd` with a fresh output folder; returns the wall seconds, or throws with stderr. */
function timeSynth(args, cwd, what) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-synth-"));
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    cwd,
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(outdir, { recursive: true, force: true });
  if (result.status !== 0) {
    console.error(result.stderr);
    throw new Error(`synth failed (${what})`);
  }
  return seconds;
}

/** Minimum, median and maximum of a series. */
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

/** Seconds with three decimals. */
const fmt = (x) => `${x.toFixed(3)} s`;

module.exports = { timeSynth, stats, fmt };
