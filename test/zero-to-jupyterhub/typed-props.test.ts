// The typed props that real values files need (issue 13, gaps 1-7): each renders the chart key its doc names, only
// when set, and the result stays valid for the chart's values schema (jupyterhub 4.4.0, values.schema.yaml).
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformStack, TerraformVariable } from "cdktf";
import {
  Authenticator,
  Duration,
  HomeStorage,
  Https,
  KubernetesProviders,
  Secret,
  Size,
  ZeroToJupyterHub,
  ZeroToJupyterHubProps,
} from "../../lib";
import { gitHubLogin, hubStack, testCluster } from "../support/hub-fixtures";
import { allText, bodies, newStack, resources, synth } from "../support/synth";
import { hubReleases, valuesOf, z2jhOracle, z2jhViolations } from "../support/z2jh";

function synthHub(...args: Parameters<typeof hubStack>) {
  const { stack, hub } = hubStack(...args);
  const doc = synth(stack);
  const [release] = hubReleases(doc);
  return { doc, hub, release, values: valuesOf(release) };
}

// The gateway service's token comes from random_password: apps add the random provider, as for the self-managed engine.
function synthGatewayHub(props: Parameters<typeof hubStack>[0]) {
  const { stack, hub } = hubStack(props);
  new RandomProvider(stack, "random", {});
  const doc = synth(stack);
  const [release] = hubReleases(doc);
  return { doc, hub, release, values: valuesOf(release) };
}

/** A hub whose props are built in its own stack, so Secrets and variables live where the hub does. */
function synthIn(build: (stack: TerraformStack) => Partial<ZeroToJupyterHubProps>) {
  const stack = newStack();
  const cluster = testCluster(stack);
  KubernetesProviders.configure(stack, cluster);
  new ZeroToJupyterHub(stack, "Hub", {
    cluster,
    authenticator: gitHubLogin(stack),
    https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
    ...build(stack),
  });
  const doc = synth(stack);
  const [release] = hubReleases(doc);
  return { doc, release, values: valuesOf(release) };
}

function expectValid(values: any): void {
  const oracle = z2jhOracle();
  if (oracle) expect(z2jhViolations(oracle, values)).toEqual([]);
}

describe("Size.parse: what Kubernetes accepts", () => {
  test.each([
    ["1.5G", 1.5e9],
    ["512Mi", 512 * 2 ** 20],
    ["10Gi", 10 * 2 ** 30],
    ["2147483648", 2 ** 31],
    ["500M", 5e8],
    ["1Ti", 2 ** 40],
  ])("%s is %d bytes, and renders as written", (text, bytesExpected) => {
    const size = Size.parse(text);
    expect(size.toMebibytes() * 2 ** 20).toBeCloseTo(bytesExpected, 0);
    expect(size.toKubernetesQuantity()).toBe(text);
    expect(size.parsedFrom).toBe(text);
  });

  test("Size.bytes counts bytes", () => {
    expect(Size.bytes(2 ** 30).toGibibytes()).toBe(1);
  });

  test.each(["", "1.5GB", "-1G", "1e9", "ten"])("fails when the quantity is %j", (text) => {
    expect(() => Size.parse(text)).toThrow(/Size\.parse: not a Kubernetes quantity/);
  });

  test("a parsed memory size reaches singleuser.memory as written", () => {
    const { values } = synthHub({ memoryGuarantee: Size.parse("1.5G"), memoryLimit: Size.parse("3221225472") });
    expect(values.singleuser.memory).toEqual({ guarantee: "1.5G", limit: "3221225472" });
    expectValid(values);
  });
});

