// How users' homes lie on a home volume that both hub shapes can use: The Littlest JupyterHub's layout. The
// single-server hub binds `<volume>/home` over /home, where TLJH keeps each user in `jupyter-<name>`, owned by the
// user's own uid. The NFS home server, given the same volume, exports `<volume>/home` and the Zero to JupyterHub
// hub mounts `jupyter-{username}` from it for each user, whose notebook server runs as one uid (1000 in the
// chart's images). So a switch between shapes moves no file: it reattaches the volume and hands the homes to the
// uid that will use them. The text contains no "${", which Terraform would read as an interpolation.

/** Where a hub's data volume is mounted, on the single-server VM and on the NFS server alike. */
export const SHARED_HOME_VOLUME = {
  /** The volume's mount point. */
  mount: "/srv/hub-data",
  /** The homes, one `jupyter-<name>` folder per user. */
  homes: "/srv/hub-data/home",
  /** TLJH's state (the single-server hub's database, proxy state and certificates). */
  tljhState: "/srv/hub-data/tljh-state",
  /** Which shape last made the homes its own: `tljh` or `nfs <uid>:<gid>`. */
  ownerMark: "/srv/hub-data/.jetstream-home-owner",
};

/** The folder of a user's home in TLJH's layout, as KubeSpawner's `subPath` template. */
export const TLJH_HOME_SUBPATH = "jupyter-{username}";

/**
 * Shell steps (POSIX sh, under `set -eu`) for the NFS server: hand every `jupyter-*` home to the notebook uid,
 * once after each time the single-server hub owned them (the owner mark says who did last). Ownership changes;
 * modes, times, content and dotfiles do not. Symbolic links are changed themselves and never followed, so a link
 * in a home cannot hand a file outside it to anyone.
 *
 * @param o `uidVar`/`gidVar`: shell variables holding the notebook uid and gid; `log`: a logging command; `root`:
 *   where the volume is mounted (tests mount a disk image elsewhere)
 */
export function renderHomesToNotebookUid(o: { uidVar: string; gidVar: string; log: string; root?: string }): string {
  const uid = `$${o.uidVar}`;
  const gid = `$${o.gidVar}`;
  const { homes, ownerMark } = layoutAt(o.root);
  return `mkdir -p ${homes}
chown "${uid}:${gid}" ${homes}
chmod 0755 ${homes}
if [ "$(cat ${ownerMark} 2>/dev/null || true)" != "nfs ${uid}:${gid}" ]; then
  handed=0
  for dir in ${homes}/jupyter-*; do
    [ -d "$dir" ] && [ ! -L "$dir" ] || continue
    chown -R -P -h "${uid}:${gid}" "$dir"
    handed=$((handed + 1))
  done
  echo "nfs ${uid}:${gid}" > ${ownerMark}.new
  mv ${ownerMark}.new ${ownerMark}
  ${o.log} "handed $handed home(s) to ${uid}:${gid}, the notebook servers' uid"
fi
`;
}

/** Shell step for the single-server hub, after it gave each home back to its user: record that TLJH owns them. */
export function renderHomesOwnedByTljh(root?: string): string {
  const { ownerMark } = layoutAt(root);
  return `echo tljh > ${ownerMark}.new
mv ${ownerMark}.new ${ownerMark}
`;
}

function layoutAt(root: string = SHARED_HOME_VOLUME.mount): { homes: string; ownerMark: string } {
  return { homes: `${root}/home`, ownerMark: `${root}/.jetstream-home-owner` };
}
