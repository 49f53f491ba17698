import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { BACKUP_NOTICE_FILE, BACKUP_UNIT } from "../../lib/home-backups/backup-script";
import { isRoot, runsAsRoot } from "../support/programs";
import { backupSandbox, BackupSandbox, generateHomes, manifest, rootEntry } from "../support/restic";

// The backup script that cloud-init writes (renderBackupScript), run as it is with Debian's restic (0.14.0 on
// Debian 12; .ci/run installs it, and the integration tier checks for it) against a local repository
// (RESTIC_REPOSITORY is a folder), over a generated tree of homes. As root (CI), the homes belong to other uids
// first, so restoring ownership is proven too.
describe("the HomeBackups script with the real restic", () => {
  let box: BackupSandbox;
  afterEach(() => box?.cleanup());

  test("backs up, and restores one user's home and then the whole volume byte for byte", () => {
    box = backupSandbox();
    const users = generateHomes(box.volume);
    const before = manifest(box.volume);
    if (isRoot) expect(before["home/jupyter-bob"]).toMatch(/ uid=2002 gid=3002$/);

    const first = box.run(["backup"]);
    expect(first).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^jetstream-home-backup: backup ok: snapshot [0-9a-f]{8} /m),
    });
    const status = box.status();
    expect(status).toMatchObject({ result: "ok", snapshot: expect.stringMatching(/^[0-9a-f]{8}$/) });

    // Alice deletes a notebook and overwrites another; Bob's whole home goes.
    const alice = path.join(box.volume, "home", users[0]);
    const aliceBefore = manifest(alice);
    fs.rmSync(path.join(alice, "notebook 0.ipynb"));
    fs.writeFileSync(path.join(alice, "notebook 4.ipynb"), "oops");
    fs.rmSync(path.join(box.volume, "home", users[1]), { recursive: true });

    // One user's folder at a point in time (the snapshot id from `snapshots`), into a new folder beside the homes.
    const restoredAlice = path.join(box.volume, "home", `${users[0]}.restored`);
    const one = box.run(["restore", status.snapshot, restoredAlice, `home/${users[0]}`]);
    expect(one.stderr).toBe("");
    expect(one.code).toBe(0);
    expect(manifest(restoredAlice)).toEqual(aliceBefore);
    expect(rootEntry(restoredAlice)).toBe(before[`home/${users[0]}`].replace(/^dir /, ""));
    expect(fs.readdirSync(path.join(box.volume, "home")).filter((n) => n.startsWith(".restore"))).toEqual([]);

    // The whole volume after a disaster: into a new volume's mount point, empty but for mkfs's lost+found.
    const newVolume = path.join(box.dir, "new-volume");
    fs.mkdirSync(path.join(newVolume, "lost+found"), { recursive: true });
    const whole = box.run(["restore", "latest", newVolume]);
    expect(whole.code).toBe(0);
    expect(manifest(newVolume)).toEqual(before);
    expect(rootEntry(newVolume)).toBe(rootEntry(box.volume));

    // A restore never writes over data: an existing, non-empty target is refused.
    const refused = box.run(["restore", "latest", alice, `home/${users[0]}`]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/exists and is not an empty folder/);
  });

  test("refuses to back up an unmounted volume, records the failure, and the check tells the admins", () => {
    box = backupSandbox({ requireMountpoint: true });
    generateHomes(box.volume, 2);
    const run = box.run(["backup"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/backup FAILED: .*volume is not mounted; backing up the empty folder/);
    expect(box.status()).toMatchObject({ result: "failed" });
    expect(fs.existsSync(path.join(box.settings.repository, "snapshots"))).toBe(false);

    const check = box.run(["check"]);
    expect(check.code).toBe(1);
    const notice = fs.readFileSync(path.join(box.settings.motdDir, BACKUP_UNIT), "utf8");
    expect(notice).toMatch(/^HOME BACKUPS NEED ATTENTION .*the last backup failed at .*is not mounted/);
    expect(notice).toContain(`journalctl -t ${BACKUP_UNIT}`);
  });

  test("a wrong repository password fails the backup; a good run clears the notice; an old success is overdue", () => {
    box = backupSandbox({ overdueSeconds: 3600 }, { initialised: true });
    generateHomes(box.volume, 2);
    expect(box.run(["backup"]).code).toBe(0);
    const passwordFile = path.join(box.settings.secretsDir, "repository-password");
    fs.writeFileSync(passwordFile, "not-the-password");
    const bad = box.run(["backup"]);
    expect(bad.code).toBe(1);
    expect(box.status().message).toMatch(/cannot open or create the repository|wrong password/);
    expect(box.run(["check"]).code).toBe(1);
    expect(fs.existsSync(path.join(box.settings.motdDir, BACKUP_UNIT))).toBe(true);

    fs.writeFileSync(passwordFile, "canary-repository-password");
    expect(box.run(["backup"]).code).toBe(0);
    const healthy = box.run(["check"]);
    expect(healthy).toMatchObject({ code: 0, stdout: expect.stringMatching(/healthy: last backup /) });
    expect(fs.existsSync(path.join(box.settings.motdDir, BACKUP_UNIT))).toBe(false);

    // The clock moves on two hours without a backup (the last success is a Unix time in the state folder).
    fs.writeFileSync(path.join(box.settings.stateDir, "last-success"), `${Math.floor(Date.now() / 1000) - 7200}\n`);
    const overdue = box.run(["check"]);
    expect(overdue.code).toBe(1);
    expect(overdue.stderr).toMatch(/^jetstream-home-backup: PROBLEM: no successful backup for 2 hours \(allowed: 1\)/);
    // Under systemd (JOURNAL_STREAM set), the same line carries the error priority, for `journalctl -p err`.
    expect(box.run(["check"], { JOURNAL_STREAM: "8:12345" }).stderr).toMatch(/^<3>jetstream-home-backup: PROBLEM: /);
  });

  // The admins' homes are found through the system's user database: the check runs in a private mount namespace
  // (as root only) where /etc/group and /etc/passwd are copies that name two admins, one of them without a home.
  (runsAsRoot("the admin notice test") ? test : test.skip)(
    "a problem puts a notice into each admin's home, and a good run takes it away",
    () => {
      box = backupSandbox({ adminGroup: "jupyterhub-admins" }, { initialised: true });
      const users = generateHomes(box.volume, 2);
      const homeOf = (u: string) => path.join(box.volume, "home", u);
      const group = path.join(box.dir, "group");
      const passwd = path.join(box.dir, "passwd");
      fs.writeFileSync(
        group,
        `${fs.readFileSync("/etc/group", "utf8")}jupyterhub-admins:x:4999:${users[0]},${users[1]}\n`,
      );
      fs.writeFileSync(
        passwd,
        fs.readFileSync("/etc/passwd", "utf8") +
          `${users[0]}:x:2001:3001::${homeOf(users[0])}:/bin/sh\n` +
          `${users[1]}:x:2002:3002::${path.join(box.dir, "gone")}:/bin/sh\n`,
      );
      const check = () =>
        spawnSync(
          "unshare",
          [
            "--mount",
            "sh",
            "-c",
            'mount --bind "$1" /etc/group && mount --bind "$2" /etc/passwd && exec "$3" check',
            "-",
            group,
            passwd,
            box.script,
          ],
          { env: { ...process.env, JETSTREAM_BACKUP_CONFIG: box.config }, encoding: "utf8" },
        );
      fs.mkdirSync(box.settings.stateDir);
      fs.writeFileSync(
        path.join(box.settings.stateDir, "status"),
        "result=failed\nfinished=then\nmessage=disk on fire\n",
      );
      expect(check().status).toBe(1);
      const notice = path.join(homeOf(users[0]), BACKUP_NOTICE_FILE);
      expect(fs.readFileSync(notice, "utf8")).toMatch(
        /^HOME BACKUPS NEED ATTENTION .*the last backup failed at then: disk on fire/,
      );
      expect(fs.statSync(notice).mode & 0o777).toBe(0o644);
      expect(fs.existsSync(path.join(box.dir, "gone"))).toBe(false);
      // The notice is not backed up, so it never comes back with a restore.
      expect(box.run(["backup"]).code).toBe(0);
      const listed = box.run(["restic", "ls", "latest"]).stdout;
      expect(listed).toContain(`home/${users[0]}/work`);
      expect(listed).not.toContain(BACKUP_NOTICE_FILE);
      expect(check().status).toBe(0);
      expect(fs.existsSync(notice)).toBe(false);
    },
  );

  test("retention keeps what restic's documented policy keeps, over snapshots taken with a fake clock", () => {
    box = backupSandbox({ keepDaily: 7, keepWeekly: 4, keepMonthly: 3 }, { initialised: true });
    fs.writeFileSync(path.join(box.volume, "notes.txt"), "day 0\n");
    // Every sixth night from July, then nightly for the last nine, with a second run on two days: 26 snapshots
    // (the repository is re-keyed with cheap scrypt parameters, so each run costs tens of milliseconds).
    const times: string[] = [];
    const at = (day: number, hhmm: string) =>
      times.push(`${new Date(Date.UTC(2026, 6, 2 + day)).toISOString().slice(0, 10)} ${hhmm}:00`);
    for (let day = 0; day < 87; day += 6) at(day, "02:30");
    for (let day = 88; day < 97; day++) at(day, "02:30");
    at(90, "14:00");
    at(96, "14:00");
    for (const time of times) {
      fs.appendFileSync(path.join(box.volume, "notes.txt"), `${time}\n`);
      expect(box.run(["backup"], { BACKUP_TIME: time, TZ: "UTC" }).code).toBe(0);
    }
    const prune = box.run(["prune"], { TZ: "UTC" });
    expect(prune).toMatchObject({ code: 0, stdout: expect.stringMatching(/prune ok: \d+ snapshots kept/) });
    expect(box.status("prune-status")).toMatchObject({ result: "ok" });
    const listed = box.run(["restic", "snapshots", "--json"], { TZ: "UTC" });
    const kept = (JSON.parse(listed.stdout) as { time: string }[]).map((s) => s.time.slice(0, 19).replace("T", " "));
    expect(kept.length).toBeLessThan(times.length);
    expect(kept.sort()).toEqual(expectedKept(times, { daily: 7, weekly: 4, monthly: 3 }));
    expect(box.status("prune-status").snapshots).toBe(String(kept.length));
  }, 120000);
});

