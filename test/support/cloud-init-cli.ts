// The real `cloud-init schema` command (Debian's cloud-init package): a second oracle beside the JSON schema.
// Only integration tests (*.integration.test.ts) call it; their tier checks that cloud-init is installed.
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

/**
 * User data as the VM receives it: Terraform's expressions filled in with sample values (every base64-encoded
 * variable, the volume serial), its template escapes undone. Throws when another expression is left.
 */
export function asRendered(userData: string): string {
  const text = userData
    .replace(/\$\{base64encode\(var\.(\w+)\)\}/g, (_, name) => Buffer.from(`sample-${name}`).toString("base64"))
    .replace(/\$\{substr\(openstack_blockstorage_volume_v3\.[\w-]+\.id, 0, 20\)\}/g, "0123456789abcdef0123")
    .replace(/\$\{openstack_networking_floatingip_v2\.[\w-]+\.address\}/g, "203.0.113.10");
  if (/(^|[^$])\$\{/.test(text)) throw new Error("an unexpected Terraform expression is left in the user data");
  return text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}
