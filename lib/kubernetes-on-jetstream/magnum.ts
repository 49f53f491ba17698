import { Fn, TerraformStack, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { JetstreamValidationError } from "../core/errors";
import { JetstreamFlavor } from "../core/flavor";
import { Duration } from "../core/units";
import { checkInteger, checkLiteral, checkWholeMap, fail } from "../core/validate";
import { terraformText } from "../core/terraform-text";
import { ContainerinfraClusterV1 } from "../imports/openstack/containerinfra-cluster-v1";
import { ContainerinfraNodegroupV1 } from "../imports/openstack/containerinfra-nodegroup-v1";
import { DataOpenstackContainerinfraClustertemplateV1 } from "../imports/openstack/data-openstack-containerinfra-clustertemplate-v1";
import { NodeGroupSpec, WorkerAutoscaling, WorkerSizing } from "./workers";
import { protectData } from "../ledger/protection";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A Magnum cluster template: which Kubernetes release, node image and drivers a cluster gets.
 *
 * Jetstream2 publishes its templates to every project. A cluster refers to its template by UUID; Magnum on
 * Jetstream2 has rejected requests that name community-shared resources. `fromName` looks the UUID up at plan time.
 *
 * @see https://docs.jetstream-cloud.org/general/k8smagnum/
 */
export class MagnumClusterTemplate {
  /**
   * `kubernetes-1-33-jammy-fixed-labels`: Kubernetes 1.33 on Ubuntu 22.04 nodes, without the defunct dashboard that
   * left clusters made from the plain template stuck in CREATE_IN_PROGRESS.
   */
  public static readonly KUBERNETES_1_33_JAMMY_FIXED_LABELS = MagnumClusterTemplate.fromId(
    "ce4a54dd-7d3d-486c-ab61-71d7a02b3076",
  );

  /**
   * A template by UUID (`openstack coe cluster template list`).
   */
  public static fromId(id: string): MagnumClusterTemplate {
    if (typeof id !== "string" || !UUID.test(id)) {
      throw new JetstreamValidationError({
        prop: "clusterTemplate",
        value: id,
        problem: "a cluster template id must be a UUID",
        allowed: "a UUID such as ce4a54dd-7d3d-486c-ab61-71d7a02b3076",
        fix: "copy the uuid column of `openstack coe cluster template list`, or use MagnumClusterTemplate.fromName",
      });
    }
    return new MagnumClusterTemplate(id.toLowerCase(), undefined);
  }

  /**
   * A template by name, looked up when Terraform plans (a data source), e.g. `kubernetes-1-33-jammy`.
   */
  public static fromName(name: string): MagnumClusterTemplate {
    if (typeof name !== "string" || name.trim() === "") {
      throw new JetstreamValidationError({
        prop: "clusterTemplate",
        value: name,
        problem: "a cluster template name must be a non-empty string",
        allowed: "a name from `openstack coe cluster template list`, e.g. kubernetes-1-33-jammy-fixed-labels",
        fix: "pass the template's name, or use MagnumClusterTemplate.fromId",
      });
    }
    return new MagnumClusterTemplate(undefined, name);
  }

  /** The template's UUID, when given by id. */
  public readonly id?: string;
  /** The template's name, when given by name. */
  public readonly name?: string;

  private constructor(id?: string, name?: string) {
    this.id = id;
    this.name = name;
  }

  /**
   * The template's UUID, looking it up by name when needed.
   *
   * @internal
   */
  public _resolveId(scope: Construct): string {
    if (this.id !== undefined) return this.id;
    return new DataOpenstackContainerinfraClustertemplateV1(scope, "ClusterTemplate", { name: this.name! }).id;
  }
}

/** Labels the construct owns; users set them through props, never through `labels`. */
export const MANAGED_LABELS: { [label: string]: string } = {
  auto_scaling_enabled: "autoscaling (of the workers or of any node group)",
  min_node_count: "autoscaling.minNodes",
  max_node_count: "autoscaling.maxNodes",
  api_master_lb_allowed_cidrs: "apiAllowedCidrs",
  master_lb_floating_ip_enabled: "apiAllowedCidrs (the API always gets a public address, restricted to those networks)",
  kube_dashboard_enabled: "(none: the dashboard stays off)",
  csi_cinder_reclaim_policy: "(none: dynamic volumes are always retained)",
};

/** What the Magnum labels say. */
export interface MagnumLabelsInput {
  /** Networks allowed to reach the Kubernetes API load balancer. */
  readonly apiAllowedCidrs: string[];
  /** Autoscaling bounds of the default worker group. */
  readonly autoscaling?: WorkerAutoscaling;
  /** Whether an extra node group autoscales (the driver reads the cluster label for every group). */
  readonly nodeGroupsAutoscale?: boolean;
  /** More labels, already checked against `MANAGED_LABELS`. */
  readonly extra?: { [key: string]: string };
}

/**
 * Renders the labels of a Magnum (Cluster API) cluster. Pure. Every value is a string, as Magnum requires.
 *
 * - The API load balancer gets a floating IP, reachable only from `apiAllowedCidrs` (comma-separated, the form
 *   the driver reads from Terraform).
 * - The Kubernetes dashboard is off: the one in older templates never became ready and blocked creation.
 * - Dynamic Cinder volumes are retained when their claim is deleted (explicit rather than the operator default).
 * - Autoscaling bounds are set here, at creation: Jetstream2's autoscaler reads them and they cannot change later.
 *   The Cluster API driver autoscales a node group only when the *cluster* label `auto_scaling_enabled` is true and
 *   the group's min differs from its max (magnum-capi-helm `driver.py` `_get_autoscale_values`), so the label is
 *   true when any group autoscales. A fixed default group then gets no min/max labels: the driver takes
 *   min = max = node_count for it (`_get_node_counts`), and it stays fixed.
 */
export function magnumLabels(input: MagnumLabelsInput): { [key: string]: string } {
  const scaling: { [key: string]: string } = input.autoscaling
    ? {
        auto_scaling_enabled: "true",
        min_node_count: String(input.autoscaling.minNodes),
        max_node_count: String(input.autoscaling.maxNodes),
      }
    : { auto_scaling_enabled: input.nodeGroupsAutoscale ? "true" : "false" };
  return {
    ...(input.extra ?? {}),
    ...scaling,
    master_lb_floating_ip_enabled: "true",
    api_master_lb_allowed_cidrs: input.apiAllowedCidrs.join(","),
    kube_dashboard_enabled: "false",
    csi_cinder_reclaim_policy: "Retain",
  };
}

/** Everything the Magnum builder needs, validated by the construct. */
export interface MagnumClusterSpec {
  readonly name: string;
  readonly template: MagnumClusterTemplate;
  readonly controlPlaneCount: number;
  readonly controlPlaneFlavor: JetstreamFlavor;
  readonly workerFlavor: JetstreamFlavor;
  readonly workers: WorkerSizing;
  readonly keyPairName?: string;
  readonly networkId: string;
  readonly subnetId: string;
  readonly labels: { [key: string]: string };
  readonly createTimeout: Duration;
  readonly nodeGroups: NodeGroupSpec[];
}

/** 1 or 3 control-plane nodes. */
export function checkControlPlaneCount(scope: IConstruct, count: number | undefined): number {
  const value = checkLiteral(scope, "engine.controlPlaneCount", count ?? 1, "it decides how many VMs exist");
  if (value !== 1 && value !== 3) {
    fail(scope, {
      prop: "engine.controlPlaneCount",
      value,
      problem: "etcd needs an odd number of members, and Jetstream2 clusters use 1 or 3",
      allowed: "1, or 3 for a highly available API",
      fix: "use 1 (the default) or 3",
    });
  }
  return value;
}

/** Extra labels: string values, none that the construct manages. */
export function checkExtraLabels(
  scope: IConstruct,
  labels: { [key: string]: string } | undefined,
): { [key: string]: string } {
  checkWholeMap(scope, "engine.labels", labels);
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key in MANAGED_LABELS) {
      fail(scope, {
        prop: `engine.labels.${key}`,
        value,
        problem: "the construct sets this label itself",
        allowed: `labels other than ${Object.keys(MANAGED_LABELS).join(", ")}`,
        fix: `remove it; use ${MANAGED_LABELS[key]}`,
      });
    }
    if (typeof value !== "string") {
      fail(scope, {
        prop: `engine.labels.${key}`,
        value,
        problem: "Magnum labels are strings",
        allowed: 'string values, e.g. "true" or "80"',
        fix: `write ${JSON.stringify(String(value))}`,
      });
    }
  }
  // Magnum passes label values on to Helm charts and cloud-init; here they are Terraform strings first.
  return Object.fromEntries(
    Object.entries(labels ?? {}).map(([key, value]) => [key, terraformText(scope, `engine.labels.${key}`, value)!]),
  );
}

