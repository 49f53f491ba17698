import { App, TerraformStack, Testing } from "cdktf";
import * as fs from "fs";
import {
  Authenticator,
  HomeStorage,
  Https,
  IKubernetesCluster,
  JetstreamCluster,
  JetstreamErrors,
  JupyterHubOnJetstream,
  KubernetesOnJetstream,
  KubernetesProviders,
  NfsHomeServer,
  OpenstackProvider,
  Secret,
  SingleServerHub,
  Size,
  ZeroToJupyterHub,
  ZeroToJupyterHubProps,
} from "../lib";
import { gatewayHub } from "./single-server-hub/fixtures";
import { gitHubLogin, HUB_HOST, HUB_IP, testCluster } from "./support/hub-fixtures";
import { bodies, newStack, resources, StackJson, synth, synthApp } from "./support/synth";
import { valuesOf } from "./support/z2jh";

// Gateways run more than one hub (production and a course), on one cluster or two, split over stacks. Each test
// builds such an app and proves that the hubs stay apart (providers, namespaces, names, homes, addresses) or that
// synth refuses with the library's validation error naming the prop, never a cdktf duplicate-id error.

const ADMIN_NET = "203.0.113.7/32";

/** The library's validation error thrown by `fn`, as { prop, message }; fails the test on anything else. */
function refusal(fn: () => unknown): { prop: string; message: string } {
  try {
    fn();
  } catch (e: any) {
    if (JetstreamErrors.isValidationError(e)) return { prop: e.prop, message: e.message };
    throw e;
  }
  throw new Error("expected a JetstreamValidationError, and nothing was refused");
}

function hub(
  scope: TerraformStack,
  id: string,
  cluster: IKubernetesCluster,
  props: Partial<ZeroToJupyterHubProps> = {},
) {
  return new ZeroToJupyterHub(scope, id, {
    cluster,
    authenticator: gitHubLogin(scope),
    https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
    ...props,
  });
}

/** A second cluster, as the course hub's: another API server, homes and endpoint. */
function courseCluster(scope: TerraformStack, id = "CourseCluster"): IKubernetesCluster {
  return testCluster(
    scope,
    {
      clusterName: "course",
      apiEndpoint: "https://203.0.113.20:6443",
      homeStorage: { serverAddress: "10.0.1.5", exportPath: "/export/home", capacity: Size.gibibytes(100) },
      hubEndpoint: { ipAddress: "203.0.113.81", hostname: "course.cis230085.projects.jetstream-cloud.org" },
    },
    id,
  );
}

const byNamespace = (doc: StackJson, type: string, ns: string) =>
  bodies(doc, type).filter((b) => (b.metadata?.namespace ?? b.namespace ?? b.metadata?.name) === ns);

