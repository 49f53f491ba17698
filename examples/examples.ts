import { App, TerraformStack } from "cdktf";
import { GatewayCompanionExample } from "./gateway-companion/stack";
import { JetstreamClusterExample } from "./jetstream-cluster/stack";

/**
 * Adds every example stack to `app`. The one list of examples: the main job and the tests both use it.
 */
export function buildExamples(app: App): TerraformStack[] {
  return [new JetstreamClusterExample(app, "jetstream-cluster"), new GatewayCompanionExample(app, "gateway-companion")];
}
