import { checkLoginTarget, tljhTarget } from "../core/oauthenticator-target";
import { Annotations, Fn, Tokenization } from "cdktf";
import { Construct } from "constructs";
import { oauthCallbackUrl } from "../core/authenticator-config";
import { Authenticator } from "../core/authenticator";
import { JetstreamFlavor } from "../core/flavor";
import { JetstreamImage } from "../core/image";
import { recordCreator } from "../core/provenance";
import { TutorialNotebooks, checkTutorials } from "../core/tutorials";
import { Duration, Size } from "../core/units";
import {
  checkFreeGroupName,
  checkSameStack,
  checkUniqueId,
  checkCulling,
  checkEmail,
  checkHostname,
  checkHttpsUrl,
  checkInteger,
  fail,
  isUnresolved,
} from "../core/validate";
import { protectData, recordFirstBootSettings } from "../ledger/protection";
import { BlockstorageVolumeV3 } from "../imports/openstack/blockstorage-volume-v3";
import { TljhSettings, firstBootSettings } from "./tljh-config";
import { toDnsLabel } from "../core/naming";
import { ComputeInstanceV2 } from "../imports/openstack/compute-instance-v2";
import { JetstreamCluster } from "../jetstream-cluster/jetstream-cluster";
import { AttachedVolume, Node, NodeGroup } from "../jetstream-cluster/node-group";
import { DEFAULT_TLJH_VERSION, checkImage, checkPlugins, checkTljhUsernames, checkTljhVersion } from "./checks";
import { HUB_DATA, renderUserData } from "./cloud-init";
import { HomeBackups, backupSettingsText, renderBackupsProp } from "../home-backups/home-backups";
import { SingleServerPlan, planSingleServer } from "./sizing";

/**
 * Props for `SingleServerHub`.
 */
