import {
  Authenticator,
  CapacityPlanner,
  CILogonUsernameAction,
  Duration,
  HomeStorage,
  ImageOs,
  JetstreamFlavor,
  JetstreamImage,
  KubernetesEngine,
  MagnumClusterTemplate,
  Secret,
  Size,
} from "../../lib";
import { gatewayHub } from "../single-server-hub/fixtures";
import { hubStack } from "./hub-fixtures";
import { synthMagnum } from "../kubernetes-on-jetstream/support";

// The hub constructs' malformed or dangerous inputs (the security notes' §7, continued from bad-inputs.test.ts):
// each refused at construction with a message naming the prop, the value received, what is allowed and the fix.

const tljh = (props: any) => () => gatewayHub(props);
const tljhAdmins = (adminUsers: string[]) => () => {
  const { stack } = gatewayHub();
  return gatewayHub({
    authenticator: Authenticator.gitHub({
      clientId: "c",
      clientSecret: Secret.fromEnvironment(stack, "c"),
      adminUsers,
      allowedOrganizations: ["gw"],
    }),
  });
};
const z2jh =
  (props: any, cluster: any = {}) =>
  () =>
    hubStack(props, cluster);
const magnum = (props: any) => () => synthMagnum(props);
const plan = (props: any) => () =>
  CapacityPlanner.plan({ expectedUsers: 10, memoryPerUser: Size.gibibytes(4), ...props });
const profile = (extra: any) => ({ displayName: "CPU", slug: "cpu", ...extra });

