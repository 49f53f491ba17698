import { Testing } from "cdktf";
import {
  Authenticator,
  Duration,
  HomeStorage,
  Https,
  JetstreamFlavor,
  JetstreamResource,
  KubernetesOnJetstream,
  KubernetesProviders,
  Secret,
  Size,
  ZeroToJupyterHub,
} from "../../lib";
import { everyLogin, gitHubLogin, HUB_HOST, HUB_IP, hubStack } from "../support/hub-fixtures";
import { describeWithSchema } from "../support/schemas";
import { bodies, newStack, resources, synth } from "../support/synth";
import { hubReleases, valuesOf, z2jhOracle, z2jhViolations } from "../support/z2jh";

function synthHub(...args: Parameters<typeof hubStack>) {
  const { stack, hub } = hubStack(...args);
  const doc = synth(stack);
  const [release] = hubReleases(doc);
  return { doc, hub, release, values: valuesOf(release) };
}

describe("ZeroToJupyterHub: the release", () => {
  const { doc, release, hub } = synthHub();

  test("installs the jupyterhub chart from its repository at an exact version", () => {
    expect(release).toMatchObject({
      repository: "https://hub.jupyter.org/helm-chart/",
      chart: "jupyterhub",
      version: "4.4.0",
    });
  });

  test("has a stable name and namespace taken from the construct id", () => {
    expect(release.name).toBe("hub");
    expect(release.namespace).toBe("hub");
    // The release is the construct's main child, so its Terraform address is the hub's own.
    expect(hub.release.node.id).toBe("Resource");
    expect(resources(doc, "helm_release").map(([id]) => id)).toEqual([expect.stringMatching(/^Hub_[0-9A-F]{8}$/)]);
  });

  test("waits long enough for Jetstream2 image pulls, and never uninstalls on a failed install", () => {
    expect(release.timeout).toBe(1200);
    expect(release.atomic).toBe(false);
    expect(release.cleanup_on_fail).toBe(true);
  });

  test("puts all values in one JSON document", () => {
    expect(release.values).toHaveLength(1);
    expect(() => JSON.parse(release.values[0])).not.toThrow();
  });

  test("passes the client secret only through set_sensitive", () => {
    expect(release.set_sensitive).toEqual([
      { name: "hub.config.GitHubOAuthenticator.client_secret", type: "string", value: "${var.github_client_secret}" },
    ]);
    expect(release).not.toHaveProperty("set");
    expect(doc.variable.github_client_secret.sensitive).toBe(true);
  });

  test("owns a protected namespace, which the release waits for", () => {
    const [[nsId, ns]] = resources(doc, "kubernetes_namespace_v1");
    expect(ns.metadata.name).toBe("hub");
    expect(ns.lifecycle.prevent_destroy).toBe(true);
    expect(release.create_namespace).toBe(false);
    expect(release.depends_on).toContain(`kubernetes_namespace_v1.${nsId}`);
  });
});

describe("ZeroToJupyterHub: secrets", () => {
  const CANARY = "CANARY-oauth-secret-7f3a9c";

  test.each(["github", "google", "cilogon", "generic"])(
    "a %s client secret never reaches the synthesized files",
    (kind) => {
      const saved = { ...process.env };
      try {
        for (const name of ["github", "google", "cilogon", "gateway"]) {
          process.env[`TF_VAR_${name}_client_secret`] = CANARY;
          process.env[`${name.toUpperCase()}_CLIENT_SECRET`] = CANARY;
        }
        const { stack, cluster } = hubStack();
        const login = everyLogin(stack).find(([k]) => k === kind)![1];
        const other = new ZeroToJupyterHub(stack, "Other", {
          cluster,
          authenticator: login,
          https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
          namespace: "other",
          // A second hub on the cluster: its own address and homes (see multi-hub.test.ts).
          claimClusterEndpoint: false,
          domain: "other.cis230085.projects.jetstream-cloud.org",
          homeStorage: HomeStorage.nfs(undefined, { subDirectory: "other" }),
        });
        other.addSensitiveValue("hub.services.gateway.apiToken", Secret.fromEnvironment(stack, "gateway_api_token"));
        process.env.TF_VAR_gateway_api_token = CANARY;
        const text = Testing.synth(stack, true);
        expect(text).not.toContain(CANARY);
        const release = hubReleases(JSON.parse(text)).find((r) => r.namespace === "other");
        expect(release.set_sensitive.map((s: any) => s.name)).toEqual([
          expect.stringMatching(/^hub\.config\.[A-Za-z]+OAuthenticator\.client_secret$/),
          "hub.services.gateway.apiToken",
        ]);
      } finally {
        process.env = saved;
      }
    },
  );

  test("leaves the chart's own cookie secret and proxy token to the chart", () => {
    const { values } = synthHub();
    expect(values.hub).not.toHaveProperty("cookieSecret");
    expect(values.proxy).not.toHaveProperty("secretToken");
  });
});

