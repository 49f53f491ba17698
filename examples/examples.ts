import { App, TerraformStack } from "cdktf";
import { JetstreamClusterExample } from "./jetstream-cluster/stack";
import { KubernetesHubClusterStack } from "./kubernetes-hub/cluster-stack";
import { KubernetesMagnumExample } from "./kubernetes-magnum/stack";
import { KubernetesSelfManagedExample } from "./kubernetes-self-managed/stack";

/**
 * Adds every example stack to `app`. The one list of examples: the main job and the tests both use it.
 */
export function buildExamples(app: App): TerraformStack[] {
  return [
    new JetstreamClusterExample(app, "jetstream-cluster"),
    new KubernetesMagnumExample(app, "kubernetes-magnum"),
    new KubernetesSelfManagedExample(app, "kubernetes-self-managed"),
    new KubernetesHubClusterStack(app, "kubernetes-hub-cluster"),
  ];
}
