import { App, TerraformStack } from "cdktf";
import { JetstreamClusterExample } from "./jetstream-cluster/stack";
import { SingleServerHubExample } from "./single-server-hub/stack";

/**
 * Adds every example stack to `app`. The one list of examples: the main job and the tests both use it.
 */
export function buildExamples(app: App): TerraformStack[] {
  return [new JetstreamClusterExample(app, "jetstream-cluster"), new SingleServerHubExample(app, "single-server-hub")];
}
