import * as fs from "fs";
import * as path from "path";
import Ajv04 from "ajv-draft-04";
import { Testing } from "cdktf";
import { load } from "js-yaml";
import { BackupWeekday, ClusterHomeStorage, Duration, HomeBackupsProps, NfsHomeServer } from "../../lib";
import {
  BACKUP_PATHS,
  BACKUP_SECRET_FILES,
  renderBackupConfig,
  renderBackupScript,
} from "../../lib/home-backups/backup-script";
import { HUB_DATA } from "../../lib/single-server-hub/cloud-init";
import { expectClearRejection } from "../support/bad-input";
import { asRendered } from "../support/cloud-init-cli";
import { describeWithSchema } from "../support/schemas";
import { newStack, resources, synth } from "../support/synth";
import { synthMagnum } from "../kubernetes-on-jetstream/support";
import { backups, cloudConfigOf, fileIn, hubWithBackups, nfsWithBackups } from "./fixtures";
import { clusterStack, instanceUserData } from "../single-server-hub/fixtures";

const CANARIES: Record<string, string> = {
  backup_access_key: "CANARY-access-key-0b1c",
  backup_secret_key: "CANARY-secret-key-9d8e",
  backup_repository_password: "CANARY-repository-password-4f5a",
};

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe.each([
  ["the single-server hub", () => hubWithBackups().stack, HUB_DATA.mount, "gw-hub", "jupyterhub-admins"],
  ["the NFS home server", () => nfsWithBackups().stack, "/export/home", "gw-nfs", ""],
])("HomeBackups on %s", (_, build, backupPath, host, adminGroup) => {
  beforeAll(() => {
    for (const [name, value] of Object.entries(CANARIES)) process.env[`TF_VAR_${name}`] = process.env[name] = value;
  });
  afterAll(() => {
    for (const name of Object.keys(CANARIES)) {
      delete process.env[`TF_VAR_${name}`];
      delete process.env[name];
    }
  });

  test("no secret is in any synthesized file; each reaches the VM as a reference, in a root-only file", () => {
    const stack = build();
    const files = filesUnder(Testing.fullSynth(stack));
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      for (const canary of Object.values(CANARIES)) expect([file, text.includes(canary)]).toEqual([file, false]);
    }
    const doc = synth(stack);
    const config = cloudConfigOf(doc);
    const secrets: [string, string][] = [
      [BACKUP_SECRET_FILES.accessKeyId, "backup_access_key"],
      [BACKUP_SECRET_FILES.secretAccessKey, "backup_secret_key"],
      [BACKUP_SECRET_FILES.repositoryPassword, "backup_repository_password"],
    ];
    for (const [file, variable] of secrets) {
      expect(doc.variable[variable]).toMatchObject({ sensitive: true, type: "string" });
      expect(fileIn(config, `${BACKUP_PATHS.secrets}/${file}`)).toEqual({
        path: `${BACKUP_PATHS.secrets}/${file}`,
        owner: "root:root",
        permissions: "0600",
        encoding: "b64",
        content: `\${base64encode(var.${variable})}`,
      });
    }
    expect(fileIn(config, BACKUP_PATHS.config)).toMatchObject({ permissions: "0600" });
    expect(fileIn(config, BACKUP_PATHS.config).content).not.toMatch(/var\.|TfToken/);
    expect(config.runcmd).toContainEqual(["chmod", "0700", "/etc/jetstream-home-backup", BACKUP_PATHS.secrets]);
  });

  test("writes the very script the tests run, the settings, and starts the timers after the volume is mounted", () => {
    const config = load(asRendered(instanceUserData(synth(build())))) as any;
    expect(fileIn(config, BACKUP_PATHS.script)).toMatchObject({ permissions: "0700", content: renderBackupScript() });
    const settings = fileIn(config, BACKUP_PATHS.config).content;
    expect(settings).toBe(
      renderBackupConfig({
        backupPath,
        requireMountpoint: true,
        host,
        repository: `s3:https://js2.jetstream-cloud.org:8001/cis230085-home-backups/${host}`,
        region: "IU",
        secretsDir: BACKUP_PATHS.secrets,
        stateDir: BACKUP_PATHS.state,
        keepDaily: 7,
        keepWeekly: 4,
        keepMonthly: 6,
        overdueSeconds: 36 * 3600,
        motdDir: BACKUP_PATHS.motd,
        adminGroup,
      }),
    );
    expect(config.packages).toContain("restic");
    const timers = [
      "jetstream-home-backup.timer",
      "jetstream-home-backup-prune.timer",
      "jetstream-home-backup-check.timer",
    ];
    const enable = config.runcmd.findIndex(
      (c: string[]) => c.join(" ") === `systemctl enable --now ${timers.join(" ")}`,
    );
    const setup = config.runcmd.findIndex((c: string[]) => /jetstream-(hub-setup|home-volume)$/.test(c[0]));
    expect(setup).toBeGreaterThanOrEqual(0);
    expect(enable).toBeGreaterThan(setup);
    const service = fileIn(config, "/etc/systemd/system/jetstream-home-backup.service").content;
    expect(service).toContain(`RequiresMountsFor=${backupPath}\n`);
    expect(service).toContain(`ExecStart=${BACKUP_PATHS.script} backup\n`);
    expect(service).toContain("SyslogIdentifier=jetstream-home-backup\n");
    expect(fileIn(config, "/etc/systemd/system/jetstream-home-backup.timer").content).toContain(
      "OnCalendar=*-*-* 02:30:00\n",
    );
    expect(fileIn(config, "/etc/systemd/system/jetstream-home-backup-prune.timer").content).toContain(
      "OnCalendar=Sun *-*-* 04:30:00\n",
    );
  });
});

