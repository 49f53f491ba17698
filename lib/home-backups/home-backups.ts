import { Fn } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { Secret } from "../core/secret";
import { Duration } from "../core/units";
import { Jetstream2StateBackend } from "../state-backend/jetstream2-state-backend";
import {
  checkBucketName,
  checkHttpsUrl,
  checkInteger,
  checkLiteral,
  checkNonEmpty,
  checkSeconds,
  fail,
} from "../core/validate";
import { BACKUP_PATHS, BackupCloudConfigParts, renderBackupCloudConfig } from "./backup-script";

/**
 * A day of the week, as systemd's `OnCalendar` spells it.
 *
 * @see https://www.freedesktop.org/software/systemd/man/latest/systemd.time.html#Calendar%20Events
 */
export enum BackupWeekday {
  /** Monday. */
  MONDAY = "Mon",
  /** Tuesday. */
  TUESDAY = "Tue",
  /** Wednesday. */
  WEDNESDAY = "Wed",
  /** Thursday. */
  THURSDAY = "Thu",
  /** Friday. */
  FRIDAY = "Fri",
  /** Saturday. */
  SATURDAY = "Sat",
  /** Sunday. */
  SUNDAY = "Sun",
}

/**
 * Props for `HomeBackups.toObjectStore`.
 */
export interface HomeBackupsProps {
  /**
   * The bucket (an object store container of your allocation) that holds the restic repository. Create it once:
   * `openstack container create <name>`.
   *
   * Tokens: accepted; written into the backup configuration as a reference.
   */
  readonly bucket: string;
  /**
   * The access key of EC2-style credentials (`openstack ec2 credentials create`), as a Secret.
   *
   * Tokens: n.a.; a Secret, which carries its own variable reference.
   */
  readonly accessKeyId: Secret;
  /**
   * The secret key of the same EC2-style credentials, as a Secret.
   *
   * Tokens: n.a.; a Secret, which carries its own variable reference.
   */
  readonly secretAccessKey: Secret;
  /**
   * The restic repository password: it encrypts every backup. Keep a copy outside the VM and outside the
   * allocation (a password manager): without it the backups cannot be read, by you or anyone.
   *
   * Tokens: n.a.; a Secret, which carries its own variable reference.
   */
  readonly repositoryPassword: Secret;
  /**
   * The folder of the repository inside the bucket.
   *
   * Tokens: refused; the path is checked at synth, so two servers never share a repository.
   *
   * @default - the VM's name, so one bucket can hold the backups of several hubs
   */
  readonly repositoryPath?: string;
  /**
   * The S3-compatible endpoint.
   *
   * Tokens: accepted; written into the backup configuration as a reference.
   *
   * @default "https://js2.jetstream-cloud.org:8001" (Jetstream2StateBackend.ENDPOINT)
   */
  readonly endpoint?: string;
  /**
   * The region name the object store answers to.
   *
   * Tokens: accepted; written into the backup configuration as a reference.
   *
   * @default "IU"
   */
  readonly region?: string;
  /**
   * When the nightly backup starts, `HH:MM` in the VM's time zone (UTC on Jetstream2's featured images).
   *
   * Tokens: refused; the time is checked and written into a systemd timer at synth.
   *
   * @default "02:30"
   */
  readonly backupTime?: string;
  /**
   * The day retention (`restic forget --prune`) runs.
   *
   * Tokens: n.a.; an enum value.
   *
   * @default BackupWeekday.SUNDAY
   */
  readonly pruneWeekday?: BackupWeekday;
  /**
   * When retention runs on `pruneWeekday`, `HH:MM`. Keep it clear of `backupTime`: prune locks the repository.
   *
   * Tokens: refused; the time is checked and written into a systemd timer at synth.
   *
   * @default "04:30"
   */
  readonly pruneTime?: string;
  /**
   * How many daily snapshots (the newest of each day) to keep.
   *
   * Tokens: refused; the retention is checked and written into the prune script at synth.
   *
   * @default 7
   * @see https://restic.readthedocs.io/en/v0.14.0/060_forget.html
   */
  readonly keepDaily?: number;
  /**
   * How many weekly snapshots (the newest of each week) to keep.
   *
   * Tokens: refused; the retention is checked and written into the prune script at synth.
   *
   * @default 4
   */
  readonly keepWeekly?: number;
  /**
   * How many monthly snapshots (the newest of each month) to keep.
   *
   * Tokens: refused; the retention is checked and written into the prune script at synth.
   *
   * @default 6
   */
  readonly keepMonthly?: number;
  /**
   * A backup is overdue (and the admins are told) when the last successful one is older than this.
   *
   * Tokens: n.a.; a Duration.
   *
   * @default Duration.hours(36)
   */
  readonly overdueAfter?: Duration;
}

