import { TLJH_PATHS, TljhSettings, renderHubSnippet, renderTljhConfig } from "./tljh-config";
import { YamlValue, YamlVersion, toCloudConfig, toYaml } from "../core/formats/yaml";
import { escapeTerraformTemplate } from "../core/terraform-text";
import { renderPrepareVolume } from "../core/volume-script";
import { shellQuote } from "../core/shell";
import { SHARED_HOME_VOLUME, renderHomesOwnedByTljh } from "../core/home-layout";
import { BackupCloudConfigParts } from "../home-backups/backup-script";

/** Everything the hub VM's user data is rendered from. */
export interface HubUserDataInput {
  /** The hub's TLJH settings. */
  readonly settings: TljhSettings;
  /** The TLJH release (`x.y.z`) or commit the bootstrap installs. */
  readonly tljhVersion: string;
  /** Pinned pip specs of TLJH plugins. */
  readonly plugins: string[];
  /** A requirements.txt installed into the users' environment. */
  readonly userRequirementsUrl?: string;
  /**
   * A Terraform expression (a token) that evaluates to the base64-encoded OAuth client secret. Only the
   * expression is written into the user data; Terraform fills the value in when it applies.
   */
  readonly clientSecretBase64: string;
  /** The home volume's disk serial (the first 20 characters of its id; may be a token). */
  readonly homeVolumeSerial: string;
  /** HomeBackups' cloud-config parts, when the hub backs up its volume. */
  readonly backups?: BackupCloudConfigParts;
  /** The hub's public IPv4 address, its floating IP (may be a token): the host name must resolve to it. */
  readonly publicIpv4: string;
}

/**
 * How long the first boot waits for the hub's host name to resolve to its floating IP before installing TLJH with
 * Let's Encrypt: 120 tries 10 seconds apart (20 minutes).
 */
export const DNS_WAIT = { attempts: 120, delaySeconds: 10 };

/**
 * Shell that waits, boundedly, until `$<hostVar>` resolves (IPv4) to `$<ipVar>`, flushing the resolver's cache between
 * tries so an early "no such name" is not remembered. It logs what it waits for and, when the time is up, a
 * warning that says how to get the certificate later; it never fails the boot. Pure.
 */
export function renderDnsWait(o: {
  hostVar: string;
  ipVar: string;
  log: string;
  attempts: number;
  delaySeconds: number;
}): string {
  const host = `"$${o.hostVar}"`;
  const ip = `"$${o.ipVar}"`;
  const minutes = Math.round((o.attempts * o.delaySeconds) / 6) / 10;
  return `${o.log} "waiting for $${o.hostVar} to resolve to $${o.ipVar} before asking Let's Encrypt (at most ${minutes} min)"
tries=0
until getent ahostsv4 ${host} | awk '{ print $1 }' | grep -qxF ${ip}; do
  tries=$((tries + 1))
  if [ "$tries" -ge ${o.attempts} ]; then
    ${o.log} "WARNING: $${o.hostVar} does not resolve to $${o.ipVar} after ${minutes} min; installing anyway. HTTPS fails until the name points here; then run: sudo tljh-config reload proxy"
    break
  fi
  command -v resolvectl >/dev/null 2>&1 && resolvectl flush-caches >/dev/null 2>&1 || true
  sleep ${o.delaySeconds}
done
if [ "$tries" -lt ${o.attempts} ]; then ${o.log} "$${o.hostVar} resolves to $${o.ipVar}"; fi`;
}

/** Where the hub's data lives on the VM: the layout the NFS home server shares (core/home-layout.ts). */
export const HUB_DATA = {
  /** The home volume's mount point. */
  mount: SHARED_HOME_VOLUME.mount,
  /** Bound over /home. */
  home: SHARED_HOME_VOLUME.homes,
  /** Bound over /opt/tljh/state. */
  state: SHARED_HOME_VOLUME.tljhState,
  /** The first-boot script. */
  setupScript: "/usr/local/sbin/jetstream-hub-setup",
};

