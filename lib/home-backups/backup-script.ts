import { YamlValue } from "../core/formats/yaml";

/** Where HomeBackups puts its files on the VM. One place, read by the renderers, the policy pack and the docs. */
export const BACKUP_PATHS = {
  /** The backup / prune / check / restore script. */
  script: "/usr/local/sbin/jetstream-home-backup",
  /** Settings (no secrets), sourced by the script. */
  config: "/etc/jetstream-home-backup/config",
  /** Root-only folder of the secret files. */
  secrets: "/etc/jetstream-home-backup/secrets",
  /** Status, last success, restic's cache. */
  state: "/var/lib/jetstream-home-backup",
  /** Where SSH logins' message of the day shows a failed or overdue backup. */
  motd: "/etc/motd.d",
};

/** The log tag (`journalctl -t`) and the name of the systemd units. */
export const BACKUP_UNIT = "jetstream-home-backup";

/** The names of the secret files under `BACKUP_PATHS.secrets`. */
export const BACKUP_SECRET_FILES = {
  repositoryPassword: "repository-password",
  accessKeyId: "aws-access-key-id",
  secretAccessKey: "aws-secret-access-key",
};

/** The settings the script reads from its config file. */
export interface BackupScriptSettings {
  /** The folder backed up (the home volume's mount point). */
  readonly backupPath: string;
  /** Refuse to back up when `backupPath` is not a mount point (an unmounted volume leaves an empty folder). */
  readonly requireMountpoint: boolean;
  /** The restic host name of the snapshots; stays the same when the VM is replaced. */
  readonly host: string;
  /** `RESTIC_REPOSITORY`: `s3:https://<endpoint>/<bucket>/<path>`, or a local folder (tests). */
  readonly repository: string;
  /** `AWS_DEFAULT_REGION`; empty for a local repository. */
  readonly region: string;
  /** The folder of the secret files. */
  readonly secretsDir: string;
  /** The folder of the status files and restic's cache. */
  readonly stateDir: string;
  /** Retention, for `restic forget --prune` (0: that class is not kept). */
  readonly keepDaily: number;
  readonly keepWeekly: number;
  readonly keepMonthly: number;
  /** A backup older than this is overdue. */
  readonly overdueSeconds: number;
  /** Folder for the message-of-the-day notice (empty: none). */
  readonly motdDir: string;
  /** The unix group whose members' homes get a notice file (TLJH: `jupyterhub-admins`; empty: none). */
  readonly adminGroup: string;
}

/** The notice file dropped into each admin's home while backups are failing or overdue. */
export const BACKUP_NOTICE_FILE = "BACKUP-PROBLEM.txt";

/**
 * The config file the script sources: shell assignments, one a line, each value single-quoted. Pure.
 */
