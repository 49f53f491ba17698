import { TerraformVariable, Testing, TerraformStack } from "cdktf";
import { Size } from "../../lib";
import { HttpsKind, ResolvedHttps } from "../../lib/zero-to-jupyterhub/https";
import { ResolvedProfile } from "../../lib/zero-to-jupyterhub/profile";
import { HomeStorageKind } from "../../lib/zero-to-jupyterhub/storage";
import {
  clientSecretSetting,
  helmSetName,
  HubValuesInput,
  plainSecretPaths,
  renderValues,
  StorageInput,
  valuesText,
} from "../../lib/zero-to-jupyterhub/values";
import { everyLogin, gitHubLogin, HUB_HOST, HUB_IP } from "../support/hub-fixtures";
import { describeWithSchema } from "../support/schemas";
import { z2jhOracle, z2jhViolations } from "../support/z2jh";

// The renderer is pure: these tests call it directly. Only the secrets need a stack (a Secret is a variable).
const stack = new TerraformStack(Testing.app(), "values");
const logins = everyLogin(stack);
const github = gitHubLogin(stack);

const LETS_ENCRYPT: ResolvedHttps = {
  kind: HttpsKind.LETS_ENCRYPT,
  contactEmail: "hub-admins@example.org",
  annotations: {},
};
const INGRESS: ResolvedHttps = {
  kind: HttpsKind.INGRESS,
  tlsSecretName: "hub-tls",
  ingressClassName: "nginx",
  annotations: { "cert-manager.io/cluster-issuer": "letsencrypt" },
};
const NFS: StorageInput = { kind: HomeStorageKind.NFS, claimName: "home" };
const DYNAMIC: StorageInput = {
  kind: HomeStorageKind.DYNAMIC,
  storageClassName: "hub-home-retain",
  capacity: Size.gibibytes(20),
};
const NONE: StorageInput = { kind: HomeStorageKind.NONE };
const RESOURCES = {
  memoryGuarantee: Size.gibibytes(2),
  memoryLimit: Size.gibibytes(4),
  cpuGuarantee: 0.5,
  cpuLimit: 2,
};
const PROFILES: ResolvedProfile[] = [
  {
    displayName: "CPU",
    slug: "cpu",
    effectiveSlug: "cpu",
    isDefault: true,
    resources: RESOURCES,
    options: [],
    gpus: 0,
  },
  {
    displayName: "GPU",
    slug: "gpu",
    effectiveSlug: "gpu",
    options: [],
    description: "A100 slice",
    isDefault: false,
    image: { name: "quay.io/jupyter/pytorch-notebook", tag: "cuda12-2025-03-17" },
    resources: { ...RESOURCES, memoryLimit: Size.mebibytes(12800) },
    gpus: 1,
  },
];

function input(overrides: Partial<HubValuesInput> = {}): HubValuesInput {
  return {
    authenticator: github,
    hostname: HUB_HOST,
    https: LETS_ENCRYPT,
    loadBalancerIp: HUB_IP,
    image: { name: "quay.io/jupyterhub/k8s-singleuser-sample", tag: "4.4.0" },
    resources: RESOURCES,
    startTimeoutSeconds: 600,
    environment: {},
    storage: NFS,
    profiles: [],
    cull: { timeoutSeconds: 3600, everySeconds: 600, maxAgeSeconds: 0 },
    userScheduler: true,
    prePuller: true,
    userPlaceholders: 0,
    namedServersPerUser: 0,
    extraValues: {},
    ...overrides,
  };
}