// The Nova metadata service serves the instance's user data to anything on the VM that asks.
const METADATA_IPV4 = "169.254.169.254";
const METADATA_IPV6 = "fe80::a9fe:a9fe";

/**
 * The hub VM's cloud-config. Pure: the same input gives the same text.
 *
 * The result is also a Terraform template string: `${` and `%{` that are not cdktf tokens are escaped, so only the
 * expressions the input carries (the secret, the volume id) are evaluated.
 */
export function renderUserData(input: HubUserDataInput): string {
  const rootFile = (path: string, content: string, extra: { [key: string]: YamlValue } = {}) => ({
    path,
    owner: "root:root",
    permissions: "0600",
    ...extra,
    content,
  });
  const config: { [key: string]: YamlValue } = {
    // Every boot, before any user can log in: only root may reach the metadata service, which serves this
    // user data. Hub users get shells and could otherwise read it.
    bootcmd: [METADATA_IPV4, METADATA_IPV6].map(blockMetadataCommand),
    write_files: [
      // TLJH reads config.yaml with ruamel.yaml, YAML 1.2 (tljh/config.py).
      rootFile(TLJH_PATHS.configYaml, toYaml(renderTljhConfig(input.settings), YamlVersion.V1_2)),
      rootFile(TLJH_PATHS.hubSnippet, renderHubSnippet(input.settings)),
      rootFile(TLJH_PATHS.clientSecret, input.clientSecretBase64, { encoding: "b64" }),
      ...["jupyterhub", "traefik"].map((unit) => ({
        path: `/etc/systemd/system/${unit}.service.d/jetstream-hub-volume.conf`,
        owner: "root:root",
        permissions: "0644",
        content: requireVolumeDropIn(),
      })),
      { ...rootFile(HUB_DATA.setupScript, renderSetupScript(input)), permissions: "0700" },
      ...(input.backups?.writeFiles ?? []),
    ],
    ...(input.backups ? { packages: input.backups.packages } : {}),
    // The backup timers start only once the setup script has mounted the volume.
    runcmd: [[HUB_DATA.setupScript], ...(input.backups?.runcmd ?? [])],
  };
  return escapeTerraformTemplate(toCloudConfig(config));
}

function blockMetadataCommand(address: string): string {
  const tool = address.includes(":") ? "ip6tables" : "iptables";
  const rule = `OUTPUT -d ${address} -m owner ! --uid-owner 0 -j REJECT`;
  return `${tool} -w -C ${rule} 2>/dev/null || ${tool} -w -I ${rule}`;
}

// Keeps the hub and its proxy down while the home volume is not mounted: better no hub than users writing
// into empty home directories on the root disk.
function requireVolumeDropIn(): string {
  return [
    "# Written by cloud-init for the SingleServerHub construct.",
    "[Unit]",
    `RequiresMountsFor=/home ${TLJH_PATHS.state}`,
    "",
  ].join("\n");
}

/**
 * The first-boot script: mounts the home volume (formatting it only when it is provably new: no signature and zeros at its head and tail), restores the accounts of
 * users whose homes are on it, and installs TLJH from the pinned bootstrap. Pure.
 */