describe("ZeroToJupyterHub: home storage", () => {
  test("by default mounts the cluster's NFS export through a retained static volume", () => {
    const { doc, values, release } = synthHub();
    const [[pvId, pv]] = resources(doc, "kubernetes_persistent_volume_v1");
    const [[pvcId, pvc]] = resources(doc, "kubernetes_persistent_volume_claim_v1");
    expect(pv.spec[0]).toMatchObject({
      access_modes: ["ReadWriteMany"],
      persistent_volume_reclaim_policy: "Retain",
      capacity: { storage: "500Gi" },
      persistent_volume_source: { nfs: { server: "10.0.0.5", path: "/export/home" } },
      claim_ref: { namespace: "hub", name: "home" },
    });
    expect(pvc.metadata).toMatchObject({ name: "home", namespace: "hub" });
    expect(pvc.spec.volume_name).toBe(`\${kubernetes_persistent_volume_v1.${pvId}.metadata[0].name}`);
    expect(pvc.spec.storage_class_name).toBe(pv.spec[0].storage_class_name);
    expect(values.singleuser.storage).toEqual({ type: "static", static: { pvcName: "home", subPath: "{username}" } });
    expect(release.depends_on).toContain(`kubernetes_persistent_volume_claim_v1.${pvcId}`);
    expect(bodies(doc, "kubernetes_storage_class_v1")).toEqual([]);
  });

  test("growing the NFS volume changes only the persistent volume, never the bound claim", () => {
    // Kubernetes refuses to grow a bound claim without an expandable StorageClass, so the claim must not follow.
    const nfs = (gib: number) =>
      HomeStorage.nfs({ serverAddress: "10.0.0.5", exportPath: "/export/home", capacity: Size.gibibytes(gib) });
    const before = synthHub({ homeStorage: nfs(500) }).doc;
    const after = synthHub({ homeStorage: nfs(800) }).doc;
    expect(bodies(after, "kubernetes_persistent_volume_claim_v1")).toEqual(
      bodies(before, "kubernetes_persistent_volume_claim_v1"),
    );
    expect(bodies(after, "kubernetes_persistent_volume_claim_v1")[0].spec.resources.requests.storage).toBe("1Gi");
    expect(bodies(after, "kubernetes_persistent_volume_v1")[0].spec[0].capacity.storage).toBe("800Gi");
  });

  test("dynamic per-user volumes use a storage class that retains them", () => {
    const { doc, values } = synthHub({ homeStorage: HomeStorage.dynamic({ capacity: Size.gibibytes(20) }) });
    const [sc] = bodies(doc, "kubernetes_storage_class_v1");
    expect(sc).toMatchObject({
      metadata: { name: "hub-home-retain" },
      storage_provisioner: "cinder.csi.openstack.org",
      reclaim_policy: "Retain",
    });
    expect(values.singleuser.storage).toEqual({
      type: "dynamic",
      capacity: "20Gi",
      dynamic: { storageClass: "hub-home-retain" },
    });
    expect(bodies(doc, "kubernetes_persistent_volume_v1")).toEqual([]);
  });

  test("none creates no storage objects, even on a cluster without home storage", () => {
    const { doc, values } = synthHub({ homeStorage: HomeStorage.none() }, { homeStorage: undefined });
    expect(values.singleuser.storage).toEqual({ type: "none" });
    for (const type of [
      "kubernetes_persistent_volume_v1",
      "kubernetes_persistent_volume_claim_v1",
      "kubernetes_storage_class_v1",
    ])
      expect(bodies(doc, type)).toEqual([]);
  });

  test("an explicit NFS export overrides the cluster's", () => {
    const { doc } = synthHub({
      homeStorage: HomeStorage.nfs({
        serverAddress: "nfs.example.org",
        exportPath: "/srv/homes",
        capacity: Size.tebibytes(1),
      }),
    });
    expect(bodies(doc, "kubernetes_persistent_volume_v1")[0].spec[0].persistent_volume_source.nfs).toEqual({
      server: "nfs.example.org",
      path: "/srv/homes",
    });
  });

  test("an existing namespace: no namespace object, the claim goes into it", () => {
    const { doc, release } = synthHub({ createNamespace: false, namespace: "science" });
    expect(bodies(doc, "kubernetes_namespace_v1")).toEqual([]);
    expect(release.namespace).toBe("science");
    expect(bodies(doc, "kubernetes_persistent_volume_claim_v1")[0].metadata.namespace).toBe("science");
  });
});

