import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { requireInstance } from "../core/errors";

/**
 * Unit-test helpers for apps built with this library: synthesize the whole app, then read the stacks' Terraform
 * JSON, as text that cdktf's `Testing` matchers take (`toHaveResourceWithProperties` and friends).
 *
 * `Testing.synth(stack)` synthesizes one stack on its own: references to another stack's resources stay
 * unresolved, and the remote state that carries them is missing. These helpers run a full `app.synth()`
 * (validations, aspects such as `JetstreamChecks`, cross-stack outputs and remote state) into the app's output
 * folder, so make the app with `Testing.app()`, which gives it a fresh temporary folder.
 *
 * @example
 * const app = Testing.app();
 * const stack = new TerraformStack(app, "hub");
 * // ... the constructs under test
 * expect(JetstreamTesting.synthStack(stack)).toHaveResourceWithProperties(openstack.computeInstanceV2.ComputeInstanceV2, {
 *   flavor_name: "m3.xl",
 * });
 */
export class JetstreamTesting {
  /**
   * Synthesizes the whole app that holds `stack` and returns that stack's `cdk.tf.json`, as JSON text.
   *
   * Throws what `app.synth()` throws: a validation error, or an error annotation such as an open policy finding.
   *
   * @param stack the stack to read; its app is synthesized whole
   */
  public static synthStack(stack: TerraformStack): string {
    // cdktf names each stack in the manifest by its id (ids of stacks are unique in an app).
    return JetstreamTesting.synthApp(App.of(stack))[stack.node.id];
  }

  /**
   * Synthesizes `app` whole and returns every stack's `cdk.tf.json` as JSON text, by stack name.
   *
   * @param app the app, preferably made with `Testing.app()` (a temporary output folder)
   */
  public static synthApp(app: App): { [stack: string]: string } {
    requireInstance(app, App, "app", "the App that holds the stacks");
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, "manifest.json"), "utf8"));
    const stacks: { [stack: string]: string } = {};
    for (const [name, entry] of Object.entries<any>(manifest.stacks ?? {})) {
      stacks[name] = fs.readFileSync(path.join(app.outdir, entry.synthesizedStackPath), "utf8");
    }
    return stacks;
  }

  private constructor() {}
}