export function renderBackupConfig(s: BackupScriptSettings): string {
  const q = (v: string | number | boolean) => `'${String(v).replace(/'/g, `'\\''`)}'`;
  const lines: [string, string | number][] = [
    ["BACKUP_PATH", s.backupPath],
    ["REQUIRE_MOUNTPOINT", s.requireMountpoint ? 1 : 0],
    ["BACKUP_HOST", s.host],
    ["RESTIC_REPOSITORY", s.repository],
    ["AWS_DEFAULT_REGION", s.region],
    ["SECRETS_DIR", s.secretsDir],
    ["STATE_DIR", s.stateDir],
    ["KEEP_DAILY", s.keepDaily],
    ["KEEP_WEEKLY", s.keepWeekly],
    ["KEEP_MONTHLY", s.keepMonthly],
    ["OVERDUE_SECONDS", s.overdueSeconds],
    ["MOTD_DIR", s.motdDir],
    ["ADMIN_GROUP", s.adminGroup],
  ];
  return [
    "# Written by cloud-init for HomeBackups. Settings only: the secrets are files in SECRETS_DIR.",
    ...lines.map(([k, v]) => `${k}=${q(v)}`),
    "",
  ].join("\n");
}

// The one script that backs up, prunes, checks health and restores. The very text cloud-init writes is what the
// tests run (against a local repository). POSIX sh (dash on Ubuntu). No "${" or "%{" anywhere: the text goes
// through Terraform's template reader inside user data.
const SCRIPT = `#!/bin/sh
# HomeBackups: restic backups of the home volume. Written by cloud-init; run by systemd timers.
#   backup                       back up BACKUP_PATH (BACKUP_TIME=<'YYYY-MM-DD hh:mm:ss'> sets the snapshot time)
#   prune                        restic forget --prune with the configured retention
#   check                        report a failed or overdue backup (status file, motd, admins' homes); exit 1 then
#   snapshots                    list this host's snapshots (ids and times)
#   restore <snapshot> <target> [<folder>]
#                                restore the whole volume, or one folder of it (a user's home), into <target>:
#                                a new folder, or an empty one (a new volume's mount point)
#   restic <args>                run restic with the repository and credentials loaded
# Settings: /etc/jetstream-home-backup/config, or the file named by JETSTREAM_BACKUP_CONFIG.
set -eu
umask 077
CONFIG=$(printenv JETSTREAM_BACKUP_CONFIG || echo ${BACKUP_PATHS.config})
. "$CONFIG"
NAME=${BACKUP_UNIT}
log() { echo "$NAME: $*"; }
# Under systemd (JOURNAL_STREAM set) a "<3>" prefix makes the line an error in the journal (journalctl -p err).
warn() {
  if [ -n "$(printenv JOURNAL_STREAM || true)" ]; then echo "<3>$NAME: $*" >&2; else echo "$NAME: $*" >&2; fi
}
die() { warn "error: $*"; exit 2; }
now() { date -u +%Y-%m-%dT%H:%M:%SZ; }

mkdir -p "$STATE_DIR"
export RESTIC_REPOSITORY
export RESTIC_PASSWORD_FILE="$SECRETS_DIR/${BACKUP_SECRET_FILES.repositoryPassword}"
export RESTIC_CACHE_DIR="$STATE_DIR/cache"
if [ -n "$AWS_DEFAULT_REGION" ]; then export AWS_DEFAULT_REGION; fi
if [ -f "$SECRETS_DIR/${BACKUP_SECRET_FILES.accessKeyId}" ]; then
  AWS_ACCESS_KEY_ID=$(cat "$SECRETS_DIR/${BACKUP_SECRET_FILES.accessKeyId}")
  AWS_SECRET_ACCESS_KEY=$(cat "$SECRETS_DIR/${BACKUP_SECRET_FILES.secretAccessKey}")
  export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
fi

# key=value lines, replaced whole so a reader never sees half a file.
write_status() {
  file="$STATE_DIR/$1"
  shift
  : > "$file.new"
  for line in "$@"; do echo "$line" >> "$file.new"; done
  chmod 0644 "$file.new"
  mv "$file.new" "$file"
}

field() { sed -n "s/^$2=//p" "$STATE_DIR/$1" 2>/dev/null | head -n 1; }

# "config file already exists" is the only failure of init on an existing repository, so init is safe to retry.
# The read-only existence check takes no lock: while a prune holds the exclusive lock, a locking cat config
# would fail and be mistaken for a missing repository (the backup itself then reports the lock), and each lock
# costs restic a wait of its own.
ensure_repository() {
  if restic cat config --no-lock >/dev/null 2>&1; then return 0; fi
  log "initialising the repository $RESTIC_REPOSITORY"
  restic init
}

do_backup() {
  started=$(date +%s)
  if [ "$REQUIRE_MOUNTPOINT" = 1 ] && ! mountpoint -q "$BACKUP_PATH"; then
    fail_backup "$BACKUP_PATH is not mounted; backing up the empty folder under it would look like data loss"
  fi
  if ! ensure_repository > "$STATE_DIR/last-run.log" 2>&1; then
    fail_backup "cannot open or create the repository: $(tail -n 1 "$STATE_DIR/last-run.log")"
  fi
  set -- backup --host "$BACKUP_HOST" --one-file-system --exclude-caches --exclude ${BACKUP_NOTICE_FILE}
  if [ -n "$(printenv BACKUP_TIME || true)" ]; then set -- "$@" --time "$BACKUP_TIME"; fi
  code=0
  restic "$@" "$BACKUP_PATH" >> "$STATE_DIR/last-run.log" 2>&1 || code=$?
  snapshot=$(sed -n 's/^snapshot \\([0-9a-f]*\\) saved$/\\1/p' "$STATE_DIR/last-run.log" | tail -n 1)
  added=$(sed -n 's/^Added to the repo[a-z]*: *//p' "$STATE_DIR/last-run.log" | tail -n 1)
  seconds=$(($(date +%s) - started))
  if [ "$code" -eq 0 ] && [ -n "$snapshot" ]; then
    date +%s > "$STATE_DIR/last-success"
    write_status status "result=ok" "finished=$(now)" "snapshot=$snapshot" "seconds=$seconds" "added=$added" \\
      "message=snapshot $snapshot of $BACKUP_PATH saved"
    log "backup ok: snapshot $snapshot of $BACKUP_PATH in $seconds s, added $added"
    return 0
  fi
  # restic exits 3 when it saved a snapshot but could not read some files.
  if [ "$code" -eq 3 ]; then
    fail_backup "snapshot $snapshot saved, but some files could not be read: $(grep -m 1 -i error "$STATE_DIR/last-run.log" || true)"
  fi
  fail_backup "restic backup exited with $code: $(tail -n 1 "$STATE_DIR/last-run.log")"
}

fail_backup() {
  write_status status "result=failed" "finished=$(now)" "snapshot=" "message=$1"
  warn "backup FAILED: $1"
  exit 1
}

do_prune() {
  set -- forget --prune --host "$BACKUP_HOST"
  if [ "$KEEP_DAILY" -gt 0 ]; then set -- "$@" --keep-daily "$KEEP_DAILY"; fi
  if [ "$KEEP_WEEKLY" -gt 0 ]; then set -- "$@" --keep-weekly "$KEEP_WEEKLY"; fi
  if [ "$KEEP_MONTHLY" -gt 0 ]; then set -- "$@" --keep-monthly "$KEEP_MONTHLY"; fi
  code=0
  restic "$@" > "$STATE_DIR/last-prune.log" 2>&1 || code=$?
  if [ "$code" -ne 0 ]; then
    write_status prune-status "result=failed" "finished=$(now)" "message=restic forget exited with $code"
    warn "prune FAILED: $(tail -n 1 "$STATE_DIR/last-prune.log")"
    exit 1
  fi
  kept=$(restic snapshots --host "$BACKUP_HOST" --compact 2>/dev/null | grep -c '^[0-9a-f]\\{8\\} ' || true)
  write_status prune-status "result=ok" "finished=$(now)" "snapshots=$kept"
  log "prune ok: $kept snapshots kept (daily $KEEP_DAILY, weekly $KEEP_WEEKLY, monthly $KEEP_MONTHLY)"
}

# Homes of ADMIN_GROUP's members, one a line.
admin_homes() {
  [ -n "$ADMIN_GROUP" ] || return 0
  for user in $(getent group "$ADMIN_GROUP" | cut -d: -f4 | tr ',' ' '); do
    getent passwd "$user" | cut -d: -f6
  done
}

do_check() {
  problem=""
  last=$(cat "$STATE_DIR/last-success" 2>/dev/null || stat -c %Y "$CONFIG")
  age=$(($(date +%s) - last))
  if [ "$(field status result)" = failed ]; then
    problem="the last backup failed at $(field status finished): $(field status message)"
  elif [ "$age" -gt "$OVERDUE_SECONDS" ]; then
    problem="no successful backup for $((age / 3600)) hours (allowed: $((OVERDUE_SECONDS / 3600)))"
  fi
  if [ "$(field prune-status result)" = failed ]; then
    problem="$problem$([ -n "$problem" ] && echo '; ')the last prune failed at $(field prune-status finished)"
  fi
  if [ -z "$problem" ]; then
    if [ -n "$MOTD_DIR" ]; then rm -f "$MOTD_DIR/$NAME"; fi
    for home in $(admin_homes); do rm -f "$home/${BACKUP_NOTICE_FILE}"; done
    log "healthy: last backup $(field status finished), snapshot $(field status snapshot)"
    return 0
  fi
  notice="$STATE_DIR/notice"
  {
    echo "HOME BACKUPS NEED ATTENTION ($(now)): $problem"
    echo "Details: sudo journalctl -t $NAME --since -2d ; cat $STATE_DIR/status"
  } > "$notice"
  chmod 0644 "$notice"
  if [ -n "$MOTD_DIR" ]; then mkdir -p "$MOTD_DIR" && install -m 0644 "$notice" "$MOTD_DIR/$NAME"; fi
  for home in $(admin_homes); do
    if [ -d "$home" ]; then rm -f "$home/${BACKUP_NOTICE_FILE}"; install -m 0644 "$notice" "$home/${BACKUP_NOTICE_FILE}"; fi
  done
  warn "PROBLEM: $problem"
  exit 1
}

do_restore() {
  [ $# -ge 2 ] || die "usage: restore <snapshot> <target> [<folder under $BACKUP_PATH>]"
  snapshot=$1
  target=$2
  source=$BACKUP_PATH
  if [ $# -ge 3 ]; then source="$BACKUP_PATH/$3"; fi
  if [ -e "$target" ]; then
    # A new filesystem's root holds only lost+found: that counts as empty (the restored one replaces it).
    [ -d "$target" ] && [ -z "$(ls -A "$target" | grep -vx 'lost+found' || true)" ] ||
      die "$target exists and is not an empty folder"
    staging=$(mktemp -d "$target/.restore.XXXXXX")
  else
    staging=$(mktemp -d "$(dirname "$target")/.restore.XXXXXX")
  fi
  restic restore "$snapshot" --target "$staging" --include "$source"
  [ -d "$staging$source" ] || die "snapshot $snapshot holds nothing at $source"
  if [ -e "$target" ]; then
    find "$staging$source" -mindepth 1 -maxdepth 1 -exec mv -t "$target" {} +
    chown --reference="$staging$source" "$target"
    chmod --reference="$staging$source" "$target"
  else
    mv "$staging$source" "$target"
  fi
  rm -rf "$staging"
  log "restored $source from snapshot $snapshot into $target"
}

command=$1
shift
case "$command" in
  backup) do_backup ;;
  prune) do_prune ;;
  check) do_check ;;
  snapshots) restic snapshots --host "$BACKUP_HOST" ;;
  restore) do_restore "$@" ;;
  restic) exec restic "$@" ;;
  *) die "unknown command $command (backup, prune, check, snapshots, restore, restic)" ;;
