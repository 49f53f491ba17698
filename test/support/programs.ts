// The programs the integration tier runs on what the library generates, each with the Debian package that has it
// (integration-programs.json; .ci/run installs the packages of the missing ones). This module is the tier's jest
// globalSetup: it checks every program before a test starts and stops the run with the install command when one is
// missing. Nothing in the tier skips for want of a program, since a skipped oracle proves nothing.
import { execFileSync, spawnSync } from "child_process";
import PROGRAMS from "./integration-programs.json";

/** PATH with the system folders where Debian keeps mkfs, sfdisk and blkid, for users other than root. */
export const SBIN_PATH = `/usr/sbin:/sbin:${process.env.PATH}`;

const PACKAGES: Record<string, string> = PROGRAMS;

const onPath = (program: string) =>
  spawnSync("sh", ["-c", 'command -v "$1"', "-", program], { env: { ...process.env, PATH: SBIN_PATH } }).status === 0;

/**
 * The Python that runs cloud-init (the interpreter on its `#!` line), whose PyYAML reads the user data on a VM:
 * the oracle for YAML 1.1 (cloudinit/util.py load_yaml calls yaml.safe_load).
 */
export function cloudInitPython(): string {
  const cloudInit = execFileSync("sh", ["-c", "command -v cloud-init"], { encoding: "utf8" }).trim();
  const shebang = execFileSync("head", ["-n", "1", cloudInit], { encoding: "utf8" });
  const python = /^#!\s*(\S+)/.exec(shebang)?.[1];
  if (!python) throw new Error(`${cloudInit} does not start with a #! line naming its Python`);
  return python;
}

/** What cloud-init's PyYAML reads from `text`, as JSON data. */
export function pyyaml(text: string): unknown {
  const script = "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))";
  return JSON.parse(execFileSync(cloudInitPython(), ["-c", script], { input: text, encoding: "utf8" }));
}

/**
 * Whether this process runs as root, which the tests that mount images, chown or add accounts need. Those skip for
 * other users; under CI (which runs as root) not being root fails the run instead.
 */
export function runsAsRoot(what: string): boolean {
  const root = process.getuid?.() === 0;
  if (!root && process.env.CI) throw new Error(`${what} need root, and CI is set: run them as root`);
  return root;
}

export default async function checkPrograms(): Promise<void> {
  const missing = Object.entries(PACKAGES).filter(([program]) => !onPath(program));
  if (missing.length === 0 && spawnSync(cloudInitPython(), ["-c", "import yaml"]).status !== 0) {
    missing.push(["PyYAML for cloud-init's Python", "python3-yaml"]);
  }
  if (missing.length > 0) {
    const names = missing.map(([program]) => program).join(", ");
    const packages = [...new Set(missing.map(([, pkg]) => pkg))].join(" ");
    throw new Error(
      `The integration tests run real programs, and ${names} ${missing.length === 1 ? "is" : "are"} missing. ` +
        `Install (Debian): sudo apt-get install --no-install-recommends ${packages}`,
    );
  }
}
