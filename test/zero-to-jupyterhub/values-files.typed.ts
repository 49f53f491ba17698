// The fifteen values files of test/fixtures/z2jh-values, written with the typed API: one builder per file, no
// extraValues. values-files.test.ts checks that each renders the file's effective values, and counts these lines.
import { Construct } from "constructs";
import { Authenticator, CILogonUsernameAction, Duration, HomeStorage, Https, Secret, Size } from "../../lib";
import { ZeroToJupyterHubProps } from "../../lib/zero-to-jupyterhub/zero-to-jupyterhub";

type Build = (scope: Construct) => Omit<ZeroToJupyterHubProps, "cluster">;

const secret = (scope: Construct, name: string) => Secret.fromEnvironment(scope, name);
const https = (contactEmail: string) => Https.letsEncrypt({ contactEmail });
const gitHub = (scope: Construct, orgs: string[] = []) =>
  Authenticator.gitHub({
    clientId: "Iv1.0123456789abcdef",
    clientSecret: secret(scope, "gh"),
    adminUsers: ["alice"],
    allowedOrganizations: orgs,
  });
const image = (name: string, tag: string) => ({ name, tag });

export const TYPED: { [file: string]: Build } = {
  "01-github-course.yaml": (s) => ({
    authenticator: gitHub(s, ["bio101-fall"]),
    https: https("teaching@example.edu"),
    image: image("quay.io/jupyter/scipy-notebook", "2025-01-06"),
    memoryGuarantee: Size.gibibytes(2),
    memoryLimit: Size.gibibytes(4),
    cpuGuarantee: 0.5,
    cpuLimit: 2,
    homeStorage: HomeStorage.clusterDefault({ capacity: Size.parse("10Gi") }),
  }),
  "02-cilogon-access.yaml": (s) => ({
    authenticator: Authenticator.ciLogon({
      clientId: "cilogon:/client_id/5f1e2d3c4b5a",
      clientSecret: secret(s, "cilogon"),
      adminUsers: ["alice@example.edu"],
      idps: [{ entityId: "https://access-ci.org/idp", allowAll: true, default: true }],
    }),
    https: Https.ingress({
      tlsSecretName: "hub-tls",
      ingressClassName: "nginx",
      annotations: {
        "cert-manager.io/cluster-issuer": "letsencrypt",
        "nginx.ingress.kubernetes.io/proxy-body-size": "64m",
      },
    }),
    image: image("quay.io/jupyter/datascience-notebook", "2025-03-17"),
    resourceLimits: false,
    memoryLimit: Size.gibibytes(8),
    homeStorage: HomeStorage.existingClaim("campus-nfs", { subPath: "home/{username}" }),
  }),
  "03-generic-keycloak.yaml": (s) => ({
    authenticator: Authenticator.genericOAuth({
      clientId: "jupyterhub",
      clientSecret: secret(s, "keycloak"),
      adminUsers: ["alice"],
      authorizeUrl: "https://auth.gateway.example.org/realms/gw/protocol/openid-connect/auth",
      tokenUrl: "https://auth.gateway.example.org/realms/gw/protocol/openid-connect/token",
      userdataUrl: "https://auth.gateway.example.org/realms/gw/protocol/openid-connect/userinfo",
      loginService: "Gateway account",
      allowedGroups: ["hub-users"],
      enableAuthState: true,
    }),
    https: https("ops@gateway.example.org"),
    image: image("ghcr.io/gateway-org/notebook", "1.4.2"),
    gatewayApiUrl: "https://api.gateway.example.org/",
    resourceLimits: false,
    memoryGuarantee: Size.gibibytes(1),
    memoryLimit: Size.gibibytes(2),
    homeStorage: HomeStorage.clusterDefault(),
  }),
  "04-google-campus.yaml": (s) => ({
    authenticator: Authenticator.google({
      clientId: "1234567890-abc.apps.googleusercontent.com",
      clientSecret: secret(s, "google"),
      adminUsers: ["alice"],
      hostedDomains: ["example.edu"],
      loginService: "Example University",
    }),
    https: https("research-computing@example.edu"),
    defaultUrl: "/lab",
    memoryGuarantee: Size.gibibytes(2),
    memoryLimit: Size.gibibytes(6),
    cpuLimit: 3,
    profiles: [
      { displayName: "Python", default: true },
      { displayName: "R", image: image("quay.io/jupyter/r-notebook", "2025-01-06") },
    ],
    homeStorage: HomeStorage.clusterDefault(),
  }),
  "05-profiles-options.yaml": (s) => ({
    authenticator: gitHub(s, ["climate-lab"]),
    https: https("climate-lab@example.org"),
    memoryLimit: Size.gibibytes(4),
    cpuLimit: 2,
    profiles: [
      { displayName: "Small", slug: "small", description: "2 CPUs, 4 GB", default: true },
      {
        displayName: "Large",
        slug: "large",
        description: "4 CPUs, 12 GB, on big workers",
        memoryGuarantee: Size.gibibytes(8),
        memoryLimit: Size.gibibytes(12),
        cpuLimit: 4,
        nodeSelector: { "hub.jupyter.org/node-size": "large" },
        profileOptions: [
          {
            name: "image",
            displayName: "Image",
            choices: [
              {
                key: "pangeo",
                displayName: "Pangeo",
                default: true,
                kubespawnerOverride: { image: "quay.io/pangeo/pangeo-notebook:2025.01.10" },
              },
              {
                key: "base",
                displayName: "Base",
                kubespawnerOverride: { image: "quay.io/jupyter/base-notebook:2025-01-06" },
              },
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
    homeStorage: HomeStorage.clusterDefault(),
  }),
  "06-lifecycle-hooks.yaml": (s) => ({
    authenticator: Authenticator.gitHub({
      clientId: "Iv1.0123456789abcdef",
      clientSecret: secret(s, "gh"),
      adminUsers: ["alice"],
      allowedUsers: ["bob", "carol"],
    }),
    https: https("workshop@example.org"),
    image: image("quay.io/jupyter/minimal-notebook", "2025-01-06"),
    defaultUrl: "/lab/tree/workshop/README.md",
    postStartCommand: ["sh", "-c", "cp -rn /srv/workshop ~/ || true"],
    environment: { WORKSHOP: "intro-python" },
    startTimeout: Duration.minutes(10),
    resourceLimits: false,
    homeStorage: HomeStorage.clusterDefault(),
  }),
  "07-extra-volumes.yaml": (s) => ({
    authenticator: gitHub(s, ["genomics-core"]),
    https: https("genomics@example.org"),
    resourceLimits: false,
    memoryGuarantee: Size.gibibytes(4),
    memoryLimit: Size.gibibytes(8),
    homeStorage: HomeStorage.dynamic({ storageClass: "cinder-retain", capacity: Size.parse("20Gi") }),
    extraVolumes: [
      { name: "reference-data", persistentVolumeClaim: { claimName: "reference-genomes" } },
      { name: "shm", emptyDir: { medium: "Memory" } },
    ],
    extraVolumeMounts: [
      { name: "reference-data", mountPath: "/data/reference", readOnly: true },
      { name: "shm", mountPath: "/dev/shm" },
    ],
  }),
  "08-private-registry.yaml": (s) => ({
    authenticator: gitHub(s, ["astro-group:hub-users"]),
    https: https("astro@example.org"),
    imagePullSecrets: ["ghcr-pull"],
    image: image("ghcr.io/astro-group/private-notebook", "2025.02"),
    memoryLimit: Size.gibibytes(6),
    cpuGuarantee: 1,
    cpuLimit: 4,
    homeStorage: HomeStorage.clusterDefault(),
  }),
  "09-tls-secret.yaml": (s) => ({
    authenticator: Authenticator.ciLogon({
      clientId: "cilogon:/client_id/77aa88bb99cc",
      clientSecret: secret(s, "cilogon"),
      adminUsers: ["alice"],
      idps: [
        {
          entityId: "urn:mace:incommon:example.edu",
          usernameClaim: "eppn",
          action: CILogonUsernameAction.STRIP_IDP_DOMAIN,
          domain: "example.edu",
          allowedDomains: ["example.edu"],
        },
      ],
    }),
    https: Https.secret({ tlsSecretName: "campus-wildcard-tls" }),
    resourceLimits: false,
    memoryLimit: Size.gibibytes(3),
    homeStorage: HomeStorage.clusterDefault(),
  }),
  "10-hub-db.yaml": (s) => ({
    authenticator: gitHub(s, ["stats-dept"]),
    https: https("stats@example.edu"),
    hubDbStorageClass: "cinder-ssd",
    hubDbCapacity: Size.parse("5Gi"),
    hubDbAccessModes: ["ReadWriteOnce"],
    resourceLimits: false,
    memoryLimit: Size.gibibytes(2),
    homeStorage: HomeStorage.clusterDefault({ capacity: Size.parse("5Gi") }),
  }),
  "11-egress.yaml": (s) => ({
    authenticator: Authenticator.genericOAuth({
      clientId: "hub",
      clientSecret: secret(s, "portal"),
      adminUsers: ["alice"],
      allowedUsers: ["bob"],
      authorizeUrl: "https://login.portal.example.org/oauth2/authorize",
      tokenUrl: "https://login.portal.example.org/oauth2/token",
      userdataUrl: "https://login.portal.example.org/oauth2/userinfo",
      userdataParams: { schema: "openid" },
      usernameClaim: "sub",
      scope: ["openid"],
      loginService: "Portal",
    }),
    https: https("portal@example.org"),
    userEgressRules: [{ to: [{ ipBlock: { cidr: "10.0.5.10/32" } }], ports: [{ port: 5432, protocol: "TCP" }] }],
    resourceLimits: false,
    memoryLimit: Size.gibibytes(2),
    homeStorage: HomeStorage.clusterDefault(),
  }),
  "12-named-servers.yaml": (s) => ({
    authenticator: gitHub(s, ["ml-lab"]),
    https: https("ml-lab@example.org"),
    namedServersPerUser: 3,
    cullTimeout: Duration.hours(2),
    cullEvery: Duration.minutes(5),
    cullMaxAge: Duration.days(1),
    resourceLimits: false,
    memoryLimit: Size.gibibytes(2),
    homeStorage: HomeStorage.clusterDefault(),
  }),
  "13-no-limits.yaml": (s) => ({
    authenticator: Authenticator.gitHub({
      clientId: "Iv1.0123456789abcdef",
      clientSecret: secret(s, "gh"),
      adminUsers: ["alice"],
      allowedOrganizations: ["physics"],
      autoLogin: true,
    }),
    https: https("physics@example.edu"),
    resourceLimits: false,
    memoryGuarantee: Size.parse("1.5G"),
    startTimeout: Duration.minutes(15),
    homeStorage: HomeStorage.clusterDefault(),
  }),
  "14-stable-secrets.yaml": (s) => ({
    authenticator: gitHub(s, ["chem-dept"]),
    https: https("chem@example.edu"),
    cookieSecret: secret(s, "cookie_secret"),
    proxySecretToken: secret(s, "proxy_token"),
    resourceLimits: false,
    memoryLimit: Size.gibibytes(4),
    homeStorage: HomeStorage.clusterDefault(),
  }),
  "15-gateway-service.yaml": (s) => ({
    authenticator: Authenticator.genericOAuth({
      clientId: "jupyterhub",
      clientSecret: secret(s, "gw"),
      adminUsers: ["alice"],
      allowAll: true,
      authorizeUrl: "https://auth.gateway.example.org/authorize",
      tokenUrl: "https://auth.gateway.example.org/token",
      userdataUrl: "https://auth.gateway.example.org/userinfo",
    }),
    https: Https.ingress({ tlsSecretName: "hub-tls" }),
    gatewayService: {},
    gatewayApiUrl: "https://api.gateway.example.org/",
    resourceLimits: false,
    memoryLimit: Size.parse("2147483648"),
    homeStorage: HomeStorage.dynamic({ storageClass: "cinder-retain", capacity: Size.parse("20Gi") }),
  }),
};