esac
`;

/** The backup script, as cloud-init writes it and the tests run it. Pure. */
export function renderBackupScript(): string {
  return SCRIPT;
}

/** When the timers fire, as systemd `OnCalendar` expressions. */
export interface BackupSchedule {
  /** The nightly backup, e.g. `*-*-* 02:30:00`. */
  readonly backupOnCalendar: string;
  /** Retention (`forget --prune`), e.g. `Sun *-*-* 04:30:00`. */
  readonly pruneOnCalendar: string;
}

/** One systemd service (a script command) and, optionally, its timer. */
function unitFiles(name: string, description: string, command: string, backupPath: string, onCalendar: string) {
  const service = [
    "# Written by cloud-init for HomeBackups.",
    "[Unit]",
    `Description=${description}`,
    "Wants=network-online.target",
    "After=network-online.target",
    `RequiresMountsFor=${backupPath}`,
    "",
    "[Service]",
    "Type=oneshot",
    `ExecStart=${BACKUP_PATHS.script} ${command}`,
    // After every backup or prune, refresh the notices (a failure shows at once, a success clears them).
    ...(command === "check" ? [] : [`ExecStopPost=-${BACKUP_PATHS.script} check`]),
    `SyslogIdentifier=${BACKUP_UNIT}`,
    "Nice=10",
    "IOSchedulingClass=idle",
    "",
  ].join("\n");
  const timer = [
    "# Written by cloud-init for HomeBackups.",
    "[Unit]",
    `Description=${description} (schedule)`,
    "",
    "[Timer]",
    `OnCalendar=${onCalendar}`,
    // A run missed while the VM was off happens at the next boot.
    "Persistent=true",
    "",
    "[Install]",
    "WantedBy=timers.target",
    "",
  ].join("\n");
  return { name, service, timer };
}

/** The systemd units: backup, prune and health check, each a oneshot service with its timer. Pure. */
export function renderBackupUnits(schedule: BackupSchedule, backupPath: string) {
  return [
    unitFiles(BACKUP_UNIT, "Back up the home volume (restic)", "backup", backupPath, schedule.backupOnCalendar),
    unitFiles(
      `${BACKUP_UNIT}-prune`,
      "Apply backup retention (restic forget --prune)",
      "prune",
      backupPath,
      schedule.pruneOnCalendar,
    ),
    unitFiles(`${BACKUP_UNIT}-check`, "Report failed or overdue home backups", "check", backupPath, "hourly"),
  ];
}

/** What a VM's cloud-config needs for backups: everything rendered, secrets as Terraform expressions. */
export interface BackupUserDataInput {
  readonly settings: BackupScriptSettings;
  readonly schedule: BackupSchedule;
  /** Terraform expressions (tokens) of the base64-encoded secrets; only the expressions reach the user data. */
  readonly repositoryPasswordBase64: string;
  readonly accessKeyIdBase64: string;
  readonly secretAccessKeyBase64: string;
}

/** The pieces a cloud-config merges in: a package, files, and the commands that start the timers. */
export interface BackupCloudConfigParts {
  readonly packages: string[];
  readonly writeFiles: { [key: string]: YamlValue }[];
  /** Run after the volume is mounted (after the VM's own setup script). */
  readonly runcmd: string[][];
}

/** The cloud-config parts of HomeBackups. Pure. */
export function renderBackupCloudConfig(input: BackupUserDataInput): BackupCloudConfigParts {
  const file = (path: string, content: string, permissions: string, extra: { [key: string]: YamlValue } = {}) => ({
    path,
    owner: "root:root",
    permissions,
    ...extra,
    content,
  });
  const secret = (name: string, base64: string) =>
    file(`${input.settings.secretsDir}/${name}`, base64, "0600", { encoding: "b64" });
  const units = renderBackupUnits(input.schedule, input.settings.backupPath);
  return {
    packages: ["restic"],
    writeFiles: [
      file(BACKUP_PATHS.script, renderBackupScript(), "0700"),
      file(BACKUP_PATHS.config, renderBackupConfig(input.settings), "0600"),
      secret(BACKUP_SECRET_FILES.repositoryPassword, input.repositoryPasswordBase64),
      secret(BACKUP_SECRET_FILES.accessKeyId, input.accessKeyIdBase64),
      secret(BACKUP_SECRET_FILES.secretAccessKey, input.secretAccessKeyBase64),
      ...units.flatMap((u) => [
        file(`/etc/systemd/system/${u.name}.service`, u.service, "0644"),
        file(`/etc/systemd/system/${u.name}.timer`, u.timer, "0644"),
      ]),
    ],
    runcmd: [
      // cloud-init creates the parent folders of write_files with its default mode; make them root-only.
      ["chmod", "0700", "/etc/jetstream-home-backup", input.settings.secretsDir],
      ["systemctl", "daemon-reload"],
      ["systemctl", "enable", "--now", ...units.map((u) => `${u.name}.timer`)],
    ],
  };
}
