import { TerraformVariable } from "cdktf";
import {
  Authenticator,
  CILogonUsernameAction,
  ClusterKeyPair,
  ClusterNetwork,
  IngressRule,
  Jetstream2StateBackend,
  JetstreamChecks,
  JetstreamCluster,
  JetstreamClusterProps,
  JetstreamFlavor,
  JetstreamImage,
  JetstreamResource,
  KubernetesCluster,
  NodeGroupOptions,
  NodeVolumeOptions,
  Protocol,
  Secret,
} from "../lib";
import { EXAMPLE_PUBLIC_KEY } from "../examples/settings";
import { HUB_CASES } from "./support/hub-bad-inputs";
import { expectClearRejection } from "./support/bad-input";
import { newStack } from "./support/synth";

// Malformed or dangerous inputs (the security notes' §7 and more), each refused at construction with a message
// that names the prop, the value received, what is allowed and how to fix it.

const stack = () => newStack();
const cluster = (props: JetstreamClusterProps) => () => new JetstreamCluster(stack(), "Lab", { name: "lab", ...props });
const group = (options: Partial<NodeGroupOptions>) =>
  cluster({ nodeGroups: [{ name: "web", flavor: JetstreamFlavor.M3_SMALL, ...options } as NodeGroupOptions] });
const volume = (...volumes: NodeVolumeOptions[]) => group({ volumes });
const ingress = (rule: Partial<IngressRule>) =>
  group({ ingressRules: [{ description: "extra", cidrs: ["192.0.2.0/24"], ...rule } as IngressRule] });
const secret = () => Secret.fromEnvironment(stack(), "client_secret");
const github = (props: any) => () =>
  Authenticator.gitHub({
    clientId: "abc",
    clientSecret: secret(),
    adminUsers: ["alice"],
    allowedOrganizations: ["gw"],
    ...props,
  });
const ciLogon = (idps: any) => () =>
  Authenticator.ciLogon({ clientId: "abc", clientSecret: secret(), adminUsers: ["alice"], idps });
const entity = (entityId: string, extra: any = {}) => ({ entityId, allowAll: true, ...extra });
const attributes = { clusterName: "k8s", apiEndpoint: "https://203.0.113.10:6443", clusterCaCertificate: "PEM" };