describe("ZeroToJupyterHub: the hub's address", () => {
  test("serves the stable endpoint's host name on its reserved address", () => {
    const { hub, values } = synthHub();
    expect(values.proxy.https.hosts).toEqual([HUB_HOST]);
    expect(values.proxy.service.loadBalancerIP).toBe(HUB_IP);
    expect(hub.url).toBe(`https://${HUB_HOST}/`);
    expect(hub.oauthCallbackUrl).toBe(`https://${HUB_HOST}/hub/oauth_callback`);
  });

  test("a domain prop wins over the endpoint's host name, and drives the callback", () => {
    const { values } = synthHub({ domain: "hub.gateway.example.org" });
    expect(values.proxy.https.hosts).toEqual(["hub.gateway.example.org"]);
    expect(values.hub.config.GitHubOAuthenticator.oauth_callback_url).toBe(
      "https://hub.gateway.example.org/hub/oauth_callback",
    );
  });

  test("warns when there is no stable address for the load balancer", () => {
    const { stack } = hubStack({ domain: "hub.gateway.example.org" }, { hubEndpoint: undefined });
    const warnings = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === "@cdktf/warn")
      .map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/no stable hub endpoint/)]);
  });

  test("ingress HTTPS: the release's values carry the ingress and TLS secret", () => {
    const { values } = synthHub({ https: Https.ingress({ tlsSecretName: "hub-tls", ingressClassName: "nginx" }) });
    expect(values.ingress).toMatchObject({ enabled: true, tls: [{ hosts: [HUB_HOST], secretName: "hub-tls" }] });
    expect(values.proxy.service.type).toBe("ClusterIP");
  });
});