export function renderSetupScript(input: HubUserDataInput): string {
  const bootstrapUrl =
    `https://raw.githubusercontent.com/jupyterhub/the-littlest-jupyterhub/${input.tljhVersion}` +
    "/bootstrap/bootstrap.py";
  const installArgs = ["--version", input.tljhVersion];
  if (input.userRequirementsUrl) installArgs.push("--user-requirements-txt-url", input.userRequirementsUrl);
  // One --plugin followed by every spec: the installer keeps only the last of repeated --plugin flags.
  if (input.plugins.length > 0) installArgs.push("--plugin", ...input.plugins);
  return `#!/bin/sh
# Written by cloud-init for the SingleServerHub construct; runs once per instance (also on a replaced VM).
set -eu
export HOME=/root
SERIAL=${shellQuote(input.homeVolumeSerial)}
DATA=${HUB_DATA.mount}
HOMES=${HUB_DATA.home}
STATE=${HUB_DATA.state}
log() { echo "jetstream-hub-setup: $*"; }

# 1-2. Terraform attaches the home volume after the VM exists, so it may appear after boot. Find it, and format it
#      only when it is provably new (a damaged one stops the script, untouched).
${renderPrepareVolume({ serialVar: "SERIAL", deviceVar: "DEVICE", label: "hub-data", log: "log" })}
# 3. Mount it now and at every boot (nofail: a boot without the volume does not hang; the hub stays down).
mkdir -p "$DATA"
UUID=$(blkid -o value -s UUID "$DEVICE")
grep -q " $DATA ext4 " /etc/fstab || echo "UUID=$UUID $DATA ext4 defaults,nofail 0 2" >> /etc/fstab
mountpoint -q "$DATA" || mount "$DATA"
mkdir -p "$HOMES" "$STATE"
chmod 0755 "$HOMES"
chmod 0700 "$STATE"

${renderHomeMigration()}systemctl daemon-reload

# 7. cloud-init created these folders before TLJH could make them root-only.
chmod 0700 /opt/tljh/config ${TLJH_PATHS.configD} ${TLJH_PATHS.secrets}

# 8. Let's Encrypt checks the name against this VM (TLS-ALPN on 443), and the name points here only once Terraform
#    has associated the floating IP and DNS has caught up: wait for it, boundedly, before installing with HTTPS on.
HOST=${shellQuote(input.settings.hostname)}
PUBLIC_IP=${shellQuote(input.publicIpv4)}
${renderDnsWait({ hostVar: "HOST", ipVar: "PUBLIC_IP", log: "log", ...DNS_WAIT })}

# 9. Install TLJH with the bootstrap of the same pinned release.
curl -fsSL --retry 5 -o /root/tljh-bootstrap.py ${shellQuote(bootstrapUrl)}
python3 /root/tljh-bootstrap.py ${installArgs.map(shellQuote).join(" ")}
log "done: https://${input.settings.hostname}/"
`;
}

/**
 * Steps 4-6 of the first-boot script (POSIX sh, under `set -eu`, with `$DATA`, `$HOMES`, `$STATE` and `log` set, and
 * the volume mounted at `$DATA`): carry the image's homes onto the volume, recreate the accounts of the homes found
 * there, and bind the volume's folders over /home and TLJH's state. Pure.
 *
 * Every kind of home is carried through: a folder is copied; a symlink is kept as a symlink to the same absolute
 * target; a home that is a mount point (its own disk) is not copied, but bound again at the same place once the
 * volume is over /home, since the bind would otherwise hide it behind a stale copy. The image's homes are skipped
 * only when /home already is the volume's folder (a re-run), not whenever /home is a mount point. Owners are read
 * through symlinks, and a home's tree is re-owned through its link, never the link alone.
 */
