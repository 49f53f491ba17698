// The shell steps that every first-boot script of the library runs for a data volume: find the volume Terraform
// attached, and give it a filesystem only when it is provably new. One function, so the rule that protects user data is
// written once. The text contains no "${", which Terraform would read as an interpolation.

/** What `renderPrepareVolume` needs. */
export interface PrepareVolumeOptions {
  /** The shell variable (already set) holding the volume's disk serial: the first 20 characters of its id. */
  readonly serialVar: string;
  /** The shell variable the found device path is assigned to. */
  readonly deviceVar: string;
  /** The ext4 label for a new filesystem. */
  readonly label: string;
  /** A shell command that logs its arguments. */
  readonly log: string;
  /**
   * Where udev publishes the disk links (tests point it at a folder of their own).
   *
   * @default "/dev/disk/by-id"
   */
  readonly byIdDir?: string;
}

/** How many MiB at the start of a volume must read as zeros before the volume counts as new. */
export const BLANK_HEAD_MIB = 8;
/** How many MiB at the end of a volume must read as zeros too (a backup GPT header, md and ZFS labels live there). */
export const BLANK_TAIL_MIB = 1;

/**
 * Shell steps (POSIX sh, under `set -eu`):
 *
 * 1. Wait up to 15 minutes for the attached volume. Nova passes the volume id as the disk serial, which udev
 *    publishes under /dev/disk/by-id as `virtio-<serial>` on virtio-blk and as `scsi-0QEMU_QEMU_HARDDISK_<serial>`
 *    on virtio-scsi (Jetstream2's disks are SCSI), so any link holding the serial, partitions excepted, is it.
 * 2. Format only a volume that is provably new: `blkid -p` finds nothing (exit 2) AND its first 8 MiB and last
 *    MiB read as zeros, as a new Cinder volume does. A volume without a signature that holds data (an ext4 whose
 *    primary superblock is damaged but whose backups still hold every home) stops the script with a log line
 *    and is left untouched. One ext4 filesystem is the volume from an earlier VM, and is used as it is. Anything
 *    else (a partition table, another filesystem, an ambiguous signature) may be someone's data: the script stops
 *    rather than touch it.
 *
 * Afterwards `$<deviceVar>` is the device (e.g. /dev/sdb); mount it by filesystem UUID, which, unlike the device
 * name, does not depend on attach order.
 */
export function renderPrepareVolume(o: PrepareVolumeOptions): string {
  const serial = `"$${o.serialVar}"`;
  const device = `"$${o.deviceVar}"`;
  const dev = `${"$"}${o.deviceVar}`;
  return `${o.deviceVar}=""
waited=0
while [ -z ${device} ]; do
  for link in ${o.byIdDir ?? "/dev/disk/by-id"}/*${serial}*; do
    case "$link" in *-part*) continue ;; esac
    if [ -e "$link" ]; then ${o.deviceVar}=$(readlink -f "$link"); break; fi
  done
  [ -n ${device} ] && break
  if [ "$waited" -ge 900 ]; then ${o.log} "no disk with serial ${"$"}${o.serialVar} appeared within 15 minutes"; exit 1; fi
  sleep 5
  waited=$((waited + 5))
done
probe=0
blkid -p ${device} >/dev/null 2>&1 || probe=$?
if [ "$probe" -eq 2 ]; then
  # No signature is not proof of a new volume: a damaged superblock hides a filesystem from blkid too. Format
  # only when the head and the tail of the disk read as zeros, as they do on a volume Cinder has just made.
  mib=$(( $(blockdev --getsize64 ${device} 2>/dev/null || stat -L -c %s ${device}) / 1048576 ))
  tail_skip=$(( mib > ${BLANK_TAIL_MIB} ? mib - ${BLANK_TAIL_MIB} : 0 ))
  nonzero=$( { dd if=${device} bs=1048576 count=${BLANK_HEAD_MIB} 2>/dev/null; dd if=${device} bs=1048576 skip="$tail_skip" count=${BLANK_TAIL_MIB} 2>/dev/null; } | tr -d '\\000' | wc -c)
  if [ "$nonzero" -ne 0 ]; then
    ${o.log} "${dev} has no filesystem signature but is not blank ($nonzero non-zero bytes in its first ${BLANK_HEAD_MIB} MiB and last ${BLANK_TAIL_MIB} MiB): it may be a damaged filesystem holding data; leaving it untouched and stopping. Inspect it (e.g. e2fsck -n -b 32768 ${dev}) before anything else"
    exit 1
  fi
  ${o.log} "formatting the new volume ${dev} (no signature, first ${BLANK_HEAD_MIB} MiB and last ${BLANK_TAIL_MIB} MiB all zeros)"
  mkfs.ext4 -q -L ${o.label} ${device}
elif [ "$probe" -ne 0 ] || [ "$(blkid -p -o value -s TYPE ${device})" != ext4 ]; then
  ${o.log} "blkid found something other than one ext4 filesystem on ${dev} (exit $probe); leaving it untouched"
  exit 1
fi
`;
}