describe("renderValues: login", () => {
  test("uses the login's authenticator class and a callback URL derived from the host name", () => {
    const v = renderValues(input());
    expect(v.hub.config.JupyterHub).toEqual({ authenticator_class: "github" });
    expect(v.hub.config.GitHubOAuthenticator.oauth_callback_url).toBe(`https://${HUB_HOST}/hub/oauth_callback`);
    expect(v.hub.config.GitHubOAuthenticator.allowed_organizations).toEqual(["example-gateway"]);
    expect(v.hub.config.Authenticator.admin_users).toEqual(["alice"]);
  });

  test("grants admin through the admin role too, so that removing a name revokes it", () => {
    const before = renderValues(input({ authenticator: gitHubLogin(stack, ["alice", "bob"]) }));
    const after = renderValues(input({ authenticator: gitHubLogin(stack, ["alice"]) }));
    expect(before.hub.loadRoles.admin.users).toEqual(["alice", "bob"]);
    expect(after.hub.loadRoles.admin.users).toEqual(["alice"]);
  });

  test("CILogon IdPs go under idps, not the deprecated allowed_idps", () => {
    const cilogon = logins.find(([k]) => k === "cilogon")![1];
    const config = renderValues(input({ authenticator: cilogon })).hub.config.CILogonOAuthenticator;
    expect(Object.keys(config.idps)).toEqual(["https://access-ci.org/idp", "urn:mace:incommon:ucsd.edu"]);
    expect(config).not.toHaveProperty("allowed_idps");
  });

  test("carries no secret: not the client secret, not the chart's own cookie secret or proxy token", () => {
    const v = renderValues(input());
    const text = JSON.stringify(v);
    expect(text).not.toMatch(/client_secret|cookieSecret|secretToken|CryptKeeper/);
    expect(plainSecretPaths(v)).toEqual([]);
  });

  test("the client secret is a set_sensitive entry at hub.config.<class>.client_secret", () => {
    const secret = clientSecretSetting(github);
    expect(secret.name).toBe("hub.config.GitHubOAuthenticator.client_secret");
    expect(secret.value).toBe(github.clientSecret.value);
    expect(clientSecretSetting(logins.find(([k]) => k === "generic")![1]).name).toBe(
      "hub.config.GenericOAuthenticator.client_secret",
    );
  });

  test("Helm set names escape dots inside a key", () => {
    expect(helmSetName(["ingress", "annotations", "cert-manager.io/cluster-issuer"])).toBe(
      "ingress.annotations.cert-manager\\.io/cluster-issuer",
    );
  });
});

describe("renderValues: safety defaults", () => {
  const v = renderValues(input());

  test("culling stops idle servers and never deletes users", () => {
    expect(v.cull).toEqual({
      enabled: true,
      users: false,
      removeNamedServers: false,
      timeout: 3600,
      every: 600,
      maxAge: 0,
    });
  });

  test("deleting a user keeps their home; user servers get no Kubernetes API token", () => {
    expect(v.hub.config.KubeSpawner).toEqual({ delete_pvc: false, automount_service_account_token: false });
  });

  test("user servers run as jovyan, unprivileged, without a service account, and cannot reach the metadata service", () => {
    expect(v.singleuser.uid).toBe(1000);
    expect(v.singleuser.fsGid).toBe(100);
    expect(v.singleuser.allowPrivilegeEscalation).toBe(false);
    expect(v.singleuser).not.toHaveProperty("serviceAccountName");
    expect(v.singleuser).not.toHaveProperty("extraPodConfig");
    expect(v.singleuser.networkPolicy.egressAllowRules).toEqual({ cloudMetadataServer: false, privateIPs: false });
  });

  test("named servers are off unless bounded per user", () => {
    expect(v.hub.allowNamedServers).toBe(false);
    expect(v.hub).not.toHaveProperty("namedServerLimitPerUser");
    const named = renderValues(input({ namedServersPerUser: 3 }));
    expect(named.hub.allowNamedServers).toBe(true);
    expect(named.hub.namedServerLimitPerUser).toBe(3);
  });

  test("network policies and the cloud-metadata block stay on; the hub database outlives the release", () => {
    expect(v.hub.networkPolicy.enabled).toBe(true);
    expect(v.proxy.chp.networkPolicy.enabled).toBe(true);
    expect(v.proxy.traefik.networkPolicy.enabled).toBe(true);
    expect(v.singleuser.networkPolicy.enabled).toBe(true);
    expect(v.singleuser.cloudMetadata.blockWithIptables).toBe(true);
    expect(v.hub.db.pvc.annotations["helm.sh/resource-policy"]).toBe("keep");
  });
});

describe("renderValues: HTTPS", () => {
  test("Let's Encrypt: the proxy gets the certificate for the host, on the stable address", () => {
    const v = renderValues(input());
    expect(v.proxy.https).toEqual({
      enabled: true,
      type: "letsencrypt",
      hosts: [HUB_HOST],
      letsencrypt: { contactEmail: "hub-admins@example.org" },
    });
    expect(v.proxy.service).toEqual({ type: "LoadBalancer", loadBalancerIP: HUB_IP });
    expect(v.ingress.enabled).toBe(false);
  });

  test("Let's Encrypt without a stable address leaves loadBalancerIP to OpenStack", () => {
    expect(renderValues(input({ loadBalancerIp: undefined })).proxy.service).toEqual({ type: "LoadBalancer" });
  });

  test("ingress: TLS from the certificate secret, the proxy stays inside the cluster", () => {
    const v = renderValues(input({ https: INGRESS }));
    expect(v.ingress).toEqual({
      enabled: true,
      hosts: [HUB_HOST],
      tls: [{ hosts: [HUB_HOST], secretName: "hub-tls" }],
      ingressClassName: "nginx",
      annotations: { "cert-manager.io/cluster-issuer": "letsencrypt" },
    });
    expect(v.proxy.service).toEqual({ type: "ClusterIP" });
    expect(v.proxy.https).toEqual({ enabled: false });
  });
});