export function renderHomeMigration(): string {
  return `# 4. Keep the image's own home folders (the default user's SSH keys): copy them onto a new volume; on a volume
#    from an earlier VM, refresh their authorized_keys, since the key pair may have changed.
KEEP=/run/jetstream-hub-setup/homes
mkdir -p "$KEEP"
if [ "$(stat -L -c %d:%i /home)" != "$(stat -L -c %d:%i "$HOMES")" ]; then
  for dir in /home/*; do
    [ -e "$dir" ] || [ -L "$dir" ] || continue
    name=$(basename "$dir")
    if [ -L "$dir" ]; then
      # A home elsewhere: the same absolute target, so the link still works once the volume is over /home.
      if [ ! -e "$HOMES/$name" ] && [ ! -L "$HOMES/$name" ]; then ln -s "$(readlink -f "$dir")" "$HOMES/$name"; fi
      continue
    fi
    if mountpoint -q "$dir"; then
      # A home on its own disk: keep it reachable under a private path, and bind it back over /home/<name> below.
      mkdir -p "$HOMES/$name" "$KEEP/$name"
      mountpoint -q "$KEEP/$name" || mount --bind "$dir" "$KEEP/$name"
      log "$dir is a mount point; it stays on its own disk and is bound back after /home moves to the volume"
      continue
    fi
    [ -d "$dir" ] || continue
    if [ ! -e "$HOMES/$name" ] && [ ! -L "$HOMES/$name" ]; then
      cp -a "$dir" "$HOMES/"
    elif [ -f "$dir/.ssh/authorized_keys" ]; then
      if [ -d "$HOMES/$name/.ssh" ]; then
        cp -a "$dir/.ssh/authorized_keys" "$HOMES/$name/.ssh/authorized_keys"
      else
        cp -a "$dir/.ssh" "$HOMES/$name/"
      fi
    fi
  done
fi

${renderRestoreAccounts()}
# The homes are TLJH's again (after Kubernetes served them from this volume, if it ever did).
${renderHomesOwnedByTljh()}
# 6. Bind the volume's folders over /home and TLJH's state, now and at every boot. Homes on their own disks are
#    bound back over the volume's /home (their fstab lines, if any, mount them there at the next boot).
BIND="none bind,nofail,x-systemd.requires-mounts-for=$DATA 0 0"
grep -q " /home none bind" /etc/fstab || echo "$HOMES /home $BIND" >> /etc/fstab
# /home may be a mount point already (a partition of the image's own): compare with the volume's folder instead.
[ "$(stat -L -c %d:%i /home)" = "$(stat -L -c %d:%i "$HOMES")" ] || mount --bind "$HOMES" /home
for kept in "$KEEP"/*; do
  mountpoint -q "$kept" || continue
  name=$(basename "$kept")
  # (mountpoint would also see the old mount, now hidden under the volume: compare what the paths show.)
  [ "$(stat -c %d:%i "/home/$name")" = "$(stat -c %d:%i "$kept")" ] || mount --bind "$kept" "/home/$name"
  umount "$kept"
done
mkdir -p ${TLJH_PATHS.state}
grep -q " ${TLJH_PATHS.state} none bind" /etc/fstab || echo "$STATE ${TLJH_PATHS.state} $BIND" >> /etc/fstab
mountpoint -q ${TLJH_PATHS.state} || mount ${TLJH_PATHS.state}
`;
}

/**
 * Step 5 of the first boot, on its own so tests can run it against a real filesystem: a replaced VM (or one taking
 * over homes the NFS home server served) starts with a fresh /etc/passwd. Recreate each hub user's account with
 * the ids that own their home, before TLJH would create it with new ids that do not; where the ids are taken on
 * this image (homes the NFS server handed to the notebook uid, 1000, which is `ubuntu` here), give new ones and
 * hand the home to them. Reads `$HOMES` and uses `log`.
 */
export function renderRestoreAccounts(): string {
  return `# 5. A replaced VM starts with a fresh /etc/passwd. Recreate the hub users' accounts with the ids that own their
#    homes, before TLJH would create them with new ids that do not. TLJH adds its groups at the next login.
#    Through symlinks: the ids are those of the home the link points to.
for dir in "$HOMES"/jupyter-*; do
  [ -d "$dir" ] || continue
  name=$(basename "$dir")
  if id -u "$name" >/dev/null 2>&1; then continue; fi
  uid=$(stat -L -c %u "$dir")
  gid=$(stat -L -c %g "$dir")
  if getent passwd "$uid" >/dev/null || getent group "$gid" >/dev/null; then
    log "the ids of $name are taken on this image; giving $name new ones"
    useradd --no-create-home --home-dir "/home/$name" "$name"
    chown -R "$name:$name" "$dir/"
  else
    groupadd --gid "$gid" "$name"
    useradd --no-create-home --home-dir "/home/$name" --uid "$uid" --gid "$gid" "$name"
  fi
done
`;
}