export interface SingleServerHubProps {
  /**
   * The cluster the hub's VM joins: its network, SSH access (`adminCidrs`) and key pair. Set `allocation` on it
   * so the hub gets its Jetstream2 DNS name, or give `domain`.
   *
   * Tokens: n.a.; a JetstreamCluster.
   */
  readonly cluster: JetstreamCluster;
  /**
   * How users log in. Every login is OAuth, so the hub serves HTTPS only.
   *
   * Tokens: n.a.; an Authenticator.
   */
  readonly authenticator: Authenticator;
  /**
   * The contact address for Let's Encrypt (expiry notices). HTTPS is mandatory, so this is required.
   *
   * Tokens: accepted; written into the user data as a reference; JSH-TLJH-02 reports it as undecided.
   *
   * @see https://tljh.jupyter.org/en/latest/howto/admin/https.html
   */
  readonly letsEncryptEmail: string;
  /**
   * How many users work on the hub at the same time. With `memoryPerUser`, it picks the flavor.
   *
   * Tokens: refused; it sizes the VM at synth.
   */
  readonly expectedUsers: number;
  /**
   * The most memory one user's server may use (TLJH `limits.memory`).
   *
   * Tokens: n.a.; a Size.
   */
  readonly memoryPerUser: Size;
  /**
   * The most CPUs one user's server may use (TLJH `limits.cpu`), in whole CPUs.
   *
   * Tokens: refused; it sizes the VM at synth.
   *
   * @default - the flavor's vCPUs shared evenly among expectedUsers, at least 1
   */
  readonly cpuPerUser?: number;
  /**
   * The VM's flavor. Checked to hold `expectedUsers` × `memoryPerUser`.
   *
   * Tokens: n.a.; a JetstreamFlavor.
   *
   * @default - the smallest current m3 flavor that holds them (see `SingleServerSizing`)
   */
  readonly flavor?: JetstreamFlavor;
  /**
   * The hub's host name, when not the VM's Jetstream2 name. Point its DNS A record at `publicIp`.
   *
   * Tokens: accepted; written into the user data as a reference.
   *
   * @default - `<cluster name>-<name>.<allocation>.projects.jetstream-cloud.org`, published by Jetstream2
   */
  readonly domain?: string;
  /**
   * Use Let's Encrypt's staging CA (untrusted certificates, generous rate limits) while trying things out.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false
   */
  readonly letsEncryptStaging?: boolean;
  /**
   * The hub's node group name within the cluster: part of the VM's OpenStack name, and so of its Jetstream2 host
   * name (the hub's URL and OAuth callback). Terraform addresses follow the construct id instead, so a new name
   * renames the VM and its volume in place; register the new callback URL with the OAuth provider first.
   *
   * Tokens: refused; it is part of the VM's names and Terraform addresses.
   *
   * @default "hub"
   */
  readonly name?: string;
  /**
   * The image the VM boots: Ubuntu 22.04 or newer, or Debian 11 or newer (what TLJH supports).
   *
   * Tokens: n.a.; a JetstreamImage.
   *
   * @default JetstreamImage.FEATURED_UBUNTU24
   */
  readonly image?: JetstreamImage;
  /**
   * Size of the volume holding home directories and the hub's state. It can grow later, never shrink.
   *
   * Tokens: accepted; written to the volume's size as a reference.
   *
   * @default 100
   */
  readonly homeVolumeSizeGiB?: number;
  /**
   * The Cinder volume type of the home volume.
   *
   * Tokens: accepted; written to the volume's volume_type as a reference.
   *
   * @default - the project's default volume type
   */
  readonly homeVolumeType?: string;
  /**
   * Keep homes and the hub's state on this volume instead of creating one (`homeVolumeSizeGiB` and
   * `homeVolumeType` are then the volume's own). `JupyterHubOnJetstream` passes the volume both of its shapes
   * share, so that growing into Kubernetes and back reattaches it instead of replacing it; the homes lie in
   * TLJH's layout, which the NFS home server can serve (`NfsHomeLayout.TLJH`).
   *
   * Tokens: n.a.; a volume resource.
   *
   * @default - the hub's node creates its own protected volume
   */
  readonly homeVolume?: BlockstorageVolumeV3;
  /**
   * The TLJH release to install: an exact `x.y.z` tag, or a 40-character commit.
   *
   * Tokens: refused; the release decides which oauthenticator the hub runs, which is checked against the login at
   * synth.
   *
   * @default "2.0.0"
   * @see https://github.com/jupyterhub/the-littlest-jupyterhub/releases
   */
  readonly tljhVersion?: string;
  /**
   * TLJH plugins, each pinned: a pip spec with `==` (`tljh-repo2docker==1.0.1`) or a git URL ending in `@<tag>`
   * or `@<commit>`.
   *
   * Tokens: refused; each plugin is checked for a pinned version at synth.
   *
   * @default - none
   * @see https://tljh.jupyter.org/en/latest/topic/customizing-installer.html
   */
  readonly plugins?: string[];
  /**
   * A requirements.txt (https, raw file) installed into the users' environment when the VM is set up.
   *
   * Tokens: accepted; written into the user data as a reference.
   *
   * @default - TLJH's default user environment
   */
  readonly userRequirementsUrl?: string;
  /**
   * A repository of tutorial notebooks that every user finds in their home from the first login.
   *
   * Tokens: n.a.; a struct whose props say for themselves.
   *
   * @default - none
   */
  readonly tutorials?: TutorialNotebooks;
  /**
   * Stop a user's server after it has been idle this long (TLJH `services.cull.timeout`).
   *
   * Tokens: n.a.; a Duration.
   *
   * @default Duration.hours(1)
   */
  readonly cullTimeout?: Duration;
  /**
   * How often the idle culler checks (TLJH `services.cull.every`).
   *
   * Tokens: n.a.; a Duration.
   *
   * @default Duration.minutes(10)
   */
  readonly cullEvery?: Duration;
  /**
   * Nightly, encrypted backups of the home volume (homes and the hub's state) to the allocation's object store.
   * Jetstream2 keeps no backups of volumes; without this, the JetstreamChecks rule JSH-DATA-10 asks for a reasoned
   * acknowledgement.
   *
   * Tokens: n.a.; a HomeBackups.
   *
   * @default - no backups
   * @see docs/home-backups.md
   */
  readonly backups?: HomeBackups;
}

