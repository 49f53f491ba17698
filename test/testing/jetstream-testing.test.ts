import "cdktf/lib/testing/adapters/jest"; // the types of cdktf's matchers (as the cdktf template's test does)
import { App, DataTerraformRemoteStateLocal, TerraformStack, Testing } from "cdktf";
import { Release } from "@cdktf/provider-helm/lib/release";
import {
  ClusterKeyPair,
  Https,
  JetstreamChecks,
  JetstreamCluster,
  JetstreamTesting,
  KubernetesOnJetstream,
  KubernetesProviders,
  OpenstackProvider,
  SingleServerHub,
  Size,
  ZeroToJupyterHub,
  openstack,
} from "../../lib";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_PUBLIC_KEY } from "../../examples/settings";
import { gitHubLogin } from "../support/hub-fixtures";
import { newStack } from "../support/synth";

// The helper the README's "Testing your app" section offers: a full-app synth, then one stack's JSON as text for
// cdktf's Testing matchers (cdktf 0.21 lib/testing/adapters/jest.ts: the matchers parse the received JSON string).

function singleServerApp() {
  const stack = newStack("hub");
  const app = App.of(stack);
  const cluster = new JetstreamCluster(stack, "Cluster", {
    name: "gwhub",
    allocation: "cis230085",
    adminCidrs: [EXAMPLE_ADMIN_CIDR],
    keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
  });
  const hub = new SingleServerHub(stack, "Hub", {
    cluster,
    authenticator: gitHubLogin(stack),
    letsEncryptEmail: "hub-admins@example.org",
    expectedUsers: 10,
    memoryPerUser: Size.gibibytes(8),
  });
  return { app, stack, hub };
}

function twoStackApp() {
  const clusterStack = newStack("cluster");
  const app = App.of(clusterStack);
  const cluster = new KubernetesOnJetstream(clusterStack, "Cluster", {
    allocation: "cis230085",
    apiAllowedCidrs: [EXAMPLE_ADMIN_CIDR],
  });
  const hubStack = new TerraformStack(app, "hub");
  KubernetesProviders.configure(hubStack, cluster);
  new ZeroToJupyterHub(hubStack, "Hub", {
    cluster,
    authenticator: gitHubLogin(hubStack),
    https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
  });
  return { app, clusterStack, hubStack };
}

describe("JetstreamTesting", () => {
  test("synthStack gives one stack's JSON that cdktf's matchers read, with the exported OpenStack classes", () => {
    const { stack } = singleServerApp();
    const json = JetstreamTesting.synthStack(stack);
    expect(json).toHaveResourceWithProperties(openstack.computeInstanceV2.ComputeInstanceV2, {
      flavor_name: "m3.xl",
    });
    expect(json).toHaveResourceWithProperties(openstack.blockstorageVolumeV3.BlockstorageVolumeV3, {
      lifecycle: { prevent_destroy: true },
    });
    expect(json).not.toHaveResourceWithProperties(openstack.networkingSecgroupRuleV2.NetworkingSecgroupRuleV2, {
      port_range_min: 22,
      remote_ip_prefix: "0.0.0.0/0",
    });
    expect(json).toHaveProvider(OpenstackProvider);
  });

  test("a multi-stack app: the hub stack reads the cluster through remote state, which Testing.synth misses", () => {
    const { hubStack } = twoStackApp();
    const alone = Testing.synth(hubStack);
    const full = JetstreamTesting.synthStack(hubStack);
    expect(alone).not.toHaveDataSource(DataTerraformRemoteStateLocal);
    expect(full).toHaveDataSource(DataTerraformRemoteStateLocal);
    expect(full).toHaveResourceWithProperties(Release, { chart: "jupyterhub" });
    const provider = JSON.parse(full).provider.kubernetes[0];
    expect(provider.host).toMatch(/^\$\{data\.terraform_remote_state\.[^}]+\}$/);
  });

  test("synthApp gives every stack, by name, and each parses", () => {
    const { app } = twoStackApp();
    const stacks = JetstreamTesting.synthApp(app);
    expect(Object.keys(stacks).sort()).toEqual(["cluster", "hub"]);
    // The cluster stack carries the cross-stack outputs the hub stack's remote state reads.
    const outputs = Object.keys(JSON.parse(stacks.cluster).output);
    expect(outputs.filter((o) => o.startsWith("cross-stack-output-")).length).toBeGreaterThan(0);
    expect(stacks.hub).toContain(
      "data.terraform_remote_state.cross-stack-reference-input-cluster.outputs.cross-stack-output-",
    );
  });

  test("fails like app.synth() when a policy finding is open, and passes once it is acknowledged", () => {
    const open = singleServerApp();
    JetstreamChecks.applyTo(open.app);
    expect(() => JetstreamTesting.synthStack(open.stack)).toThrow(/JSH-SEC-03\[sensitive-reference\]/);

    const accepted = singleServerApp();
    JetstreamChecks.acknowledge(accepted.hub, [
      { id: "JSH-SEC-03[sensitive-reference]", reason: "documented first-boot delivery of the client secret" },
      { id: "JSH-DATA-10", reason: "a test hub without users, so nothing to back up" },
    ]);
    JetstreamChecks.applyTo(accepted.app);
    expect(JetstreamTesting.synthStack(accepted.stack)).toHaveResource(openstack.computeInstanceV2.ComputeInstanceV2);
  });
});
