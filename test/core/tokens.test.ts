import { TerraformVariable, Testing } from "cdktf";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_PUBLIC_KEY } from "../../examples/settings";
import {
  Authenticator,
  ClusterKeyPair,
  JetstreamCluster,
  JetstreamErrors,
  JetstreamFlavor,
  KubernetesEngine,
  KubernetesOnJetstream,
  Https,
  KubernetesProviders,
  Protocol,
  Secret,
  SingleServerHub,
  Size,
  ZeroToJupyterHub,
} from "../../lib";
import { gitHubLogin, testCluster } from "../support/hub-fixtures";
import { newStack, resources, synth } from "../support/synth";

// Where synth needs the value (a count decides how many VMs and addresses exist; a name forms addresses), a token
// is refused naming the prop; where a typed Terraform argument takes it as it is, it flows through.

function refusal(build: () => void): Error & { prop: string } {
  try {
    build();
  } catch (e) {
    if (JetstreamErrors.isValidationError(e)) return e as any;
    throw e;
  }
  throw new Error("expected a validation error");
}

describe("tokens where a literal is needed", () => {
  test("fails when a node group's count comes from a variable (it would synthesize zero VMs)", () => {
    const stack = newStack();
    const count = new TerraformVariable(stack, "count", { type: "number" }).numberValue;
    const e = refusal(
      () =>
        new JetstreamCluster(stack, "Lab", { nodeGroups: [{ name: "web", flavor: JetstreamFlavor.M3_SMALL, count }] }),
    );
    expect(e.prop).toBe("nodeGroups[web].count");
    expect(e.message).toContain("must be known at synth time");
    expect(e.message).toContain("got a token (a value known only at deploy time)");
    expect(e.message).not.toMatch(/\d{10}|e\+\d/);
  });

  test("fails when a self-managed workerCount comes from a variable, naming workerCount", () => {
    const stack = newStack();
    const workerCount = new TerraformVariable(stack, "workers", { type: "number" }).numberValue;
    const e = refusal(
      () =>
        new KubernetesOnJetstream(stack, "K8s", {
          apiAllowedCidrs: ["198.51.100.0/24"],
          engine: KubernetesEngine.selfManaged(),
          workerCount,
        }),
    );
    expect(e.prop).toBe("workerCount");
  });

  test("fails when the API ranges are one list variable, naming apiAllowedCidrs", () => {
    const stack = newStack();
    const cidrs = new TerraformVariable(stack, "cidrs", { type: "list(string)" }).listValue;
    const e = refusal(() => new KubernetesOnJetstream(stack, "K8s", { apiAllowedCidrs: cidrs }));
    expect(e.prop).toBe("apiAllowedCidrs");
    expect(e.message).toContain("a token for each block is fine");
  });

  test("fails when a name that forms addresses is a token, with no fix built from the token", () => {
    const stack = newStack();
    const name = new TerraformVariable(stack, "name", { type: "string" }).stringValue;
    const e = refusal(() => new JetstreamCluster(stack, "Lab", { name }));
    expect(e.prop).toBe("name");
    expect(e.message).not.toContain("TfToken");
    const group = refusal(
      () => new JetstreamCluster(newStack(), "Lab", { nodeGroups: [{ name, flavor: JetstreamFlavor.M3_SMALL }] }),
    );
    expect(group.prop).toBe("nodeGroups.name");
    expect(group.message).not.toContain("TfToken");
  });
});

describe("tokens where Terraform takes them", () => {
  test("a port, a volume size and one CIDR block from variables flow through to the plan", () => {
    const stack = newStack();
    const port = new TerraformVariable(stack, "port", { type: "number" }).numberValue;
    const size = new TerraformVariable(stack, "size", { type: "number" }).numberValue;
    const block = new TerraformVariable(stack, "block", { type: "string" }).stringValue;
    new JetstreamCluster(stack, "Lab", {
      name: "lab",
      nodeGroups: [
        {
          name: "web",
          flavor: JetstreamFlavor.M3_SMALL,
          volumes: [{ name: "data", sizeGiB: size }],
          ingressRules: [{ description: "app", protocol: Protocol.TCP, fromPort: port, cidrs: [block] }],
        },
      ],
    });
    const doc = synth(stack);
    const rule = resources(doc, "openstack_networking_secgroup_rule_v2").find(([, r]) => r.description === "app")![1];
    expect(rule.port_range_min).toBe("${var.port}");
    expect(rule.remote_ip_prefix).toBe("${var.block}");
    // Neutron refuses a rule whose ethertype does not match the prefix's family: Terraform decides it at deploy
    // time from the CIDR itself, rather than the library guessing IPv4.
    expect(rule.ethertype).toBe('${strcontains(var.block, ":") ? "IPv6" : "IPv4"}');
    expect(resources(doc, "openstack_blockstorage_volume_v3")[0][1].size).toBe("${var.size}");
    Testing.synth(stack, true);
  });
});

