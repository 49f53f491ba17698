// jest's globalSetup (jest.config.js): the run gets a temporary folder of its own as TMPDIR, which the workers
// inherit; tmpdir-teardown.js removes it. Testing.app() makes an outdir under os.tmpdir() for every app and nothing
// removes them: each run left about 2,000 folders in /tmp (200,000 after a day of runs, each new one slower to make).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

module.exports = async function makeRunTmpdir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jetstream-tests-"));
  globalThis.jetstreamRunTmpdir = { dir, outer: process.env.TMPDIR };
  process.env.TMPDIR = dir;
};
