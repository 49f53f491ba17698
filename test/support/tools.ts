import { execFileSync } from "child_process";

/**
 * Whether a command-line tool that a conformance test runs is on PATH. When it is missing, the test skips
 * outside CI; with CI set the run fails instead, since a skipped oracle proves nothing (.ci/run installs them).
 */
export function hasTool(name: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" });
    return true;
  } catch {
    if (process.env.CI) throw new Error(`${name} is not on PATH, and CI is set: install it (see .ci/run)`);
    return false;
  }
}

/** `test` when the tool exists, `test.skip` otherwise (outside CI). */
export function testWithTool(tool: string, name: string, fn: () => Promise<void>, timeout?: number): void {
  (hasTool(tool) ? test : test.skip)(`${name} (${tool})`, fn, timeout);
}