/** A create timeout long enough for a project's first cluster. */
export function checkCreateTimeout(scope: IConstruct, timeout: Duration | undefined): Duration {
  const value = timeout ?? Duration.hours(4);
  if (!(value instanceof Duration)) {
    fail(scope, {
      prop: "engine.createTimeout",
      value,
      problem: "must be a Duration",
      allowed: "Duration.hours(n) or Duration.minutes(n)",
      fix: "write Duration.hours(4) rather than a bare number",
    });
  }
  checkInteger(scope, "engine.createTimeout", value.toMinutes(), {
    min: 30,
    fix: "allow at least Duration.minutes(30); the first cluster of a project can take 2.5 hours",
  });
  return value;
}

/** The Magnum resources of a cluster. */
export interface MagnumClusterResources {
  readonly cluster: ContainerinfraClusterV1;
  readonly nodeGroups: ContainerinfraNodegroupV1[];
}

/**
 * Creates the Magnum cluster (id `Resource`) and its extra node groups (ids `NodeGroup-<name>`) in `scope`.
 */
export function createMagnumCluster(scope: Construct, spec: MagnumClusterSpec): MagnumClusterResources {
  const autoscaled = spec.workers.autoscaling !== undefined;
  const cluster = new ContainerinfraClusterV1(scope, "Resource", {
    name: spec.name,
    clusterTemplateId: spec.template._resolveId(scope),
    masterCount: spec.controlPlaneCount,
    masterFlavor: spec.controlPlaneFlavor.name,
    flavor: spec.workerFlavor.name,
    nodeCount: spec.workers.count,
    keypair: spec.keyPairName,
    fixedNetwork: spec.networkId,
    fixedSubnet: spec.subnetId,
    // The API sits behind a load balancer: the only place Magnum enforces api_master_lb_allowed_cidrs.
    masterLbEnabled: true,
    // Nodes reach the Internet through the project router; public addresses would spend the floating IP quota.
    floatingIpEnabled: false,
    mergeLabels: true,
    labels: spec.labels,
    timeouts: { create: spec.createTimeout.toTerraformTimeout(), update: "120m", delete: "60m" },
    lifecycle: {
      // Deleting the cluster deletes every node, and with them anything the cluster stored on Cinder.
      preventDestroy: true,
      // Labels cannot change after creation (Magnum answers HTTP 400, Terraform would replace the cluster), and an
      // autoscaled node count is the autoscaler's to change.
      ignoreChanges: autoscaled ? ["labels", "node_count"] : ["labels"],
    },
  });

  protectData(cluster, "Magnum cluster", "every node, the hub's database and any volume the cluster's CSI made");

  // Jetstream2's Magnum fails when node groups are created concurrently, so each waits for the one before.
  let previous: ContainerinfraNodegroupV1 | undefined;
  const nodeGroups = spec.nodeGroups.map((group) => {
    const scaling = group.sizing.autoscaling;
    const nodeGroup = new ContainerinfraNodegroupV1(scope, `NodeGroup-${group.name}`, {
      clusterId: cluster.id,
      name: group.name,
      flavorId: group.flavor.name,
      nodeCount: group.sizing.count,
      minNodeCount: scaling ? scaling.minNodes : group.sizing.count,
      maxNodeCount: scaling ? scaling.maxNodes : group.sizing.count,
      timeouts: { create: "120m", update: "60m", delete: "60m" },
      dependsOn: previous ? [previous] : undefined,
      lifecycle: scaling ? { ignoreChanges: ["node_count"] } : undefined,
    });
    previous = nodeGroup;
    return nodeGroup;
  });
  return { cluster, nodeGroups };
}

