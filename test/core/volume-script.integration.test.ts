import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BLANK_HEAD_MIB, renderPrepareVolume } from "../../lib/core/volume-script";
import { SBIN_PATH } from "../support/programs";

// The rule that protects user data, run for real: disk images in a temporary folder stand in for the attached
// volume, and a folder of links stands in for /dev/disk/by-id.

const SERIAL = "0123456789abcdef0123";

function prepare(image: string, linkName: string): { code: number; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "by-id-"));
  fs.symlinkSync(image, path.join(dir, linkName));
  const script = `set -eu
log() { echo "$*"; }
SERIAL=${SERIAL}
${renderPrepareVolume({ serialVar: "SERIAL", deviceVar: "DEVICE", label: "home", log: "log", byIdDir: dir })}
echo "device=$DEVICE"
`;
  const r = spawnSync("sh", ["-c", script], { encoding: "utf8", env: { PATH: SBIN_PATH } });
  fs.rmSync(dir, { recursive: true, force: true });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

function image(setup?: (file: string) => void): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "volume-")), "disk.img");
  fs.writeFileSync(file, Buffer.alloc(16 * 1024 * 1024));
  setup?.(file);
  return file;
}

const sbin = { env: { PATH: SBIN_PATH }, stdio: "pipe" as const };
const typeOf = (file: string) =>
  execFileSync("blkid", ["-p", "-o", "value", "-s", "TYPE", file], { ...sbin, encoding: "utf8" }).trim();

describe("preparing a data volume at first boot", () => {
  test("formats a blank volume found under its SCSI link (Jetstream2's disks)", async () => {
    const disk = image();
    const r = prepare(disk, `scsi-0QEMU_QEMU_HARDDISK_${SERIAL}`);
    expect(r).toEqual({ code: 0, out: expect.stringContaining(`device=${disk}`) });
    expect(r.out).toContain("formatting the new volume");
    expect(typeOf(disk)).toBe("ext4");
  });

  test("leaves a volume with a filesystem untouched (virtio-blk link)", async () => {
    const disk = image((f) => execFileSync("mkfs.ext4", ["-q", "-L", "data", f], sbin));
    fs.appendFileSync(disk, ""); // keep the mtime check honest: compare bytes instead
    const before = fs.readFileSync(disk);
    const r = prepare(disk, `virtio-${SERIAL}`);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("formatting");
    expect(fs.readFileSync(disk).equals(before)).toBe(true);
  });

  test("refuses a volume with a partition table, and formats nothing", async () => {
    const disk = image((f) => execFileSync("sfdisk", ["-q", f], { ...sbin, input: "label: gpt\n,,L\n" }));
    const before = fs.readFileSync(disk);
    const r = prepare(disk, `scsi-0QEMU_QEMU_HARDDISK_${SERIAL}`);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/found something other than one ext4 filesystem .* leaving it untouched/);
    expect(fs.readFileSync(disk).equals(before)).toBe(true);
  });

  test("never formats an ext4 whose primary superblock is damaged, and stops the boot", async () => {
    // A recoverable filesystem: the primary superblock (bytes 1024-2047, e2fsprogs' layout) is gone, the backups
    // and every inode are intact. blkid reads only the primary, so it reports nothing, as on a blank disk.
    const disk = image((f) => {
      execFileSync("mkfs.ext4", ["-q", "-L", "data", f], sbin);
      const fd = fs.openSync(f, "r+");
      fs.writeSync(fd, Buffer.alloc(1024), 0, 1024, 1024);
      fs.closeSync(fd);
    });
    expect(spawnSync("blkid", ["-p", disk], sbin).status).toBe(2); // what the old rule formatted
    const before = fs.readFileSync(disk);
    const r = prepare(disk, `scsi-0QEMU_QEMU_HARDDISK_${SERIAL}`);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/has no filesystem signature but is not blank .* leaving it untouched and stopping/);
    expect(r.out).not.toContain("device=");
    expect(fs.readFileSync(disk).equals(before)).toBe(true);
    // And it really was recoverable from a backup superblock, which a format would have destroyed.
    const copy = `${disk}.fsck`;
    fs.copyFileSync(disk, copy);
    const fsck = spawnSync("e2fsck", ["-f", "-y", "-b", "8193", copy], sbin);
    expect(fsck.status === 0 || fsck.status === 1).toBe(true);
    expect(typeOf(copy)).toBe("ext4");
  });

  test("never formats a disk with no signature whose last MiB holds data (a backup GPT header)", () => {
    const disk = image((f) => {
      const fd = fs.openSync(f, "r+");
      fs.writeSync(fd, Buffer.from("EFI PART"), 0, 8, 16 * 1024 * 1024 - 512);
      fs.closeSync(fd);
    });
    const before = fs.readFileSync(disk);
    const r = prepare(disk, `virtio-${SERIAL}`);
    expect(r.code).toBe(1);
    expect(r.out).toContain("(8 non-zero bytes in its first 8 MiB and last 1 MiB)");
    expect(fs.readFileSync(disk).equals(before)).toBe(true);
  });

  test("skips partition links when looking for the disk", () => {
    const text = renderPrepareVolume({ serialVar: "S", deviceVar: "D", label: "x", log: "echo" });
    expect(text).toContain('case "$link" in *-part*) continue ;; esac');
    expect(text).not.toContain("${");
    expect(text).toContain(`count=${BLANK_HEAD_MIB}`);
  });
});
