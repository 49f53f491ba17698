#!/usr/bin/env node
// The pack-and-install test: what a gateway team does on its first afternoon, from the README, in a fresh app.
//
// 1. `npm pack` the library (prepack builds it) and check the tarball holds what a package should, and nothing else.
// 2. Twice, once with the NEWEST versions the peer ranges allow and once with the OLDEST: write a fresh cdktf
//    TypeScript app the way `cdktf init --template=typescript` does (its package.json, cdktf.json, tsconfig.json,
//    jest.config.js, setup.js; `cdktf init` itself takes minutes), install what the template installs, run the
//    README's Install commands, paste the README's quick start as main.ts and its "Testing your app" block as a
//    test, then synthesize main.ts and run the test with jest.
//
// Only the npm registry is needed. Tarballs come from npm's cache when they are there (--prefer-offline); the peers
// of the newest pass are resolved against fresh registry metadata, so "newest" means newest today.
//
// Usage: node scripts/package-test.js [--keep] [--only newest|oldest]
"use strict";
const { execFile, spawn, spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
// Installs that do not involve the library are kept here between runs (PACKAGE_TEST_CACHE=off disables it).
const CACHE =
  process.env.PACKAGE_TEST_CACHE ?? path.join(os.homedir(), ".cache", "cdktf-jupyterhub-jetstream", "package-test");
const args = process.argv.slice(2);
const keep = args.includes("--keep");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const started = Date.now();
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", npm_config_update_notifier: "false" };
const NPM_FLAGS = ["--no-audit", "--no-fund", "--loglevel=error"];

const short = (line) => (line.length > 150 ? `${line.slice(0, 147)}...` : line);

function run(cmd, cmdArgs, cwd, extraEnv = {}) {
  const t = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd, env: { ...env, ...extraEnv }, encoding: "utf8", maxBuffer: 64 << 20 });
  const line = `${cmd} ${cmdArgs.join(" ")}`;
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ""}${r.stderr ?? ""}`);
    throw new Error(`failed (${r.status}): ${line} in ${cwd}`);
  }
  console.log(`  ${seconds(t).padStart(5)} s  ${short(line)}`);
  return r.stdout;
}

/** Like run, without blocking: the two passes run side by side, each logging into its own list. */
function runAsync(log, cmd, cmdArgs, cwd, extraEnv = {}) {
  const t = Date.now();
  const line = `${cmd} ${cmdArgs.join(" ")}`;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd, env: { ...env, ...extraEnv } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (status) => {
      log.push(`  ${seconds(t).padStart(5)} s  ${short(line)}`);
      if (status === 0) resolve(out);
      else reject(new Error(`failed (${status}): ${line} in ${cwd}\n${out}`));
    });
  });
}

// ---- the README: Install commands, quick start, test ------------------------------------------------------------

const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The fenced blocks of one language in the section that starts at `heading` (up to the next heading of its level). */
function blocksUnder(heading, lang) {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
  const level = heading.split(" ")[0];
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`^${level} `, "m"));
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(new RegExp("^```" + lang + "\\n([\\s\\S]*?)^```", "gm"))].map((m) => m[1]);
}

const installCommands = blocksUnder("## Install", "sh").flatMap((b) =>
  b
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("npm i")),
);
const devCommand = installCommands.find((c) => / -D /.test(c));
const libraryCommand = installCommands.find((c) => /\.tgz\b/.test(c));
if (!devCommand || !libraryCommand) throw new Error("README.md's Install section lost its two npm commands");
const [quickStart] = blocksUnder("### 1. Write the app", "ts");
const [appTest] = blocksUnder("## Testing your app", "ts");
if (!quickStart || !appTest) throw new Error("README.md lost its quick start or its test block");

// ---- 1. pack ------------------------------------------------------------------------------------------------------

// No "js" in the folder's path: the cdktf template's jest config ignores paths matching the regex ".js".
const work = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-package-test-"));
console.log(`pack-and-install test in ${work}`);
// --ignore-scripts=false: prepack must build, even where npm's configuration turns lifecycle scripts off.
const packOutput = run(
  "npm",
  ["pack", "--json", "--ignore-scripts=false", "--pack-destination", work, ...NPM_FLAGS],
  ROOT,
);
// The build's own output (prepack) comes first on stdout; npm's JSON report is the last top-level array.
const packed = JSON.parse(packOutput.slice(packOutput.lastIndexOf("\n[") + 1))[0];
const tarball = path.join(work, packed.filename);
const files = packed.files.map((f) => f.path);
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

const allowed = (f) =>
  ["package.json", "README.md", "API.md", "LICENSE", ".jsii"].includes(f) ||
  Object.values(manifest.bin ?? {}).some((b) => b.replace(/^\.\//, "") === f) ||
  /^dist\/.+\.(js|d\.ts)$/.test(f) ||
  // The chart's values schema and defaults, read by the synth-time values check and the policy pack.
  /^dist\/core\/formats\/z2jh-chart\/[^/]+\.json$/.test(f) ||
  // Runtime dependencies a jsii library bundles (package.json bundleDependencies).
  (manifest.bundleDependencies ?? []).some((d) => f.startsWith(`node_modules/${d}/`)) ||
  /^docs\/.+\.md$/.test(f);
const problems = [
  ...[
    "dist/index.js",
    "dist/index.d.ts",
    "dist/core/formats/z2jh-chart/jupyterhub-4.4.0.values.json",
    "dist/core/formats/z2jh-chart/jupyterhub-4.4.0.values.schema.json",
    ".jsii",
    "README.md",
    "LICENSE",
  ]
    .filter((f) => !files.includes(f))
    .map((f) => `missing ${f}`),
  ...files.filter((f) => !allowed(f)).map((f) => `should not ship ${f}`),
];
if (!/^BSD 3-Clause License\n/.test(fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8"))) {
  problems.push("LICENSE is not the BSD-3-Clause text");
}
if (manifest.license !== "BSD-3-Clause") problems.push(`license is ${manifest.license}`);
for (const f of files.filter((f) => f.endsWith(".js"))) {
  // A source map without its sources points at lib/*.ts files the package does not ship.
  if (/sourceMappingURL/.test(fs.readFileSync(path.join(ROOT, f), "utf8"))) problems.push(`${f} has a source map`);
}
if (problems.length > 0) throw new Error(`the tarball is not clean:\n  ${problems.join("\n  ")}`);
console.log(`  tarball ${packed.filename}: ${files.length} files, ${(packed.size / 1024).toFixed(0)} kB, clean`);

// ---- 2. the versions: newest and oldest the peer ranges allow -----------------------------------------------------

const peers = manifest.peerDependencies;
const semver = require(require.resolve("semver", { paths: [ROOT] }));
function versionsOf(name, range) {
  return new Promise((resolve, reject) =>
    execFile("npm", ["view", `${name}@${range}`, "version", "--json", ...NPM_FLAGS], { env }, (error, out) => {
      if (error) return reject(error);
      const parsed = JSON.parse(out);
      const list = Array.isArray(parsed) ? parsed : [parsed];
      resolve(list.filter((v) => !semver.prerelease(v)).sort(semver.compare));
    }),
  );
}

// ---- 3. one fresh app per pass ------------------------------------------------------------------------------------

// The files `cdktf init --template=typescript` writes (cdktf-cli 0.21.0, templates/typescript), trimmed to what runs.
function writeTemplateApp(dir) {
  fs.mkdirSync(path.join(dir, "__tests__"), { recursive: true });
  const write = (f, text) => fs.writeFileSync(path.join(dir, f), text);
  write(
    "package.json",
    JSON.stringify(
      {
        name: "gateway-infra",
        version: "1.0.0",
        main: "main.js",
        types: "main.ts",
        license: "MPL-2.0",
        private: true,
        scripts: { get: "cdktf get", build: "tsc", synth: "cdktf synth", compile: "tsc --pretty", test: "jest" },
        engines: { node: ">=20.9" },
      },
      null,
      2,
    ),
  );
  write(
    "cdktf.json",
    JSON.stringify(
      {
        language: "typescript",
        app: "npx ts-node main.ts",
        projectId: "00000000-0000-4000-8000-000000000000",
        sendCrashReports: "false",
        terraformProviders: [],
        terraformModules: [],
        context: {},
      },
      null,
      2,
    ),
  );
  write(
    "tsconfig.json",
    JSON.stringify(
      {
        compilerOptions: {
          alwaysStrict: true,
          declaration: true,
          experimentalDecorators: true,
          inlineSourceMap: true,
          inlineSources: true,
          lib: ["es2018"],
          module: "CommonJS",
          noEmitOnError: true,
          noFallthroughCasesInSwitch: true,
          noImplicitAny: true,
          noImplicitReturns: true,
          noImplicitThis: true,
          noUnusedLocals: true,
          noUnusedParameters: true,
          resolveJsonModule: true,
          strict: true,
          strictNullChecks: true,
          strictPropertyInitialization: true,
          stripInternal: true,
          target: "ES2018",
          incremental: true,
          skipLibCheck: true,
        },
        include: ["**/*.ts"],
        exclude: ["node_modules", "cdktf.out"],
      },
      null,
      2,
    ),
  );
  write(
    "jest.config.js",
    "module.exports = {\n" +
      '  clearMocks: true,\n  coverageProvider: "v8",\n  moduleFileExtensions: ["ts", "js", "json", "node"],\n' +
      '  preset: "ts-jest",\n  setupFilesAfterEnv: ["<rootDir>/setup.js"],\n  testEnvironment: "node",\n' +
      '  testMatch: ["**/__tests__/**/*.ts", "**/?(*.)+(spec|test).ts"],\n' +
      '  testPathIgnorePatterns: ["/node_modules/", ".d.ts", ".js"],\n};\n',
  );
  write("setup.js", 'const cdktf = require("cdktf");\ncdktf.Testing.setupJest();\n');
  write("main.ts", quickStart);
  write(path.join("__tests__", "hub-test.ts"), appTest);
}

// What `cdktf init` installs into a new TypeScript app, as of cdktf-cli 0.21.0: cdktf and constructs, and jest,
// ts-jest, ts-node, typescript and their types for development. The template's own typescript is replaced by the
// README's follow-up command, which runs right after it.
const TEMPLATE_DEV = ["jest@^29", "ts-jest@^29", "ts-node@^10", "@types/jest@^29", "@types/node@^20"];

async function pass(name, versions) {
  const t = Date.now();
  const log = [
    `\n${name}: ${Object.entries(versions)
      .map(([n, v]) => `${n}@${v}`)
      .join(" ")}`,
  ];
  const dir = path.join(work, name);
  writeTemplateApp(dir);
  const npm = (command, extra = []) => {
    const [, ...words] = command.split(/\s+/);
    return runAsync(log, "npm", [...words, ...extra, ...NPM_FLAGS], dir);
  };
  try {
    // cdktf init: the template's runtime and development dependencies, then the README's follow-up, as written,
    // with the template's development dependencies in the same install. The CLI (hundreds of MB) is installed in the
    // newest pass only: the oldest pass synthesizes as the CLI's `app` command does.
    const runtime = `npm i cdktf@${versions.cdktf} constructs@${versions.constructs}`;
    const dev = `${name === "newest" ? devCommand : devCommand.replace(/\s+cdktf-cli@\S+/, "")} ${TEMPLATE_DEV.join(" ")}`;
    // Those two installs do not involve the library: their result is kept between runs, keyed by what they install.
    const key = crypto
      .createHash("sha256")
      .update(JSON.stringify([process.version, runtime, dev]))
      .digest("hex");
    const cached = path.join(CACHE, key.slice(0, 16));
    if (CACHE !== "off" && fs.existsSync(path.join(cached, "done"))) {
      await runAsync(
        log,
        "cp",
        ["-a", path.join(cached, "node_modules"), path.join(cached, "package-lock.json"), dir],
        ROOT,
      );
      log.push(`  (template and follow-up installs reused from ${cached}: ${runtime}; ${dev})`);
    } else {
      await npm(runtime, ["--prefer-offline"]);
      await npm(dev, ["--prefer-offline"]);
    }
    if (CACHE !== "off" && !fs.existsSync(path.join(cached, "done"))) {
      fs.rmSync(cached, { recursive: true, force: true });
      fs.mkdirSync(cached, { recursive: true });
      await runAsync(
        log,
        "cp",
        ["-a", path.join(dir, "node_modules"), path.join(dir, "package-lock.json"), cached],
        ROOT,
      );
      fs.copyFileSync(path.join(dir, "package.json"), path.join(cached, "package.json"));
      fs.writeFileSync(path.join(cached, "done"), "");
    }
    if (CACHE !== "off") fs.copyFileSync(path.join(cached, "package.json"), path.join(dir, "package.json"));
    // The README's library command: the tarball instead of its path; the ranges as written for the newest pass
    // (fresh registry metadata), the oldest versions in their place for the oldest pass.
    let library = libraryCommand.replace(/\S+\.tgz\b/, tarball);
    if (name === "oldest") {
      for (const [peer, version] of Object.entries(versions)) {
        library = library.replace(new RegExp(`(^|\\s)${peer.replace(/[/@]/g, "\\$&")}@\\S+`), `$1${peer}@${version}`);
      }
    }
    await npm(library, name === "oldest" ? ["--prefer-offline"] : []);

    // The installed versions are the ones this pass is about.
    for (const [peer, version] of Object.entries(versions)) {
      const got = JSON.parse(fs.readFileSync(path.join(dir, "node_modules", peer, "package.json"), "utf8")).version;
      if (got !== version) throw new Error(`${name}: installed ${peer}@${got}, expected ${version}`);
    }

    // Synthesize the quick start as pasted: with the CLI in the newest pass (told that no terraform binary exists,
    // since synth must not need one), with its app command (ts-node) in the oldest.
    // The first synth of a new app is a developer's (CI unset): it writes the DataLedger's file, as a first
    // `npm install` writes the lock file; a later synth under CI must then find nothing to change.
    if (name === "newest") {
      await runAsync(log, "npx", ["cdktf", "synth"], dir, { TERRAFORM_BINARY_NAME: "terraform-is-not-needed", CI: "" });
    } else {
      await runAsync(log, "npx", ["ts-node", "main.ts"], dir, { CDKTF_OUTDIR: path.join(dir, "cdktf.out"), CI: "" });
      await runAsync(log, "npx", ["ts-node", "main.ts"], dir, { CDKTF_OUTDIR: path.join(dir, "cdktf.out") });
    }
    const ledger = JSON.parse(fs.readFileSync(path.join(dir, "jetstream-ledger.json"), "utf8"));
    const kinds = Object.values(ledger.stacks.hub.protected).map((e) => e.kind);
    if (kinds.join() !== "home volume")
      throw new Error(`${name}: the ledger records ${kinds.join()}, not the home volume`);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "hub", "cdk.tf.json"), "utf8"));
    const flavors = Object.values(doc.resource.openstack_compute_instance_v2).map((i) => i.flavor_name);
    if (flavors.join() !== "m3.xl") throw new Error(`${name}: the quick start's VM is ${flavors.join()}, not m3.xl`);
    // The plan guard the package ships, as the README runs it, on a real plan that changes nothing protected.
    const guard = await runAsync(
      log,
      "npx",
      [
        "jetstream-plan-guard",
        path.join(ROOT, "test", "fixtures", "plans", "updated-in-place.json"),
        "--protect-type",
        "terraform_data",
      ],
      dir,
    );
    if (!/no protected resource is deleted or replaced/.test(guard))
      throw new Error(`${name}: the plan guard said ${guard}`);
    const jest = await runAsync(log, "npx", ["jest", "--ci"], dir);
    const summary = /^Tests:.*$/m.exec(jest);
    log.push(`  ${summary ? summary[0] : "jest passed"}`);
    log.push(`  ${name} pass: ${seconds(t)} s`);
  } finally {
    console.log(log.join("\n"));
  }
}

async function main() {
  try {
    const t = Date.now();
    const names = Object.keys(peers);
    const lists = await Promise.all(names.map((n) => versionsOf(n, peers[n])));
    const newest = Object.fromEntries(names.map((n, i) => [n, lists[i][lists[i].length - 1]]));
    const oldest = Object.fromEntries(names.map((n, i) => [n, lists[i][0]]));
    console.log(`  ${seconds(t).padStart(5)} s  resolved the peer ranges on the registry`);
    const passes = Object.entries({ newest, oldest }).filter(([name]) => only === undefined || only === name);
    const results = await Promise.allSettled(passes.map(([name, versions]) => pass(name, versions)));
    const failed = results.filter((r) => r.status === "rejected");
    if (failed.length > 0) throw failed[0].reason;
    console.log(`\npack-and-install test passed in ${seconds(started)} s`);
  } finally {
    // Deleting two apps' node_modules takes longer than some passes; a detached rm does it after we exit.
    if (!keep) spawn("rm", ["-rf", work], { detached: true, stdio: "ignore" }).unref();
    else console.log(`kept ${work}`);
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
