#!/usr/bin/env node
// HomeBackups on this machine: the generated backup script (the very text cloud-init writes) with the installed
// restic, against a local repository, over a generated 1 GiB tree of homes.
//
// Measures: (1) the first backup of the whole tree, (2) a restore of the whole tree into an empty folder (checked
// byte for byte), each against a baseline measured in the same run: `cp -a` of the same tree on the same disk;
// (3) seven nightly backups (snapshot times one day apart, `restic backup --time`) after each of which 1% of the
// tree's bytes are new (files rewritten with new content), with the repository's size on disk after each.
// The local repository leaves out the network to the object store: these are restic's own costs (reading,
// chunking, compression, encryption, writing).
//
//   npm run bench:backups            (compiles first)
//   node bench/backups.js [GiB]      (after npm run compile; default 1)
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const BUILD = path.resolve(__dirname, "..", "build", "lib");
if (!fs.existsSync(path.join(BUILD, "home-backups", "backup-script.js"))) {
  console.error("missing build/lib: run npm run compile first");
  process.exit(2);
}
const { renderBackupConfig, renderBackupScript, BACKUP_SECRET_FILES } = require(
  path.join(BUILD, "home-backups", "backup-script.js"),
);

const GIB = Number(process.argv[2] ?? 1);
const TOTAL = Math.round(GIB * 1024 ** 3);
const USERS = 30;
const NIGHTS = 7;
const DAILY_CHANGE = 0.01;
const MiB = 1024 ** 2;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-backups-"));
const volume = path.join(dir, "volume");
const settings = {
  backupPath: volume,
  requireMountpoint: false,
  host: "bench-hub",
  repository: path.join(dir, "repo"),
  region: "",
  secretsDir: path.join(dir, "secrets"),
  stateDir: path.join(dir, "state"),
  keepDaily: 7,
  keepWeekly: 4,
  keepMonthly: 6,
  overdueSeconds: 36 * 3600,
  motdDir: "",
  adminGroup: "",
};
fs.mkdirSync(settings.secretsDir, { mode: 0o700 });
fs.writeFileSync(path.join(settings.secretsDir, BACKUP_SECRET_FILES.repositoryPassword), "bench-password");
const script = path.join(dir, "jetstream-home-backup");
fs.writeFileSync(script, renderBackupScript(), { mode: 0o700 });
const config = path.join(dir, "config");
fs.writeFileSync(config, renderBackupConfig(settings));

