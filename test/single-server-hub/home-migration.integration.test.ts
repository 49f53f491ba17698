import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HUB_DATA, renderHomeMigration } from "../../lib/single-server-hub/cloud-init";
import { runsAsRoot } from "../support/programs";

// Steps 4-6 of the TLJH first-boot script, run for real as root in a private mount namespace (unshare -m): tmpfs
// over /home, /srv, /opt and /run, and a scratch copy of /etc bound over /etc, so useradd, fstab and the mounts
// touch nothing outside the namespace. The image has homes of every kind (a folder, a symlink, a home on its own
// disk, and /home itself on its own partition), and the volume from an earlier VM has homes that are folders and
// symlinks, one owned by ids the image already uses.

// Needs root (mounts, useradd, chown to other ids).
const canRun = runsAsRoot("the home migration tests");

function migrate(): { code: number; out: string; facts: Record<string, string> } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "home-migration-"));
  const script = `set -eu
R=${root}
cp -a /etc "$R/etc"
mount --bind "$R/etc" /etc
: > /etc/fstab
for d in /home /srv /opt /run; do mount -t tmpfs tmpfs "$d"; done

# The image: /home on its own partition (a tmpfs), with a folder, a symlink and a mount point.
mkdir -p /home/ubuntu/.ssh && echo key > /home/ubuntu/.ssh/authorized_keys
mkdir -p "$R/elsewhere/rocky" && echo notes > "$R/elsewhere/rocky/notes"
ln -s "$R/elsewhere/rocky" /home/rocky
mkdir /home/disk && mount -t tmpfs tmpfs /home/disk && echo mine > /home/disk/on-own-disk

# The volume from an earlier VM, mounted at DATA.
DATA=${HUB_DATA.mount}
HOMES=${HUB_DATA.home}
STATE=${HUB_DATA.state}
mkdir -p "$HOMES" "$STATE"
mkdir "$HOMES/jupyter-alice" && chown 1500:1500 "$HOMES/jupyter-alice"
mkdir -p "$R/bob" && echo b > "$R/bob/work" && chown -R 1600:1600 "$R/bob" && ln -s "$R/bob" "$HOMES/jupyter-bob"
mkdir -p "$R/carol" && echo c > "$R/carol/work" && ln -s "$R/carol" "$HOMES/jupyter-carol"
log() { echo "log: $*"; }

${renderHomeMigration()}
fact() { echo "fact $1=$2"; }
fact home-is-volume "$([ "$(stat -c %d:%i /home)" = "$(stat -c %d:%i "$HOMES")" ] && echo yes || echo no)"
fact ubuntu-key "$(cat /home/ubuntu/.ssh/authorized_keys)"
fact rocky-notes "$(cat /home/rocky/notes)"
fact disk-file "$(cat /home/disk/on-own-disk)"
fact disk-mounted "$(mountpoint -q /home/disk && echo yes || echo no)"
echo later > /home/disk/written-later
fact disk-not-copied "$([ -e "$HOMES/disk/on-own-disk" ] || [ -e "$HOMES/disk/written-later" ] && echo no || echo yes)"
fact alice "$(id -u jupyter-alice):$(id -g jupyter-alice)"
fact bob "$(id -u jupyter-bob):$(id -g jupyter-bob)"
fact bob-work "$(stat -c %u "$R/bob/work")"
fact carol-owner "$(stat -c %U "$R/carol"):$(stat -c %U "$R/carol/work")"
fact bob-link "$(readlink "$HOMES/jupyter-bob")"
fact fstab "$(grep -c ' /home none bind' /etc/fstab)"
fact state "$(mountpoint -q /opt/tljh/state && echo yes || echo no)"

# A second run (by hand, after a failed first boot) must change nothing.
${renderHomeMigration()}
fact rerun-fstab "$(grep -c ' /home none bind' /etc/fstab)"
fact rerun-disk "$(cat /home/disk/written-later)"
`;
  const r = spawnSync("unshare", ["-m", "--propagation", "private", "sh", "-c", script], {
    encoding: "utf8",
    env: { PATH: `/usr/sbin:/sbin:${process.env.PATH}` },
  });
  fs.rmSync(root, { recursive: true, force: true });
  const facts: Record<string, string> = {};
  for (const line of r.stdout.split("\n")) {
    const m = /^fact ([\w-]+)=(.*)$/.exec(line);
    if (m) facts[m[1]] = m[2];
  }
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}`, facts };
}

(canRun ? describe : describe.skip)("the first-boot home migration, run for real (root, unshare)", () => {
  const result = canRun ? migrate() : { code: -1, out: "", facts: {} as Record<string, string> };

  test("completes, twice, with /home bound to the volume once", () => {
    expect(result.out).not.toMatch(/No such file|cannot|failed/i);
    expect(result.code).toBe(0);
    expect(result.facts).toMatchObject({ "home-is-volume": "yes", fstab: "1", "rerun-fstab": "1", state: "yes" });
  });

  test("carries the image's homes although /home was a partition of its own", () => {
    // The former rule skipped every image home whenever /home was a mount point.
    expect(result.facts["ubuntu-key"]).toBe("key");
  });

  test("keeps a symlinked home reachable through the same link", () => {
    expect(result.facts["rocky-notes"]).toBe("notes");
  });

  test("binds a home on its own disk back over the volume, never a stale copy", () => {
    expect(result.facts).toMatchObject({
      "disk-file": "mine",
      "disk-mounted": "yes",
      "disk-not-copied": "yes",
      "rerun-disk": "later",
    });
    expect(result.out).toContain("log: /home/disk is a mount point");
  });

  test("recreates accounts from the ids of the homes, through symlinks", () => {
    expect(result.facts).toMatchObject({ alice: "1500:1500", bob: "1600:1600", "bob-work": "1600" });
    expect(result.facts["bob-link"]).toMatch(/\/bob$/);
  });

  test("a symlinked home owned by ids the image uses is re-owned through the link, not the link alone", () => {
    expect(result.out).toContain("log: the ids of jupyter-carol are taken on this image");
    expect(result.facts["carol-owner"]).toBe("jupyter-carol:jupyter-carol");
  });
});
