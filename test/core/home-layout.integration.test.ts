import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderHomesOwnedByTljh, renderHomesToNotebookUid } from "../../lib/core/home-layout";
import { renderRestoreAccounts } from "../../lib/single-server-hub/cloud-init";
import { runsAsRoot, SBIN_PATH } from "../support/programs";

// The switch between hub shapes, run for real on an ext4 disk image: the NFS home server's step hands TLJH's homes
// to the notebook uid, and the single-server hub's first-boot steps give them back to per-user accounts, both ways,
// twice. Each step runs in a mount namespace of its own (unshare -m) with the image loop-mounted, and the account
// step with a copy of /etc bound over /etc, so the test machine's accounts are never touched. Checked after each
// step: every file's owner, mode, type, content and link target, as ls would show them.

const ready = runsAsRoot("the home layout tests");
const sbin = SBIN_PATH;

/** Runs `script` as root in a private mount namespace with the image mounted at $MNT; returns stdout. */
function inNamespace(image: string, script: string, options: { privateEtc?: boolean } = {}): string {
  const etcSetup = options.privateEtc
    ? `etc=$(mktemp -d)
for f in passwd group shadow gshadow login.defs nsswitch.conf; do [ -e /etc/$f ] && cp -p /etc/$f "$etc/"; done
mount --bind "$etc" /etc
# An Ubuntu image has its default user at uid 1000: the notebook uid the NFS server hands homes to.
getent passwd 1000 >/dev/null || useradd --uid 1000 --no-create-home ubuntu
`
    : "";
  const full = `set -eu
MNT=$(mktemp -d)
mount -o loop ${JSON.stringify(image)} "$MNT"
${etcSetup}
log() { echo "log: $*"; }
${script}
umount "$MNT"
`;
  const r = spawnSync("unshare", ["-m", "sh", "-c", full], { encoding: "utf8", env: { ...process.env, PATH: sbin } });
  if (r.status !== 0) throw new Error(`step failed (${r.status}): ${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

interface Entry {
  readonly uid: number;
  readonly gid: number;
  readonly mode: string;
  readonly type: string;
  readonly content: string;
}

/** Every file on the image below the root, by path: owner, mode, type, and content or link target. */
function snapshot(image: string): Record<string, Entry> {
  const out = inNamespace(
    image,
    `cd "$MNT"
find . -mindepth 1 -not -path './lost+found*' -printf '%P\\t%U\\t%G\\t%m\\t%y\\t%l\\n' | while IFS="$(printf '\\t')" read -r p u g m y l; do
  if [ "$y" = f ]; then c=$(sha256sum "$p" | cut -c1-16); else c="$l"; fi
  printf '%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' "$p" "$u" "$g" "$m" "$y" "$c"
done
cd /`,
  );
  const entries: Record<string, Entry> = {};
  for (const line of out.split("\n").filter((l) => l.includes("\t"))) {
    const [p, uid, gid, mode, type, content] = line.split("\t");
    entries[p] = { uid: Number(uid), gid: Number(gid), mode, type, content };
  }
  return entries;
}

/** A TLJH volume as a single-server hub leaves it: two users, the default user, and TLJH's state. */
function tljhVolume(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tljh-volume-"));
  const tree = path.join(dir, "tree");
  const file = (p: string, content: string | Buffer, mode: number, uid: number, gid: number) => {
    fs.mkdirSync(path.dirname(path.join(tree, p)), { recursive: true });
    fs.writeFileSync(path.join(tree, p), content);
    fs.chmodSync(path.join(tree, p), mode);
    fs.chownSync(path.join(tree, p), uid, gid);
  };
  const folder = (p: string, mode: number, uid: number, gid: number) => {
    fs.mkdirSync(path.join(tree, p), { recursive: true });
    fs.chmodSync(path.join(tree, p), mode);
    fs.chownSync(path.join(tree, p), uid, gid);
  };
  folder("home", 0o755, 0, 0);
  folder("home/jupyter-alice", 0o750, 1001, 1001);
  file("home/jupyter-alice/analysis.ipynb", '{"cells": []}\n', 0o644, 1001, 1001);
  file("home/jupyter-alice/.bashrc", "export PS1='$ '\n", 0o644, 1001, 1001);
  folder("home/jupyter-alice/.ssh", 0o700, 1001, 1001);
  file("home/jupyter-alice/.ssh/authorized_keys", "ssh-ed25519 AAAA alice\n", 0o600, 1001, 1001);
  file("home/jupyter-alice/results/plot.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), 0o640, 1001, 1001);
  fs.symlinkSync("analysis.ipynb", path.join(tree, "home/jupyter-alice/latest"));
  fs.lchownSync(path.join(tree, "home/jupyter-alice/latest"), 1001, 1001);
  // A link out of the home: changing its owner must never change the file it points to.
  fs.symlinkSync("/etc/hostname", path.join(tree, "home/jupyter-alice/outside"));
  fs.lchownSync(path.join(tree, "home/jupyter-alice/outside"), 1001, 1001);
  folder("home/jupyter-bob", 0o700, 1002, 1002);
  file("home/jupyter-bob/data.csv", "a,b\n1,2\n", 0o600, 1002, 1002);
  folder("home/ubuntu/.ssh", 0o700, 1000, 1000);
  file("home/ubuntu/.ssh/authorized_keys", "ssh-ed25519 AAAA admin\n", 0o600, 1000, 1000);
  folder("tljh-state", 0o700, 0, 0);
  file("tljh-state/jupyterhub.sqlite", "SQLite format 3\u0000", 0o600, 0, 0);
  const image = path.join(dir, "volume.img");
  fs.writeFileSync(image, Buffer.alloc(32 * 1024 * 1024));
  execFileSync("mkfs.ext4", ["-q", "-L", "hub-data", "-d", tree, image], { env: { PATH: sbin }, stdio: "pipe" });
  return image;
}

const toNfs = (image: string) =>
  inNamespace(
    image,
    `uid=1000\ngid=100\n${renderHomesToNotebookUid({ uidVar: "uid", gidVar: "gid", log: "log", root: "$MNT" })}`,
  );
const toTljh = (image: string) =>
  inNamespace(
    image,
    `HOMES="$MNT/home"\n${renderRestoreAccounts()}\n${renderHomesOwnedByTljh("$MNT")}
for u in jupyter-alice jupyter-bob; do echo "account: $(getent passwd "$u" | cut -d: -f1,3,4)"; done`,
    { privateEtc: true },
  );

/** The snapshot without owners, and the owners of the homes' entries apart. */
const shape = (s: Record<string, Entry>) =>
  Object.fromEntries(
    Object.entries(s)
      .filter(([p]) => p !== ".jetstream-home-owner")
      .map(([p, e]) => [p, { mode: e.mode, type: e.type, content: e.content }]),
  );
const ownersUnder = (s: Record<string, Entry>, prefix: string) => [
  ...new Set(
    Object.entries(s)
      .filter(([p]) => p === prefix || p.startsWith(`${prefix}/`))
      .map(([, e]) => `${e.uid}:${e.gid}`),
  ),
];
const owners = (s: Record<string, Entry>, paths: string[]) => paths.map((p) => `${p} ${s[p].uid}:${s[p].gid}`);

(ready ? describe : describe.skip)("switching a home volume between the shapes, on a real ext4 image", () => {
  let image: string;
  let before: Record<string, Entry>;
  beforeAll(() => {
    image = tljhVolume();
    before = snapshot(image);
  });

  test("single server -> Kubernetes -> single server -> Kubernetes: files, modes and links survive; owners follow", () => {
    const hostnameOwner = fs.lstatSync("/etc/hostname").uid;

    // To the NFS server: every home belongs to the notebook uid; nothing else changes.
    expect(toNfs(image)).toContain("log: handed 2 home(s) to 1000:100");
    const nfs = snapshot(image);
    expect(shape(nfs)).toEqual(shape(before));
    expect(ownersUnder(nfs, "home/jupyter-alice")).toEqual(["1000:100"]);
    expect(ownersUnder(nfs, "home/jupyter-bob")).toEqual(["1000:100"]);
    expect(owners(nfs, ["home", "home/ubuntu/.ssh/authorized_keys", "tljh-state/jupyterhub.sqlite"])).toEqual([
      "home 1000:100",
      "home/ubuntu/.ssh/authorized_keys 1000:1000",
      "tljh-state/jupyterhub.sqlite 0:0",
    ]);
    expect(fs.lstatSync("/etc/hostname").uid).toBe(hostnameOwner);
    expect(nfs[".jetstream-home-owner"]).toBeDefined();

    // Again (a second boot of the same server): nothing to hand over.
    expect(toNfs(image)).not.toContain("handed");
    expect(snapshot(image)).toEqual(nfs);

    // Back to a single server: each user gets an account of their own again, and their home with it.
    const out = toTljh(image);
    const accounts = Object.fromEntries(
      [...out.matchAll(/^account: (jupyter-\w+):(\d+):(\d+)$/gm)].map((m) => [m[1], `${m[2]}:${m[3]}`]),
    );
    expect(Object.keys(accounts).sort()).toEqual(["jupyter-alice", "jupyter-bob"]);
    expect(accounts["jupyter-alice"]).not.toEqual(accounts["jupyter-bob"]);
    const tljh = snapshot(image);
    expect(shape(tljh)).toEqual(shape(before));
    expect(ownersUnder(tljh, "home/jupyter-alice")).toEqual([accounts["jupyter-alice"]]);
    expect(ownersUnder(tljh, "home/jupyter-bob")).toEqual([accounts["jupyter-bob"]]);
    expect(fs.lstatSync("/etc/hostname").uid).toBe(hostnameOwner);

    // And to Kubernetes once more: the owner mark says TLJH had them, so they are handed over again.
    expect(toNfs(image)).toContain("log: handed 2 home(s) to 1000:100");
    expect(ownersUnder(snapshot(image), "home/jupyter-alice")).toEqual(["1000:100"]);
  });
});