describe("resources: only what the user or a safety default set", () => {
  test("resourceLimits: false leaves singleuser.memory, cpu and startTimeout to the chart", () => {
    const { values } = synthHub({ resourceLimits: false });
    expect(values.singleuser).not.toHaveProperty("memory");
    expect(values.singleuser).not.toHaveProperty("cpu");
    expect(values.singleuser).not.toHaveProperty("startTimeout");
    expectValid(values);
  });

  test("an explicit limit is rendered even with resourceLimits: false", () => {
    const { values } = synthHub({ resourceLimits: false, memoryLimit: Size.gibibytes(4), cpuGuarantee: 0.25 });
    expect(values.singleuser.memory).toEqual({ limit: "4G" });
    expect(values.singleuser.cpu).toEqual({ guarantee: 0.25 });
  });

  test("startTimeout is rendered when set", () => {
    expect(synthHub({ startTimeout: Duration.minutes(15) }).values.singleuser.startTimeout).toBe(900);
  });

  test("fails when a limit below the chart's 1G guarantee is set and no guarantee is given", () => {
    expect(() => hubStack({ memoryLimit: Size.mebibytes(512) })).toThrow(/memoryGuarantee: above the memory limit/);
  });
});

describe("home storage (singleuser.storage)", () => {
  test("clusterDefault: dynamic, no storageClass key, no StorageClass object", () => {
    const { values, doc } = synthHub({ homeStorage: HomeStorage.clusterDefault() });
    expect(values.singleuser.storage).toEqual({ type: "dynamic" });
    expect(resources(doc, "kubernetes_storage_class_v1")).toEqual([]);
    expectValid(values);
  });

  test("dynamic with an existing class names it and creates none", () => {
    const { values, doc } = synthHub({
      homeStorage: HomeStorage.dynamic({ storageClass: "cinder-retain", capacity: Size.parse("5Gi") }),
    });
    expect(values.singleuser.storage).toEqual({
      type: "dynamic",
      capacity: "5Gi",
      dynamic: { storageClass: "cinder-retain" },
    });
    expect(resources(doc, "kubernetes_storage_class_v1")).toEqual([]);
  });

  test("existingClaim: static with the claim and subPath, and no volume objects", () => {
    const { values, doc } = synthHub({
      homeStorage: HomeStorage.existingClaim("campus-nfs", { subPath: "home/{username}" }),
    });
    expect(values.singleuser.storage).toEqual({
      type: "static",
      static: { pvcName: "campus-nfs", subPath: "home/{username}" },
    });
    expect(resources(doc, "kubernetes_persistent_volume_v1")).toEqual([]);
    expectValid(values);
  });

  test("fails when the claim name is not a Kubernetes name", () => {
    expect(() => hubStack({ homeStorage: HomeStorage.existingClaim("Home_Dirs") })).toThrow(
      /homeStorage\.claimName: not a PersistentVolumeClaim name; got "Home_Dirs"/,
    );
  });

  test("fails when clusterDefault is given a class", () => {
    expect(() => HomeStorage.clusterDefault({ storageClass: "x" })).toThrow(/takes no class or provisioner/);
  });
});

