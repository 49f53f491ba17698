import { TerraformOutput } from "cdktf";
import {
  JetstreamFlavor,
  JetstreamResource,
  KubernetesEngine,
  KubernetesOnJetstream,
  MagnumClusterTemplate,
  Duration,
} from "../../lib";
import { magnumLabels } from "../../lib/kubernetes-on-jetstream/magnum";
import { bodies, newStack, synth } from "../support/synth";
import { ADMIN_NET, only, synthMagnum } from "./support";

const CLUSTER = "openstack_containerinfra_cluster_v1";
const NODE_GROUP = "openstack_containerinfra_nodegroup_v1";

describe("KubernetesOnJetstream on Magnum", () => {
  test("creates a cluster from Jetstream2's fixed-labels template on the auto-allocated network", () => {
    // WHEN
    const doc = synthMagnum();
    // THEN
    const cluster = only(doc, CLUSTER);
    expect(cluster).toMatchObject({
      name: "hubk8s",
      cluster_template_id: "ce4a54dd-7d3d-486c-ab61-71d7a02b3076",
      master_count: 1,
      master_flavor: "m3.small",
      flavor: "m3.quad",
      node_count: 1,
      master_lb_enabled: true,
      floating_ip_enabled: false,
      merge_labels: true,
    });
    expect(cluster.fixed_network).toMatch(/^\$\{data\.openstack_networking_network_v2\..*\.id\}$/);
    expect(cluster.fixed_subnet).toMatch(/^\$\{data\.openstack_networking_subnet_v2\..*\.id\}$/);
    expect(bodies({ resource: doc.data }, "openstack_networking_network_v2")).toEqual([
      { name: "auto_allocated_network" },
    ]);
  });

  test("protects the cluster: prevent_destroy, labels ignored, long create timeout", () => {
    const cluster = only(synthMagnum(), CLUSTER);
    expect(cluster.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["labels"] });
    expect(cluster.timeouts.create).toBe("240m");
  });

  test("limits the API to apiAllowedCidrs, with the dashboard off and volumes retained", () => {
    const cluster = only(synthMagnum({ apiAllowedCidrs: [ADMIN_NET, "203.0.113.7/32"] }), CLUSTER);
    expect(cluster.labels).toEqual({
      api_master_lb_allowed_cidrs: `${ADMIN_NET},203.0.113.7/32`,
      master_lb_floating_ip_enabled: "true",
      kube_dashboard_enabled: "false",
      csi_cinder_reclaim_policy: "Retain",
      auto_scaling_enabled: "false",
    });
  });

  test("sets autoscaling bounds as labels at creation and leaves the node count to the autoscaler", () => {
    const cluster = only(synthMagnum({ autoscaling: { minNodes: 2, maxNodes: 6 } }), CLUSTER);
    expect(cluster.labels).toMatchObject({ auto_scaling_enabled: "true", min_node_count: "2", max_node_count: "6" });
    expect(cluster.node_count).toBe(2);
    expect(cluster.lifecycle.ignore_changes).toEqual(["labels", "node_count"]);
  });

  test("takes three control-plane nodes, extra labels, and a shorter create timeout", () => {
    const cluster = only(
      synthMagnum({
        engine: KubernetesEngine.magnum({
          controlPlaneCount: 3,
          labels: { boot_volume_size: "80" },
          createTimeout: Duration.hours(3),
        }),
      }),
      CLUSTER,
    );
    expect(cluster.master_count).toBe(3);
    expect(cluster.labels.boot_volume_size).toBe("80");
    expect(cluster.timeouts.create).toBe("180m");
  });

  test("looks a template up by name when asked", () => {
    const doc = synthMagnum({
      engine: KubernetesEngine.magnum({ clusterTemplate: MagnumClusterTemplate.fromName("kubernetes-1-33-jammy") }),
    });
    expect(Object.values(doc.data.openstack_containerinfra_clustertemplate_v1)).toEqual([
      { name: "kubernetes-1-33-jammy" },
    ]);
    expect(only(doc, CLUSTER).cluster_template_id).toMatch(
      /^\$\{data\.openstack_containerinfra_clustertemplate_v1\..*\.id\}$/,
    );
  });

  test("creates extra node groups one after another", () => {
    // GIVEN an allocation with GPUs
    const doc = synthMagnum({
      allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
      nodeGroups: [
        { name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM, autoscaling: { minNodes: 1, maxNodes: 2 } },
        { name: "large", flavor: JetstreamFlavor.M3_LARGE, count: 2 },
        { name: "xl", flavor: JetstreamFlavor.M3_XL },
      ],
    });
    // THEN
    const groups = Object.entries<any>(doc.resource[NODE_GROUP]);
    const byName = Object.fromEntries(groups.map(([id, body]) => [body.name, { id, body }]));
    expect(byName.gpu.body).toMatchObject({
      flavor_id: "g3.medium",
      node_count: 1,
      min_node_count: 1,
      max_node_count: 2,
    });
    expect(byName.gpu.body.lifecycle).toEqual({ ignore_changes: ["node_count"] });
    expect(byName.large.body).toMatchObject({
      flavor_id: "m3.large",
      node_count: 2,
      min_node_count: 2,
      max_node_count: 2,
    });
    expect(byName.gpu.body.depends_on).toBeUndefined();
    expect(byName.large.body.depends_on).toEqual([`${NODE_GROUP}.${byName.gpu.id}`]);
    expect(byName.xl.body.depends_on).toEqual([`${NODE_GROUP}.${byName.large.id}`]);
    for (const { body } of Object.values<any>(byName)) {
      expect(body.cluster_id).toMatch(/^\$\{openstack_containerinfra_cluster_v1\..*\.id\}$/);
    }
  });

  test("implements IKubernetesCluster from the cluster's kubeconfig, and reports its flavors", () => {
    // GIVEN
    const stack = newStack();
    const cluster = new KubernetesOnJetstream(stack, "Cluster", {
      apiAllowedCidrs: [ADMIN_NET],
      allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
      workerFlavor: JetstreamFlavor.M3_MEDIUM,
      nodeGroups: [
        { name: "gpu", flavor: JetstreamFlavor.G3_LARGE },
        { name: "small", flavor: JetstreamFlavor.M3_QUAD },
      ],
    });
    for (const [name, value] of Object.entries({
      host: cluster.apiEndpoint,
      ca: cluster.clusterCaCertificate,
      cert: cluster.clientCertificate,
      key: cluster.clientKey,
    })) {
      new TerraformOutput(stack, name, { value, sensitive: true });
    }
    // THEN every credential is a reference to the cluster's (sensitive) kubeconfig attribute
    const outputs = synth(stack).output;
    expect(outputs.host.value).toMatch(/^\$\{openstack_containerinfra_cluster_v1\..*\.kubeconfig\["host"\]\}$/);
    expect(outputs.ca.value).toMatch(/\.kubeconfig\["cluster_ca_certificate"\]\}$/);
    expect(outputs.cert.value).toMatch(/\.kubeconfig\["client_certificate"\]\}$/);
    expect(outputs.key.value).toMatch(/\.kubeconfig\["client_key"\]\}$/);
    expect(cluster.token).toBeUndefined();
    expect(cluster.workerFlavor).toBe(JetstreamFlavor.M3_QUAD);
    expect(cluster.gpuWorkerFlavors).toEqual([JetstreamFlavor.G3_LARGE]);
  });

  test("exposes the cluster for escape hatches", () => {
    // GIVEN
    const stack = newStack();
    const cluster = new KubernetesOnJetstream(stack, "Cluster", { apiAllowedCidrs: [ADMIN_NET] });
    // WHEN
    cluster.magnumCluster!.addOverride("docker_volume_size", 20);
    // THEN
    expect(cluster.node.defaultChild).toBe(cluster.magnumCluster);
    expect(only(synth(stack), CLUSTER).docker_volume_size).toBe(20);
  });

  test("fails when asked for two control-plane nodes", () => {
    expect(() => synthMagnum({ engine: KubernetesEngine.magnum({ controlPlaneCount: 2 }) })).toThrow(
      /engine\.controlPlaneCount: etcd needs an odd number.*got 2.*Allowed: 1, or 3/,
    );
  });

  test("fails when a label the construct manages is set by hand", () => {
    expect(() =>
      synthMagnum({ engine: KubernetesEngine.magnum({ labels: { api_master_lb_allowed_cidrs: "0.0.0.0/0" } }) }),
    ).toThrow(/engine\.labels\.api_master_lb_allowed_cidrs: the construct sets this label itself.*use apiAllowedCidrs/);
  });

  test("fails when a label value is not a string", () => {
    expect(() => synthMagnum({ engine: KubernetesEngine.magnum({ labels: { boot_volume_size: 80 as any } }) })).toThrow(
      /engine\.labels\.boot_volume_size: Magnum labels are strings; got 80.*write "80"/,
    );
  });

  test("fails when the create timeout is too short for a first cluster", () => {
    expect(() => synthMagnum({ engine: KubernetesEngine.magnum({ createTimeout: Duration.minutes(10) }) })).toThrow(
      /engine\.createTimeout: .*got 10.*at least Duration\.minutes\(30\)/,
    );
  });

  test("fails when a template id is not a UUID", () => {
    expect(() => MagnumClusterTemplate.fromId("kubernetes-1-33-jammy")).toThrow(
      /clusterTemplate: a cluster template id must be a UUID; got "kubernetes-1-33-jammy".*MagnumClusterTemplate\.fromName/,
    );
  });

  test("fails when a template name is empty", () => {
    expect(() => MagnumClusterTemplate.fromName(" ")).toThrow(/clusterTemplate: a cluster template name must be/);
  });
});

describe("magnumLabels", () => {
  test("always closes the dashboard and retains volumes, whatever the extra labels", () => {
    expect(magnumLabels({ apiAllowedCidrs: ["10.0.0.0/8"], extra: { foo: "bar" } })).toEqual({
      foo: "bar",
      auto_scaling_enabled: "false",
      master_lb_floating_ip_enabled: "true",
      api_master_lb_allowed_cidrs: "10.0.0.0/8",
      kube_dashboard_enabled: "false",
      csi_cinder_reclaim_policy: "Retain",
    });
  });
});