describe("providers: every Kubernetes and Helm resource uses its own cluster's pair", () => {
  test("two clusters in one stack: each hub installs through the pair it was given", () => {
    const stack = newStack();
    const prod = testCluster(stack);
    const course = courseCluster(stack);
    const prodProviders = KubernetesProviders.configure(stack, prod, { alias: "prod" });
    const courseProviders = KubernetesProviders.configure(stack, course, { alias: "course" });
    hub(stack, "Hub", prod, { providers: prodProviders });
    hub(stack, "Course", course, { providers: courseProviders });
    const doc = synth(stack);

    const hosts = Object.fromEntries(doc.provider.kubernetes.map((p: any) => [p.alias, p.host]));
    expect(hosts).toEqual({ prod: "https://203.0.113.10:6443", course: "https://203.0.113.20:6443" });
    for (const [ns, alias] of [
      ["hub", "prod"],
      ["course", "course"],
    ]) {
      expect(byNamespace(doc, "helm_release", ns).map((r) => r.provider)).toEqual([`helm.${alias}`]);
      for (const type of ["kubernetes_namespace_v1", "kubernetes_persistent_volume_claim_v1"]) {
        expect(byNamespace(doc, type, ns).map((r) => r.provider)).toEqual([`kubernetes.${alias}`]);
      }
    }
    const volumes = Object.fromEntries(bodies(doc, "kubernetes_persistent_volume_v1").map((v) => [v.metadata.name, v]));
    expect(volumes["hub-home"].provider).toBe("kubernetes.prod");
    expect(volumes["course-home"].provider).toBe("kubernetes.course");
    expect(volumes["course-home"].spec[0].persistent_volume_source.nfs.server).toBe("10.0.1.5");
  });

  test("dynamic homes: the storage class goes through the hub's pair too", () => {
    const stack = newStack();
    const course = courseCluster(stack);
    KubernetesProviders.configure(stack, testCluster(stack));
    const pair = KubernetesProviders.configure(stack, course, { alias: "course" });
    hub(stack, "Course", course, { providers: pair, homeStorage: HomeStorage.dynamic() });
    expect(bodies(synth(stack), "kubernetes_storage_class_v1").map((c) => c.provider)).toEqual(["kubernetes.course"]);
  });

  test("fails when a stack has two pairs and the hub chooses none", () => {
    const stack = newStack();
    const prod = testCluster(stack);
    KubernetesProviders.configure(stack, prod);
    KubernetesProviders.configure(stack, courseCluster(stack), { alias: "course" });
    hub(stack, "Hub", prod);
    const r = refusal(() => synth(stack));
    expect(r.prop).toBe("providers");
    expect(r.message).toMatch(/\[test\/Hub\] providers: stack test has 2 kubernetes providers \(default, course\)/);
  });

  test("fails when the stack's only pair is aliased and the hub chooses none", () => {
    const stack = newStack();
    const prod = testCluster(stack);
    KubernetesProviders.configure(stack, prod, { alias: "prod" });
    hub(stack, "Hub", prod);
    expect(refusal(() => synth(stack))).toEqual({
      prop: "providers",
      message: expect.stringContaining('only kubernetes provider has the alias "prod"'),
    });
  });

  test("fails when the pair belongs to another stack", () => {
    const app = Testing.app();
    const a = new TerraformStack(app, "a");
    const b = new TerraformStack(app, "b");
    const cluster = testCluster(a);
    const pair = KubernetesProviders.configure(a, cluster);
    const r = refusal(() => hub(b, "Hub", cluster, { providers: pair }));
    expect(r.prop).toBe("providers");
    expect(r.message).toContain("the helm provider is in stack a, this construct in stack b");
  });

  test("fails when the pair talks to another cluster", () => {
    const stack = newStack();
    const prod = testCluster(stack);
    const pair = KubernetesProviders.configure(stack, courseCluster(stack));
    const r = refusal(() => hub(stack, "Hub", prod, { providers: pair }));
    expect(r).toEqual({ prop: "providers", message: expect.stringContaining('talks to cluster "course"') });
  });

  test("one default pair: the hub's resources name no provider, as before (addresses unchanged)", () => {
    const stack = newStack();
    const cluster = testCluster(stack);
    KubernetesProviders.configure(stack, cluster);
    hub(stack, "Hub", cluster);
    const doc = synth(stack);
    expect(resources(doc, "helm_release").map(([id, r]) => [id, r.provider])).toEqual([
      [expect.stringMatching(/^Hub_\w+$/), undefined],
    ]);
    expect(bodies(doc, "kubernetes_namespace_v1").map((n) => n.provider)).toEqual([undefined]);
  });
});