/** Where on the VM the backups read the homes from, and who hears about problems. @internal */
export interface BackupTarget {
  /** The home volume's mount point. */
  readonly backupPath: string;
  /** The VM's name: the restic host name and the default repository path. */
  readonly host: string;
  /** The unix group of the admins whose homes get a notice (TLJH: jupyterhub-admins), or "". */
  readonly adminGroup: string;
}

/**
 * Nightly, encrypted backups of the home volume with restic, into a repository in the allocation's object store.
 *
 * Give it to `SingleServerHub` (`backups`) or to the NFS home server (`NfsHomeServer` or
 * `ClusterHomeStorage.nfsServer`, `backups`). On the VM that holds the home volume, cloud-init installs Debian's /
 * Ubuntu's `restic` package, one script (`/usr/local/sbin/jetstream-home-backup`) and three systemd timers: the
 * nightly backup, retention (`restic forget --prune`) once a week, and an hourly health check that reports a
 * failed or overdue backup in a status file, the journal (`journalctl -t jetstream-home-backup`), the SSH login
 * message and (TLJH) a `BACKUP-PROBLEM.txt` in each admin's home. The credentials and the repository password are
 * Secrets: the synthesized files hold only their references, and on the VM they are root-only files.
 *
 * @example
 * new SingleServerHub(stack, "Hub", {
 *   // ...
 *   backups: HomeBackups.toObjectStore({
 *     bucket: "cis230085-home-backups",
 *     accessKeyId: Secret.fromEnvironment(stack, "backup_access_key"),
 *     secretAccessKey: Secret.fromEnvironment(stack, "backup_secret_key"),
 *     repositoryPassword: Secret.fromEnvironment(stack, "backup_repository_password"),
 *   }),
 * });
 *
 * @see https://docs.jetstream-cloud.org/general/s3/
 */
export class HomeBackups {
  /** Jetstream2's S3-compatible object store endpoint. */
  public static readonly ENDPOINT: string = Jetstream2StateBackend.ENDPOINT;

  /**
   * Backups into a restic repository in an S3-compatible object store (Jetstream2's by default).
   */
  public static toObjectStore(props: HomeBackupsProps): HomeBackups {
    return new HomeBackups(props);
  }

  /** The settings as given. */
  public readonly props: HomeBackupsProps;

  private constructor(props: HomeBackupsProps) {
    this.props = props;
  }

