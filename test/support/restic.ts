// The HomeBackups script run for real: the very text cloud-init writes, with Debian's restic (installed by .ci/run),
// against a local repository in a temporary folder. Also a file-tree generator and a byte-for-byte manifest.
import { spawnSync } from "child_process";
import { createCipheriv, createHash, randomBytes, scryptSync } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  BACKUP_SECRET_FILES,
  BackupScriptSettings,
  renderBackupConfig,
  renderBackupScript,
} from "../../lib/home-backups/backup-script";
import { isRoot } from "./programs";

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

const PASSWORD = "canary-repository-password";

/**
 * Writes the rendered script and a config for a local repository into a fresh temporary folder. With
 * `initialised`, the repository already exists (a copy of one `restic init` made once per test file, re-keyed for
 * speed: see `quickRepository`); otherwise the script's first backup creates it.
 */
export function backupSandbox(
  overrides: Partial<BackupScriptSettings> = {},
  options: { initialised?: boolean } = {},
): BackupSandbox {
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
  fs.writeFileSync(path.join(settings.secretsDir, BACKUP_SECRET_FILES.repositoryPassword), PASSWORD, {
    mode: 0o600,
  });
  if (options.initialised) fs.cpSync(quickRepository(), settings.repository, { recursive: true });
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

// restic derives its key from the password with scrypt each time it opens a repository, with the cost that
// `restic init` calibrates (here N=32768, r=8, p=6: about 0.4 s of CPU per command), which made the backup tests
// spend most of a minute deriving keys. The key file format is documented (design.rst in the restic package,
// "Keys, Encryption and MAC"): scrypt gives 64 bytes, an AES-256 key, then a 16-byte AES key k and a 16-byte
// Poly1305 key r; `data` is IV || AES-256-CTR(master key JSON) || Poly1305-AES MAC of the ciphertext. So the
// repository that `restic init` made gets one more key file, for the same password and master key with N=1024,
// p=1, and the original key file goes: the real restic then opens it in milliseconds, and refuses it if the key
// file were wrong (its MAC check is the oracle).
let quick: string | undefined;

/** A local repository made by the real `restic init`, re-keyed with cheap scrypt parameters; made once. */
export function quickRepository(): string {
  if (quick) return quick;
  const repo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "restic-template-")), "repo");
  const restic = (...args: string[]) => {
    const r = spawnSync("restic", args, {
      env: { ...process.env, RESTIC_REPOSITORY: repo, RESTIC_PASSWORD: PASSWORD },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`restic ${args.join(" ")} failed: ${r.stderr}`);
    return r.stdout;
  };
  restic("init", "--quiet");
  const masterKey = Buffer.from(restic("cat", "masterkey"));
  const [slow] = fs.readdirSync(path.join(repo, "keys"));
  const params = { N: 1024, r: 8, p: 1 };
  const salt = randomBytes(64);
  const derived = scryptSync(PASSWORD, salt, 64, params);
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-ctr", derived.subarray(0, 32), iv);
  const ciphertext = Buffer.concat([cipher.update(masterKey), cipher.final()]);
  const mac = poly1305Aes(ciphertext, iv, derived.subarray(32, 48), derived.subarray(48, 64));
  const keyFile = JSON.stringify({
    created: new Date().toISOString(),
    username: "test",
    hostname: "test",
    kdf: "scrypt",
    ...params,
    salt: salt.toString("base64"),
    data: Buffer.concat([iv, ciphertext, mac]).toString("base64"),
  });
  const id = createHash("sha256").update(keyFile).digest("hex");
  fs.writeFileSync(path.join(repo, "keys", id), keyFile, { mode: 0o400 });
  fs.rmSync(path.join(repo, "keys", slow), { force: true });
  restic("cat", "config"); // opens with the new key, or throws
  process.once("exit", () => fs.rmSync(path.dirname(repo), { recursive: true, force: true }));
  quick = repo;
  return repo;
}

/**
 * Poly1305-AES (D. J. Bernstein, https://cr.yp.to/mac/poly1305-20050329.pdf): the polynomial of the 16-byte
 * chunks of `message` (each with a 1 appended, little-endian) at the clamped key `r`, modulo 2^130 - 5, plus
 * AES-128_k(nonce), modulo 2^128; 16 bytes, little-endian.
 */
function poly1305Aes(message: Buffer, nonce: Buffer, k: Buffer, rKey: Buffer): Buffer {
  const le = (bytes: Buffer) => bytes.reduceRight((n, b) => (n << 8n) | BigInt(b), 0n);
  const clamped = Buffer.from(rKey);
  for (const i of [3, 7, 11, 15]) clamped[i] &= 15;
  for (const i of [4, 8, 12]) clamped[i] &= 252;
  const r = le(clamped);
  const p = (1n << 130n) - 5n;
  let h = 0n;
  for (let at = 0; at < message.length; at += 16) {
    const chunk = message.subarray(at, at + 16);
    h = ((h + le(chunk) + (1n << BigInt(8 * chunk.length))) * r) % p;
  }
  const aes = createCipheriv("aes-128-ecb", k, null).setAutoPadding(false);
  const s = le(Buffer.concat([aes.update(nonce), aes.final()]));
  const tag = (h + s) % (1n << 128n);
  const out = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) out[i] = Number((tag >> BigInt(8 * i)) & 0xffn);
  return out;
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
    if (isRoot) chownTree(home, 2001 + u, 3001 + u);
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