describe("identity: two hubs on one cluster share nothing unless told to", () => {
  function twoHubs(course: Partial<ZeroToJupyterHubProps>) {
    const stack = newStack();
    const cluster = testCluster(stack);
    KubernetesProviders.configure(stack, cluster);
    hub(stack, "Hub", cluster);
    hub(stack, "Course", cluster, course);
    return synth(stack);
  }

  const ownCourse: Partial<ZeroToJupyterHubProps> = {
    claimClusterEndpoint: false,
    domain: "course.cis230085.projects.jetstream-cloud.org",
    homeStorage: HomeStorage.nfs(undefined, { subDirectory: "course" }),
  };

  test("distinct namespaces, releases, volumes, home folders and addresses", () => {
    const doc = twoHubs(ownCourse);
    const releases = ["hub", "course"].map((ns) => byNamespace(doc, "helm_release", ns)[0]);
    expect(releases.map((r) => [r.name, r.namespace])).toEqual([
      ["hub", "hub"],
      ["course", "course"],
    ]);
    expect(
      bodies(doc, "kubernetes_persistent_volume_v1")
        .map((v) => v.metadata.name)
        .sort(),
    ).toEqual(["course-home", "hub-home"]);
    const [prod, course] = releases.map((r) => valuesOf(r));
    // The first hub keeps the defaults it always had: homes at <export>/<username>, the reserved address.
    expect(prod.singleuser.storage.static.subPath).toBe("{username}");
    expect(course.singleuser.storage.static.subPath).toBe("course/{username}");
    expect(prod.proxy.service.loadBalancerIP).toBe(HUB_IP);
    expect(course.proxy.service?.loadBalancerIP).toBeUndefined();
    expect(prod.proxy.https.hosts).toEqual([HUB_HOST]);
    expect(course.proxy.https.hosts).toEqual(["course.cis230085.projects.jetstream-cloud.org"]);
  });

  test("fails when the second hub would use the first one's home folder", () => {
    const r = refusal(() => twoHubs({ ...ownCourse, homeStorage: undefined }));
    expect(r.prop).toBe("homeStorage.subDirectory");
    expect(r.message).toMatch(/the hub at test\/Hub keeps its homes in the same folder of the same NFS export/);
    expect(r.message).toContain('HomeStorage.nfs(undefined, { subDirectory: "course" })');
  });

  test("shares homes only when both hubs say shared: true", () => {
    const shared = HomeStorage.nfs(undefined, { shared: true });
    const stack = newStack();
    const cluster = testCluster(stack);
    KubernetesProviders.configure(stack, cluster);
    hub(stack, "Hub", cluster, { homeStorage: shared });
    hub(stack, "Course", cluster, { ...ownCourse, homeStorage: shared });
    const paths = bodies(synth(stack), "helm_release").map((r) => valuesOf(r).singleuser.storage.static.subPath);
    expect(paths).toEqual(["{username}", "{username}"]);
  });

  test("fails when the second hub claims the reserved address and host name too", () => {
    const r = refusal(() => twoHubs({ ...ownCourse, claimClusterEndpoint: undefined, domain: undefined }));
    expect(r.prop).toBe("claimClusterEndpoint");
    expect(r.message).toContain(`(${HUB_HOST}, ${HUB_IP}) already belongs to the hub at test/Hub`);
  });

  test("fails when a subDirectory leaves the export", () => {
    const r = refusal(() =>
      twoHubs({ ...ownCourse, homeStorage: HomeStorage.nfs(undefined, { subDirectory: "../x" }) }),
    );
    expect(r.prop).toBe("homeStorage.subDirectory");
  });

  test("two stacks, each with its own handle on one cluster: the same hub id is refused", () => {
    const app = Testing.app();
    const a = new TerraformStack(app, "prod");
    const b = new TerraformStack(app, "course");
    for (const stack of [a, b]) KubernetesProviders.configure(stack, testCluster(stack));
    hub(a, "Hub", a.node.findChild("Cluster") as IKubernetesCluster);
    const r = refusal(() => hub(b, "Hub", b.node.findChild("Cluster") as IKubernetesCluster, ownCourse));
    expect(r.prop).toMatch(/^namespace/);
    expect(r.message).toContain('"hub" is already the namespace of the hub at prod/Hub on this cluster ("gwhub")');
  });

  test("two stacks, two handles on one cluster, distinct ids: separate everything", () => {
    const app = Testing.app();
    const a = new TerraformStack(app, "prod");
    const b = new TerraformStack(app, "course");
    for (const stack of [a, b]) KubernetesProviders.configure(stack, testCluster(stack));
    hub(a, "Hub", a.node.findChild("Cluster") as IKubernetesCluster);
    hub(b, "Course", b.node.findChild("Cluster") as IKubernetesCluster, ownCourse);
    const docs = synthApp(app);
    expect(bodies(docs.prod, "helm_release").map((r) => r.namespace)).toEqual(["hub"]);
    expect(bodies(docs.course, "helm_release").map((r) => r.namespace)).toEqual(["course"]);
    expect(bodies(docs.course, "kubernetes_persistent_volume_v1").map((v) => v.metadata.name)).toEqual(["course-home"]);
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });
});