/** The port of the Kubernetes API listener the Cluster API provider creates. */
const API_PORT = 6443;

/**
 * The name of the Kubernetes API listener Cluster API Provider OpenStack creates for a Magnum cluster:
 * `k8s-clusterapi-cluster-<namespace>-<cluster>-kubeapi-<port>` (CAPO `pkg/cloud/services/loadbalancer`:
 * `getLoadBalancerName` and `reconcileAPILoadBalancerListener`), where the magnum-capi-helm driver puts the cluster in
 * namespace `magnum-<project id, lower case, alphanumerics only>` (`driver_utils.cluster_namespace`, default
 * `namespace_prefix`) and names it by the Helm release it stores as the cluster's `stack_id`.
 */
export function apiListenerName(cluster: ContainerinfraClusterV1): string {
  const project = Fn.replace(Fn.lower(cluster.projectId), "/[^a-z0-9]/", "");
  return `k8s-clusterapi-cluster-magnum-${project}-${cluster.stackId}-kubeapi-${API_PORT}`;
}

/**
 * Adds a Terraform `check` block that reads back what the Kubernetes API load balancer really admits and warns at
 * every plan and apply when it admits more than `apiAllowedCidrs`.
 *
 * Magnum passes `api_master_lb_allowed_cidrs` to the Cluster API Helm chart, and some chart versions drop it (see
 * docs/kubernetes-on-jetstream.md), so the label alone guarantees nothing. The check's own data source reads the
 * listener's `allowed_cidrs` (provider v3.4.0 `data_source_openstack_lb_listener_v2.go`). Beside `apiAllowedCidrs`,
 * CAPO itself adds the nodes' subnet and single addresses (/32: the project router, a bastion), which the check
 * accepts. A failed check, or a listener it cannot find, is a warning (Terraform's `check` semantics): it never
 * blocks an apply, and a warning that the listener was not found means the restriction was not verified.
 */