describeWithSchema("cloud-config-26.2.schema.json", "user data with backups, cloud-init 26.2 schema", (schema) => {
  const validate = new Ajv04({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
  test.each([
    ["hub", () => hubWithBackups().stack],
    ["NFS server", () => nfsWithBackups().stack],
  ])("%s", (_, build) => {
    const doc = load(asRendered(instanceUserData(synth(build()))));
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });
});

test("the NFS home server of KubernetesOnJetstream backs up when ClusterHomeStorage.nfsServer has backups", () => {
  const doc = synthMagnum({ homeStorage: ClusterHomeStorage.nfsServer({ backups: backups(newStack("secrets")) }) });
  const [, nfs] = resources(doc, "openstack_compute_instance_v2").find(([, body]) =>
    String(body.user_data).includes("nfs-kernel-server"),
  )!;
  expect(nfs.user_data).toContain(BACKUP_PATHS.script);
  expect(doc.variable.backup_repository_password).toMatchObject({ sensitive: true });
});

test("settings reach the timers and the config", () => {
  const { stack } = hubWithBackups({
    backupTime: "23:05",
    pruneWeekday: BackupWeekday.WEDNESDAY,
    pruneTime: "06:00",
    keepDaily: 14,
    keepWeekly: 0,
    keepMonthly: 12,
    overdueAfter: Duration.hours(50),
    repositoryPath: "courses/fall",
    endpoint: "https://objects.example.org",
    region: "RegionOne",
  });
  const config = cloudConfigOf(synth(stack));
  expect(fileIn(config, "/etc/systemd/system/jetstream-home-backup.timer").content).toContain(
    "OnCalendar=*-*-* 23:05:00\n",
  );
  expect(fileIn(config, "/etc/systemd/system/jetstream-home-backup-prune.timer").content).toContain(
    "OnCalendar=Wed *-*-* 06:00:00\n",
  );
  const settings = fileIn(config, BACKUP_PATHS.config).content;
  expect(settings).toContain(
    "RESTIC_REPOSITORY='s3:https://objects.example.org/cis230085-home-backups/courses/fall'\n",
  );
  expect(settings).toContain("AWS_DEFAULT_REGION='RegionOne'\n");
  expect(settings).toContain("KEEP_DAILY='14'\nKEEP_WEEKLY='0'\nKEEP_MONTHLY='12'\n");
  expect(settings).toContain(`OVERDUE_SECONDS='${50 * 3600}'\n`);
});

describe("bad backup settings fail at synth time, naming the prop and the value", () => {
  const cases: [string, Partial<HomeBackupsProps>, string, unknown][] = [
    ["a literal access key", { accessKeyId: "AKIA123" as any }, "backups.accessKeyId", "a plain string"],
    ["a literal password", { repositoryPassword: "hunter2" as any }, "backups.repositoryPassword", "a plain string"],
    ["a bucket with capitals", { bucket: "My_Bucket" }, "backups.bucket", "My_Bucket"],
    ["a time past midnight", { backupTime: "24:30" }, "backups.backupTime", "24:30"],
    ["a time without minutes", { pruneTime: "4" }, "backups.pruneTime", "4"],
    ["a weekday name", { pruneWeekday: "Sunday" as any }, "backups.pruneWeekday", "Sunday"],
    ["no retention at all", { keepDaily: 0, keepWeekly: 0, keepMonthly: 0 }, "backups.keepDaily", 0],
    ["a negative keep", { keepWeekly: -1 }, "backups.keepWeekly", -1],
    ["a path that climbs", { repositoryPath: "../other-hub" }, "backups.repositoryPath", "../other-hub"],
    [
      "an http endpoint",
      { endpoint: "http://js2.jetstream-cloud.org:8001" },
      "backups.endpoint",
      "http://js2.jetstream-cloud.org:8001",
    ],
    ["an overdue of minutes", { overdueAfter: Duration.minutes(30) }, "backups.overdueAfter", "30m"],
  ];
  test.each(cases)("fails with %s", (_, change, prop, value) => {
    expectClearRejection(() => hubWithBackups(change), prop, value);
  });

  test("fails when backups is not a HomeBackups", () => {
    const { stack, cluster } = clusterStack();
    expectClearRejection(
      () =>
        new NfsHomeServer(stack, "Home", { cluster, clientCidrs: ["10.0.0.0/24"], backups: { bucket: "x" } as any }),
      "backups",
      "object",
    );
  });
});