// [what, the prop the message must name, the value it must show, the input]
const CASES: [string, string, unknown, () => unknown][] = [
  // Cluster naming and allocation
  ["a name with an underscore", "name", "My_Hub", cluster({ name: "My_Hub" })],
  ["a 41-character name", "name", "a".repeat(41), cluster({ name: "a".repeat(41) })],
  ["an upper-case allocation", "allocation", "CIS230085", cluster({ allocation: "CIS230085" })],
  ["an allocation with a dash", "allocation", "cis-230085", cluster({ allocation: "cis-230085" })],
  // Admin networks (§7 1-3, 5, 10)
  ["SSH from 0.0.0.0/0", "adminCidrs", "0.0.0.0/0", cluster({ adminCidrs: ["0.0.0.0/0"] })],
  ["SSH from ::/0", "adminCidrs", "::/0", cluster({ adminCidrs: ["::/0"] })],
  ["prefix /33", "adminCidrs", "10.0.0.0/33", cluster({ adminCidrs: ["10.0.0.0/33"] })],
  ["host bits set", "adminCidrs", "10.0.0.1/24", cluster({ adminCidrs: ["10.0.0.1/24"] })],
  ["an octet above 255", "adminCidrs", "300.1.1.0/24", cluster({ adminCidrs: ["300.1.1.0/24"] })],
  ["three octets", "adminCidrs", "10.0.0/24", cluster({ adminCidrs: ["10.0.0/24"] })],
  ["an empty CIDR", "adminCidrs", "", cluster({ adminCidrs: [""] })],
  ["the word any", "adminCidrs", "any", cluster({ adminCidrs: ["any"] })],
  ["an address without a prefix (refused, not widened)", "adminCidrs", "1.2.3.4", cluster({ adminCidrs: ["1.2.3.4"] })],
  ["a CIDR that is not in a list", "adminCidrs", "203.0.113.7/32", cluster({ adminCidrs: "203.0.113.7/32" as any })],
  // A network the cluster creates
  ["a /33 subnet", "network.cidr", "10.0.0.0/33", cluster({ network: ClusterNetwork.create({ cidr: "10.0.0.0/33" }) })],
  [
    "a subnet with host bits",
    "network.cidr",
    "10.42.0.1/24",
    cluster({ network: ClusterNetwork.create({ cidr: "10.42.0.1/24" }) }),
  ],
  [
    "a /30 subnet (too small for nodes)",
    "network.cidr",
    "10.0.0.0/30",
    cluster({ network: ClusterNetwork.create({ cidr: "10.0.0.0/30" }) }),
  ],
  [
    "an IPv6 subnet",
    "network.cidr",
    "2001:db8::/64",
    cluster({ network: ClusterNetwork.create({ cidr: "2001:db8::/64" }) }),
  ],
  // Node groups
  ["a group name with capitals", "nodeGroups.name", "Web_1", group({ name: "Web_1" })],
  [
    "two groups with one name",
    "nodeGroups.name",
    "web",
    cluster({
      nodeGroups: [
        { name: "web", flavor: JetstreamFlavor.M3_SMALL },
        { name: "web", flavor: JetstreamFlavor.M3_QUAD },
      ],
    }),
  ],
  ["a flavor given as a string", "nodeGroups[web].flavor", "m3.small", group({ flavor: "m3.small" as any })],
  [
    "a GPU flavor on a CPU allocation",
    "nodeGroups[web].flavor",
    "g3.medium",
    group({ flavor: JetstreamFlavor.G3_MEDIUM }),
  ],
  ["a retired flavor", "nodeGroups[web].flavor", "g3.small", group({ flavor: JetstreamFlavor.G3_SMALL })],
  ["an unknown flavor name", "flavor", "m3.huge", () => JetstreamFlavor.of("m3.huge")],
  ["a flavor from another cloud", "flavor", "m1.small", () => JetstreamFlavor.of("m1.small")],
  ["zero VMs (§7 15)", "nodeGroups[web].count", 0, group({ count: 0 })],
  ["a negative count", "nodeGroups[web].count", -1, group({ count: -1 })],
  ["a fractional count", "nodeGroups[web].count", 2.5, group({ count: 2.5 })],
  ["a count that is not a number", "nodeGroups[web].count", NaN, group({ count: NaN })],
  ["over 100 VMs", "nodeGroups[web].count", 101, group({ count: 101 })],
  [
    "an image given as a string",
    "nodeGroups[web].image",
    "Featured-Ubuntu24",
    group({ image: "Featured-Ubuntu24" as any }),
  ],
  ["an empty image name", "image", "", () => JetstreamImage.fromName("")],
  ["an image id that is not a UUID", "image", "Featured-Ubuntu24", () => JetstreamImage.fromId("Featured-Ubuntu24")],
  // Volumes (§7 19)
  [
    "a volume name with punctuation",
    "nodeGroups[web].volumes[0].name",
    "home!",
    volume({ name: "home!", sizeGiB: 10 }),
  ],
  [
    "two volumes with one name",
    "nodeGroups[web].volumes[1].name",
    "home",
    volume({ name: "home", sizeGiB: 10 }, { name: "home", sizeGiB: 20 }),
  ],
  ["a 0 GiB volume", "nodeGroups[web].volumes[0].sizeGiB", 0, volume({ name: "home", sizeGiB: 0 })],
  ["a negative volume", "nodeGroups[web].volumes[0].sizeGiB", -10, volume({ name: "home", sizeGiB: -10 })],
  ["a fractional volume", "nodeGroups[web].volumes[0].sizeGiB", 2.5, volume({ name: "home", sizeGiB: 2.5 })],
  // Extra firewall rules (§7 8, 9)
  ["port 0", "nodeGroups[web].ingressRules[0].fromPort", 0, ingress({ fromPort: 0 })],
  ["port 70000", "nodeGroups[web].ingressRules[0].fromPort", 70000, ingress({ fromPort: 70000 })],
  ["a reversed range", "nodeGroups[web].ingressRules[0].toPort", 8000, ingress({ fromPort: 9000, toPort: 8000 })],
  ["a TCP rule without a port", "nodeGroups[web].ingressRules[0].fromPort", undefined, ingress({})],
  ["a rule without a source", "nodeGroups[web].ingressRules[0]", "extra", ingress({ fromPort: 8080, cidrs: [] })],
  [
    "Jupyter open to the world (§7 9)",
    "nodeGroups[web].ingressRules[0].cidrs",
    "0.0.0.0/0",
    ingress({ fromPort: 8888, cidrs: ["0.0.0.0/0"] }),
  ],
  [
    "ICMP from ::/0",
    "nodeGroups[web].ingressRules[0].cidrs",
    "::/0",
    ingress({ protocol: Protocol.ICMP, cidrs: ["::/0"] }),
  ],
  // SSH keys
  [
    "a private key instead of a public one",
    "keyPair",
    "(a private key, not shown)",
    cluster({
      keyPair: ClusterKeyPair.fromPublicKey(
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----",
      ),
    }),
  ],
  [
    "a key that is not OpenSSH",
    "keyPair",
    "ssh-dss AAAAB3",
    cluster({ keyPair: ClusterKeyPair.fromPublicKey("ssh-dss AAAAB3") }),
  ],
  ["an existing key pair without a name", "keyPair", "", cluster({ keyPair: ClusterKeyPair.fromName("") })],
  // Logins (§7 26-33)
  ["no admin", "authenticator.adminUsers", [], github({ adminUsers: [] })],
  ["a name with a space", "authenticator.adminUsers[0]", "has space", github({ adminUsers: ["has space"] })],
  ["the same admin twice", "authenticator.adminUsers", ["alice", "alice"], github({ adminUsers: ["alice", "alice"] })],
  // JupyterHub lower-cases names, so these collide
  [
    "one admin in two cases",
    "authenticator.adminUsers",
    ["Alice", "alice"],
    github({ adminUsers: ["Alice", "alice"] }),
  ],
  ["no allow rule (nobody could log in)", "authenticator", "no allow rule", github({ allowedOrganizations: [] })],
  [
    "a client secret as a plain string (§7 34)",
    "authenticator.clientSecret",
    "string",
    github({ clientSecret: "CANARY-1234" }),
  ],
  ["an empty client id", "authenticator.clientId", "", github({ clientId: "" })],
  [
    "an organization with a space",
    "authenticator.allowedOrganizations[0]",
    "my org",
    github({ allowedOrganizations: ["my org"] }),
  ],
  [
    "a hosted domain with an @",
    "authenticator.hostedDomains[0]",
    "@example.edu",
    () =>
      Authenticator.google({
        clientId: "abc",
        clientSecret: secret(),
        adminUsers: ["alice"],
        hostedDomains: ["@example.edu"],
      }),
  ],
  ["CILogon without IdPs", "authenticator.idps", [], ciLogon([])],
  ["an IdP named by its domain", "authenticator.idps[0].entityId", "ucsd.edu", ciLogon([entity("ucsd.edu")])],
  [
    "the same IdP twice",
    "authenticator.idps[1].entityId",
    "urn:mace:incommon:ucsd.edu",
    ciLogon([entity("urn:mace:incommon:ucsd.edu"), entity("urn:mace:incommon:ucsd.edu")]),
  ],
  [
    "two IdPs whose usernames can collide",
    "authenticator.idps[0].action",
    "strip_idp_domain",
    ciLogon([
      entity("https://access-ci.org/idp", { action: CILogonUsernameAction.STRIP_IDP_DOMAIN, domain: "access-ci.org" }),
      entity("urn:mace:incommon:ucsd.edu", { action: CILogonUsernameAction.STRIP_IDP_DOMAIN, domain: "ucsd.edu" }),
    ]),
  ],
  [
    "a prefix action without a prefix",
    "authenticator.idps[0].prefix",
    undefined,
    ciLogon([entity("https://access-ci.org/idp", { action: CILogonUsernameAction.PREFIX })]),
  ],
  [
    "an OAuth endpoint over plain http",
    "authenticator.authorizeUrl",
    "http://auth.gateway.org/authorize",
    () =>
      Authenticator.genericOAuth({
        clientId: "abc",
        clientSecret: secret(),
        adminUsers: ["alice"],
        allowedUsers: ["bob"],
        authorizeUrl: "http://auth.gateway.org/authorize",
        tokenUrl: "https://auth.gateway.org/token",
        userdataUrl: "https://auth.gateway.org/userinfo",
      }),
  ],
  // Secrets (§7 35)
  [
    "a secret from a variable that is not sensitive",
    "secret",
    "TerraformVariable test/pw without sensitive: true",
    () => Secret.fromVariable(new TerraformVariable(stack(), "pw", { type: "string" })),
  ],
  [
    "a secret variable with a default",
    "secret",
    "TerraformVariable test/pw with a default",
    () => Secret.fromVariable(new TerraformVariable(stack(), "pw", { type: "string", sensitive: true, default: "x" })),
  ],
  ["an environment name with a dash", "name", "github-secret", () => Secret.fromEnvironment(stack(), "github-secret")],
  // Bring-your-own Kubernetes
  [
    "an empty API endpoint",
    "apiEndpoint",
    "",
    () => KubernetesCluster.fromAttributes(stack(), "K", { ...attributes, apiEndpoint: "" }),
  ],
  [
    "a client key without its certificate",
    "clientCertificate",
    undefined,
    () => KubernetesCluster.fromAttributes(stack(), "K", { ...attributes, clientKey: "k" }),
  ],
  ["no credentials at all", "token", undefined, () => KubernetesCluster.fromAttributes(stack(), "K", attributes)],
  // State backend (§7 49)
  [
    "a bucket name with capitals",
    "bucket",
    "Hub_State",
    () => Jetstream2StateBackend.configure(stack(), { bucket: "Hub_State" }),
  ],
  [
    "a state key with a leading slash",
    "key",
    "/hub.tfstate",
    () => Jetstream2StateBackend.configure(stack(), { bucket: "state", key: "/hub.tfstate" }),
  ],
  [
    "a plain-http object store",
    "endpoint",
    "http://js2.jetstream-cloud.org:8001",
    () =>
      Jetstream2StateBackend.configure(stack(), { bucket: "state", endpoint: "http://js2.jetstream-cloud.org:8001" }),
  ],
  // Acknowledgements (§7 50)
  [
    "an acknowledgement reason of 'ok'",
    "acknowledgements[0].reason",
    "ok",
    () => JetstreamChecks.acknowledge(stack(), [{ id: "JSH-DATA-01", reason: "ok" }]),
  ],
  [
    "an acknowledgement of an unknown rule",
    "acknowledgements[0].id",
    "JSH-DATA-99",
    () => JetstreamChecks.acknowledge(stack(), [{ id: "JSH-DATA-99", reason: "a reason long enough" }]),
  ],
  [
    "acknowledging world-open SSH",
    "acknowledgements[0].id",
    "JSH-NET-01",
    () => JetstreamChecks.acknowledge(stack(), [{ id: "JSH-NET-01", reason: "the demo needs SSH from anywhere" }]),
  ],
  [
    "acknowledging a secret literal",
    "acknowledgements[0].id",
    "JSH-SEC-04",
    () => JetstreamChecks.acknowledge(stack(), [{ id: "JSH-SEC-04", reason: "it is only a test secret" }]),
  ],
];

describe("bad inputs", () => {
  test("the suite covers at least 50 inputs (here and in bad-inputs-hubs.test.ts)", () => {
    expect(CASES.length + HUB_CASES.length).toBeGreaterThanOrEqual(50);
  });

  test.each(CASES)("fails on %s, naming the prop, the value, what is allowed and the fix", (_, prop, value, input) => {
    expectClearRejection(input, prop, value);
  });

  test("valid inputs of the same shapes are accepted", () => {
    expect(() => cluster({ adminCidrs: ["203.0.113.7/32", "2001:db8::/48"], allocation: "cis230085" })()).not.toThrow();
    expect(() =>
      group({ count: 3, volumes: [{ name: "home", sizeGiB: 100 }], image: JetstreamImage.FEATURED_UBUNTU22 })(),
    ).not.toThrow();
    expect(() => ingress({ fromPort: 8443, toPort: 8444 })()).not.toThrow();
    expect(() => github({})()).not.toThrow();
    expect(() =>
      cluster({
        allocationResources: [JetstreamResource.GPU],
        nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM }],
      })(),
    ).not.toThrow();
    expect(() => JetstreamFlavor.of("m3.quad")).not.toThrow();
    expect(() => ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY)).not.toThrow();
  });
});
