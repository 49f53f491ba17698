import { SHARED_HOME_VOLUME, renderHomesToNotebookUid } from "../core/home-layout";
import { renderPrepareVolume } from "../core/volume-script";
import { escapeTerraformTemplate } from "../core/terraform-text";
import { toCloudConfig as renderCloudConfig } from "../core/formats/yaml";
import { BackupCloudConfigParts } from "../home-backups/backup-script";

/** What the NFS server's cloud-init needs. Values may be Terraform references to single-line values. */
export interface NfsServerUserDataInput {
  /** The home volume's disk serial (the first 20 characters of its id; may be a token). */
  readonly volumeSerial: string;
  /** Where the volume is mounted and what is exported, e.g. `/export/home`. */
  readonly exportPath: string;
  /**
   * The homes lie in TLJH's layout (core/home-layout.ts): the volume is mounted where the single-server hub mounts
   * it, `exportPath` is its `home` folder, and homes a single-server hub left are handed to `ownerUid` once.
   *
   * @default false: the volume's root is the export, one folder per user
   */
  readonly tljhLayout?: boolean;
  /** Networks allowed to mount the export. */
  readonly clientCidrs: string[];
  /** The uid every client write is mapped to (z2jh's `jovyan` is 1000). */
  readonly ownerUid: number;
  /** The gid every client write is mapped to (z2jh's `users` is 100). */
  readonly ownerGid: number;
  /** HomeBackups' cloud-config parts, when the server backs up the homes. */
  readonly backups?: BackupCloudConfigParts;
}

/** Where the setup script lives on the server. */
export const NFS_SETUP_SCRIPT = "/usr/local/sbin/jetstream-home-volume";

// Runs once, on first boot. The volume is attached by its own Terraform resource (so that replacing the VM keeps
// it), which can happen after cloud-init starts: wait for the device. A volume that already has a filesystem holds
// users' homes and is never formatted. Exports are written only after the mount, so the empty directory on the
// root disk is never served. (No "${" anywhere: Terraform would read it as an interpolation.)
const SETUP_SCRIPT = `#!/bin/sh
# Mounts the home volume and exports it over NFS. Written by cloud-init; runs on first boot.
set -eu
serial="$1"
mountpoint="$2"
exportdir="$3"
uid="$4"
gid="$5"
shift 5
log() { echo "jetstream-home-volume: $*" >&2; }

${renderPrepareVolume({ serialVar: "serial", deviceVar: "device", label: "home", log: "log" })}
uuid="$(blkid -o value -s UUID "$device")"
mkdir -p "$mountpoint"
if ! grep -q "^UUID=$uuid " /etc/fstab; then
  echo "UUID=$uuid $mountpoint ext4 defaults,nofail 0 2" >> /etc/fstab
fi
mountpoint -q "$mountpoint" || mount "$mountpoint"
if [ "$exportdir" = "$mountpoint" ]; then
  chown "$uid:$gid" "$mountpoint"
  chmod 0755 "$mountpoint"
else
  # The volume holds homes in TLJH's layout, perhaps left by a single-server hub.
${renderHomesToNotebookUid({ uidVar: "uid", gidVar: "gid", log: "log" }).replace(/^/gm, "  ").trimEnd()}
fi

mkdir -p /etc/exports.d
: > /etc/exports.d/home.exports.new
for client in "$@"; do
  echo "$exportdir $client(rw,sync,no_subtree_check,all_squash,anonuid=$uid,anongid=$gid)" >> /etc/exports.d/home.exports.new
done
mv /etc/exports.d/home.exports.new /etc/exports.d/home.exports
systemctl daemon-reload
systemctl enable nfs-server
systemctl restart nfs-server
exportfs -ra
`;

/**
 * Renders the cloud-config of the home NFS server. Pure.
 *
 * Installs nfs-kernel-server, mounts the home volume (formatting it only when it is provably new: no signature and zeros at its head and tail) and exports it to
 * `clientCidrs` over NFSv4 (TCP 2049). Every client write is squashed to `ownerUid:ownerGid`, so the kubelet can
 * create per-user directories and no client acts as root on the server. After a reboot the NFS server starts only
 * once the volume is mounted.
 */
export function renderNfsServerUserData(input: NfsServerUserDataInput): string {
  const mountpoint = input.tljhLayout ? SHARED_HOME_VOLUME.mount : input.exportPath;
  const mountUnit = `[Unit]\nRequiresMountsFor=${mountpoint}\n`;
  const backups = input.backups;
  // Escaped for Terraform's template reader, like the hub's user data: only cdktf's tokens are evaluated.
  return escapeTerraformTemplate(
    renderCloudConfig({
      package_update: true,
      packages: ["nfs-kernel-server", ...(backups?.packages ?? [])],
      write_files: [
        { path: NFS_SETUP_SCRIPT, permissions: "0755", owner: "root:root", content: SETUP_SCRIPT },
        {
          path: "/etc/systemd/system/nfs-server.service.d/home-volume.conf",
          permissions: "0644",
          owner: "root:root",
          content: mountUnit,
        },
        ...(backups?.writeFiles ?? []),
      ],
      runcmd: [
        [
          NFS_SETUP_SCRIPT,
          input.volumeSerial,
          mountpoint,
          input.exportPath,
          String(input.ownerUid),
          String(input.ownerGid),
          ...input.clientCidrs,
        ],
        // The backup timers start only once the setup script has mounted the volume.
        ...(backups?.runcmd ?? []),
      ],
    }),
  );
}
