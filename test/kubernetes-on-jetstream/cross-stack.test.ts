import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { App, TerraformStack, Testing } from "cdktf";
import * as fs from "fs";
import { KubernetesEngine, KubernetesOnJetstream, KubernetesProviders, OpenstackProvider } from "../../lib";
import { StackJson, synthApp } from "../support/synth";
import { ADMIN_NET } from "./support";

// `cdktf deploy cluster hub`: the hub stack configures its Helm and Kubernetes providers from a cluster made in
// another stack. cdktf resolves the cross-stack references only when the whole app synthesizes, so these tests
// run app.synth() into a temporary folder and read both stacks' documents.

function deployPair(engine: KubernetesEngine): { cluster: StackJson; hub: StackJson } {
  const app: App = Testing.app();
  const clusterStack = new TerraformStack(app, "cluster");
  new OpenstackProvider(clusterStack, "openstack", {});
  new TlsProvider(clusterStack, "tls");
  new RandomProvider(clusterStack, "random");
  const cluster = new KubernetesOnJetstream(clusterStack, "Cluster", { engine, apiAllowedCidrs: [ADMIN_NET] });
  const hubStack = new TerraformStack(app, "hub");
  KubernetesProviders.configure(hubStack, cluster);
  const { cluster: clusterDoc, hub } = synthApp(app);
  const docs = { cluster: clusterDoc, hub };
  fs.rmSync(app.outdir, { recursive: true, force: true });
  return docs;
}

const CREDENTIALS = ["host", "cluster_ca_certificate", "client_certificate", "client_key"];

describe.each([
  ["Magnum", KubernetesEngine.magnum(), /^\$\{openstack_containerinfra_cluster_v1\.\w+\.kubeconfig\["\w+"\]\}$/],
  // (the self-managed API address is the readiness probe's URL: the hub stack can only read it once k3s answers)
  ["self-managed", KubernetesEngine.selfManaged(), /^\$\{(tls_\w+\.[\w-]+\.\w+|data\.http\.[\w-]+\.url)\}$/],
])("a hub stack configured from a %s cluster stack", (_, engine, source) => {
  const { cluster, hub } = deployPair(engine);

  test("the cluster stack publishes each kubeconfig part as a sensitive output", () => {
    const outputs = Object.values<any>(cluster.output);
    expect(outputs).toHaveLength(CREDENTIALS.length);
    expect(outputs.every((o) => o.sensitive === true)).toBe(true);
    for (const output of outputs) expect(output.value).toMatch(source);
  });

  test("the hub stack reads them from the cluster stack's state", () => {
    expect(Object.keys(hub.data.terraform_remote_state)).toEqual(["cross-stack-reference-input-cluster"]);
    // (the self-managed API URL is the probe's URL without /readyz)
    const fromRemote =
      /^\$\{(trimsuffix\()?data\.terraform_remote_state\.cross-stack-reference-input-cluster\.outputs\.cross-stack-output-[\w-]+(, "\/readyz"\))?\}$/;
    const kubernetes = hub.provider.kubernetes[0];
    const helm = hub.provider.helm[0].kubernetes;
    for (const part of CREDENTIALS) {
      expect(kubernetes[part]).toMatch(fromRemote);
      expect(helm[part]).toBe(kubernetes[part]);
    }
    // and nothing in the hub stack points at the other stack's resources directly
    expect(JSON.stringify(hub)).not.toMatch(/\$\{(openstack_|tls_|random_)/);
  });
});