/**
 * A JupyterHub on one Jetstream2 VM: The Littlest JupyterHub (TLJH), installed by cloud-init.
 *
 * The VM is sized from the users working at once and their memory (`SingleServerSizing`), serves HTTPS with
 * Let's Encrypt on its Jetstream2 DNS name, and keeps home directories and the hub's state on a separate Cinder
 * volume with `prevent_destroy`. The VM ignores later changes to its user data, image and key pair: settings
 * reach a running hub when you replace the VM on purpose (the volume stays and is attached again), never by
 * surprise. The OAuth client secret is in the user data only as a Terraform reference.
 *
 * @example
 * const cluster = new JetstreamCluster(stack, "Cluster", {
 *   allocation: "cis230085",
 *   adminCidrs: ["203.0.113.7/32"],
 *   keyPair: ClusterKeyPair.fromPublicKey("ssh-ed25519 AAAA... me@laptop"),
 * });
 * new SingleServerHub(stack, "Hub", {
 *   cluster,
 *   authenticator: Authenticator.gitHub({
 *     clientId: "Iv1.0123456789abcdef",
 *     clientSecret: Secret.fromEnvironment(stack, "github_client_secret"),
 *     adminUsers: ["alice"],
 *     allowedOrganizations: ["my-gateway"],
 *   }),
 *   letsEncryptEmail: "hub-admins@example.org",
 *   expectedUsers: 10,
 *   memoryPerUser: Size.gibibytes(8),
 * });
 */
export class SingleServerHub extends Construct {
  /** The TLJH release installed unless `tljhVersion` says otherwise. */
  public static readonly DEFAULT_TLJH_VERSION: string = DEFAULT_TLJH_VERSION;

  /** The hub's node group in the cluster. */
  public readonly nodeGroup: NodeGroup;
  /** The hub's VM with its port, floating IP and home volume. */
  public readonly server: Node;
  /** The OpenStack instance. */
  public readonly instance: ComputeInstanceV2;
  /** The home volume (homes and hub state) and its attachment. */
  public readonly homeVolume: AttachedVolume;
  /** The sizing decision: flavor and memory budget. */
  public readonly sizing: SingleServerPlan;
  /** The host name the hub serves. */
  public readonly hostname: string;
  /** `https://<hostname>/`. */
  public readonly hubUrl: string;
  /** The OAuth callback URL to register with the identity provider: `https://<hostname>/hub/oauth_callback`. */
  public readonly oauthCallbackUrl: string;
  /** The public IPv4 address (the floating IP). */
  public readonly publicIp: string;
  /** The TLJH version installed. */
  public readonly tljhVersion: string;