describe("a cluster name from a token", () => {
  test("is never spelled in a message, and cannot be compared at synth", () => {
    const stack = newStack();
    const name = new TerraformVariable(stack, "cluster_name", { type: "string" }).stringValue;
    const cluster = testCluster(stack, { clusterName: name });
    const otherName = new TerraformVariable(stack, "other_cluster_name", { type: "string" }).stringValue;
    const other = testCluster(stack, { clusterName: otherName }, "Other");
    const hub = (id: string, providers?: ReturnType<typeof KubernetesProviders.configure>) =>
      new ZeroToJupyterHub(stack, id, {
        cluster,
        providers,
        namespace: "jupyterhub",
        authenticator: gitHubLogin(stack),
        https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
      });
    // Providers made for another cluster object whose name is also a token: nothing to compare, nothing refused.
    hub("One", KubernetesProviders.configure(stack, other));
    const e = refusal(() => hub("Two"));
    expect(e.prop).toBe("namespace");
    expect(e.message).toContain("already the namespace of the hub at");
    expect(e.message).not.toMatch(/TfToken|tftoken/i);
  });
});

describe("an allocation from a token", () => {
  const hubOn = (allocation: string | ((stack: any) => string)) => {
    const stack = newStack();
    const cluster = new JetstreamCluster(stack, "Cluster", {
      name: "gwcourse2025fall",
      allocation: typeof allocation === "string" ? allocation : allocation(stack),
      adminCidrs: [EXAMPLE_ADMIN_CIDR],
      keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
    });
    new SingleServerHub(stack, "Hub", {
      cluster,
      authenticator: gitHubLogin(stack),
      letsEncryptEmail: "hub-admins@example.org",
      expectedUsers: 10,
      memoryPerUser: Size.gibibytes(8),
    });
    return synth(stack);
  };

  test("is not measured by its placeholder text when the hub's host name length is checked", () => {
    expect(() => hubOn("cis230085")).not.toThrow();
    const doc = hubOn((stack) => new TerraformVariable(stack, "allocation", { type: "string" }).stringValue);
    expect(JSON.stringify(doc)).toContain("${var.allocation}");
  });
});

describe("a token as a map key", () => {
  test("is refused naming the map and the key's place, never the token", () => {
    const stack = newStack();
    const key = new TerraformVariable(stack, "key", { type: "string" }).stringValue;
    const e = refusal(
      () =>
        new ZeroToJupyterHub(stack, "Hub", {
          cluster: testCluster(stack),
          authenticator: gitHubLogin(stack),
          https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
          environment: { GATEWAY: "https://gateway.example.org", [key]: "x" },
        }),
    );
    expect(e.prop).toBe("environment (key 2)");
    expect(e.message).toContain("got a token");
    expect(e.message).not.toMatch(/TfToken|tftoken/i);
    const generic = refusal(() =>
      Authenticator.genericOAuth({
        clientId: "hub",
        clientSecret: Secret.fromEnvironment(stack, "oidc_secret"),
        adminUsers: ["alice"],
        authorizeUrl: "https://auth.example.org/authorize",
        tokenUrl: "https://auth.example.org/token",
        userdataUrl: "https://auth.example.org/userinfo",
        allowedGroups: ["hub-users"],
        userdataParams: { [key]: "x" },
      }),
    );
    expect(generic.prop).toBe("authenticator.userdataParams (key 1)");
    expect(generic.message).not.toMatch(/TfToken|tftoken/i);
  });
});