function pattern(scope: TerraformStack, id: string, hubStack: TerraformStack, name: string): JupyterHubOnJetstream {
  return new JupyterHubOnJetstream(scope, id, {
    hubStack,
    name,
    allocation: "cis230085",
    adminCidrs: [ADMIN_NET],
    authenticator: Authenticator.gitHub({
      clientId: "Iv1.0123456789abcdef",
      clientSecret: Secret.fromEnvironment(scope, "github_client_secret"),
      adminUsers: ["alice"],
      allowedOrganizations: ["my-gateway"],
    }),
    letsEncryptEmail: "hub-admins@example.org",
    expectedUsers: 60,
    memoryPerUser: Size.gibibytes(8),
  });
}

describe("stacks: resources live in the stack of their construct's scope", () => {
  test("two JupyterHubOnJetstream, each with its hub stack: each release and pair sits in its own hub stack", () => {
    const app = Testing.app();
    const infra = new TerraformStack(app, "infra");
    new OpenstackProvider(infra, "openstack", {});
    const prodK8s = new TerraformStack(app, "prod-k8s");
    const courseK8s = new TerraformStack(app, "course-k8s");
    pattern(infra, "Prod", prodK8s, "prod");
    pattern(infra, "Course", courseK8s, "course");
    process.env.TF_VAR_github_client_secret = "x";
    const docs = synthApp(app);
    delete process.env.TF_VAR_github_client_secret;
    fs.rmSync(app.outdir, { recursive: true, force: true });

    // The documented exception: the pattern puts its release in hubStack; everything else stays in its scope's stack.
    expect(Object.keys(docs.infra.resource)).not.toContain("helm_release");
    expect(
      bodies(docs.infra, "openstack_containerinfra_cluster_v1")
        .map((c) => c.name)
        .sort(),
    ).toEqual(["course", "prod"]);
    expect(bodies(docs.infra, "openstack_blockstorage_volume_v3")).toHaveLength(2);
    for (const [stack, ns] of [
      ["prod-k8s", "prod"],
      ["course-k8s", "course"],
    ]) {
      expect(bodies(docs[stack], "helm_release").map((r) => r.namespace)).toEqual([ns]);
      expect(Object.keys(docs[stack].provider).sort()).toEqual(["helm", "kubernetes"]);
      expect(Object.keys(docs[stack].resource).filter((t) => t.startsWith("openstack_"))).toEqual([]);
    }
  });

  test("fails when a NfsHomeServer's cluster is in another stack (its volume would land there)", () => {
    const app = Testing.app();
    const a = new TerraformStack(app, "machines");
    const b = new TerraformStack(app, "homes");
    const cluster = new JetstreamCluster(a, "Cluster", { name: "gw" });
    const r = refusal(() => new NfsHomeServer(b, "Home", { cluster, clientCidrs: ["10.0.0.0/24"] }));
    expect(r.prop).toBe("cluster");
    expect(r.message).toContain("would be created in cluster's stack machines, not in this construct's stack homes");
    expect(cluster.nodeGroups).toEqual([]);
  });
});

test("fails when a SingleServerHub's cluster is in another stack (its VM and home volume would land there)", () => {
  const app = Testing.app();
  const machines = new TerraformStack(app, "machines");
  const hubs = new TerraformStack(app, "hubs");
  const cluster = new JetstreamCluster(machines, "Cluster", { name: "gw", allocation: "cis230085" });
  const r = refusal(
    () =>
      new SingleServerHub(hubs, "Hub", {
        cluster,
        authenticator: gitHubLogin(hubs),
        letsEncryptEmail: "hub-admins@example.org",
        expectedUsers: 2,
        memoryPerUser: Size.gibibytes(2),
      }),
  );
  expect(r.prop).toBe("cluster");
  expect(cluster.nodeGroups).toEqual([]);
});

