import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Aspects, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { isSecretKey } from "../../lib/core/formats/secrets";
import {
  Authenticator,
  CILogonUsernameAction,
  ClusterHomeStorage,
  ClusterKeyPair,
  ClusterNetwork,
  DataLedger,
  HomeBackups,
  HomeStorage,
  Https,
  HubEndpoint,
  Jetstream2StateBackend,
  JetstreamChecks,
  JetstreamCluster,
  JetstreamErrors,
  JetstreamFlavor,
  JetstreamImage,
  JetstreamTesting,
  JupyterHubOnJetstream,
  KubernetesEngine,
  KubernetesOnJetstream,
  KubernetesProviders,
  CapacityPlanner,
  Node,
  NfsHomeServer,
  Protocol,
  Secret,
  SingleServerHub,
  SingleServerSizing,
  Size,
  ZeroToJupyterHub,
  ZeroToJupyterHubProps,
} from "../../lib";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_PUBLIC_KEY } from "../../examples/settings";
import { ciLogonLogin, gitHubLogin, testCluster } from "./hub-fixtures";
import { scratchStack } from "./synth";

// Token probes: for one struct prop, build the smallest valid construct that carries the struct, with that prop
// set to a TerraformVariable token, and report what happened. The homes below say, per jsii struct, where the
// struct is used; a struct used by several constructs has a home for each, and the documented verdict must hold
// in every one.

/** Props of a struct under test: the probed prop's token over the home's literal defaults. */
export type Props = Record<string, any>;
/** Builds, in `stack`, a construct that uses the struct with `p` over valid defaults. */
export type Home = (stack: TerraformStack, p: Props) => void;
/** A home that does not apply to some props (the construct refuses them for a reason other than tokens). */
export interface PartialHome {
  readonly home: Home;
  /** Props this home cannot carry, with why. */
  readonly except: Record<string, string>;
}
/** The homes of `struct` that carry `prop`. */
export function homesFor(struct: string, prop: string): Home[] {
  return (HOMES[struct] ?? []).flatMap((h) => (typeof h === "function" ? [h] : prop in h.except ? [] : [h.home]));
}

/** How a token of each jsii type is spelled. The variable is `var.probe` in the synthesized JSON. */
export type TokenShape = "string" | "number" | "list" | "numberList" | "entry" | "map" | "mapValue";

/** The name of the probe variable, as it appears in references (`var.probe`). */
export const PROBE_VARIABLE = "probe";

/**
 * The token value of `shape`, from a variable declared in `stack`. A prop named like a secret (`token`,
 * `clientKey`) gets a sensitive variable, as its docs ask: the pack reports a secret read from a plain one.
 */
export function probeToken(stack: TerraformStack, shape: TokenShape, prop = ""): any {
  const type =
    { list: "list(string)", numberList: "list(number)", number: "number", map: "map(string)" }[shape as string] ??
    "string";
  const variable = new TerraformVariable(stack, PROBE_VARIABLE, { type, sensitive: isSecretKey(prop) });
  switch (shape) {
    case "string":
      return Token.asString(variable.value);
    case "number":
      return Token.asNumber(variable.value);
    case "list":
      return Token.asList(variable.value);
    case "numberList":
      return Token.asNumberList(variable.value);
    case "entry":
      return [Token.asString(variable.value)];
    case "map":
      return Token.asStringMap(variable.value);
    case "mapValue":
      return { probe: Token.asString(variable.value) };
  }
}

/** What one probe found. */
export interface ProbeResult {
  readonly outcome: "synthesized" | "refused" | "crashed";
  /** The validation error's prop, when refused. */
  readonly prop?: string;
  /** The error's message (refused or crashed). */
  readonly message?: string;
  /** Whether the synthesized JSON references the variable (and does not carry it escaped as text). */
  readonly referenced?: boolean;
  /** Whether a token's placeholder text (`${TfToken[...]}`, in any case or encoding) reached the JSON. */
  readonly leaked?: boolean;
}

/** Synthesizes every stack of `stack`'s app (validations on), as one text. */
function synthAll(stack: TerraformStack): string {
  const app = stack.node.root as App;
  const stacks = app.node.children.filter((c) => c instanceof TerraformStack);
  return stacks.length > 1 ? Object.values(JetstreamTesting.synthApp(app)).join("\n") : Testing.synth(stack, true);
}

