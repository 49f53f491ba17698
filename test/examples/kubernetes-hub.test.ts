import { TerraformStack, Testing } from "cdktf";
import { KubernetesHubStack } from "../../examples/kubernetes-hub/hub-stack";
import { JetstreamTesting } from "../../lib";
import { HUB_HOST, HUB_IP, testCluster } from "../support/hub-fixtures";
import { describeWithSchema } from "../support/schemas";
import { bodies } from "../support/synth";
import { hubReleases, valuesOf, z2jhOracle, z2jhViolations } from "../support/z2jh";

// The hub stack of the Kubernetes shape, on a cluster from another stack (the lead wires it to the Magnum
// cluster stack; here a bring-your-own cluster stands in for it, credentials included).
const app = Testing.app();
const clusterStack = new TerraformStack(app, "cluster");
const cluster = testCluster(clusterStack);
const hubStack = new KubernetesHubStack(app, "hub", { cluster });
// A full app synth (into the test app's temporary folder): cross-stack references are resolved only there.
const doc = JSON.parse(JetstreamTesting.synthStack(hubStack));
const [release] = hubReleases(doc);
const values = valuesOf(release);

describe("examples/kubernetes-hub: the hub stack", () => {
  test("configures Helm and Kubernetes from the cluster, with the token read across stacks, not copied", () => {
    expect(doc.provider.kubernetes[0].host).toBe("https://203.0.113.10:6443");
    expect(doc.provider.helm[0].kubernetes.host).toBe("https://203.0.113.10:6443");
    expect(doc.provider.kubernetes[0].token).toMatch(/^\$\{data\.terraform_remote_state\.[^}]+\}$/);
  });

  test("serves the cluster's stable entry with Let's Encrypt, homes on the cluster's NFS export", () => {
    expect(values.proxy.https.hosts).toEqual([HUB_HOST]);
    expect(values.proxy.service.loadBalancerIP).toBe(HUB_IP);
    expect(values.singleuser.storage.type).toBe("static");
    expect(bodies(doc, "kubernetes_persistent_volume_v1")[0].spec[0].persistent_volume_source.nfs.server).toBe(
      "10.0.0.5",
    );
  });

  test("reports the URL and the callback to register", () => {
    expect(doc.output.hub_url.value).toBe(`https://${HUB_HOST}/`);
    expect(doc.output.oauth_callback_url.value).toBe(`https://${HUB_HOST}/hub/oauth_callback`);
  });
});

describeWithSchema("z2jh-values.schema.json", "examples/kubernetes-hub values", () => {
  test("are valid chart 4.4.0 values", () => {
    expect(z2jhViolations(z2jhOracle()!, values)).toEqual([]);
  });
});