describe("ZeroToJupyterHub: users' servers", () => {
  test("defaults: the chart's sample image at the chart version, the safety limits (2G, 2 CPUs) and nothing else", () => {
    const { values } = synthHub();
    expect(values.singleuser.image).toEqual({ name: "quay.io/jupyterhub/k8s-singleuser-sample", tag: "4.4.0" });
    expect(values.singleuser.memory).toEqual({ limit: "2G" });
    expect(values.singleuser.cpu).toEqual({ limit: 2 });
    expect(values.singleuser).not.toHaveProperty("startTimeout");
  });

  test("the default CPU limit shrinks to a one-vCPU worker", () => {
    const { values } = synthHub({}, { workerFlavor: JetstreamFlavor.M3_TINY });
    expect(values.singleuser.cpu.limit).toBe(1);
  });

  test("profiles added after construction are rendered at synth time", () => {
    const { stack, hub } = hubStack(
      { profiles: [{ displayName: "CPU: 2 cores, 4 GiB", memoryLimit: Size.gibibytes(4), default: true }] },
      { gpuWorkerFlavors: [JetstreamFlavor.G3_MEDIUM] },
    );
    hub.addProfile({ displayName: "GPU: A100 slice", gpus: 1, memoryLimit: Size.gibibytes(24) });
    const list = valuesOf(hubReleases(synth(stack))[0]).singleuser.profileList;
    // No slug given: KubeSpawner derives one from display_name, so none is rendered.
    expect(list.map((p: any) => p.slug)).toEqual([undefined, undefined]);
    expect(list.map((p: any) => p.display_name)).toEqual(["CPU: 2 cores, 4 GiB", "GPU: A100 slice"]);
    expect(list[1].kubespawner_override.extra_resource_limits).toEqual({ "nvidia.com/gpu": "1" });
  });

  test("chart version, timeouts and culling follow the props", () => {
    const { release, values } = synthHub({
      chartVersion: "4.3.3",
      deployTimeout: Duration.minutes(30),
      startTimeout: Duration.minutes(15),
      cullTimeout: Duration.hours(2),
      cullEvery: Duration.minutes(5),
      cullMaxAge: Duration.hours(12),
    });
    expect(release.version).toBe("4.3.3");
    expect(values.singleuser.image.tag).toBe("4.3.3");
    expect(release.timeout).toBe(1800);
    expect(values.singleuser.startTimeout).toBe(900);
    expect(values.cull).toMatchObject({ timeout: 7200, every: 300, maxAge: 43200, users: false });
  });
});

describe("ZeroToJupyterHub: escape hatches", () => {
  test("extraValues are layered over the typed values", () => {
    const { values } = synthHub({ extraValues: { hub: { extraEnv: { TZ: "UTC" } }, debug: { enabled: true } } });
    expect(values.hub.extraEnv).toEqual({ TZ: "UTC" });
    expect(values.debug).toEqual({ enabled: true });
    expect(values.hub.config.KubeSpawner).toEqual({ delete_pvc: false, automount_service_account_token: false });
  });

  test("a literal ${...} in extraValues reaches the chart as written, not as a Terraform reference", () => {
    const { release } = synthHub({ extraValues: { hub: { extraEnv: { GREETING: "${USER}" } } } });
    expect(release.values[0]).toContain('"GREETING":"$${USER}"');
  });

  test("addOverride on the public children", () => {
    const { stack, hub } = hubStack();
    hub.release.addOverride("max_history", 3);
    // The documented way to lift the namespace's protection when removing a hub on purpose.
    hub.kubernetesNamespace!.addOverride("lifecycle.prevent_destroy", false);
    const doc = synth(stack);
    expect(hubReleases(doc)[0].max_history).toBe(3);
    expect(bodies(doc, "kubernetes_namespace_v1")[0].lifecycle.prevent_destroy).toBe(false);
  });
});

describeWithSchema("z2jh-values.schema.json", "ZeroToJupyterHub values validate against chart 4.4.0", () => {
  test.each([
    ["defaults", {}],
    [
      "dynamic storage, ingress",
      { homeStorage: HomeStorage.dynamic(), https: Https.ingress({ tlsSecretName: "hub-tls" }) },
    ],
    ["no storage, placeholders", { homeStorage: HomeStorage.none(), userPlaceholders: 2, prePuller: false }],
    ["named servers", { namedServersPerUser: 2 }],
  ])("%s", (_, props) => {
    const { values } = synthHub(props);
    expect(z2jhViolations(z2jhOracle()!, values)).toEqual([]);
  });
});

