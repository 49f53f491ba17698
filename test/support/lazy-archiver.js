// cdktf requires archiver as it loads (cdktf 0.21.0, lib/private/fs.js: `const archiver = require("archiver")`),
// only to zip a TerraformAsset. Jest compiles every module afresh for each test file, and archiver with its
// dependencies (readable-stream, glob, lazystream, ...) was about 8% of the unit tier's CPU. Jest maps `archiver`
// here (jest.config.js); the real one, found as cdktf finds it, loads at its first use (lazy-archiver.test.ts zips an
// asset through it). cdktf calls it as a function; calls, `new`, property reads and `in` are forwarded.
"use strict";
const fs = require("fs");
const path = require("path");

// Where Node would find it from cdktf's folder: cdktf bundles its own copy, else one hoisted beside it. (A resolver
// inside jest would map the name back to this file.)
const cdktf = path.dirname(require.resolve("cdktf/package.json"));
const REAL = [path.join(cdktf, "node_modules", "archiver"), path.join(cdktf, "..", "archiver")].find((dir) =>
  fs.existsSync(path.join(dir, "package.json")),
);
if (REAL === undefined) throw new Error(`archiver is not where cdktf (${cdktf}) would find it`);
let real;
const load = () => (real ??= require(REAL));

module.exports = new Proxy(function archiver() {}, {
  apply: (_target, self, args) => Reflect.apply(load(), self, args),
  construct: (_target, args) => Reflect.construct(load(), args),
  get: (_target, key) => Reflect.get(load(), key),
  has: (_target, key) => Reflect.has(load(), key),
});
