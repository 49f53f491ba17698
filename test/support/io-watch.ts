// Default imports: they are the modules themselves, the objects every other module's `require` gets.
import childProcess from "child_process";
import dns from "dns";
import fs from "fs";
import http from "http";
import https from "https";
import net from "net";
import tls from "tls";

/** One call the watch saw: `fs.writeFileSync /tmp/out/manifest.json`. */
export interface IoCall {
  readonly api: string;
  /** The first argument (a path, a command, a URL or host), as text. */
  readonly target: string;
}

/** Watches the file system, child processes and the network. */
export interface IoWatch {
  /** Runs `fn` and returns the calls it made. */
  during(fn: () => void): IoCall[];
  /** Puts the original functions back. */
  uninstall(): void;
}

const PROCESS_APIS = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"];
const NETWORK_APIS: [string, any, string[]][] = [
  ["net", net, ["connect", "createConnection"]],
  ["net.Socket.prototype", net.Socket.prototype, ["connect"]],
  ["http", http, ["request", "get"]],
  ["https", https, ["request", "get"]],
  ["tls", tls, ["connect"]],
  ["dns", dns, ["lookup", "resolve", "resolve4", "resolve6"]],
  ["dns.promises", dns.promises, ["lookup", "resolve", "resolve4", "resolve6"]],
];

/**
 * Replaces the functions of `fs`, `child_process`, `net`, `http`, `https`, `tls` and `dns` with recording
 * wrappers. Install it BEFORE importing the code under watch: a module compiled by @swc/jest copies the functions
 * of `import * as fs from "fs"` when it first loads, so it keeps whatever was there at that moment.
 *
 * While `during` runs, file-system calls are recorded and go through (synthesis must write its output); child
 * processes and network calls are recorded and answered with nothing, so a test that finds one fails without having
 * run a command or opened a connection. Outside `during` every wrapper just calls the original.
 */
export function installIoWatch(): IoWatch {
  let log: IoCall[] | undefined;
  const restore: (() => void)[] = [];
  const wrap = (label: string, target: any, name: string, callThrough: boolean) => {
    const original = target[name];
    if (typeof original !== "function") return;
    const wrapper = function (this: unknown, ...args: unknown[]) {
      if (log !== undefined) {
        const first = args[0];
        log.push({
          api: `${label}.${name}`,
          target: typeof first === "object" && first !== null ? JSON.stringify(first) : String(first),
        });
        if (!callThrough) return undefined;
      }
      return original.apply(this, args);
    };
    // keep what hangs off the function: fs.realpathSync.native, util.promisify.custom, ...
    for (const key of [...Object.keys(original), ...Object.getOwnPropertySymbols(original)]) {
      (wrapper as any)[key] = original[key];
    }
    target[name] = wrapper;
    restore.push(() => {
      target[name] = original;
    });
  };
  for (const name of Object.keys(fs)) {
    if (/^[a-z]/.test(name) && name !== "promises") wrap("fs", fs, name, true);
  }
  for (const name of Object.keys(fs.promises)) wrap("fs.promises", fs.promises, name, true);
  for (const name of PROCESS_APIS) wrap("child_process", childProcess, name, false);
  for (const [label, target, names] of NETWORK_APIS) for (const name of names) wrap(label, target, name, false);

  return {
    during(fn: () => void): IoCall[] {
      const calls: IoCall[] = [];
      log = calls;
      try {
        fn();
      } finally {
        log = undefined;
      }
      return calls;
    },
    uninstall(): void {
      for (const undo of restore.reverse()) undo();
    },
  };
}