describe("authenticator traits (hub.config)", () => {
  test("login_service, auto_login, enable_auth_state, allow_existing_users, manage_groups and a pass-through", () => {
    const { values } = synthHub({}, {});
    expect(values.hub.config.Authenticator.allow_existing_users).toBe(false);
    const v = synthIn((stack) => ({
      authenticator: Authenticator.gitHub({
        clientId: "Iv1.abc",
        clientSecret: Secret.fromEnvironment(stack, "gh2"),
        adminUsers: ["alice"],
        allowedOrganizations: ["org"],
        loginService: "Campus GitHub",
        autoLogin: true,
        enableAuthState: true,
        allowExistingUsers: true,
        manageGroups: true,
        extraTraits: { populate_teams_in_auth_state: true },
      }),
    })).values;
    expect(v.hub.config.Authenticator).toMatchObject({
      auto_login: true,
      enable_auth_state: true,
      allow_existing_users: true,
    });
    expect(v.hub.config.GitHubOAuthenticator).toMatchObject({
      login_service: "Campus GitHub",
      manage_groups: true,
      populate_teams_in_auth_state: true,
    });
    expectValid(v);
  });

  test("CILogon scope, Google strip_domain, generic userdata_params and auth_state_groups_key", () => {
    const cilogon = (s: Secret) =>
      Authenticator.ciLogon({
        clientId: "cilogon:/client_id/1",
        clientSecret: s,
        adminUsers: ["alice@example.edu"],
        idps: [{ entityId: "https://access-ci.org/idp", allowAll: true }],
        scope: ["openid", "email", "org.cilogon.userinfo"],
      });
    expect(
      synthIn((st) => ({ authenticator: cilogon(Secret.fromEnvironment(st, "x")) })).values.hub.config
        .CILogonOAuthenticator.scope,
    ).toEqual(["openid", "email", "org.cilogon.userinfo"]);
    const google = (s: Secret) =>
      Authenticator.google({
        clientId: "id.apps.googleusercontent.com",
        clientSecret: s,
        adminUsers: ["alice@example.edu"],
        hostedDomains: ["example.edu"],
        stripDomain: false,
      });
    expect(
      synthIn((st) => ({ authenticator: google(Secret.fromEnvironment(st, "x")) })).values.hub.config
        .GoogleOAuthenticator.strip_domain,
    ).toBe(false);
    const generic = (s: Secret) =>
      Authenticator.genericOAuth({
        clientId: "hub",
        clientSecret: s,
        adminUsers: ["alice"],
        authorizeUrl: "https://auth.example.org/authorize",
        tokenUrl: "https://auth.example.org/token",
        userdataUrl: "https://auth.example.org/userinfo",
        allowedGroups: ["hub-users"],
        userdataParams: { state: "state" },
        authStateGroupsKey: "oauth_user.realm_access.roles",
      });
    const g = synthIn((st) => ({ authenticator: generic(Secret.fromEnvironment(st, "x")) })).values.hub.config
      .GenericOAuthenticator;
    expect(g.userdata_params).toEqual({ state: "state" });
    expect(g.auth_state_groups_key).toBe("oauth_user.realm_access.roles");
  });

  test("fails when extraTraits carries the client secret", () => {
    const { stack } = hubStack();
    expect(() =>
      Authenticator.gitHub({
        clientId: "Iv1.abc",
        clientSecret: Secret.fromEnvironment(stack, "gh3"),
        adminUsers: ["alice"],
        allowAll: true,
        extraTraits: { client_secret: "hunter2" },
      }),
    ).toThrow(/authenticator\.extraTraits\.client_secret: the client secret must be a Secret/);
  });
});

