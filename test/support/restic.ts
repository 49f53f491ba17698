// The HomeBackups script run for real: the very text cloud-init writes, with Debian's restic (installed by .ci/run),
// against a local repository in a temporary folder. Also a file-tree generator and a byte-for-byte manifest.
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  BACKUP_SECRET_FILES,
  BackupScriptSettings,
  renderBackupConfig,
  renderBackupScript,
} from "../../lib/home-backups/backup-script";

/** A sandbox: the script, its config, a volume folder, a local repository, state and notice folders. */
export interface BackupSandbox {
  readonly dir: string;
  readonly volume: string;
  readonly script: string;
  readonly config: string;
  readonly settings: BackupScriptSettings;
  /** Runs `jetstream-home-backup <args>`; returns exit code and output. */
  run(args: string[], env?: Record<string, string>): { code: number; stdout: string; stderr: string };
  /** A key=value status file of the state folder, parsed. */
  status(name?: string): Record<string, string>;
  cleanup(): void;
}

/** Writes the rendered script and a config for a local repository into a fresh temporary folder. */
export function backupSandbox(overrides: Partial<BackupScriptSettings> = {}): BackupSandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "home-backup-"));
  const volume = path.join(dir, "volume");
  fs.mkdirSync(volume, { mode: 0o755 });
  const settings: BackupScriptSettings = {
    backupPath: volume,
    requireMountpoint: false,
    host: "gwhub-hub",
    repository: path.join(dir, "repo"),
    region: "",
    secretsDir: path.join(dir, "secrets"),
    stateDir: path.join(dir, "state"),
    keepDaily: 7,
    keepWeekly: 4,
    keepMonthly: 6,
    overdueSeconds: 36 * 3600,
    motdDir: path.join(dir, "motd"),
    adminGroup: "",
    ...overrides,
  };
  fs.mkdirSync(settings.secretsDir, { mode: 0o700 });
  fs.writeFileSync(
    path.join(settings.secretsDir, BACKUP_SECRET_FILES.repositoryPassword),
    "canary-repository-password",
    {
      mode: 0o600,
    },
  );
  const script = path.join(dir, "jetstream-home-backup");
  fs.writeFileSync(script, renderBackupScript(), { mode: 0o700 });
  const config = path.join(dir, "config");
  fs.writeFileSync(config, renderBackupConfig(settings), { mode: 0o600 });
  return {
    dir,
    volume,
    script,
    config,
    settings,
    run(args, env = {}) {
      const r = spawnSync(script, args, {
        env: { ...process.env, JETSTREAM_BACKUP_CONFIG: config, ...env },
        encoding: "utf8",
        timeout: 120000,
      });
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    },
    status(name = "status") {
      const text = fs.readFileSync(path.join(settings.stateDir, name), "utf8");
      return Object.fromEntries(
        text
          .split("\n")
          .filter((l) => l.includes("="))
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      );
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Deterministic pseudo-random bytes (xorshift), so a generated tree is the same on every run. */
export function pseudoRandomBytes(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** Whether this process may chown files to other users (it runs as root). */
export const canChown = typeof process.getuid === "function" && process.getuid() === 0;

/**
 * A home volume's worth of files: three users' homes with notebooks, binary data, empty files, odd names, modes
 * from 0600 to 0755 and a private folder, symlinks. As root, each home belongs to its own uid and gid (as TLJH's
 * `jupyter-<name>` accounts do). Returns the users' folder names.
 */
export function generateHomes(root: string, filesPerUser = 12): string[] {
  const users = ["jupyter-alice", "jupyter-bob", "jupyter-carol"];
  users.forEach((user, u) => {
    const home = path.join(root, "home", user);
    fs.mkdirSync(path.join(home, "work", "data"), { recursive: true });
    fs.mkdirSync(path.join(home, ".ssh"), { mode: 0o700 });
    for (let i = 0; i < filesPerUser; i++) {
      const size = i === 0 ? 0 : (i * 7919 + u * 104729) % 300000;
      const name = i % 4 === 0 ? `notebook ${i}.ipynb` : i % 4 === 1 ? `data-${i}.bin` : `script_${i}.py`;
      const dir = i % 3 === 0 ? home : path.join(home, "work", i % 2 === 0 ? "data" : "");
      const file = path.join(dir, name);
      fs.writeFileSync(file, pseudoRandomBytes(i * 31 + u + 1, size));
      fs.chmodSync(file, [0o644, 0o600, 0o755, 0o640][i % 4]);
    }
    fs.writeFileSync(path.join(home, ".ssh", "authorized_keys"), `ssh-ed25519 AAAA${user}\n`, { mode: 0o600 });
    fs.symlinkSync("work/data", path.join(home, "data-link"));
    fs.chmodSync(home, 0o700);
    if (canChown) chownTree(home, 2001 + u, 3001 + u);
  });
  // Every ext4 volume's root has one, made by mkfs.
  fs.mkdirSync(path.join(root, "lost+found"), { mode: 0o700 });
  fs.mkdirSync(path.join(root, "tljh-state"), { mode: 0o700 });
  fs.writeFileSync(path.join(root, "tljh-state", "jupyterhub.sqlite"), pseudoRandomBytes(99, 40000), { mode: 0o600 });
  return users;
}

function chownTree(dir: string, uid: number, gid: number): void {
  fs.lchownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, uid, gid);
    else fs.lchownSync(p, uid, gid);
  }
}

/**
 * Every entry under `root`, relative path → type, full mode, owner, and the SHA-256 of the content (files), the
 * target (symlinks), plus the modification time of files. Two equal manifests mean a byte-for-byte equal tree.
 */
export function manifest(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const rel = path.relative(root, p);
      const st = fs.lstatSync(p);
      const who = `mode=${st.mode.toString(8)} uid=${st.uid} gid=${st.gid}`;
      if (st.isSymbolicLink()) out[rel] = `link ${who} -> ${fs.readlinkSync(p)}`;
      else if (st.isDirectory()) {
        out[rel] = `dir ${who}`;
        walk(p);
      } else {
        const sha = createHash("sha256").update(fs.readFileSync(p)).digest("hex");
        out[rel] = `file ${who} size=${st.size} mtime=${Math.floor(st.mtimeMs)} sha256=${sha}`;
      }
    }
  };
  walk(root);
  return out;
}

/** The root folder's own type, mode and owner (the manifest lists only what is inside). */
export function rootEntry(root: string): string {
  const st = fs.lstatSync(root);
  return `mode=${st.mode.toString(8)} uid=${st.uid} gid=${st.gid}`;
}