  /**
   * @param scope the stack (or construct) the hub belongs to; it must be in the stack of `cluster`, since the hub VM
   *   and its home volume are a node group of that cluster
   * @param id the construct id; the hub's resources live in the cluster's node group `Group-<id in lower case>`, so
   *   their Terraform addresses follow the cluster's id and this id (never `name`)
   * @param props login, HTTPS contact, expected users and their memory, and the cluster to join
   */
  public constructor(scope: Construct, id: string, props: SingleServerHubProps) {
    super(scope, checkUniqueId(scope, id));
    const cluster = props.cluster;
    if (!(cluster instanceof JetstreamCluster)) {
      fail(this, {
        prop: "cluster",
        value: typeof cluster,
        problem: "must be a JetstreamCluster",
        allowed: "new JetstreamCluster(stack, 'Cluster', { allocation, adminCidrs, keyPair })",
        fix: "create the cluster first and pass it",
      });
    }
    checkSameStack(this, "cluster", cluster, "the hub VM and its home volume (a node group of the cluster)");
    const auth = props.authenticator;
    if (!(auth instanceof Authenticator)) {
      fail(this, {
        prop: "authenticator",
        value: typeof auth,
        problem: "must be an Authenticator",
        allowed: "Authenticator.gitHub, .google, .ciLogon or .genericOAuth",
        fix: "build the login with one of the Authenticator factories",
      });
    }
    checkTljhUsernames(this, auth);
    if (props.letsEncryptEmail === undefined) {
      fail(this, {
        prop: "letsEncryptEmail",
        value: undefined,
        problem: "is required: every login is OAuth, so the hub serves HTTPS only, and Let's Encrypt needs a contact",
        allowed: "an address such as hub-admins@example.org",
        fix: "give an address that reads certificate expiry notices",
      });
    }
    checkEmail(this, "letsEncryptEmail", props.letsEncryptEmail);
    this.tljhVersion = checkTljhVersion(this, props.tljhVersion ?? SingleServerHub.DEFAULT_TLJH_VERSION);
    const plugins = checkPlugins(this, props.plugins ?? []);
    if (props.userRequirementsUrl !== undefined) {
      checkHttpsUrl(this, "userRequirementsUrl", props.userRequirementsUrl, "a raw requirements.txt");
    }
    if (props.tutorials !== undefined) checkTutorials(this, "tutorials", props.tutorials);
    const cullTimeout = props.cullTimeout ?? Duration.hours(1);
    const cullEvery = props.cullEvery ?? Duration.minutes(10);
    checkCulling(this, cullTimeout, cullEvery);
    const homeVolumeSizeGiB = checkInteger(this, "homeVolumeSizeGiB", props.homeVolumeSizeGiB ?? 100, {
      acceptsToken: true,
      min: 10,
      max: 10240,
      fix: "give whole GiB; the volume holds every user's home, so allow what each may keep times the users",
    });
    const image = checkImage(this, props.image ?? JetstreamImage.FEATURED_UBUNTU24);
    const oauthenticator = tljhTarget(this.tljhVersion, image);
    checkLoginTarget(this, auth, oauthenticator);
    if (props.domain === undefined && cluster.allocation === undefined) {
      fail(this, {
        prop: "domain",
        value: undefined,
        problem: "the hub needs a host name for HTTPS and the OAuth callback, and the cluster has no allocation",
        allowed: "allocation on the JetstreamCluster (for <vm>.<allocation>.projects.jetstream-cloud.org), or domain",
        fix: "set allocation on the cluster, or give a domain whose A record you point at the hub's publicIp",
      });
    }
    if (props.domain !== undefined) checkHostname(this, "domain", props.domain);
    this.sizing = planSingleServer(
      {
        expectedUsers: props.expectedUsers,
        memoryPerUser: props.memoryPerUser,
        cpuPerUser: props.cpuPerUser,
        flavor: props.flavor,
      },
      this,
    );
    if (auth.adminUsers.length > 3) {
      Annotations.of(this).addWarning(
        `authenticator.adminUsers: ${auth.adminUsers.length} admins; on TLJH every admin gets passwordless sudo ` +
          "(root on the VM), so keep the list short",
      );
    }
    if (props.letsEncryptStaging) {
      Annotations.of(this).addWarning("letsEncryptStaging: browsers will not trust the hub's certificate");
    }

    this.nodeGroup = cluster.addNodeGroup({
      name: checkFreeGroupName(this, "name", props.name ?? "hub", cluster.nodeGroups),
      // Addresses follow the hub's construct id, not `name`: renaming the VM then updates it in place, and the home
      // volume keeps its address (a construct id of "Hub" gives Group-hub, the address `name: "hub"` had).
      addressKey: toDnsLabel(id) || "hub",
      flavor: this.sizing.flavor,
      image,
      floatingIp: true,
      webAccess: true,
      // Users (and every admin, who has sudo) are on this VM: it gets no way onto the cluster's other VMs, and
      // they none onto it beyond the web ports.
      peerAccess: false,
      volumes: [
        {
          name: "home",
          sizeGiB: homeVolumeSizeGiB,
          volumeType: props.homeVolumeType,
          existingVolume: props.homeVolume,
          description: "Home directories and JupyterHub state of a single-server hub; outlives the VM",
        },
      ],
    });
    // The VM sits in the cluster's tree; acknowledgements on the hub still cover what the hub made there.
    recordCreator(this.nodeGroup, this);
    this.server = this.nodeGroup.nodes[0];
    this.instance = this.server.instance;
    this.homeVolume = this.server.volume("home");
    protectData(this.homeVolume.volume, "home volume", "every user's home directory and the hub's state");
    this.publicIp = this.server.publicIp!;

    this.hostname = props.domain ?? this.jetstreamHostname(cluster);
    this.hubUrl = `https://${this.hostname}/`;
    this.oauthCallbackUrl = oauthCallbackUrl(this.hostname);

    // Rendered now that the volume exists: the user data names the volume's device by its id.
    const settings: TljhSettings = {
      authenticator: auth,
      oauthenticator,
      hostname: this.hostname,
      letsEncryptEmail: props.letsEncryptEmail,
      letsEncryptStaging: props.letsEncryptStaging === true,
      memoryPerUser: this.sizing.memoryPerUser,
      cpuPerUser: this.sizing.cpuPerUser,
      cullTimeout,
      cullEvery,
      tutorials: props.tutorials,
    };
    this.instance.userData = renderUserData({
      settings,
      tljhVersion: this.tljhVersion,
      plugins,
      userRequirementsUrl: props.userRequirementsUrl,
      clientSecretBase64: Fn.base64encode(auth.clientSecret.value),
      homeVolumeSerial: this.homeVolume.deviceSerial,
      // The whole volume: homes and the hub's state. TLJH gives its admins this group (and sudo).
      backups: renderBackupsProp(this, props.backups, {
        backupPath: HUB_DATA.mount,
        host: this.server.instanceName,
        adminGroup: "jupyterhub-admins",
      }),
      publicIpv4: this.publicIp,
    });
    // The VM ignores later user data: the DataLedger compares these across synths and says what to apply by hand.
    recordFirstBootSettings(this.instance, {
      ...firstBootSettings(settings, {
        tljhVersion: this.tljhVersion,
        plugins,
        userRequirementsUrl: props.userRequirementsUrl,
      }),
      ...(props.backups ? { "install:backups": backupSettingsText(props.backups)! } : {}),
    });
  }

