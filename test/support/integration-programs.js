// The programs the integration tier runs on what the library generates, each with the Debian package that has it,
// and the check for them: test/support/programs.ts (the tier's jest globalSetup) stops the tier when one is missing,
// and `node test/support/integration-programs.js` prints the packages to install (.ci/run installs them).
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");

const PROGRAMS = {
  restic: "restic",
  "cloud-init": "cloud-init",
  python3: "python3",
  sh: "dash",
  getent: "libc-bin",
  "systemd-analyze": "systemd",
  "mkfs.ext4": "e2fsprogs",
  e2fsck: "e2fsprogs",
  sfdisk: "fdisk",
  blkid: "util-linux",
  unshare: "util-linux",
  mount: "mount",
  useradd: "passwd",
};

/** PATH with the system folders where Debian keeps mkfs, sfdisk and blkid, for users other than root. */
const SBIN_PATH = `/usr/sbin:/sbin:${process.env.PATH}`;

function which(program) {
  const found = spawnSync("sh", ["-c", 'command -v "$1"', "-", program], {
    env: { ...process.env, PATH: SBIN_PATH },
    encoding: "utf8",
  });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/**
 * The Python that runs cloud-init (the interpreter on its `#!` line, through `env` if that is how it is named),
 * whose PyYAML reads the user data on a VM: the oracle for YAML 1.1 (cloudinit/util.py load_yaml, yaml.safe_load).
 */
function cloudInitPython() {
  const cloudInit = which("cloud-init");
  if (cloudInit === undefined) throw new Error("cloud-init is not installed");
  const [interpreter, ...args] = fs
    .readFileSync(cloudInit, "utf8")
    .split("\n")[0]
    .replace(/^#!/, "")
    .trim()
    .split(/\s+/);
  const python = interpreter.endsWith("/env") ? args.find((a) => !a.startsWith("-")) : interpreter;
  if (!python) throw new Error(`${cloudInit} does not start with a #! line that names its Python`);
  return python;
}

/** The programs that are missing, each as [program, Debian package]; PyYAML for cloud-init's Python too. */
function missingPrograms() {
  const missing = Object.entries(PROGRAMS).filter(([program]) => which(program) === undefined);
  if (!missing.some(([p]) => p === "cloud-init") && spawnSync(cloudInitPython(), ["-c", "import yaml"]).status !== 0) {
    missing.push(["PyYAML for cloud-init's Python", "python3-yaml"]);
  }
  return missing;
}

module.exports = { PROGRAMS, SBIN_PATH, cloudInitPython, missingPrograms };

if (require.main === module) console.log([...new Set(missingPrograms().map(([, pkg]) => pkg))].join(" "));
