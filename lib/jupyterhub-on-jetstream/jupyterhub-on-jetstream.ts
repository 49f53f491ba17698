import { Annotations, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { Authenticator } from "../core/authenticator";
import { TutorialNotebooks } from "../core/tutorials";
import { Size } from "../core/units";
import {
  checkUniqueId,
  checkAllocation,
  checkCidrs,
  checkEmail,
  checkLiteral,
  fail,
  isUnresolved,
} from "../core/validate";
import { isDnsLabel, uniqueDnsName } from "../core/naming";
import { JetstreamCluster } from "../jetstream-cluster/jetstream-cluster";
import { ClusterKeyPair } from "../jetstream-cluster/key-pair";
import { ClusterHomeStorage, NfsHomeLayout } from "../kubernetes-on-jetstream/home-storage";
import { BlockstorageVolumeV3 } from "../imports/openstack/blockstorage-volume-v3";
import { protectData, recordHubShape } from "../ledger/protection";
import { KubernetesOnJetstream } from "../kubernetes-on-jetstream/kubernetes-on-jetstream";
import { KubernetesProviders } from "../kubernetes-on-jetstream/providers";
import { SingleServerHub } from "../single-server-hub/single-server-hub";
import { Https } from "../zero-to-jupyterhub/https";
import { Profile } from "../zero-to-jupyterhub/profile";
import { HomeBackups } from "../home-backups/home-backups";
import { ZeroToJupyterHub } from "../zero-to-jupyterhub/zero-to-jupyterhub";
import { CapacityPlan, CapacityPlannerProps, HubShape, NodeRole, PlannedNodes, planCapacity } from "./planner";

/**
 * Props for `JupyterHubOnJetstream`: what the hub must hold (the planner's props) and who runs and uses it.
 */
export interface JupyterHubOnJetstreamProps extends CapacityPlannerProps {
  /**
   * The ACCESS allocation id in lower case, e.g. `cis230085`: the hub's DNS name is in its zone.
   *
   * Tokens: accepted; it forms DNS names as a reference.
   */
  readonly allocation: string;
  /**
   * Networks you administer from: the Kubernetes API, and SSH to the hub's VMs when `keyPair` is given (without a
   * key nobody could log in, so SSH stays closed). 0.0.0.0/0 is refused.
   *
   * Tokens: refused as a whole list, accepted per entry; each block becomes a rule of its own.
   */
  readonly adminCidrs: string[];
  /**
   * How users log in. Every login is OAuth, so the hub serves HTTPS only.
   *
   * Tokens: n.a.; an Authenticator.
   */
  readonly authenticator: Authenticator;
  /**
   * The contact address for Let's Encrypt (certificate expiry notices).
   *
   * Tokens: accepted; written into the hub's configuration as a reference; JSH-TLJH-02 (one VM) or JSH-HUB-01
   * (Kubernetes) reports it as undecided.
   */
  readonly letsEncryptEmail: string;
  /**
   * The stack for the parts that talk to Kubernetes: the Helm and Kubernetes providers, configured from the new
   * cluster, and the Zero to JupyterHub release. The providers need the cluster's address and credentials, which
   * exist only once the cluster does, so they live in a stack of their own that cdktf wires to this one with
   * cross-stack references: `cdktf deploy <this stack> <hub stack>` deploys both, in order, with no kubeconfig.
   * An empty stack is fine; it stays empty while one VM is enough. This is the one place where the construct puts
   * resources outside its own scope's stack: the release, its namespace and home claim live in `hubStack` (at
   * `<hubStack>/<this construct's id>`), so removing the construct from the code removes them from both stacks.
   * Each `JupyterHubOnJetstream` needs a hub stack of its own; a second one given the same stack is refused.
   *
   * Tokens: n.a.; a stack.
   *
   * @default - none: a plan for Kubernetes fails and asks for one
   */
  readonly hubStack?: TerraformStack;
  /**
   * A short DNS-safe name: the prefix of every OpenStack name, and the hub's host name
   * (`<name>-hub.<allocation>...` on one VM, `<name>.<allocation>...` on Kubernetes). Changing it replaces
   * everything, so set it once.
   *
   * Tokens: refused; it names the VMs, clusters and volumes.
   *
   * @default - derived from the construct path, with a short hash
   */
  readonly name?: string;
  /**
   * The SSH key pair of the VMs (the single server, the home server; Magnum nodes too).
   *
   * Tokens: n.a.; a ClusterKeyPair.
   *
   * @default - none: nobody can log in with SSH
   */
  readonly keyPair?: ClusterKeyPair;
  /**
   * Tutorial notebooks every user finds in their home, pulled with nbgitpuller at each login.
   *
   * Tokens: n.a.; a struct whose props say for themselves.
   *
   * @default - none
   */
  readonly tutorials?: TutorialNotebooks;
  /**
   * Size of the protected volume that holds every home directory (on the VM, or on the NFS server). It can grow
   * later, never shrink.
   *
   * Tokens: n.a.; a Size.
   *
   * @default Size.gibibytes(100)
   */
  readonly homeVolumeSize?: Size;
  /**
   * Nightly, encrypted backups of the home volume to the allocation's object store, run on the VM that holds it
   * (the hub VM, or the NFS home server). Without it, the JetstreamChecks rule JSH-DATA-10 asks for a reasoned
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
 * A JupyterHub on Jetstream2 in the shape its users need, from a few facts: how many work at once, their memory and
 * CPU, how many need a GPU.
 *
 * `CapacityPlanner` picks the shape and the VMs that cost the fewest SU per hour (`plan`); this construct builds
 * them. One VM: a `JetstreamCluster` with a `SingleServerHub` (The Littlest JupyterHub). Kubernetes: a Magnum
 * `KubernetesOnJetstream` with the planned workers (a second group when that fills the nodes better), GPU node
 * group and NFS home server in this stack, and the Helm and Kubernetes providers plus a `ZeroToJupyterHub` release
 * in `hubStack`. Either way: the login you give, HTTPS with Let's Encrypt on a Jetstream2 DNS name, homes on a
 * volume with `prevent_destroy`.
 *
 * The shape is decided once. If more users later push the plan across the line, the old shape's resources leave
 * the configuration, which `prevent_destroy` cannot stop: apply `DataLedger` to the app, and the synth fails until
 * the code declares where the home volume goes (a move to the new shape's volume, or a keep). Pin `shape` to stay. On Kubernetes, pin `workerFlavor` before changing the users or their memory, since Magnum
 * replaces a cluster whose worker flavor changes.
 *
 * The client secret is a Terraform variable in the stack that uses it: one from `Secret.fromEnvironment` is
 * declared again in the stack of whichever shape the planner picks (this stack, or `hubStack`), so it never passes
 * between stacks; a `Secret.fromVariable` of another stack is refused with a fix.
 *
 * @example
 * const hubStack = new TerraformStack(app, "hub-k8s");
 * const hub = new JupyterHubOnJetstream(stack, "Hub", {
 *   hubStack,
 *   name: "gwhub",
 *   allocation: "cis230085",
 *   adminCidrs: ["203.0.113.7/32"],
 *   authenticator: Authenticator.gitHub({
 *     clientId: "Iv1.0123456789abcdef",
 *     clientSecret: Secret.fromEnvironment(stack, "github_client_secret"),
 *     adminUsers: ["alice"],
 *     allowedOrganizations: ["my-gateway"],
 *   }),
 *   letsEncryptEmail: "hub-admins@example.org",
 *   expectedUsers: 60,
 *   memoryPerUser: Size.gibibytes(8),
 * });
 */
export class JupyterHubOnJetstream extends Construct {
  /** The plan the hub is built from: shape, VMs and their SU per hour. */
  public readonly plan: CapacityPlan;
  /** The shape built. */
  public readonly shape: HubShape;
  /** The hub's host name. */
  public readonly hostname: string;
  /** The hub's URL, `https://<hostname>/`. */
  public readonly url: string;
  /** The callback URL to register with the OAuth provider. */
  public readonly oauthCallbackUrl: string;
  /** The VMs of the single-server shape. */
  public readonly jetstreamCluster?: JetstreamCluster;
  /** The hub of the single-server shape. */
  public readonly singleServerHub?: SingleServerHub;
  /** The cluster of the Kubernetes shape. */
  public readonly kubernetesCluster?: KubernetesOnJetstream;
  /** The hub of the Kubernetes shape, in `hubStack`. */
  public readonly zeroToJupyterHub?: ZeroToJupyterHub;
  /**
   * The one home volume of both shapes (`prevent_destroy`), at an address that does not depend on the shape: the
   * single server keeps homes and its state on it, the NFS home server serves the same homes to Kubernetes.
   */
  public readonly homeVolume: BlockstorageVolumeV3;

  private hubStack?: TerraformStack;

  /**
   * @param scope the stack for the VMs, the cluster, home storage and DNS
   * @param id the construct id (part of every Terraform address: keep it stable)
   * @param props the users to plan for, the login, and where the Kubernetes parts go (`hubStack`)
   */
  public constructor(scope: Construct, id: string, props: JupyterHubOnJetstreamProps) {
    super(scope, checkUniqueId(scope, id));
    this.plan = planCapacity(props, this);
    this.shape = this.plan.shape;
    const allocation = checkAllocation(this, "allocation", props.allocation);
    checkEmail(this, "letsEncryptEmail", props.letsEncryptEmail);
    const name =
      checkLiteral(this, "name", props.name, "it names the hub's stacks and resources") ?? uniqueDnsName(this, 20);
    if (!isDnsLabel(name) || name.length > 20 || !/^[a-z]/.test(name)) {
      fail(this, {
        prop: "name",
        value: name,
        problem: "not a short DNS label starting with a letter",
        allowed: "1 to 20 characters of a-z, 0-9 and '-', starting with a letter (it becomes part of the hub's URL)",
        fix: "use a short name such as 'gwhub'",
      });
    }
    const adminCidrs = checkCidrs(this, "adminCidrs", props.adminCidrs, {
      allowWorld: false,
      what: "SSH and the Kubernetes API",
    });
    if (!isUnresolved(adminCidrs) && adminCidrs.length === 0) {
      fail(this, {
        prop: "adminCidrs",
        value: adminCidrs,
        problem: "the Kubernetes API (in the Kubernetes shape) must be limited to listed networks",
        allowed: "one or more CIDR blocks, e.g. your workstation's address as /32",
        fix: "list where you run cdktf and kubectl from (find your address with `curl -4 ifconfig.me`)",
      });
    }
    // SSH only where someone can log in.
    const sshCidrs = props.keyPair === undefined ? undefined : adminCidrs;
    const homeGiB = this.checkHomeVolume(props.homeVolumeSize ?? Size.gibibytes(100));
    // One volume for both shapes, so that crossing the line reattaches it: homes lie in TLJH's layout, which the
    // NFS home server serves as it is (NfsHomeLayout.TLJH).
    this.homeVolume = new BlockstorageVolumeV3(this, "HomeVolume", {
      name: `${name}-home`,
      size: homeGiB,
      description: "Home directories of the hub's users, for either shape (and the single server's state). Keep it.",
      enableOnlineResize: true,
      lifecycle: { preventDestroy: true },
    });
    protectData(this.homeVolume, "home volume", "every user's home directory, in either shape");
    const shapeName = (s: HubShape) => (s === HubShape.KUBERNETES ? "Kubernetes" : "single server");
    recordHubShape(this.homeVolume, {
      shape: shapeName(this.shape),
      pinned: props.shape !== undefined,
      construct: this.node.path,
      pinWith: {
        [shapeName(HubShape.SINGLE_SERVER)]: "shape: HubShape.SINGLE_SERVER,",
        [shapeName(HubShape.KUBERNETES)]: "shape: HubShape.KUBERNETES,",
      },
    });
    for (const warning of this.plan.warnings) Annotations.of(this).addWarning(warning);
    const planned = nodesOf(this.plan, NodeRole.WORKERS);
    if (this.shape === HubShape.KUBERNETES && props.workerFlavor === undefined && planned) {
      // Magnum replaces a cluster whose worker flavor changes, and a new user count can change the planner's choice.
      Annotations.of(this).addInfo(
        `the planner chose ${planned.flavor.name} workers; once the cluster exists, pin workerFlavor: ` +
          `JetstreamFlavor.of("${planned.flavor.name}") so that changing expectedUsers or memoryPerUser keeps it`,
      );
    }

    if (this.shape === HubShape.SINGLE_SERVER) {
      this.jetstreamCluster = new JetstreamCluster(this, "Cluster", {
        name,
        allocation,
        adminCidrs: sshCidrs,
        keyPair: props.keyPair,
        allocationResources: props.allocationResources,
      });
      this.singleServerHub = new SingleServerHub(this, "Hub", {
        cluster: this.jetstreamCluster,
        authenticator: inStackOf(this, props.authenticator),
        letsEncryptEmail: props.letsEncryptEmail,
        expectedUsers: this.plan.expectedUsers,
        memoryPerUser: this.plan.memoryPerUser,
        cpuPerUser: this.plan.cpuPerUser,
        flavor: this.plan.singleServer!.flavor,
        homeVolumeSizeGiB: homeGiB,
        homeVolume: this.homeVolume,
        tutorials: props.tutorials,
        backups: props.backups,
      });
      this.hostname = this.singleServerHub.hostname;
      this.url = this.singleServerHub.hubUrl;
      this.oauthCallbackUrl = this.singleServerHub.oauthCallbackUrl;
      return;
    }

    const hubStack = this.checkHubStack(props.hubStack);
    const workers = nodesOf(this.plan, NodeRole.WORKERS)!;
    const extra = nodesOf(this.plan, NodeRole.EXTRA_WORKERS);
    const gpu = nodesOf(this.plan, NodeRole.GPU_WORKERS);
    this.kubernetesCluster = new KubernetesOnJetstream(this, "Cluster", {
      name,
      allocation,
      allocationResources: props.allocationResources,
      apiAllowedCidrs: adminCidrs,
      adminCidrs: sshCidrs,
      keyPair: props.keyPair,
      controlPlaneFlavor: nodesOf(this.plan, NodeRole.CONTROL_PLANE)!.flavor,
      workerFlavor: workers.flavor,
      workerCount: workers.count,
      // Magnum node groups; the names are part of Terraform addresses.
      nodeGroups: [
        ...(extra ? [{ name: "extra-workers", flavor: extra.flavor, count: extra.count }] : []),
        ...(gpu ? [{ name: "gpu", flavor: gpu.flavor, count: gpu.count }] : []),
      ],
      homeStorage: ClusterHomeStorage.nfsServer({
        capacity: Size.gibibytes(homeGiB),
        flavor: nodesOf(this.plan, NodeRole.HOME_SERVER)!.flavor,
        volume: this.homeVolume,
        layout: NfsHomeLayout.TLJH,
        backups: props.backups,
      }),
      hubRecordName: name,
    });

    const providers = KubernetesProviders.configure(hubStack, this.kubernetesCluster);
    const cpu = props.cpuPerUser;
    this.zeroToJupyterHub = new ZeroToJupyterHub(hubStack, id, {
      cluster: this.kubernetesCluster,
      providers,
      authenticator: inStackOf(hubStack, props.authenticator),
      https: Https.letsEncrypt({ contactEmail: props.letsEncryptEmail }),
      memoryGuarantee: this.plan.memoryPerUser,
      memoryLimit: this.plan.memoryPerUser,
      cpuGuarantee: this.plan.cpuPerUser,
      cpuLimit: cpu,
      tutorials: props.tutorials,
      profiles: gpu ? gpuProfiles(this.plan, gpu) : undefined,
    });
    this.hostname = this.zeroToJupyterHub.hostname;
    this.url = this.zeroToJupyterHub.url;
    this.oauthCallbackUrl = this.zeroToJupyterHub.oauthCallbackUrl;
  }

  private checkHubStack(hubStack: TerraformStack | undefined): TerraformStack {
    const own = TerraformStack.of(this);
    if (!(hubStack instanceof TerraformStack) || hubStack === own) {
      fail(this, {
        prop: "hubStack",
        value: hubStack === undefined ? undefined : hubStack === own ? "this construct's own stack" : typeof hubStack,
        problem:
          `the plan is Kubernetes (${this.plan.expectedUsers} users × ${this.plan.memoryPerUser}), and its Helm and ` +
          "Kubernetes providers need a stack of their own: they are configured from a cluster that does not exist " +
          "before the first deploy",
        allowed: "a TerraformStack other than the one this construct is in",
        fix: "add `hubStack: new TerraformStack(app, 'hub-k8s')` and deploy both: cdktf deploy <this stack> hub-k8s",
      });
    }
    const sharer = this.node.root.node
      .findAll()
      .find((c) => c !== this && c instanceof JupyterHubOnJetstream && c.hubStack === hubStack);
    if (sharer) {
      fail(this, {
        prop: "hubStack",
        value: hubStack.node.id,
        problem: `stack ${hubStack.node.id} already holds the Helm and Kubernetes providers and the release of the hub at ${sharer.node.path}; a second cluster's providers there would replace the first's`,
        allowed: "a hub stack of its own for each JupyterHubOnJetstream",
        fix: `add hubStack: new TerraformStack(app, "${hubStack.node.id}-2") (any new stack id) and deploy it too`,
      });
    }
    this.hubStack = hubStack;
    return hubStack;
  }

  private checkHomeVolume(size: Size): number {
    const gib = size instanceof Size ? size.toGibibytes() : Number.NaN;
    if (!Number.isInteger(gib) || gib < 10 || gib > 10240) {
      fail(this, {
        prop: "homeVolumeSize",
        value: size instanceof Size ? size.toString() : size,
        problem: "must be a whole number of GiB a Cinder volume can have",
        allowed: "Size.gibibytes(10) to Size.gibibytes(10240)",
        fix: "allow what each user may keep × the users, e.g. Size.gibibytes(500)",
      });
    }
    return gib;
  }
}

function nodesOf(plan: CapacityPlan, role: NodeRole): PlannedNodes | undefined {
  return plan.nodes.find((n) => n.role === role);
}

/** Two server options when some users have GPUs: CPU (the default) and GPU. */
function gpuProfiles(plan: CapacityPlan, gpu: PlannedNodes): Profile[] {
  const share = `${Math.round(gpu.flavor.gpuFraction * 100)}% of an A100`;
  return [
    { displayName: `CPU: ${plan.memoryPerUser}`, slug: "cpu", default: true },
    {
      displayName: `GPU: ${share}, ${plan.memoryPerUser}`,
      slug: "gpu",
      description: `A ${gpu.flavor.name} node of your own (${gpu.count} on the cluster)`,
      gpus: 1,
    },
  ];
}

// The authenticator with its client secret declared in `scope`'s stack: whichever stack the app declared it in,
// the value never crosses stacks (Secret._inStackOf refuses what it cannot re-declare).
function inStackOf(scope: Construct, authenticator: Authenticator): Authenticator {
  if (!(authenticator instanceof Authenticator)) return authenticator; // validated by the hub construct
  return authenticator._withClientSecret(authenticator.clientSecret._inStackOf(scope, "authenticator.clientSecret"));
}