describe("ZeroToJupyterHub fails when", () => {
  const expectFailure = (build: () => unknown, message: RegExp) => expect(build).toThrow(message);

  test("the OAuth login has no HTTPS", () => {
    expectFailure(() => hubStack({ https: undefined as any }), /https: OAuth login needs HTTPS/);
  });

  test("there is no login", () => {
    expectFailure(() => hubStack({ authenticator: undefined as any }), /authenticator: the hub needs a login/);
  });

  test("the login has no admin", () => {
    expectFailure(
      () => hubStack({ authenticator: gitHubLogin(hubStack().stack, []) }),
      /adminUsers: at least one admin/,
    );
  });

  test.each(["^4.0.0", "latest", "", "4.4", "v4.4.0"])("the chart version is %j", (chartVersion) => {
    expectFailure(
      () => hubStack({ chartVersion }),
      /chartVersion: not an exact chart version.*Allowed: an exact version/,
    );
  });

  test("the release name is longer than Helm allows", () => {
    expectFailure(() => hubStack({ releaseName: "a".repeat(54) }), /releaseName: not a Helm release name.*at most 53/);
  });

  test.each(["default", "kube-system"])("the namespace is %s", (namespace) => {
    expectFailure(() => hubStack({ namespace }), /namespace: a namespace Kubernetes itself uses/);
  });

  test("the image tag is latest", () => {
    expectFailure(
      () => hubStack({ image: { name: "quay.io/jupyter/scipy-notebook", tag: "latest" } }),
      /image\.tag: an image needs an explicit, fixed tag; got "latest"/,
    );
  });

  test("the image tag is empty", () => {
    expectFailure(
      () => hubStack({ image: { name: "quay.io/jupyter/scipy-notebook", tag: "" } }),
      /image\.tag: an image needs an explicit/,
    );
  });

  test("the image name carries its tag", () => {
    expectFailure(
      () => hubStack({ image: { name: "quay.io/jupyter/scipy-notebook:2025-03-17", tag: "2025-03-17" } }),
      /image\.name: the name carries a tag/,
    );
  });

  test("a profile image is latest", () => {
    expectFailure(
      () =>
        hubStack({ profiles: [{ displayName: "Latest", image: { name: "jupyter/base-notebook", tag: "latest" } }] }),
      /profiles\[0\]\.image\.tag: an image needs an explicit, fixed tag/,
    );
  });

  test("the memory guarantee is above the limit", () => {
    expectFailure(
      () => hubStack({ memoryGuarantee: Size.gibibytes(4), memoryLimit: Size.gibibytes(2) }),
      /memoryGuarantee: above the memory limit of 2 GiB; got "4 GiB"/,
    );
  });

  test("the memory guarantee is above what a worker has", () => {
    expectFailure(
      () => hubStack({ memoryGuarantee: Size.gibibytes(14), memoryLimit: Size.gibibytes(14) }),
      /memoryGuarantee: more than one m3\.quad node \(15 GiB, 4 vCPU\) has for users after 1\.50 GiB for the system.*Allowed: at most 13\.50 GiB/,
    );
  });

  test("the memory limit is above what a worker has", () => {
    expectFailure(() => hubStack({ memoryLimit: Size.gibibytes(16) }), /memoryLimit: more than one m3\.quad node/);
  });

  test("the CPU guarantee is above the limit", () => {
    expectFailure(() => hubStack({ cpuGuarantee: 2, cpuLimit: 1 }), /cpuGuarantee: above the CPU limit of 1/);
  });

  test("the CPU limit is above the worker's vCPUs", () => {
    expectFailure(() => hubStack({ cpuLimit: 8 }), /cpuLimit: more than the 4 vCPUs/);
  });

  test("the CPU limit is not a number", () => {
    expectFailure(() => hubStack({ cpuLimit: "2" as any }), /cpuLimit: must be a number of CPUs/);
  });

  test("a profile's memory is above what a worker has", () => {
    expectFailure(
      () =>
        hubStack({
          profiles: [{ displayName: "Big", memoryGuarantee: Size.gibibytes(20), memoryLimit: Size.gibibytes(20) }],
        }),
      /profiles\[0\]\.memoryGuarantee: more than one m3\.quad node/,
    );
  });

  test("two profiles have the same slug", () => {
    expectFailure(
      () =>
        hubStack({
          profiles: [
            { displayName: "Small", slug: "cpu" },
            { displayName: "Large", slug: "cpu" },
          ],
        }),
      /profiles\[1\]\.slug: another profile \("Small"\) has the same slug/,
    );
  });

  test("two display names give the same slug", () => {
    expectFailure(
      () => hubStack({ profiles: [{ displayName: "CPU small" }, { displayName: "CPU: small" }] }),
      /profiles\[1\]\.slug: another profile/,
    );
  });

  test("two profiles are the default", () => {
    expectFailure(
      () =>
        hubStack({
          profiles: [
            { displayName: "A", default: true },
            { displayName: "B", default: true },
          ],
        }),
      /profiles\[1\]\.default: "A" is already the default profile/,
    );
  });

  test("addProfile adds a second default later", () => {
    const { hub } = hubStack({ profiles: [{ displayName: "A", default: true }] });
    expectFailure(() => hub.addProfile({ displayName: "B", default: true }), /profiles\[1\]\.default/);
  });

  test("a GPU profile is asked of a cluster without GPU workers, and the fix names props that exist", () => {
    expectFailure(
      () => hubStack({ profiles: [{ displayName: "GPU", gpus: 1 }] }),
      /profiles\[0\]\.gpus: the cluster has no GPU workers.*Fix: .*On KubernetesOnJetstream: nodeGroups: \[\{ name: 'gpu', flavor: JetstreamFlavor\.G3_LARGE \}\] with allocationResources: \[JetstreamResource\.CPU, JetstreamResource\.GPU\]; on KubernetesCluster\.fromAttributes: list the GPU flavors in gpuWorkerFlavors/,
    );
    // The fix as written, on a KubernetesOnJetstream, lets the profile through.
    const stack = newStack();
    const cluster = new KubernetesOnJetstream(stack, "Cluster", {
      allocation: "cis230085",
      apiAllowedCidrs: ["198.51.100.0/24"],
      nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.G3_LARGE }],
      allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
    });
    KubernetesProviders.configure(stack, cluster);
    const hub = new ZeroToJupyterHub(stack, "Hub", {
      cluster,
      authenticator: gitHubLogin(stack),
      https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
      profiles: [{ displayName: "GPU", gpus: 1 }],
    });
    expect(hub).toBeDefined();
  });

  test("a profile asks for two GPUs", () => {
    expectFailure(
      () => hubStack({ profiles: [{ displayName: "GPU", gpus: 2 }] }, { gpuWorkerFlavors: [JetstreamFlavor.G3_LARGE] }),
      /profiles\[0\]\.gpus: must be a whole number in range/,
    );
  });

  test("there is no host name for the certificate", () => {
    expectFailure(
      () => hubStack({}, { hubEndpoint: { ipAddress: HUB_IP } }),
      /domain: the hub needs a host name for its certificate/,
    );
  });

  test("the domain is a URL", () => {
    expectFailure(() => hubStack({ domain: "https://hub.example.org" }), /domain: a host name, not a URL/);
  });

  test("the domain is an IP address", () => {
    expectFailure(() => hubStack({ domain: "203.0.113.5" }), /domain: an IP address/);
  });

  test("the Let's Encrypt contact is not an e-mail address", () => {
    expectFailure(
      () => hubStack({ https: Https.letsEncrypt({ contactEmail: "admin@" }) }),
      /https\.contactEmail: not an e-mail address/,
    );
  });

  test("the ingress certificate secret name is not a Kubernetes name", () => {
    expectFailure(
      () => hubStack({ https: Https.ingress({ tlsSecretName: "Hub_TLS" }) }),
      /https\.tlsSecretName: not a Kubernetes secret name/,
    );
  });

  test("the cluster has no home storage and none was chosen", () => {
    expectFailure(
      () => hubStack({}, { homeStorage: undefined }),
      /homeStorage: the cluster has no out-of-cluster home storage.*HomeStorage\.none\(\)/,
    );
  });

  test("the NFS export path is relative", () => {
    expectFailure(
      () =>
        hubStack({
          homeStorage: HomeStorage.nfs({ serverAddress: "10.0.0.5", exportPath: "home", capacity: Size.gibibytes(1) }),
        }),
      /homeStorage\.exportPath: not an absolute path/,
    );
  });

  test("dynamic volumes are smaller than 1 GiB", () => {
    expectFailure(
      () => hubStack({ homeStorage: HomeStorage.dynamic({ capacity: Size.mebibytes(512) }) }),
      /homeStorage\.capacity: too small/,
    );
  });

  test("the culler checks less often than the timeout", () => {
    expectFailure(
      () => hubStack({ cullTimeout: Duration.minutes(10), cullEvery: Duration.minutes(30) }),
      /cullEvery: is longer than cullTimeout \(10m\)/,
    );
  });

  test("the cull timeout is below a minute", () => {
    expectFailure(() => hubStack({ cullTimeout: Duration.seconds(0) }), /cullTimeout: not a usable interval/);
  });

  test("the start timeout is too short", () => {
    expectFailure(
      () => hubStack({ startTimeout: Duration.seconds(30) }),
      /startTimeout: not a usable interval; got "30s". Allowed: a Duration of whole seconds, at least 1m/,
    );
  });

  test("an environment variable name is not one", () => {
    expectFailure(
      () => hubStack({ environment: { "MY-VAR": "x" } }),
      /environment\.MY-VAR: not an environment variable name/,
    );
  });

  test("an environment variable looks like a secret", () => {
    expectFailure(
      () => hubStack({ environment: { GATEWAY_API_TOKEN: "abc" } }),
      /environment\.GATEWAY_API_TOKEN: looks like a secret/,
    );
  });

  test("GATEWAY_API_URL is set twice", () => {
    expectFailure(
      () => hubStack({ environment: { GATEWAY_API_URL: "https://a" }, gatewayApiUrl: "https://gw.example.org" }),
      /environment\.GATEWAY_API_URL: also set by gatewayApiUrl/,
    );
  });

  test("the gateway API URL is not https", () => {
    expectFailure(
      () => hubStack({ gatewayApiUrl: "http://gw.example.org/api" }),
      /gatewayApiUrl: must be an https:\/\/ URL/,
    );
  });

  test("the tutorials repository is not https", () => {
    expectFailure(
      () => hubStack({ tutorials: { repository: "git@github.com:example/tutorials.git" } }),
      /tutorials\.repository: must be an https:\/\/ URL/,
    );
  });

  test("extraValues carry a client secret in plain text", () => {
    expectFailure(
      () => hubStack({ extraValues: { hub: { config: { GitHubOAuthenticator: { client_secret: "s3cret" } } } } }),
      /extraValues\.hub\.config\.GitHubOAuthenticator\.client_secret: a secret in plain text.*addSensitiveValue/,
    );
  });

  test("extraValues set the chart's own cookie secret", () => {
    expectFailure(
      () => hubStack({ extraValues: { hub: { cookieSecret: "0".repeat(64) } } }),
      /extraValues\.hub\.cookieSecret: the chart generates this secret/,
    );
  });

  test("addSensitiveValue targets the proxy token the chart generates", () => {
    const { stack, hub } = hubStack();
    expectFailure(
      () => hub.addSensitiveValue("proxy.secretToken", Secret.fromEnvironment(stack, "token")),
      /chartKey: the chart generates this secret/,
    );
  });

  test("addSensitiveValue gets a plain string", () => {
    const { hub } = hubStack();
    expectFailure(() => hub.addSensitiveValue("hub.services.x.apiToken", "abc" as any), /secret: must be a Secret/);
  });

  test("namedServersPerUser is not a small whole number", () => {
    expectFailure(() => hubStack({ namedServersPerUser: 2.5 }), /namedServersPerUser: must be a whole number in range/);
    expectFailure(() => hubStack({ namedServersPerUser: 500 }), /namedServersPerUser: must be a whole number in range/);
  });

  test("userPlaceholders is negative", () => {
    expectFailure(() => hubStack({ userPlaceholders: -1 }), /userPlaceholders: must be a whole number in range/);
  });

  test("a second hub shares the first one's namespace", () => {
    const { stack, cluster } = hubStack();
    expectFailure(
      () =>
        new ZeroToJupyterHub(stack, "Hub2", {
          cluster,
          namespace: "hub",
          authenticator: Authenticator.gitHub({
            clientId: "x",
            clientSecret: Secret.fromEnvironment(stack, "other_secret"),
            adminUsers: ["bob"],
            allowAll: true,
          }),
          https: Https.letsEncrypt({ contactEmail: "a@example.org" }),
        }),
      /namespace: "hub" is already the namespace of the hub at test\/Hub on this cluster/,
    );
  });
});
