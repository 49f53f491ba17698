import { execFileSync, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { BackupWeekday } from "../../lib";
import { BACKUP_PATHS, BACKUP_SECRET_FILES, renderBackupScript } from "../../lib/home-backups/backup-script";
import { instanceUserData } from "../single-server-hub/fixtures";
import { asRendered, cloudInitSchema } from "../support/cloud-init-cli";
import { backupSandbox } from "../support/restic";
import { synth } from "../support/synth";
import { cloudConfigOf, fileIn, hubWithBackups, nfsWithBackups } from "./fixtures";

// What HomeBackups writes, read by the real programs that read it on the VM: cloud-init, systemd and restic.

test.each([
  ["the single-server hub", () => hubWithBackups().stack],
  ["the NFS home server", () => nfsWithBackups().stack],
])("cloud-init schema accepts the user data with backups on %s", async (_, build) => {
  const result = await cloudInitSchema(asRendered(instanceUserData(synth(build()))));
  expect(result).toEqual({ code: 0, out: expect.stringMatching(/^Valid cloud-config: /) });
});

test("systemd reads every timer's OnCalendar expression", () => {
  const config = cloudConfigOf(synth(hubWithBackups({ pruneWeekday: BackupWeekday.MONDAY }).stack));
  const expressions = config.write_files
    .filter((f: any) => f.path.endsWith(".timer"))
    .map((f: any) => /OnCalendar=(.*)\n/.exec(f.content)![1]);
  expect(expressions).toEqual(["*-*-* 02:30:00", "Mon *-*-* 04:30:00", "hourly"]);
  for (const e of [...expressions, "*-*-* 25:00:00"]) {
    const r = spawnSync("systemd-analyze", ["calendar", e], { encoding: "utf8" });
    expect([e, r.status === 0]).toEqual([e, e !== "*-*-* 25:00:00"]);
  }
});

// restic's own documentation of the Debian package that .ci/run installs (restic 0.14.0:
// /usr/share/doc/restic/html/_sources/040_backup.rst.txt, "Environment Variables", and
// 030_preparing_a_new_repo.rst.txt, "Minio Server", for S3-compatible stores).
const RESTIC_DOCS = "/usr/share/doc/restic/html/_sources";
describe("the S3 settings, against restic's documentation and binary", () => {
  test("restic is the documented version", () => {
    expect(execFileSync("restic", ["version"], { encoding: "utf8" })).toMatch(/^restic 0\.14\.0 /);
  });

  test("every variable the script gives restic is one restic documents", () => {
    const doc = fs.readFileSync(path.join(RESTIC_DOCS, "040_backup.rst.txt"), "utf8");
    const section = doc.slice(doc.indexOf("Environment Variables"));
    const documented = new Set([...section.matchAll(/^ {4}([A-Z][A-Z0-9_]+) {2,}\S/gm)].map((m) => m[1]));
    expect(documented.has("AWS_ACCESS_KEY_ID")).toBe(true);
    const script = renderBackupScript();
    const exported = new Set<string>();
    for (const m of script.matchAll(/\bexport ([^;\n]+)/g)) {
      for (const word of m[1].trim().split(/\s+/)) {
        const name = /^([A-Z_][A-Z0-9_]*)(=|$)/.exec(word);
        if (name) exported.add(name[1]);
      }
    }
    expect([...exported].sort()).toEqual([
      "AWS_ACCESS_KEY_ID",
      "AWS_DEFAULT_REGION",
      "AWS_SECRET_ACCESS_KEY",
      "RESTIC_CACHE_DIR",
      "RESTIC_PASSWORD_FILE",
      "RESTIC_REPOSITORY",
    ]);
    expect([...exported].filter((v) => !documented.has(v))).toEqual([]);
  });

  test("the repository has the documented s3:<scheme>://<host>:<port>/<bucket>/<path> form", () => {
    const doc = fs.readFileSync(path.join(RESTIC_DOCS, "030_preparing_a_new_repo.rst.txt"), "utf8");
    expect(doc).toContain("$ ./restic -r s3:http://localhost:9000/restic init");
    const config = cloudConfigOf(synth(hubWithBackups().stack));
    const repository = /RESTIC_REPOSITORY='([^']*)'/.exec(fileIn(config, BACKUP_PATHS.config).content)![1];
    expect(repository).toMatch(/^s3:https:\/\/[a-z0-9.-]+:\d+\/[a-z0-9.-]+\/[A-Za-z0-9._/-]+$/);
  });

  test("the real restic takes the settings as an S3 repository and reaches for the endpoint", async () => {
    // A local listener that answers in plain HTTP: restic must get as far as connecting to the configured host and
    // port and asking for the bucket (not stop at parsing the repository or the credentials), then fails at once.
    // (A closed port made restic retry for half a minute.)
    const connections: string[] = [];
    const server = net.createServer((socket) => {
      connections.push(`${socket.localAddress}:${socket.localPort}`);
      socket.on("data", () => undefined);
      socket.end("HTTP/1.1 400 Bad Request\r\n\r\n");
    });
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    const port = (server.address() as net.AddressInfo).port;
    const box = backupSandbox({
      repository: `s3:https://127.0.0.1:${port}/cis230085-home-backups/gw-hub`,
      region: "IU",
    });
    try {
      fs.writeFileSync(path.join(box.settings.secretsDir, BACKUP_SECRET_FILES.accessKeyId), "AKIAEXAMPLE");
      fs.writeFileSync(path.join(box.settings.secretsDir, BACKUP_SECRET_FILES.secretAccessKey), "example-secret");
      const code = await new Promise((exited) =>
        spawn(box.script, ["backup"], {
          env: { ...process.env, JETSTREAM_BACKUP_CONFIG: box.config, RESTIC_PROGRESS_FPS: "0" },
          stdio: "ignore",
        }).once("exit", exited),
      );
      expect(code).toBe(1);
      expect(connections[0]).toBe(`127.0.0.1:${port}`);
      const log = fs.readFileSync(path.join(box.settings.stateDir, "last-run.log"), "utf8");
      expect(log).toContain(`BucketExists: Head "https://127.0.0.1:${port}/cis230085-home-backups/"`);
      expect(log).not.toMatch(/invalid backend|unable to parse|no credentials/i);
    } finally {
      box.cleanup();
      server.close();
    }
  });
});