  /**
   * The cloud-config parts for the VM `scope` configures, after validating the props (errors name `scope`).
   *
   * @internal
   */
  public _render(scope: IConstruct, target: BackupTarget): BackupCloudConfigParts {
    const p = this.props;
    const prefix = "backups";
    checkBucketName(scope, `${prefix}.bucket`, p.bucket, "cis230085-home-backups");
    const secrets = (["accessKeyId", "secretAccessKey", "repositoryPassword"] as const).map((name) => {
      const value = p[name];
      if (!Secret.isSecret(value)) {
        fail(scope, {
          prop: `${prefix}.${name}`,
          value: typeof value === "string" ? "a plain string" : typeof value,
          problem: "must be a Secret: a literal would be written into cdk.tf.json",
          allowed: "Secret.fromEnvironment(stack, 'name') or Secret.fromVariable(sensitiveVariable)",
          fix: `e.g. Secret.fromEnvironment(stack, "backup_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}")`,
        });
      }
      return Fn.base64encode(value._inStackOf(scope as Construct, `${prefix}.${name}`).value);
    });
    const repositoryPath = checkLiteral(
      scope,
      `${prefix}.repositoryPath`,
      p.repositoryPath ?? target.host,
      "the path is checked to stay inside the bucket",
    );
    if (
      typeof repositoryPath !== "string" ||
      !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(repositoryPath) ||
      repositoryPath.split("/").some((part) => part === "." || part === "..")
    ) {
      fail(scope, {
        prop: `${prefix}.repositoryPath`,
        value: repositoryPath,
        problem: "not a folder path inside the bucket",
        allowed: "letters, digits, '.', '_' and '-' in '/'-separated parts, no leading '/', no '..'",
        fix: "e.g. repositoryPath: 'hub/homes'",
      });
    }
    const endpoint = checkHttpsUrl(scope, `${prefix}.endpoint`, p.endpoint ?? HomeBackups.ENDPOINT, "the S3 endpoint");
    const region = checkNonEmpty(
      scope,
      `${prefix}.region`,
      p.region ?? Jetstream2StateBackend.DEFAULT_REGION,
      "use IU",
    );
    const keep = (name: "keepDaily" | "keepWeekly" | "keepMonthly", fallback: number) =>
      checkInteger(scope, `${prefix}.${name}`, p[name] ?? fallback, {
        min: 0,
        max: 1000,
        fix: "the number of snapshots of that kind to keep; 0 keeps none of that kind",
        why: "it is written into the backup script",
      });
    const keepDaily = keep("keepDaily", 7);
    const keepWeekly = keep("keepWeekly", 4);
    const keepMonthly = keep("keepMonthly", 6);
    if (keepDaily + keepWeekly + keepMonthly === 0) {
      fail(scope, {
        prop: `${prefix}.keepDaily`,
        value: 0,
        problem: "with keepDaily, keepWeekly and keepMonthly all 0, retention would keep nothing (restic refuses)",
        allowed: "at least one of them above 0",
        fix: "e.g. keepDaily: 7",
      });
    }
    const overdueSeconds = checkSeconds(
      scope,
      `${prefix}.overdueAfter`,
      p.overdueAfter ?? Duration.hours(36),
      3600,
      "Duration.hours(36): a day and a half, so one late night is not an alarm",
    );
    const backupTime = checkTime(scope, `${prefix}.backupTime`, p.backupTime ?? "02:30");
    const pruneTime = checkTime(scope, `${prefix}.pruneTime`, p.pruneTime ?? "04:30");
    const weekday = p.pruneWeekday ?? BackupWeekday.SUNDAY;
    if (!Object.values(BackupWeekday).includes(weekday)) {
      fail(scope, {
        prop: `${prefix}.pruneWeekday`,
        value: weekday,
        problem: "not a day of the week",
        allowed: Object.keys(BackupWeekday)
          .map((k) => `BackupWeekday.${k}`)
          .join(", "),
        fix: "use BackupWeekday.SUNDAY or another member",
      });
    }
    return renderBackupCloudConfig({
      settings: {
        backupPath: target.backupPath,
        requireMountpoint: true,
        host: target.host,
        repository: `s3:${endpoint.replace(/\/+$/, "")}/${p.bucket}/${repositoryPath}`,
        region,
        secretsDir: BACKUP_PATHS.secrets,
        stateDir: BACKUP_PATHS.state,
        keepDaily,
        keepWeekly,
        keepMonthly,
        overdueSeconds,
        motdDir: BACKUP_PATHS.motd,
        adminGroup: target.adminGroup,
      },
      schedule: {
        backupOnCalendar: `*-*-* ${backupTime}:00`,
        pruneOnCalendar: `${weekday} *-*-* ${pruneTime}:00`,
      },
      accessKeyIdBase64: secrets[0],
      secretAccessKeyBase64: secrets[1],
      repositoryPasswordBase64: secrets[2],
    });
  }
}

/**
 * The cloud-config parts of a hub's or home server's `backups` prop, or undefined without backups. Validates now,
 * so errors carry the construct's path.
 */
export function renderBackupsProp(
  scope: IConstruct,
  backups: HomeBackups | undefined,
  target: BackupTarget,
): BackupCloudConfigParts | undefined {
  if (backups === undefined) return undefined;
  if (!(backups instanceof HomeBackups)) {
    fail(scope, {
      prop: "backups",
      value: typeof backups,
      problem: "must be a HomeBackups",
      allowed: "HomeBackups.toObjectStore({ bucket, accessKeyId, secretAccessKey, repositoryPassword })",
      fix: "build the backups with HomeBackups.toObjectStore",
    });
  }
  return backups._render(scope, target);
}

function checkTime(scope: IConstruct, prop: string, value: string): string {
  checkLiteral(scope, prop, value, "it is written into the timer's schedule at synth");
  if (typeof value !== "string" || !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) {
    fail(scope, {
      prop,
      value,
      problem: "not a time of day",
      allowed: "HH:MM on a 24-hour clock, from 00:00 to 23:59",
      fix: "e.g. '02:30'",
    });
  }
  return value;
}

/**
 * The backups' settings that hold no secret, as one line of JSON, for the DataLedger's record of what a VM took at
 * its first boot (a running VM ignores later user data). Undefined without backups.
 */
export function backupSettingsText(backups: HomeBackups | undefined): string | undefined {
  if (!(backups instanceof HomeBackups)) return undefined;
  const { accessKeyId, secretAccessKey, repositoryPassword, overdueAfter, ...plain } = backups.props;
  void accessKeyId;
  void secretAccessKey;
  void repositoryPassword;
  return JSON.stringify({ ...plain, overdueAfter: overdueAfter?.toSeconds() });
}
