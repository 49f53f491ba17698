// cdktf requires archiver as it loads (cdktf 0.21.0, lib/private/fs.js: `const archiver = require("archiver")`),
// only to zip a TerraformAsset, which nothing here makes. Jest compiles every module afresh for each test file, and
// archiver with its dependencies (readable-stream, glob, lazystream, ...) was about 8% of the unit tier's CPU. Jest
// maps `archiver` here (jest.config.js), and the real archiver loads at its first call.
"use strict";
const path = require("path");

// cdktf bundles its own copy (node_modules/cdktf/node_modules/archiver); an absolute path escapes the mapping.
const REAL = path.join(path.dirname(require.resolve("cdktf/package.json")), "node_modules", "archiver");
let real;
const load = () => (real ??= require(REAL));

module.exports = new Proxy(function archiver() {}, {
  apply: (_target, self, args) => load().apply(self, args),
  get: (_target, key) => load()[key],
});