/** Builds the home with the token and synthesizes (validations on). */
export function probe(home: Home, prop: string, shape: TokenShape): ProbeResult {
  const stack = scratchStack();
  try {
    home(stack, { [prop]: probeToken(stack, shape, prop) });
    const json = synthAll(stack);
    const referenced = json.includes(`var.${PROBE_VARIABLE}`) && !json.includes(`$\${var.${PROBE_VARIABLE}`);
    return { outcome: "synthesized", referenced, leaked: /tftoken/i.test(json) };
  } catch (e: any) {
    if (JetstreamErrors.isValidationError(e)) return { outcome: "refused", prop: e.prop, message: e.message };
    return { outcome: "crashed", message: String(e?.stack ?? e) };
  }
}

/**
 * The policy pack's findings for the home, as `RULE[findingId]` labels: with the probe's token when `prop` is given,
 * else with the home's literal defaults. Undecided findings read `RULE[undecided:...]`.
 */
export function packFindings(home: Home, prop?: string, shape?: TokenShape): string[] {
  const stack = scratchStack();
  home(stack, prop === undefined ? {} : { [prop]: probeToken(stack, shape!, prop) });
  const pack = new JetstreamChecks({});
  for (const s of stack.node.root.node.children) if (s instanceof TerraformStack) Aspects.of(s).add(pack);
  try {
    synthAll(stack);
  } catch (e) {
    // Open error findings fail synthesis; anything else is a real failure.
    if (pack.findings.length === 0) throw e;
  }
  return pack.findings.map((f) => `${f.ruleId}[${f.findingId ?? ""}]`).sort();
}

// ----- the literal defaults each home starts from -----

const ADMIN = [EXAMPLE_ADMIN_CIDR];

const gitHub = (stack: TerraformStack, p: Props = {}) => gitHubLogin(stack, ["alice"], p);
const cluster = (stack: TerraformStack, p: Props = {}) => testCluster(stack, p);

function hub(stack: TerraformStack, p: Partial<ZeroToJupyterHubProps> = {}, attrs: Props = {}): ZeroToJupyterHub {
  const c = cluster(stack, attrs);
  const providers = p.providers ?? KubernetesProviders.configure(stack, c);
  return new ZeroToJupyterHub(stack, "Hub", {
    cluster: c,
    providers,
    authenticator: gitHub(stack),
    https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
    ...p,
  });
}

function vmCluster(stack: TerraformStack, p: Props = {}): JetstreamCluster {
  return new JetstreamCluster(stack, "Lab", {
    name: "gw",
    allocation: "cis230085",
    adminCidrs: ADMIN,
    keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
    ...p,
  });
}

function singleServer(stack: TerraformStack, p: Props = {}, clusterProps: Props = {}): SingleServerHub {
  return new SingleServerHub(stack, "Hub", {
    cluster: vmCluster(stack, { allocation: "cis230085", ...clusterProps }),
    authenticator: gitHub(stack),
    letsEncryptEmail: "hub-admins@example.org",
    expectedUsers: 10,
    memoryPerUser: Size.gibibytes(8),
    ...p,
  });
}

function k8s(stack: TerraformStack, p: Props = {}): KubernetesOnJetstream {
  if (p.engine !== undefined && stack.node.tryFindChild("tls") === undefined) {
    new TlsProvider(stack, "tls");
    new RandomProvider(stack, "random");
  }
  return new KubernetesOnJetstream(stack, "K8s", { name: "gwk8s", apiAllowedCidrs: ADMIN, ...p });
}

function backups(stack: TerraformStack, p: Props = {}): HomeBackups {
  return HomeBackups.toObjectStore({
    bucket: "cis230085-home-backups",
    accessKeyId: Secret.fromEnvironment(stack, "backup_access_key"),
    secretAccessKey: Secret.fromEnvironment(stack, "backup_secret_key"),
    repositoryPassword: Secret.fromEnvironment(stack, "backup_repository_password"),
    ...p,
  });
}

// The easy entry, on one VM (10 users) or on Kubernetes (60 users, with a hub stack).
function pattern(stack: TerraformStack, expectedUsers: number, p: Props): JupyterHubOnJetstream {
  return new JupyterHubOnJetstream(stack, "Hub", {
    name: "gw",
    allocation: "cis230085",
    adminCidrs: ADMIN,
    keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
    authenticator: gitHub(stack),
    letsEncryptEmail: "hub-admins@example.org",
    expectedUsers,
    memoryPerUser: Size.gibibytes(8),
    ...p,
  });
}