describe("user servers: defaultUrl, hooks, volumes, sidecars, pull secrets, egress", () => {
  const { values } = synthHub({
    defaultUrl: "/lab/tree/README.md",
    postStartCommand: ["sh", "-c", "cp -rn /srv/examples ~/"],
    preStopCommand: ["sh", "-c", "sync"],
    extraVolumes: [{ name: "shared", persistentVolumeClaim: { claimName: "shared-data" } }],
    extraVolumeMounts: [{ name: "shared", mountPath: "/home/shared", readOnly: true }],
    extraContainers: [{ name: "proxy", image: "quay.io/org/sidecar:1.0" }],
    imagePullSecrets: ["regcred"],
    userEgressRules: [{ to: [{ ipBlock: { cidr: "10.0.5.10/32" } }], ports: [{ port: 5432, protocol: "TCP" }] }],
    hubDbStorageClass: "cinder-ssd",
    hubDbCapacity: Size.parse("5Gi"),
    hubDbAccessModes: ["ReadWriteOnce"],
  });

  test("each renders its chart key", () => {
    expect(values.singleuser.defaultUrl).toBe("/lab/tree/README.md");
    expect(values.singleuser.lifecycleHooks).toEqual({
      postStart: { exec: { command: ["sh", "-c", "cp -rn /srv/examples ~/"] } },
      preStop: { exec: { command: ["sh", "-c", "sync"] } },
    });
    expect(values.singleuser.storage.extraVolumes).toHaveLength(1);
    expect(values.singleuser.storage.extraVolumeMounts[0].mountPath).toBe("/home/shared");
    expect(values.singleuser.extraContainers[0].name).toBe("proxy");
    expect(values.imagePullSecrets).toEqual(["regcred"]);
    expect(values.singleuser.networkPolicy.egress[0].ports[0].port).toBe(5432);
    // The safety rules stay.
    expect(values.singleuser.networkPolicy.egressAllowRules).toEqual({ cloudMetadataServer: false, privateIPs: false });
    expect(values.hub.db.pvc).toMatchObject({
      storageClassName: "cinder-ssd",
      storage: "5Gi",
      accessModes: ["ReadWriteOnce"],
    });
  });

  test("the result is valid chart values", () => expectValid(values));

  test("fails when defaultUrl and tutorials are both set", () => {
    expect(() =>
      hubStack({
        defaultUrl: "/lab",
        tutorials: { repository: "https://github.com/org/tutorials", branch: "main" } as any,
      }),
    ).toThrow(/defaultUrl: tutorials sets singleuser.defaultUrl/);
  });

  test("fails when defaultUrl is not a path", () => {
    expect(() => hubStack({ defaultUrl: "lab" })).toThrow(/defaultUrl: not a path on the user's server; got "lab"/);
  });

  test("fails when a hook is not a command list", () => {
    expect(() => hubStack({ postStartCommand: "cp -r /srv ~" as any })).toThrow(/postStartCommand: not a command/);
  });
});

describe("profiles: optional slug, node_selector, extra_containers, overrides, profile_options", () => {
  const { values } = synthHub({
    profiles: [
      {
        displayName: "Data science",
        nodeSelector: { "node.kubernetes.io/instance-type": "m3.large" },
        extraContainers: [{ name: "sidecar", image: "busybox:1.36" }],
        kubespawnerOverride: { environment: { COURSE: "bio101" } },
        profileOptions: [
          {
            name: "image",
            displayName: "Image",
            choices: [
              {
                key: "scipy",
                displayName: "SciPy",
                default: true,
                kubespawnerOverride: { image: "quay.io/jupyter/scipy-notebook:2025-01-06" },
              },
              { key: "r", displayName: "R", kubespawnerOverride: { image: "quay.io/jupyter/r-notebook:2025-01-06" } },
            ],
            unlistedChoice: {
              displayName: "Other image",
              validationRegex: "^quay\\.io/.+:.+$",
              kubespawnerOverride: { image: "{value}" },
            },
          },
        ],
      },
    ],
  });
  const [p] = values.singleuser.profileList;

  test("renders only what the profile sets, in KubeSpawner's vocabulary", () => {
    expect(p).not.toHaveProperty("slug");
    expect(p.kubespawner_override).toEqual({
      node_selector: { "node.kubernetes.io/instance-type": "m3.large" },
      extra_containers: [{ name: "sidecar", image: "busybox:1.36" }],
      environment: { COURSE: "bio101" },
    });
    expect(p.profile_options.image.choices.scipy).toEqual({
      display_name: "SciPy",
      default: true,
      kubespawner_override: { image: "quay.io/jupyter/scipy-notebook:2025-01-06" },
    });
    expect(p.profile_options.image.unlisted_choice).toMatchObject({
      enabled: true,
      kubespawner_override: { image: "{value}" },
    });
  });

  test("fails when an option offers nothing", () => {
    expect(() =>
      hubStack({ profiles: [{ displayName: "X", profileOptions: [{ name: "image", displayName: "Image" }] }] }),
    ).toThrow(/profiles\[0\]\.profileOptions\[0\]\.choices: an option with nothing to choose/);
  });
});

describe("HTTPS from a TLS secret (proxy.https.type: secret)", () => {
  const { values, release } = synthHub({ https: Https.secret({ tlsSecretName: "campus-cert" }) });
  test("the proxy serves the secret on the reserved address; no ingress", () => {
    expect(values.proxy.https).toEqual({
      enabled: true,
      type: "secret",
      hosts: [expect.any(String)],
      secret: { name: "campus-cert" },
    });
    expect(values.proxy.service.type).toBe("LoadBalancer");
    expect(values.ingress).toEqual({ enabled: false });
    expect(release).toBeDefined();
    expectValid(values);
  });
});

describe("cookieSecret and proxySecretToken as Secrets", () => {
  test("reach the chart only through set_sensitive", () => {
    const { release } = synthIn((stack) => ({
      cookieSecret: Secret.fromVariable(new TerraformVariable(stack, "cookie", { sensitive: true, type: "string" })),
      proxySecretToken: Secret.fromVariable(new TerraformVariable(stack, "token", { sensitive: true, type: "string" })),
    }));
    const names = release.set_sensitive.map((s: any) => s.name);
    expect(names).toEqual(expect.arrayContaining(["hub.cookieSecret", "proxy.secretToken"]));
  });

  test("a canary value never appears in the synthesized files", () => {
    process.env.TF_VAR_canary_cookie = "CANARY-c00k1e";
    const { doc } = synthIn((stack) => ({ cookieSecret: Secret.fromEnvironment(stack, "canary_cookie") }));
    expect(allText(doc)).not.toContain("CANARY-c00k1e");
  });

  test("fails when given a plain string", () => {
    expect(() => hubStack({ cookieSecret: "abc" as any })).toThrow(/cookieSecret: must be a Secret/);
  });
});

describe("a JupyterHub service for the gateway", () => {
  const { values, release, doc, hub } = synthGatewayHub({ gatewayService: {} });

  test("hub.services and a role with the scopes; the token only through set_sensitive", () => {
    // The service exists through its token alone (set_sensitive), so nothing of it is in the plain values.
    expect(values.hub).not.toHaveProperty("services");
    expect(values.hub.loadRoles["gateway-service"]).toEqual({
      services: ["gateway"],
      scopes: ["list:users", "read:users", "servers", "access:servers"],
    });
    const token = release.set_sensitive.find((s: any) => s.name === "hub.services.gateway.apiToken");
    expect(token.value).toMatch(/^\$\{random_password\.Hub_GatewayServiceToken_[0-9A-F]{8}\.result\}$/);
    expect(hub.gatewayServiceToken).toBeDefined();
    expect(hub.gatewayServiceName).toBe("gateway");
    expectValid(values);
  });

  test("the token is a long alphanumeric random_password", () => {
    expect(bodies(doc, "random_password")).toEqual([expect.objectContaining({ length: 48, special: false })]);
  });

  test("custom name and scopes", () => {
    const v = synthGatewayHub({
      gatewayService: { name: "portal", scopes: ["servers!group=course", "read:users"] },
    }).values;
    expect(v.hub.loadRoles["portal-service"].scopes).toEqual(["servers!group=course", "read:users"]);
  });

  test("fails when the name is not a DNS label", () => {
    expect(() => hubStack({ gatewayService: { name: "My Gateway" } })).toThrow(/gatewayService\.name: not a usable/);
  });
});

describe("registry credentials (imagePullSecret)", () => {
  test("the chart makes the pull secret; the password only through set_sensitive", () => {
    process.env.TF_VAR_registry_token = "CANARY-r3g1stry";
    const { values, release, doc } = synthIn((stack) => ({
      imagePullSecret: {
        registry: "ghcr.io",
        username: "hub-bot",
        password: Secret.fromEnvironment(stack, "registry_token"),
      },
    }));
    expect(values.imagePullSecret).toEqual({ create: true, registry: "ghcr.io", username: "hub-bot" });
    expect(release.set_sensitive.map((s: any) => s.name)).toContain("imagePullSecret.password");
    expect(allText(doc)).not.toContain("CANARY-r3g1stry");
  });

  test("fails when the password is a plain string", () => {
    expect(() =>
      hubStack({ imagePullSecret: { registry: "ghcr.io", username: "bot", password: "hunter2" as any } }),
    ).toThrow(/imagePullSecret\.password: must be a Secret/);
  });
});
