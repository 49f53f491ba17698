import { App, TerraformStack } from "cdktf";
import { AlternativeStacks } from "../lib";
import { GatewayCompanionExample } from "./gateway-companion/stack";
import { JetstreamClusterExample } from "./jetstream-cluster/stack";
import { KubernetesHubClusterStack } from "./kubernetes-hub/cluster-stack";
import { KubernetesHubStack } from "./kubernetes-hub/hub-stack";
import { KubernetesMagnumExample } from "./kubernetes-magnum/stack";
import { KubernetesSelfManagedExample } from "./kubernetes-self-managed/stack";
import { PlannedHubExample } from "./jupyterhub-on-jetstream/stack";
import { SingleServerHubExample } from "./single-server-hub/stack";

/**
 * Adds every example stack to `app`. The one list of examples: the main job and the tests both use it.
 */
export function buildExamples(app: App): TerraformStack[] {
  const hubCluster = new KubernetesHubClusterStack(app, "kubernetes-hub-cluster");
  const magnum = new KubernetesMagnumExample(app, "kubernetes-magnum");
  const selfManaged = new KubernetesSelfManagedExample(app, "kubernetes-self-managed");
  // The three give the gateway's one hub its one host name, hub.<allocation>.projects.jetstream-cloud.org; an
  // allocation deploys one of them. Any other shared DNS record or VM name is an error at synth.
  AlternativeStacks.declare(
    [magnum, selfManaged, hubCluster],
    "three ways to run the gateway's one hub under its one host name; an allocation deploys one of them",
  );
  return [
    new JetstreamClusterExample(app, "jetstream-cluster"),
    magnum,
    selfManaged,
    hubCluster,
    new KubernetesHubStack(app, "kubernetes-hub", { cluster: hubCluster.cluster }),
    new SingleServerHubExample(app, "single-server-hub"),
    new GatewayCompanionExample(app, "gateway-companion"),
    // JupyterHubOnJetstream: from the same few lines, one VM for a seminar, Kubernetes for a course with GPU users.
    ...new PlannedHubExample(app, "planned-hub-seminar", { name: "seminar", expectedUsers: 12, memoryGiB: 4 }).stacks,
    ...new PlannedHubExample(app, "planned-hub-course", {
      name: "course",
      expectedUsers: 80,
      memoryGiB: 4,
      gpuUsers: 4,
    }).stacks,
  ];
}
