// jest's globalTeardown: removes the run's TMPDIR that tmpdir-setup.js made, and puts the outer one back.
"use strict";
const fs = require("fs");

module.exports = async function removeRunTmpdir() {
  const run = globalThis.jetstreamRunTmpdir;
  if (!run) return;
  if (run.outer === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = run.outer;
  fs.rmSync(run.dir, { recursive: true, force: true });
};
