import { App, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { summarizeStack } from "../../examples/summary";
import {
  Authenticator,
  ClusterKeyPair,
  HubShape,
  JetstreamResource,
  JetstreamTesting,
  JupyterHubOnJetstream,
  JupyterHubOnJetstreamProps,
  NodeRole,
  OpenstackProvider,
  Secret,
  Size,
} from "../../lib";
import { warnings } from "../kubernetes-on-jetstream/support";
import { bodies, StackJson, synthApp } from "../support/synth";
import { valuesOf } from "../support/z2jh";

const CANARY = "CANARY-oauth-client-secret-41d2e8";
const ADMIN_NET = "198.51.100.0/24";

interface Built {
  readonly hub: JupyterHubOnJetstream;
  readonly infra: StackJson;
  readonly k8s: StackJson;
  readonly files: string[];
}

/** The app a gateway team writes: a stack for the hub, a stack for its Kubernetes parts, and the pattern. */
function app(props: Partial<JupyterHubOnJetstreamProps> = {}, withHubStack = true) {
  const a: App = Testing.app();
  const infra = new TerraformStack(a, "infra");
  new OpenstackProvider(infra, "openstack", {});
  const hubStack = withHubStack ? new TerraformStack(a, "infra-k8s") : undefined;
  const build = (late: Partial<JupyterHubOnJetstreamProps> = {}) =>
    new JupyterHubOnJetstream(infra, "Hub", {
      hubStack,
      name: "gwhub",
      allocation: "cis230085",
      adminCidrs: [ADMIN_NET],
      authenticator: Authenticator.gitHub({
        clientId: "Iv1.0123456789abcdef",
        clientSecret: Secret.fromEnvironment(infra, "github_client_secret"),
        adminUsers: ["alice"],
        allowedOrganizations: ["my-gateway"],
      }),
      letsEncryptEmail: "hub-admins@example.org",
      expectedUsers: 10,
      memoryPerUser: Size.gibibytes(8),
      ...props,
      ...late,
    });
  return { app: a, infra, build };
}

function build(props: Partial<JupyterHubOnJetstreamProps>): Built {
  const { app: a, build: make } = app(props);
  process.env.TF_VAR_github_client_secret = CANARY;
  try {
    const hub = make();
    const texts = JetstreamTesting.synthApp(a);
    const files = [texts.infra, texts["infra-k8s"]];
    return { hub, infra: JSON.parse(texts.infra), k8s: JSON.parse(texts["infra-k8s"]), files };
  } finally {
    delete process.env.TF_VAR_github_client_secret;
  }
}

describe("JupyterHubOnJetstream on one VM", () => {
  const { hub, infra, k8s, files } = build({ expectedUsers: 10, memoryPerUser: Size.gibibytes(8) });

  test("builds a SingleServerHub on the flavor the plan chose", () => {
    expect(hub.shape).toBe(HubShape.SINGLE_SERVER);
    expect(hub.singleServerHub!.flavor).toBe(hub.plan.singleServer!.flavor);
    expect(bodies(infra, "openstack_compute_instance_v2").map((i) => i.flavor_name)).toEqual(["m3.xl"]);
    expect(hub.url).toBe("https://gwhub-hub.cis230085.projects.jetstream-cloud.org/");
    expect(hub.kubernetesCluster).toBeUndefined();
  });

  test("the synthesized VMs cost what the plan says", () => {
    expect(summarizeStack("infra", infra).suPerHour).toBe(hub.plan.suPerHour);
  });

  test("leaves the hub stack empty: no providers, no resources", () => {
    expect(k8s.provider).toBeUndefined();
    expect(k8s.resource).toBeUndefined();
  });

  test("writes the client secret into no file", () => {
    for (const text of files) expect(text).not.toContain(CANARY);
  });
});

describe("JupyterHubOnJetstream on Kubernetes", () => {
  const { hub, infra, k8s, files } = build({
    expectedUsers: 60,
    memoryPerUser: Size.gibibytes(8),
    gpuUsers: 2,
    gpuShare: 0.5,
    allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
  });
  const workers = hub.plan.nodes.find((n) => n.role === NodeRole.WORKERS)!;

  test("builds the planned Magnum cluster, node groups and home server", () => {
    expect(hub.shape).toBe(HubShape.KUBERNETES);
    const [cluster] = bodies(infra, "openstack_containerinfra_cluster_v1");
    expect(cluster).toMatchObject({
      master_flavor: "m3.small",
      flavor: workers.flavor.name,
      node_count: workers.count,
    });
    // 58 CPU users: two m3.2xl (28 each) and an m3.medium for the last two; a g3.large per GPU user
    expect(bodies(infra, "openstack_containerinfra_nodegroup_v1")).toEqual([
      expect.objectContaining({ name: "extra-workers", flavor_id: "m3.medium", node_count: 1 }),
      expect.objectContaining({ name: "gpu", flavor_id: "g3.large", node_count: 2 }),
    ]);
    expect(bodies(infra, "openstack_compute_instance_v2").map((i) => i.flavor_name)).toEqual(["m3.small"]); // NFS
  });

  test("the synthesized VMs cost what the plan says", () => {
    expect(summarizeStack("infra", infra).suPerHour).toBe(hub.plan.suPerHour);
  });

  test("puts the providers and the release in the hub stack, wired to the cluster through remote state", () => {
    expect(Object.keys(k8s.data.terraform_remote_state)).toEqual(["cross-stack-reference-input-infra"]);
    expect(k8s.provider.helm[0].kubernetes.host).toMatch(/^\$\{data\.terraform_remote_state\./);
    expect(bodies(k8s, "helm_release")).toHaveLength(1);
    expect(infra.resource.helm_release).toBeUndefined();
  });

  test("gives every user the planned memory as guarantee and limit, and GPU users a GPU profile", () => {
    const values = valuesOf(bodies(k8s, "helm_release")[0]);
    expect(values.singleuser.memory).toEqual({ guarantee: "8G", limit: "8G" });
    expect(values.singleuser.cpu.guarantee).toBe(0.5);
    const gpu = values.singleuser.profileList.find((p: any) => p.slug === "gpu");
    expect(gpu.kubespawner_override.extra_resource_limits).toEqual({ "nvidia.com/gpu": "1" });
    expect(hub.url).toBe("https://gwhub.cis230085.projects.jetstream-cloud.org/");
  });

  test("declares the client secret in the hub stack, so it never passes between the stacks", () => {
    expect(k8s.variable.github_client_secret).toMatchObject({ sensitive: true });
    expect(JSON.stringify(bodies(k8s, "helm_release")[0].set_sensitive)).toContain("${var.github_client_secret}");
    expect(JSON.stringify(infra.output)).not.toContain("var.github_client_secret");
    for (const text of files) expect(text).not.toContain(CANARY);
  });
});

describe("JupyterHubOnJetstream", () => {
  test("opens SSH to adminCidrs only with a key pair, since without one nobody could log in", () => {
    const sshFrom = (doc: StackJson) =>
      bodies(doc, "openstack_networking_secgroup_rule_v2")
        .filter((r) => r.port_range_min === 22)
        .map((r) => r.remote_ip_prefix);
    expect(sshFrom(build({}).infra)).toEqual([]);
    expect(sshFrom(build({ keyPair: ClusterKeyPair.fromName("admin-key") }).infra)).toEqual([ADMIN_NET]);
  });

  // Each shape with the secret declared in the other stack: [shape, users, declared in, used in].
  const SECRET_ELSEWHERE: [string, number, string, string][] = [
    ["Kubernetes", 60, "infra", "infra-k8s"],
    ["one VM", 10, "infra-k8s", "infra"],
  ];

  test.each(SECRET_ELSEWHERE)(
    "fails when a secret from a variable would cross stacks (%s: declared in the other stack)",
    (_, expectedUsers, declaredIn, usedIn) => {
      const { app: a, build: make } = app({ expectedUsers });
      const stack = a.node.findChild(declaredIn) as TerraformStack;
      const variable = new TerraformVariable(stack, "client_secret", { type: "string", sensitive: true });
      const secret = Secret.fromVariable(variable);
      const authenticator = Authenticator.gitHub({
        clientId: "Iv1.0123456789abcdef",
        clientSecret: secret,
        adminUsers: ["alice"],
        allowedOrganizations: ["my-gateway"],
      });
      expect(() => make({ authenticator })).toThrow(
        new RegExp(
          `authenticator.clientSecret: declared in stack ${declaredIn}, but used in stack ${usedIn}.*` +
            `Fix: use Secret.fromEnvironment.*or declare the sensitive variable in stack ${usedIn}`,
        ),
      );
    },
  );

  test.each(SECRET_ELSEWHERE)(
    "declares a secret from the environment in the stack that uses it (%s, declared in the other stack)",
    (_, expectedUsers, declaredIn, usedIn) => {
      const { app: a, build: make } = app({ expectedUsers });
      const authenticator = Authenticator.gitHub({
        clientId: "Iv1.0123456789abcdef",
        clientSecret: Secret.fromEnvironment(a.node.findChild(declaredIn), "github_client_secret"),
        adminUsers: ["alice"],
        allowedOrganizations: ["my-gateway"],
      });
      make({ authenticator });
      const docs = synthApp(a);
      expect(Object.keys(docs[usedIn].variable ?? {})).toEqual(["github_client_secret"]);
      // Nothing crosses: no output of the secret, and the stack that uses it reads its own variable.
      for (const doc of Object.values(docs)) {
        expect(Object.keys(doc.output ?? {}).filter((o) => o.includes("client_secret"))).toEqual([]);
      }
      expect(JSON.stringify(docs[usedIn])).toContain("var.github_client_secret");
      expect(JSON.stringify(docs[usedIn])).not.toContain("cross-stack-output-vargithub_client_secret");
    },
  );

  test("passes the plan's warnings on", () => {
    const { build: make } = app({ expectedUsers: 100 });
    // and, on the allocation's shared network, that the NFS homes are open to its whole subnet (docs/isolation.md)
    expect(warnings(make())).toEqual([
      expect.stringMatching(/default quota of 150/),
      expect.stringMatching(/any VM on that network can mount every home/),
    ]);
  });

  test.each<[string, Partial<JupyterHubOnJetstreamProps>, boolean, RegExp]>([
    [
      "the plan is Kubernetes and there is no hub stack",
      { expectedUsers: 60 },
      false,
      /hubStack: the plan is Kubernetes \(60 users × 8 GiB\).*Fix: add `hubStack/,
    ],
    [
      "the name is not a short DNS label",
      { name: "Gateway Hub" },
      true,
      /name: not a short DNS label.*got "Gateway Hub"/,
    ],
    [
      "the home volume is not whole GiB",
      { homeVolumeSize: Size.mebibytes(1536) },
      true,
      /homeVolumeSize: must be a whole number of GiB.*got "1.50 GiB"/,
    ],
    [
      "the allocation is not an allocation id",
      { allocation: "CIS230085" },
      true,
      /allocation: not an ACCESS allocation id/,
    ],
    [
      "the Let's Encrypt contact is not an address",
      { letsEncryptEmail: "admins" },
      true,
      /letsEncryptEmail: not an e-mail address/,
    ],
    [
      "the planner rejects the input, naming the construct",
      { expectedUsers: 0 },
      true,
      /^\[infra\/Hub\] expectedUsers: must be a whole number/,
    ],
  ])("fails when %s", (_, props, withHubStack, message) => {
    expect(() => app(props, withHubStack).build()).toThrow(message);
  });

  test("fails when the hub stack is its own stack", () => {
    const a = Testing.app();
    const stack = new TerraformStack(a, "one");
    expect(
      () =>
        new JupyterHubOnJetstream(stack, "Hub", {
          hubStack: stack,
          allocation: "cis230085",
          adminCidrs: [ADMIN_NET],
          authenticator: Authenticator.gitHub({
            clientId: "Iv1.0123456789abcdef",
            clientSecret: Secret.fromEnvironment(stack, "github_client_secret"),
            adminUsers: ["alice"],
            allowedOrganizations: ["my-gateway"],
          }),
          letsEncryptEmail: "hub-admins@example.org",
          expectedUsers: 60,
          memoryPerUser: Size.gibibytes(8),
        }),
    ).toThrow(/hubStack: .*got "this construct's own stack".*a TerraformStack other than the one this construct is in/);
  });
});
