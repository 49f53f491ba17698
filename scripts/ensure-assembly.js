#!/usr/bin/env node
// Run before `npm test`: the token-docs and public-API tests read the jsii assembly (.jsii), which `npm run build`
// writes. A fresh checkout has none, and after an edit under lib/ it describes the old sources, so those tests
// would skip or judge stale docs. This rebuilds it when it is missing or older than a source file (about 10 s);
// otherwise it only compares timestamps.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const ASSEMBLY = path.join(ROOT, ".jsii");

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

const built = fs.existsSync(ASSEMBLY) ? fs.statSync(ASSEMBLY).mtimeMs : 0;
const sources = Math.max(newestSource(path.join(ROOT, "lib")), fs.statSync(path.join(ROOT, "package.json")).mtimeMs);
if (built < sources) {
  console.error(built === 0 ? "no .jsii yet: building it (npm run build)" : ".jsii is older than lib/: rebuilding it");
  const r = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