export function addApiRestrictionCheck(
  scope: Construct,
  cluster: ContainerinfraClusterV1,
  clusterName: string,
  apiAllowedCidrs: string[],
  subnetCidr: string,
): void {
  const stack = TerraformStack.of(scope);
  const name = `${stack.getLogicalId(cluster)}_api_listener`;
  const listener = `data.openstack_lb_listener_v2.${name}`;
  // Inside an expression a token resolves to a bare reference; a literal needs quotes.
  const subnet = Token.isUnresolved(subnetCidr) ? subnetCidr : JSON.stringify(subnetCidr);
  const expected = `concat(${JSON.stringify(apiAllowedCidrs)}, [${subnet}])`;
  const where = `cluster ${clusterName}`;
  stack.addOverride(`check.${name}`, {
    data: { openstack_lb_listener_v2: { [name]: { name: apiListenerName(cluster) } } },
    assert: [
      {
        condition: `\${length(${listener}.allowed_cidrs) > 0}`,
        error_message:
          `The Kubernetes API load balancer of ${where} admits every address: api_master_lb_allowed_cidrs was not ` +
          "applied (the Cluster API chart dropped it). Restrict it by hand (openstack loadbalancer listener set " +
          "--allowed-cidr ...) and ask Jetstream2 support which chart version Magnum uses.",
      },
      {
        condition:
          `\${alltrue([for c in ${listener}.allowed_cidrs : ` + `contains(${expected}, c) || endswith(c, "/32")])}`,
        error_message:
          `The Kubernetes API load balancer of ${where} admits networks beyond apiAllowedCidrs and the nodes' ` +
          `subnet: compare its allowed_cidrs with ${JSON.stringify(apiAllowedCidrs)}.`,
      },
    ],
  });
}