const webGroup = (p: Props = {}) => ({ name: "web", flavor: JetstreamFlavor.M3_SMALL, ...p });

/** Where each input struct of the jsii assembly is used, by struct name. */
export const HOMES: Record<string, (Home | PartialHome)[]> = {
  Acknowledgement: [
    (s, p) => {
      vmCluster(s, { nodeGroups: [webGroup()] });
      JetstreamChecks.acknowledge(s, [{ id: "JSH-STATE-01", reason: "local state while the course is piloted", ...p }]);
    },
  ],
  AuthenticatorCommonProps: [
    (s, p) => void hub(s, { authenticator: gitHub(s, p) }),
    (s, p) => void singleServer(s, { authenticator: gitHub(s, p) }),
  ],
  GitHubAuthenticatorProps: [
    (s, p) => void hub(s, { authenticator: gitHub(s, p) }),
    (s, p) => void singleServer(s, { authenticator: gitHub(s, p) }),
  ],
  GoogleAuthenticatorProps: [
    (s, p) => {
      const login = Authenticator.google({
        clientId: "1234.apps.googleusercontent.com",
        clientSecret: Secret.fromEnvironment(s, "google_client_secret"),
        adminUsers: ["alice"],
        hostedDomains: ["example.edu"],
        ...p,
      });
      hub(s, { authenticator: login });
    },
  ],
  CILogonAuthenticatorProps: [
    (s, p) => void hub(s, { authenticator: ciLogonLogin(s, p) }),
    (s, p) => void singleServer(s, { authenticator: ciLogonLogin(s, p, idpAction({})) }),
  ],
  CILogonIdentityProvider: [
    (s, p) => void hub(s, { authenticator: ciLogonLogin(s, {}, idpAction(p)) }),
    {
      home: (s, p) => void singleServer(s, { authenticator: ciLogonLogin(s, {}, idpAction(p)) }),
      except: { prefix: "TLJH refuses the prefix action: it makes usernames with ':'" },
    },
  ],
  GenericOAuthAuthenticatorProps: [
    (s, p) => void hub(s, { authenticator: genericOAuth(s, p) }),
    (s, p) => void singleServer(s, { authenticator: genericOAuth(s, p) }),
  ],
  CapacityPlannerProps: [
    (_s, p) => void CapacityPlanner.plan({ expectedUsers: 30, memoryPerUser: Size.gibibytes(4), ...p }),
  ],
  SingleServerSizingProps: [
    (_s, p) => void SingleServerSizing.plan({ expectedUsers: 10, memoryPerUser: Size.gibibytes(4), ...p }),
  ],
  ContainerImage: [
    (s, p) => void hub(s, { image: { name: "quay.io/jupyter/scipy-notebook", tag: "2024-12-02", ...p } }),
    (s, p) =>
      void hub(s, {
        profiles: [
          { displayName: "SciPy", image: { name: "quay.io/jupyter/scipy-notebook", tag: "2024-12-02", ...p } },
        ],
      }),
  ],
  CreateNetworkOptions: [
    (s, p) =>
      void vmCluster(s, { network: ClusterNetwork.create({ cidr: "10.42.0.0/24", ...p }), nodeGroups: [webGroup()] }),
  ],
  DataLedgerProps: [
    (s, p) => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ledger-")), "jetstream-ledger.json");
      DataLedger.applyTo(s.node.root as App, { path: file, ...p });
      vmCluster(s, { nodeGroups: [webGroup()] });
    },
  ],
  DynamicHomeStorageOptions: [(s, p) => void hub(s, { homeStorage: HomeStorage.dynamic({ ...p }) })],
  ExistingClaimHomeOptions: [(s, p) => void hub(s, { homeStorage: HomeStorage.existingClaim("homes", { ...p }) })],
  NfsHomeOptions: [
    (s, p) =>
      void hub(s, {
        homeStorage: HomeStorage.nfs(
          { serverAddress: "10.0.0.5", exportPath: "/export/home", capacity: Size.gibibytes(100) },
          { ...p },
        ),
      }),
  ],
  GatewayServiceOptions: [(s, p) => void hub(s, { gatewayService: { name: "gateway", ...p } })],
  HomeBackupsProps: [
    (s, p) => void singleServer(s, { backups: backups(s, p) }),
    (s, p) =>
      void new NfsHomeServer(s, "Home", {
        cluster: vmCluster(s),
        clientCidrs: ["10.0.0.0/24"],
        backups: backups(s, p),
      }),
  ],
  HubEndpointProps: [(s, p) => void new HubEndpoint(s, "Entry", { allocation: "cis230085", ...p })],
  IngressHttpsOptions: [(s, p) => void hub(s, { https: Https.ingress({ tlsSecretName: "hub-tls", ...p }) })],
  LetsEncryptOptions: [
    (s, p) => void hub(s, { https: Https.letsEncrypt({ contactEmail: "admins@example.org", ...p }) }),
  ],
  SecretHttpsOptions: [(s, p) => void hub(s, { https: Https.secret({ tlsSecretName: "hub-tls", ...p }) })],
  IngressRule: [
    (s, p) =>
      void vmCluster(s, {
        nodeGroups: [
          webGroup({
            ingressRules: [
              { description: "app", protocol: Protocol.TCP, fromPort: 8080, cidrs: ["203.0.113.0/24"], ...p },
            ],
          }),
        ],
      }),
  ],
  Jetstream2StateBackendProps: [
    (s, p) => {
      Jetstream2StateBackend.configure(s, { bucket: "hub-state", ...p });
      vmCluster(s, { nodeGroups: [webGroup()] });
    },
  ],
  JetstreamClusterProps: [
    (s, p) => void vmCluster(s, { nodeGroups: [webGroup()], ...p }),
    // The hub's host name is the cluster's DNS name for it, from the allocation.
    (s, p) => void singleServer(s, {}, p),
  ],
  NodeGroupOptions: [
    (s, p) => void vmCluster(s, { nodeGroups: [webGroup(p)] }),
    (s, p) => void vmCluster(s).addNodeGroup(webGroup(p)),
  ],
  NodeVolumeOptions: [
    (s, p) => void vmCluster(s, { nodeGroups: [webGroup({ volumes: [{ name: "data", sizeGiB: 10, ...p }] })] }),
  ],
  JetstreamFlavorSpecs: [
    (s, p) =>
      void vmCluster(s, {
        nodeGroups: [
          webGroup({ flavor: JetstreamFlavor.of("m3.custom", { vcpus: 4, ramGiB: 15, rootDiskGiB: 20, ...p }) }),
        ],
      }),
  ],
  NodeProps: [
    (s, p) =>
      void new Node(s, "Vm", {
        instanceName: "vm1",
        flavor: JetstreamFlavor.M3_SMALL,
        image: JetstreamImage.FEATURED_UBUNTU24,
        networkId: "5f1b3d0e-6f0a-4a55-9a57-1c0b9e7b2a11",
        securityGroupIds: ["0b6b1e2c-58a0-4d0b-9c2b-4d3e5f6a7b8c"],
        floatingIp: false,
        volumes: [],
        ...p,
      }),
  ],
  JupyterHubOnJetstreamProps: [
    (s, p) => void pattern(s, 10, p),
    (s, p) => void pattern(s, 60, { hubStack: new TerraformStack(s.node.root as App, "hub"), ...p }),
  ],
  KubernetesClusterAttributes: [
    (s, p) => {
      // A client certificate needs its key, and a key its certificate.
      const secret = (id: string) => new TerraformVariable(s, id, { type: "string", sensitive: true }).stringValue;
      const pair =
        "clientCertificate" in p || "clientKey" in p
          ? { clientCertificate: secret("ClientCertificate"), clientKey: secret("ClientKey") }
          : {};
      hub(s, {}, { ...pair, ...p });
    },
  ],
  KubernetesProvidersOptions: [
    (s, p) => {
      const c = cluster(s);
      hub(s, { cluster: c, providers: KubernetesProviders.configure(s, c, { ...p }) });
    },
  ],
  KubernetesOnJetstreamProps: [
    (s, p) => void k8s(s, p),
    (s, p) => void k8s(s, { engine: KubernetesEngine.selfManaged(), ...p }),
  ],
  KubernetesNodeGroupOptions: [
    (s, p) => void k8s(s, { nodeGroups: [{ name: "big", flavor: JetstreamFlavor.M3_MEDIUM, ...p }] }),
    (s, p) =>
      void k8s(s, {
        engine: KubernetesEngine.selfManaged(),
        nodeGroups: [{ name: "big", flavor: JetstreamFlavor.M3_MEDIUM, ...p }],
      }),
  ],
  WorkerAutoscaling: [(s, p) => void k8s(s, { autoscaling: { minNodes: 1, maxNodes: 3, ...p } })],
  MagnumEngineOptions: [(s, p) => void k8s(s, { engine: KubernetesEngine.magnum({ ...p }) })],
  SelfManagedEngineOptions: [(s, p) => void k8s(s, { engine: KubernetesEngine.selfManaged({ ...p }) })],
  NfsServerOptions: [(s, p) => void k8s(s, { homeStorage: ClusterHomeStorage.nfsServer({ ...p }) })],
  NfsHomeServerProps: [
    (s, p) => void new NfsHomeServer(s, "Home", { cluster: vmCluster(s), clientCidrs: ["10.0.0.0/24"], ...p }),
  ],
  Profile: [(s, p) => void hub(s, { profiles: [{ displayName: "Small", ...p }] })],
  ProfileOption: [
    (s, p) =>
      void hub(s, {
        profiles: [
          {
            displayName: "Small",
            profileOptions: [
              { name: "image", displayName: "Image", choices: [{ displayName: "SciPy", key: "scipy" }], ...p },
            ],
          },
        ],
      }),
  ],
  ProfileOptionChoice: [
    (s, p) =>
      void hub(s, {
        profiles: [
          {
            displayName: "Small",
            profileOptions: [
              { name: "image", displayName: "Image", choices: [{ displayName: "SciPy", key: "scipy", ...p }] },
            ],
          },
        ],
      }),
  ],
  ProfileUnlistedChoice: [
    (s, p) =>
      void hub(s, {
        profiles: [
          {
            displayName: "Small",
            profileOptions: [
              {
                name: "image",
                displayName: "Image",
                choices: [{ displayName: "SciPy", key: "scipy" }],
                unlistedChoice: { displayName: "Other image", kubespawnerOverride: { image: "{value}" }, ...p },
              },
            ],
          },
        ],
      }),
  ],
  RegistryCredentials: [
    (s, p) =>
      void hub(s, {
        imagePullSecret: {
          registry: "ghcr.io",
          username: "gateway-bot",
          password: Secret.fromEnvironment(s, "registry_password"),
          ...p,
        },
      }),
  ],
  SingleServerHubProps: [(s, p) => void singleServer(s, p)],
  TutorialNotebooks: [
    (s, p) => void singleServer(s, { tutorials: { repository: "https://github.com/example/tutorials", ...p } }),
    (s, p) => void hub(s, { tutorials: { repository: "https://github.com/example/tutorials", ...p } }),
  ],
  ZeroToJupyterHubProps: [(s, p) => void hub(s, p)],
  ZeroToJupyterHubFromValuesProps: [
    (s, p) => {
      const c = cluster(s);
      ZeroToJupyterHub.fromValuesFile(s, "Hub", {
        cluster: c,
        providers: KubernetesProviders.configure(s, c),
        ...("valuesFile" in p ? {} : { valuesYaml: VALUES_YAML }),
        secrets: { "hub.config.GitHubOAuthenticator.client_secret": Secret.fromEnvironment(s, "gh") },
        ...p,
      });
    },
  ],
};

