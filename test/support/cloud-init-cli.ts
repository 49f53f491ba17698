// The real `cloud-init schema` command (Debian's cloud-init package): a second oracle beside the JSON schema.
// Tests call it through `testWithTool("cloud-init", ...)`, so it is skipped where missing, except under CI.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

const run = promisify(execFile);

/** Runs `cloud-init schema -c` on a user-data document (the command reads files only). */
export async function cloudInitSchema(userData: string): Promise<{ code: number; out: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "user-data-"));
  const file = path.join(dir, "user-data.yaml");
  fs.writeFileSync(file, userData);
  try {
    const { stdout } = await run("cloud-init", ["schema", "-c", file]);
    return { code: 0, out: stdout };
  } catch (e: any) {
    return { code: e.code ?? -1, out: `${e.stdout}${e.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