describe("renderValues: users' servers", () => {
  test("image, memory in KubeSpawner's 1024-based units, CPUs as numbers, start timeout", () => {
    const v = renderValues(input({ resources: { ...RESOURCES, memoryGuarantee: Size.mebibytes(1536) } }));
    expect(v.singleuser.image).toEqual({ name: "quay.io/jupyterhub/k8s-singleuser-sample", tag: "4.4.0" });
    expect(v.singleuser.memory).toEqual({ guarantee: "1536M", limit: "4G" });
    expect(v.singleuser.cpu).toEqual({ guarantee: 0.5, limit: 2 });
    expect(v.singleuser.startTimeout).toBe(600);
  });

  test("the gateway's API URL reaches every server as GATEWAY_API_URL, beside other variables", () => {
    const v = renderValues(input({ environment: { TZ: "UTC" }, gatewayApiUrl: "https://gw.example.org/api" }));
    expect(v.singleuser.extraEnv).toEqual({ TZ: "UTC", GATEWAY_API_URL: "https://gw.example.org/api" });
  });

  test("tutorials: nbgitpuller is the landing page, so every login pulls", () => {
    const v = renderValues(
      input({
        tutorials: { repository: "https://github.com/example/tutorials", branch: "main", targetFolder: "tutorials" },
      }),
    );
    expect(v.singleuser.defaultUrl).toBe(
      "/git-pull?repo=https%3A%2F%2Fgithub.com%2Fexample%2Ftutorials&branch=main&targetpath=tutorials&urlpath=lab%2Ftree%2Ftutorials",
    );
    expect(renderValues(input()).singleuser).not.toHaveProperty("defaultUrl");
  });

  test.each([
    ["NFS", NFS, { type: "static", static: { pvcName: "home", subPath: "{username}" } }],
    ["dynamic", DYNAMIC, { type: "dynamic", capacity: "20Gi", dynamic: { storageClass: "hub-home-retain" } }],
    ["none", NONE, { type: "none" }],
  ])("storage: %s", (_, storage, expected) => {
    expect(renderValues(input({ storage })).singleuser.storage).toEqual(expected);
  });

  test("profiles: slugs, one default, GPU limits and tolerations, per-profile image", () => {
    const list = renderValues(input({ profiles: PROFILES })).singleuser.profileList;
    expect(list[0]).toEqual({
      display_name: "CPU",
      slug: "cpu",
      default: true,
      kubespawner_override: { mem_guarantee: "2G", mem_limit: "4G", cpu_guarantee: 0.5, cpu_limit: 2 },
    });
    expect(list[1].kubespawner_override).toEqual({
      image: "quay.io/jupyter/pytorch-notebook:cuda12-2025-03-17",
      mem_guarantee: "2G",
      mem_limit: "12800M",
      cpu_guarantee: 0.5,
      cpu_limit: 2,
      extra_resource_limits: { "nvidia.com/gpu": "1" },
      tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
    });
    expect(list[1]).not.toHaveProperty("default");
  });

  test("scheduling options are explicit; placeholders turn pod priorities on; none leaves the chart's", () => {
    const quiet = renderValues(input({ userScheduler: false, prePuller: false }));
    expect(quiet.scheduling).toEqual({ userScheduler: { enabled: false } });
    expect(quiet.prePuller).toEqual({ hook: { enabled: false }, continuous: { enabled: false } });
    const warm = renderValues(input({ userPlaceholders: 3 }));
    expect(warm.scheduling.userPlaceholder).toEqual({ enabled: true, replicas: 3 });
    expect(warm.scheduling.podPriority).toEqual({ enabled: true });
  });
});

describe("renderValues: extraValues", () => {
  test("merged last: maps merge, lists replace, typed keys not named stay", () => {
    // Keys outside the typed part (hub.extraEnv) are what extraValues is for: read them untyped.
    const v: any = renderValues(
      input({
        profiles: PROFILES,
        extraValues: {
          hub: { extraEnv: { TZ: "UTC" }, config: { JupyterHub: { admin_access: false } } },
          singleuser: { profileList: [{ display_name: "Only", slug: "only" }] },
        },
      }),
    );
    expect(v.hub.extraEnv).toEqual({ TZ: "UTC" });
    expect(v.hub.config.JupyterHub).toEqual({ authenticator_class: "github", admin_access: false });
    expect(v.singleuser.profileList).toEqual([{ display_name: "Only", slug: "only" }]);
    expect(v.singleuser.image.tag).toBe("4.4.0");
  });

  test("a null survives into the values, to delete the chart's default when Helm coalesces", () => {
    const v = renderValues(input({ extraValues: { singleuser: { memory: { guarantee: null } } } }));
    expect(v.singleuser.memory).toEqual({ guarantee: null, limit: "4G" });
  });
});