  /** The flavor the hub runs on. */
  public get flavor(): JetstreamFlavor {
    return this.sizing.flavor;
  }

  /**
   * The instance's Terraform address, for replacing the VM on purpose:
   * `terraform apply -replace=<instanceAddress>` (the home volume stays and is attached to the new VM).
   */
  public get instanceAddress(): string {
    return `${this.instance.terraformResourceType}.${this.instance.friendlyUniqueId}`;
  }

  // The name Jetstream2 publishes for the VM, which must also fit in a Let's Encrypt certificate.
  private jetstreamHostname(cluster: JetstreamCluster): string {
    const hostname = cluster.dnsNameOf(this.server);
    if (hostname === undefined) {
      fail(this, {
        prop: "domain",
        value: undefined,
        problem: "the cluster's network does not publish Jetstream2 DNS names, so the hub has no host name",
        allowed: "a cluster on ClusterNetwork.autoAllocated() with allocation set, or domain",
        fix: "give a domain whose A record you point at the hub's publicIp",
      });
    }
    // An allocation from a token is known only at deploy time: what synth can measure is the rest of the name.
    const length = isUnresolved(hostname)
      ? Tokenization.reverseString(hostname).literals.map(String).join("").length
      : hostname.length;
    if (length > 64) {
      fail(this, {
        prop: "name",
        value: hostname,
        problem: `makes the hub's Jetstream2 name ${isUnresolved(hostname) ? "at least " : ""}${length} characters long; Let's Encrypt takes at most 64`,
        allowed:
          "a cluster name and hub name short enough for <cluster>-<name>.<allocation>.projects.jetstream-cloud.org",
        fix: "give the JetstreamCluster a shorter name (e.g. name: 'gwhub'), or give the hub a domain",
      });
    }
    return hostname;
  }
}
