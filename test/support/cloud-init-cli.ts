// The real `cloud-init schema` command (Debian's cloud-init package), when installed: a second oracle beside the
// JSON schema. Each call writes the document to a temporary file, as the command reads files only.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Whether `cloud-init` is on the PATH. */
export function hasCloudInitCli(): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, "cloud-init")));
}

/** Runs `cloud-init schema -c` on a user-data document; resolves to "" when valid, else to the command's output. */
export function cloudInitSchemaErrors(userData: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "user-data-"));
  const file = path.join(dir, "user-data.yaml");
  fs.writeFileSync(file, userData);
  return new Promise((resolve) => {
    execFile("cloud-init", ["schema", "-c", file], (error, stdout, stderr) => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve(error ? `${stdout}${stderr}` : "");
    });
  });
}