describe("valuesText", () => {
  test("escapes Terraform template sequences in literal strings, keeps cdktf references live", () => {
    const ref = new TerraformVariable(stack, "ip", { type: "string" }).stringValue;
    const text = valuesText({ a: "echo ${HOME} %{x}", b: ref });
    expect(text).toContain("echo $${HOME} %%{x}");
    expect(text).toContain(`"b":"${ref}"`);
  });
});

describe("plainSecretPaths", () => {
  test("finds secret-looking keys and the chart's own secrets, not secret names", () => {
    expect(
      plainSecretPaths({
        hub: { cookieSecret: "x", existingSecret: "hub-secret", config: { X: { client_secret: "s", api_token: "t" } } },
        proxy: { secretToken: "y", https: { manual: { key: "PEM" }, secret: { name: "tls" } } },
        ingress: { tls: [{ secretName: "tls" }] },
        singleuser: {
          extraEnv: { API_KEY: "k", GATEWAY_TOKEN: { valueFrom: { secretKeyRef: { name: "gw", key: "t" } } } },
        },
        imagePullSecret: { password: "p", create: true },
        debug: { enabled: true },
      }).sort(),
    ).toEqual(
      [
        "hub.config.X.api_token",
        "hub.config.X.client_secret",
        "hub.cookieSecret",
        "imagePullSecret.password",
        "proxy.https.manual.key",
        "proxy.secretToken",
        "singleuser.extraEnv.API_KEY",
      ].sort(),
    );
  });
});

describeWithSchema("z2jh-values.schema.json", "rendered values are valid chart 4.4.0 values", () => {
  const oracle = z2jhOracle()!;

  test("the oracle rejects what Helm would reject", () => {
    // GIVEN values with a string CPU, an unknown storage type and a misspelt key
    const bad = renderValues(
      input({ extraValues: { singleuser: { cpu: { limit: "2" }, memorry: {}, storage: { type: "cinder" } } } }),
    );
    // THEN each is reported
    const errors = z2jhViolations(oracle, bad).join("\n");
    expect(errors).toMatch(/\/singleuser\/cpu\/limit: must be number,null/);
    expect(errors).toMatch(/memorry/);
    expect(errors).toMatch(/\/singleuser\/storage\/type: must be equal to one of the allowed values/);
    // AND a bare overlay is not mistaken for coalesced values
    expect(oracle.validate(renderValues(input()))).toBe(false);
  });

  // Every login × HTTPS × storage × profiles × tutorials × scheduling choice, coalesced onto the chart defaults.
  const httpsChoices: [string, Partial<HubValuesInput>][] = [
    ["letsencrypt+ip", { https: LETS_ENCRYPT }],
    ["letsencrypt", { https: LETS_ENCRYPT, loadBalancerIp: undefined }],
    ["ingress", { https: INGRESS, loadBalancerIp: undefined }],
  ];
  const storageChoices: [string, StorageInput][] = [
    ["nfs", NFS],
    ["dynamic", DYNAMIC],
    ["none", NONE],
  ];
  const extras: [string, Partial<HubValuesInput>][] = [
    ["defaults", {}],
    [
      "everything",
      {
        profiles: PROFILES,
        tutorials: { repository: "https://github.com/example/tutorials", branch: "main", targetFolder: "tutorials" },
        gatewayApiUrl: "https://gw.example.org/api",
        environment: { TZ: "UTC" },
        cull: { timeoutSeconds: 1800, everySeconds: 300, maxAgeSeconds: 28800 },
        userScheduler: false,
        prePuller: false,
        userPlaceholders: 2,
        namedServersPerUser: 3,
        extraValues: { hub: { extraEnv: { TZ: "UTC" } }, singleuser: { memory: { guarantee: null } } },
      },
    ],
  ];

  test.each(logins.map(([kind, auth]) => [kind, auth] as const))("%s login: every combination validates", (_, auth) => {
    const failures: string[] = [];
    for (const [httpsName, https] of httpsChoices)
      for (const [storageName, storage] of storageChoices)
        for (const [extraName, extra] of extras) {
          const errors = z2jhViolations(
            oracle,
            renderValues(input({ authenticator: auth, ...https, storage, ...extra })),
          );
          if (errors.length > 0) failures.push(`${httpsName}/${storageName}/${extraName}: ${errors.join("; ")}`);
        }
    expect(failures).toEqual([]);
  });
});