// The prefix action for a probe of `prefix`, else strip_idp_domain (which TLJH accepts).
function idpAction(p: Props): Props {
  return "prefix" in p
    ? { action: CILogonUsernameAction.PREFIX, ...p }
    : { action: CILogonUsernameAction.STRIP_IDP_DOMAIN, domain: "access-ci.org", ...p };
}

const VALUES_YAML = `
hub:
  config:
    JupyterHub:
      authenticator_class: github
    GitHubOAuthenticator:
      client_id: Iv1.0123456789abcdef
      oauth_callback_url: https://hub.example.org/hub/oauth_callback
      allowed_organizations: [lab]
    Authenticator:
      admin_users: [alice]
proxy:
  https:
    enabled: true
    type: letsencrypt
    hosts: [hub.example.org]
    letsencrypt:
      contactEmail: ops@example.org
`;

function genericOAuth(stack: TerraformStack, p: Props = {}): Authenticator {
  return Authenticator.genericOAuth({
    clientId: "jupyterhub",
    clientSecret: Secret.fromEnvironment(stack, "gateway_client_secret"),
    adminUsers: ["alice"],
    authorizeUrl: "https://auth.example.org/realms/gw/protocol/openid-connect/auth",
    tokenUrl: "https://auth.example.org/realms/gw/protocol/openid-connect/token",
    userdataUrl: "https://auth.example.org/realms/gw/protocol/openid-connect/userinfo",
    allowedGroups: ["hub-users"],
    ...p,
  });
}