describe("messages: every duplicate name ends in the library's validation error naming the prop", () => {
  test("a second KubernetesProviders.configure in one stack", () => {
    const stack = newStack();
    const cluster = testCluster(stack);
    KubernetesProviders.configure(stack, cluster);
    const r = refusal(() => KubernetesProviders.configure(stack, cluster));
    expect(r.prop).toBe("alias");
    expect(r.message).toContain("this stack already has the default kubernetes provider (test/kubernetes)");
  });

  test("a second KubernetesProviders.configure with the same alias", () => {
    const stack = newStack();
    const cluster = testCluster(stack);
    KubernetesProviders.configure(stack, cluster, { alias: "prod" });
    expect(refusal(() => KubernetesProviders.configure(stack, cluster, { alias: "prod" })).prop).toBe("alias");
  });

  test("two JupyterHubOnJetstream given one hub stack", () => {
    const app: App = Testing.app();
    const infra = new TerraformStack(app, "infra");
    const k8s = new TerraformStack(app, "k8s");
    pattern(infra, "Prod", k8s, "prod");
    const r = refusal(() => pattern(infra, "Course", k8s, "course"));
    expect(r.prop).toBe("hubStack");
    expect(r.message).toContain(
      "stack k8s already holds the Helm and Kubernetes providers and the release of the hub at infra/Prod",
    );
  });

  test("two constructs with one id in one scope", () => {
    const stack = newStack();
    const cluster = testCluster(stack);
    KubernetesProviders.configure(stack, cluster);
    hub(stack, "Hub", cluster);
    const r = refusal(() => hub(stack, "Hub", cluster));
    expect(r).toEqual({ prop: "id", message: expect.stringContaining("test already has a construct with this id") });
    new JetstreamCluster(stack, "Machines", { name: "gw" });
    expect(refusal(() => new JetstreamCluster(stack, "Machines", { name: "gw2" })).prop).toBe("id");
  });

  test("two Kubernetes clusters with one name in an app (Magnum names are unique in a project)", () => {
    const app = Testing.app();
    const a = new TerraformStack(app, "a");
    const b = new TerraformStack(app, "b");
    new KubernetesOnJetstream(a, "Cluster", { name: "gw", apiAllowedCidrs: [ADMIN_NET] });
    const r = refusal(() => new KubernetesOnJetstream(b, "Cluster", { name: "gw", apiAllowedCidrs: [ADMIN_NET] }));
    expect(r.prop).toBe("name");
    expect(r.message).toContain("a/Cluster already uses it as cluster name");
  });

  test("two JetstreamClusters with one name in an app (instance names become DNS names)", () => {
    const app = Testing.app();
    new JetstreamCluster(new TerraformStack(app, "a"), "Cluster", { name: "gw" });
    const r = refusal(() => new JetstreamCluster(new TerraformStack(app, "b"), "Cluster", { name: "gw" }));
    expect(r).toEqual({ prop: "name", message: expect.stringContaining("a/Cluster already uses it as cluster name") });
  });

  test("two single-server hubs, or two home servers, with one node group name on one cluster", () => {
    const { stack, hub: first } = gatewayHub();
    const cluster = stack.node.findChild("Cluster") as JetstreamCluster;
    const again = () =>
      new SingleServerHub(stack, "Course", {
        cluster,
        authenticator: gitHubLogin(stack),
        letsEncryptEmail: "hub-admins@example.org",
        expectedUsers: 2,
        memoryPerUser: Size.gibibytes(2),
      });
    const r = refusal(again);
    expect(r.prop).toBe("name");
    expect(r.message).toContain(`already has a node group of this name (${first.nodeGroup.node.path})`);
    new NfsHomeServer(stack, "Home", { cluster, clientCidrs: ["10.0.0.0/24"] });
    expect(refusal(() => new NfsHomeServer(stack, "Home2", { cluster, clientCidrs: ["10.0.0.0/24"] })).prop).toBe(
      "groupName",
    );
  });

  test("two hubs with one namespace on one cluster", () => {
    const stack = newStack();
    const cluster = testCluster(stack);
    KubernetesProviders.configure(stack, cluster);
    hub(stack, "Hub", cluster);
    const r = refusal(() => hub(stack, "Other", cluster, { namespace: "hub", releaseName: "other" }));
    expect(r.prop).toBe("namespace");
  });
});
