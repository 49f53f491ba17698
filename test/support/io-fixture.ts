// A module that reaches outside the way library code would, with `import * as` namespaces: the control case
// for the synthesis I/O test, which must see these calls. Each is harmless if the watch ever misses it.
import * as childProcess from "child_process";
import * as dns from "dns";
import * as fs from "fs";
import * as path from "path";

/** Reads a file, runs a process and resolves a host name. */
export function reachOutside(): void {
  fs.readFileSync(path.join(__dirname, "..", "..", "package.json"));
  childProcess.spawnSync(process.execPath, ["-e", ""]);
  dns.lookup("localhost", () => undefined);
}