function run(args, env = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(script, args, {
    env: { ...process.env, JETSTREAM_BACKUP_CONFIG: config, TZ: "UTC", ...env },
    encoding: "utf8",
    maxBuffer: 64 * MiB,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return { seconds, stdout: r.stdout };
}

function timed(fn) {
  const started = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const du = (p) => Number(execFileSync("du", ["-sb", p], { encoding: "utf8" }).split("\t")[0]);

// Notebooks: JSON text with numbers (compresses, as real notebooks do); data: random bytes (does not).
function notebook(bytes) {
  const lines = [];
  let size = 0;
  while (size < bytes) {
    const line = `    "${crypto.randomBytes(4).toString("hex")}": [${Array.from({ length: 8 }, () => (Math.random() * 1000).toFixed(3)).join(", ")}],\n`;
    lines.push(line);
    size += line.length;
  }
  return `{\n "cells": {\n${lines.join("")} }\n}\n`.slice(0, bytes);
}

const files = [];
function generate() {
  const perUser = TOTAL / USERS;
  for (let u = 0; u < USERS; u++) {
    const home = path.join(volume, "home", `jupyter-user${u}`);
    fs.mkdirSync(path.join(home, "work", "data"), { recursive: true });
    let written = 0;
    let i = 0;
    while (written < perUser) {
      // About 30% of the bytes in notebooks of 20-200 KiB, 70% in data files of 1-8 MiB.
      const isNotebook = i % 10 < 7;
      const size = Math.min(
        perUser - written,
        isNotebook ? 20 * 1024 + Math.floor(Math.random() * 180 * 1024) : MiB + Math.floor(Math.random() * 7 * MiB),
      );
      const file = isNotebook
        ? path.join(home, "work", `nb-${i}.ipynb`)
        : path.join(home, "work", "data", `d-${i}.bin`);
      fs.writeFileSync(file, isNotebook ? notebook(size) : crypto.randomBytes(size));
      files.push({ file, size, isNotebook });
      written += size;
      i++;
    }
  }
}

function sha(root) {
  const out = [];
  const walk = (d) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = fs.lstatSync(p);
      if (st.isDirectory()) walk(p);
      else
        out.push(
          `${path.relative(root, p)} ${st.mode} ${st.size} ${crypto.createHash("sha256").update(fs.readFileSync(p)).digest("hex")}`,
        );
    }
  };
  walk(root);
  return crypto.createHash("sha256").update(out.join("\n")).digest("hex");
}

try {
  const resticVersion = execFileSync("restic", ["version"], { encoding: "utf8" }).trim();
  console.log(`${resticVersion}; ${os.cpus().length} CPUs; tree of ${GIB} GiB in ${USERS} homes under ${dir}`);
  const genSeconds = timed(generate);
  const treeBytes = du(volume);
  console.log(
    `generated ${files.length} files, ${(treeBytes / MiB).toFixed(0)} MiB on disk, in ${genSeconds.toFixed(1)} s`,
  );

  const copy = path.join(dir, "copy");
  const cpSeconds = timed(() => execFileSync("cp", ["-a", volume, copy]));
  fs.rmSync(copy, { recursive: true });
  execFileSync("sync");

  const first = run(["backup"], { BACKUP_TIME: "2026-12-01 02:30:00" });
  const repoAfterFirst = du(settings.repository);
  const rate = (s) => `${(treeBytes / MiB / s).toFixed(0)} MiB/s`;
  console.log(`baseline cp -a:      ${cpSeconds.toFixed(1)} s (${rate(cpSeconds)})`);
  console.log(
    `first backup:        ${first.seconds.toFixed(1)} s (${rate(first.seconds)}, ${(first.seconds / cpSeconds).toFixed(2)}x cp -a); ` +
      `repository ${(repoAfterFirst / MiB).toFixed(0)} MiB (${((100 * repoAfterFirst) / treeBytes).toFixed(1)}% of the tree)`,
  );

  const target = path.join(dir, "restored");
  fs.mkdirSync(target);
  const restore = run(["restore", "latest", target]);
  const same = sha(target) === sha(volume);
  console.log(
    `restore (whole tree): ${restore.seconds.toFixed(1)} s (${rate(restore.seconds)}, ${(restore.seconds / cpSeconds).toFixed(2)}x cp -a); ` +
      `byte for byte equal: ${same}`,
  );
  fs.rmSync(target, { recursive: true });
  if (!same) process.exitCode = 1;

  // Seven nights: each day 1% of the bytes are new (whole files rewritten), then the nightly backup.
  const nights = [];
  for (let night = 1; night <= NIGHTS; night++) {
    let changed = 0;
    while (changed < DAILY_CHANGE * treeBytes) {
      const f = files[Math.floor(Math.random() * files.length)];
      fs.writeFileSync(f.file, f.isNotebook ? notebook(f.size) : crypto.randomBytes(f.size));
      changed += f.size;
    }
    const day = String(1 + night).padStart(2, "0");
    const b = run(["backup"], { BACKUP_TIME: `2026-12-${day} 02:30:00` });
    const size = du(settings.repository);
    nights.push({ night, changed, seconds: b.seconds, size });
    console.log(
      `night ${night}: ${(changed / MiB).toFixed(1)} MiB new, backup ${b.seconds.toFixed(1)} s, repository ${(size / MiB).toFixed(0)} MiB`,
    );
  }
  const last = nights[nights.length - 1];
  console.log(
    `after ${NIGHTS} nightly runs: repository ${(last.size / MiB).toFixed(0)} MiB = ${((100 * last.size) / treeBytes).toFixed(1)}% ` +
      `of the ${(treeBytes / MiB).toFixed(0)} MiB tree; growth ${((last.size - repoAfterFirst) / MiB).toFixed(0)} MiB for ` +
      `${(nights.reduce((a, n) => a + n.changed, 0) / MiB).toFixed(0)} MiB of changed files`,
  );
  const prune = run(["prune"]);
  console.log(
    `prune (keep daily 7): ${prune.seconds.toFixed(1)} s, repository ${(du(settings.repository) / MiB).toFixed(0)} MiB`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