// [what, the prop the message must name, the value it must show, the input]
export const HUB_CASES: [string, string, unknown, () => unknown][] = [
  // SingleServerHub: sizing (§7 11-13, 18)
  ["no users", "expectedUsers", 0, tljh({ expectedUsers: 0 })],
  ["a fractional user count", "expectedUsers", 2.5, tljh({ expectedUsers: 2.5 })],
  [
    "more users than any flavor holds",
    "expectedUsers",
    40,
    tljh({ expectedUsers: 40, memoryPerUser: Size.gibibytes(8) }),
  ],
  // Not even one user fits: the memory per user is the prop at fault.
  [
    "300 GiB per user on one VM",
    "memoryPerUser",
    "300 GiB",
    tljh({ memoryPerUser: Size.gibibytes(300), expectedUsers: 1 }),
  ],
  ["an explicit flavor too small for the users", "flavor", "m3.small", tljh({ flavor: JetstreamFlavor.M3_SMALL })],
  // SingleServerHub: pinning (§7 43)
  ["TLJH version latest", "tljhVersion", "latest", tljh({ tljhVersion: "latest" })],
  ["a TLJH version range", "tljhVersion", "^2.0.0", tljh({ tljhVersion: "^2.0.0" })],
  ["an unpinned plugin", "plugins[0]", "tljh-repo2docker", tljh({ plugins: ["tljh-repo2docker"] })],
  [
    "TLJH on Ubuntu 20.04",
    "image",
    "ubuntu20 (ubuntu 20.04)",
    tljh({ image: JetstreamImage.fromName("ubuntu20", ImageOs.UBUNTU, "20.04") }),
  ],
  // SingleServerHub: HTTPS and DNS (§7 21-23)
  ["a contact address without a domain", "letsEncryptEmail", "admin@", tljh({ letsEncryptEmail: "admin@" })],
  ["a URL as the domain", "domain", "https://hub.example.org", tljh({ domain: "https://hub.example.org" })],
  ["an IP address as the domain", "domain", "203.0.113.5", tljh({ domain: "203.0.113.5" })],
  ["a wildcard domain", "domain", "*.hub.org", tljh({ domain: "*.hub.org" })],
  // SingleServerHub: culling, requirements, tutorials, volume (§7 46)
  ["a zero culling timeout", "cullTimeout", "0s", tljh({ cullTimeout: Duration.seconds(0) })],
  [
    "culling checked less often than the timeout",
    "cullEvery",
    "1h",
    tljh({ cullTimeout: Duration.minutes(10), cullEvery: Duration.hours(1) }),
  ],
  [
    "requirements over plain http",
    "userRequirementsUrl",
    "http://x.org/r.txt",
    tljh({ userRequirementsUrl: "http://x.org/r.txt" }),
  ],
  [
    "tutorials over ssh",
    "tutorials.repository",
    "git@github.com:gw/t.git",
    tljh({ tutorials: { repository: "git@github.com:gw/t.git" } }),
  ],
  ["an empty home volume", "homeVolumeSizeGiB", 0, tljh({ homeVolumeSizeGiB: 0 })],
  // KubernetesOnJetstream (§7 7, 15-17)
  ["the Kubernetes API open to the world", "apiAllowedCidrs", "0.0.0.0/0", magnum({ apiAllowedCidrs: ["0.0.0.0/0"] })],
  ["zero workers", "workerCount", 0, magnum({ workerCount: 0 })],
  [
    "two control-plane nodes",
    "engine.controlPlaneCount",
    2,
    magnum({ engine: KubernetesEngine.magnum({ controlPlaneCount: 2 }) }),
  ],
  [
    "a GPU node group without a GPU allocation",
    "nodeGroups[0].flavor",
    "g3.medium",
    magnum({ nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM }] }),
  ],
  [
    "a cluster template id that is not a UUID",
    "clusterTemplate",
    "kubernetes-1-33",
    () => MagnumClusterTemplate.fromId("kubernetes-1-33"),
  ],
  ["an engine given as a string", "engine", "magnum", magnum({ engine: "magnum" })],
  // ZeroToJupyterHub (§7 14, 40-41, 44-45, 47-48)
  [
    "image tag latest",
    "image.tag",
    "latest",
    z2jh({ image: { name: "quay.io/jupyter/scipy-notebook", tag: "latest" } }),
  ],
  ["an image without a tag", "image.tag", "", z2jh({ image: { name: "quay.io/jupyter/scipy-notebook", tag: "" } })],
  [
    "a memory guarantee above the limit",
    "memoryGuarantee",
    "8 GiB",
    z2jh({ memoryGuarantee: Size.gibibytes(8), memoryLimit: Size.gibibytes(4) }),
  ],
  ["a memory limit above the worker", "memoryLimit", "64 GiB", z2jh({ memoryLimit: Size.gibibytes(64) })],
  ["a CPU limit of zero", "cpuLimit", 0, z2jh({ cpuLimit: 0 })],
  [
    "two profiles with one slug",
    "profiles[1].slug",
    "cpu",
    z2jh({ profiles: [profile({}), profile({ displayName: "Other" })] }),
  ],
  [
    "two default profiles",
    "profiles[1].default",
    true,
    z2jh({ profiles: [profile({ default: true }), profile({ slug: "big", default: true })] }),
  ],
  ["a chart version range", "chartVersion", "^4.0.0", z2jh({ chartVersion: "^4.0.0" })],
  ["a release name over 53 characters", "releaseName", "h".repeat(60), z2jh({ releaseName: "h".repeat(60) })],
  ["the kube-system namespace", "namespace", "kube-system", z2jh({ namespace: "kube-system" })],
  [
    "a cookie secret in extraValues",
    "extraValues.hub.cookieSecret",
    "(not shown)",
    z2jh({ extraValues: { hub: { cookieSecret: "x".repeat(64) } } }),
  ],
  [
    "a secret in the environment",
    "environment.API_TOKEN",
    "(not shown)",
    z2jh({ environment: { API_TOKEN: "s3cr3t-value" } }),
  ],
  [
    "a gateway URL over http",
    "gatewayApiUrl",
    "http://gateway.org/api",
    z2jh({ gatewayApiUrl: "http://gateway.org/api" }),
  ],
  ["no host name for HTTPS", "domain", undefined, z2jh({}, { hubEndpoint: undefined })],
  [
    "NFS homes on a cluster without an export",
    "homeStorage",
    "HomeStorage.nfs() on a cluster without homeStorage",
    z2jh({ homeStorage: HomeStorage.nfs() }, { homeStorage: undefined }),
  ],
  // CapacityPlanner
  ["a plan for no users", "expectedUsers", 0, plan({ expectedUsers: 0 })],
  ["more GPU users than users", "gpuUsers", 12, plan({ gpuUsers: 12 })],
  ["a GPU share above one GPU", "gpuShare", 2, plan({ gpuUsers: 1, gpuShare: 2 })],
  // Logins on the single-server hub: names are unix accounts there (the Kubernetes hub lower-cases them)
  ["an admin name with capitals on TLJH", "authenticator.adminUsers[0]", "Alice", tljhAdmins(["Alice"])],
  ["root as an admin on TLJH", "authenticator.adminUsers[0]", "root", tljhAdmins(["root"])],
  [
    "a CILogon PREFIX login on TLJH",
    "authenticator.idps[0]",
    "action PREFIX (access:<name>)",
    () => {
      const { stack } = gatewayHub();
      return gatewayHub({
        authenticator: Authenticator.ciLogon({
          clientId: "c",
          clientSecret: Secret.fromEnvironment(stack, "c"),
          adminUsers: ["a@ucsd.edu"],
          idps: [{ entityId: "urn:a", allowAll: true, action: CILogonUsernameAction.PREFIX, prefix: "access" }],
        }),
      });
    },
  ],
];