// restic's forget policy as documented (https://restic.readthedocs.io/en/v0.14.0/060_forget.html, and
// doc/060_forget.rst in the Debian package): from the newest snapshot back, each --keep-<unit> N keeps the newest
// snapshot of each of the last N <units> that have snapshots; a snapshot is kept when any rule keeps it. Weeks
// are ISO weeks.
function expectedKept(times: string[], keep: { daily: number; weekly: number; monthly: number }): string[] {
  const isoWeek = (t: Date) => {
    const d = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
    d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
    const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
    return `${d.getUTCFullYear()}-W${Math.ceil(((d.getTime() - yearStart) / 86400000 + 1) / 7)}`;
  };
  const rules = [
    { left: keep.daily, bucket: (t: Date) => t.toISOString().slice(0, 10), last: "" },
    { left: keep.weekly, bucket: isoWeek, last: "" },
    { left: keep.monthly, bucket: (t: Date) => t.toISOString().slice(0, 7), last: "" },
  ];
  const kept: string[] = [];
  for (const time of [...times].sort().reverse()) {
    const t = new Date(`${time.replace(" ", "T")}Z`);
    let keepIt = false;
    for (const rule of rules) {
      if (rule.left > 0 && rule.bucket(t) !== rule.last) {
        rule.last = rule.bucket(t);
        rule.left--;
        keepIt = true;
      }
    }
    if (keepIt) kept.push(time);
  }
  return kept.sort();
}

test("the notice file name is what the docs tell admins to look for", () => {
  const doc = fs.readFileSync(path.resolve(__dirname, "..", "..", "docs", "home-backups.md"), "utf8");
  expect(doc).toContain(BACKUP_NOTICE_FILE);
  expect(doc).toContain(`journalctl -t ${BACKUP_UNIT}`);
});
