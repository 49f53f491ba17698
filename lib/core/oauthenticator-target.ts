import { IConstruct } from "constructs";
import { Authenticator, AuthenticatorKind } from "./authenticator";
import { ImageOs, JetstreamImage } from "./image";
import { fail } from "./validate";

/**
 * The oauthenticator release a hub will run, as far as the library can tell from what it deploys: the z2jh chart
 * version (its hub image pins oauthenticator) or the TLJH version and the VM's OS (TLJH asks pip for a range, and
 * the system Python decides which release of that range installs). Login settings are rendered for it.
 */
export interface OAuthenticatorTarget {
  /** What decides the version, for messages: "z2jh chart 4.4.0", "TLJH 2.0.0 on debian 11". */
  readonly source: string;
  /** The prop that selects it, for messages: "chartVersion", "image". */
  readonly prop: string;
  /** The lowest oauthenticator version the hub can end up with, as [major, minor]. */
  readonly version: readonly [number, number];
}

/** The newest release line the library is tested against (oauthenticator 17.4, z2jh 4.4.0, TLJH 2.0.0 on Ubuntu). */
export const LATEST_OAUTHENTICATOR: OAuthenticatorTarget = {
  source: "oauthenticator 17.4",
  prop: "authenticator",
  version: [17, 4],
};

/** oauthenticator 17.4.0 renamed CILogon's allowed_idps to idps; 17.3 has no `idps` trait. */
export const CILOGON_IDPS_SINCE: readonly [number, number] = [17, 4];
/** oauthenticator 17.0 replaced claim_groups_key by auth_state_groups_key and made groups need manage_groups. */
export const MANAGED_GROUPS_SINCE: readonly [number, number] = [17, 0];
/** oauthenticator 16.0 made every allow rule explicit (hosted_domain only restricts); older releases are refused. */
const OLDEST_SUPPORTED: readonly [number, number] = [16, 0];

/** The first z2jh chart whose hub image has oauthenticator >= 17.4 (`images/hub/requirements.txt`). */
export const Z2JH_CILOGON_IDPS_CHART = "4.3.3";

/**
 * The oauthenticator a z2jh chart version ships in its hub image. 4.4.0 pins 17.4.0
 * (`images/hub/requirements.txt@4.4.0`); 4.3.3 is the first chart with 17.4; 4.x charts ship 17.x and 3.x charts 16.x.
 */
export function z2jhTarget(chartVersion: string): OAuthenticatorTarget {
  const [major, minor, patch] = chartVersion.split(/[.-]/).map((p) => parseInt(p, 10));
  const [cMajor, cMinor, cPatch] = Z2JH_CILOGON_IDPS_CHART.split(".").map((p) => parseInt(p, 10));
  const atLeastIdps = compare([major, minor, patch], [cMajor, cMinor, cPatch]) >= 0;
  let version: [number, number];
  if (atLeastIdps) version = [17, 4];
  else if (major >= 4) version = [17, 0];
  else if (major === 3) version = [16, 0];
  else version = [15, 0];
  return { source: `z2jh chart ${chartVersion}`, prop: "chartVersion", version };
}

/**
 * The oauthenticator TLJH installs. TLJH 2.x asks for `oauthenticator>=17.1.0,<18`
 * (`tljh/requirements-hub-env.txt@2.0.0`); oauthenticator 17.4.0 needs Python >= 3.10 (`pyproject.toml@17.4.0`), so
 * on Debian 11 (Python 3.9, which TLJH accepts) pip settles on 17.3. TLJH 1.x asks for 16.x. A commit is read as 2.x.
 */
export function tljhTarget(tljhVersion: string, image: JetstreamImage): OAuthenticatorTarget {
  const major = /^\d+\./.test(tljhVersion) ? parseInt(tljhVersion, 10) : 2;
  const osVersion = parseFloat(image.osVersion ?? "");
  // Ubuntu 22.04 has Python 3.10, Debian 12 has 3.11; Debian 11 has 3.9.
  const python310 = image.os === ImageOs.DEBIAN ? osVersion >= 12 : image.os === ImageOs.UBUNTU && osVersion >= 22.04;
  let version: [number, number];
  if (major >= 2) version = python310 ? [17, 4] : [17, 3];
  else if (major === 1) version = [16, 0];
  else version = [15, 0];
  const os = `${image.os} ${image.osVersion ?? "(version unknown)"}`;
  return { source: `TLJH ${tljhVersion} on ${os}`, prop: major >= 2 ? "image" : "tljhVersion", version };
}

/** Whether the target's oauthenticator is at least `since`. */
export function supports(target: OAuthenticatorTarget, since: readonly [number, number]): boolean {
  return compare(target.version, since) >= 0;
}

/**
 * Refuses a login the targeted oauthenticator cannot run, naming both versions. Called by each hub construct.
 */
export function checkLoginTarget(scope: IConstruct, auth: Authenticator, target: OAuthenticatorTarget): void {
  const v = (x: readonly [number, number]) => `${x[0]}.${x[1]}`;
  if (!supports(target, OLDEST_SUPPORTED)) {
    fail(scope, {
      prop: target.prop,
      value: target.source,
      problem: `${target.source} installs oauthenticator ${v(target.version)}, older than ${v(OLDEST_SUPPORTED)}, whose allow rules the library writes`,
      allowed: "z2jh chart 3.0.0 or newer, TLJH 1.0.0 or newer",
      fix: "use the default version",
    });
  }
  if (auth.kind === AuthenticatorKind.CILOGON && !supports(target, CILOGON_IDPS_SINCE)) {
    fail(scope, {
      prop: target.prop,
      value: target.source,
      problem:
        `${target.source} installs oauthenticator ${v(target.version)}, but CILogon's idps setting needs oauthenticator ` +
        `${v(CILOGON_IDPS_SINCE)} or newer (older releases ignore it, and every login is refused)`,
      allowed:
        `z2jh chart ${Z2JH_CILOGON_IDPS_CHART} or newer; TLJH 2.x on Ubuntu 22.04+ or Debian 12+ ` +
        "(oauthenticator 17.4 needs Python 3.10)",
      fix: {
        chartVersion: `set chartVersion to ${Z2JH_CILOGON_IDPS_CHART} or newer (the default is tested)`,
        image: "use the default image (JetstreamImage.FEATURED_UBUNTU24), Ubuntu 22.04 or Debian 12",
        tljhVersion: "use TLJH 2.0.0 (the default)",
      }[target.prop as "chartVersion" | "image" | "tljhVersion"],
    });
  }
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
