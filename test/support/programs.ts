// The integration tier's jest globalSetup, and what its tests share about the programs they run. The tier stops
// before a test starts when a program is missing (integration-programs.js lists them): nothing in it skips for want
// of a program, since a skipped oracle proves nothing.
import { execFileSync } from "child_process";
import { cloudInitPython, missingPrograms } from "./integration-programs";

export { SBIN_PATH } from "./integration-programs";

/** What cloud-init's PyYAML reads from `text`, as JSON data. */
export function pyyaml(text: string): unknown {
  const script = "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))";
  return JSON.parse(execFileSync(cloudInitPython(), ["-c", script], { input: text, encoding: "utf8" }));
}

/** Whether this process runs as root (and so may mount, chown to other users and add accounts). */
export const isRoot = process.getuid?.() === 0;

/**
 * Whether this process runs as root, which the tests that mount images, chown or add accounts need. They skip for
 * other users; under CI (.ci/run runs as root) not being root fails the run instead.
 */
export function runsAsRoot(what: string): boolean {
  if (!isRoot && process.env.CI) throw new Error(`${what} need root, and CI is set: run them as root`);
  return isRoot;
}

export default async function checkPrograms(): Promise<void> {
  const missing = missingPrograms();
  if (missing.length > 0) {
    const names = missing.map(([program]) => program).join(", ");
    const packages = [...new Set(missing.map(([, pkg]) => pkg))].join(" ");
    throw new Error(
      `The integration tests run real programs, and ${names} ${missing.length === 1 ? "is" : "are"} missing. ` +
        `Install (Debian): sudo apt-get install --no-install-recommends ${packages}`,
    );
  }
}
