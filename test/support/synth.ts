import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { JetstreamTesting, OpenstackProvider } from "../../lib";

/** A synthesized stack document (cdk.tf.json), parsed. */
export type StackJson = Record<string, any>;

/** A fresh stack with the OpenStack provider, as an app would set them up, in a fresh app unless `app` is given. */
export function newStack(id = "test", app: App = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, id);
  new OpenstackProvider(stack, "openstack", {});
  return stack;
}

// Testing.app() makes a temporary outdir, with a stacks folder, for every app (under the run's own TMPDIR, removed
// at the end: test/support/tmpdir-setup.js). Tests that make hundreds of apps spent a sixth of their time making
// them, and the run's end more removing them, so the apps of `scratchStack` share one outdir per test file (measured
// on token-docs, public-api.property and policy/rules: 6.6 s wall against 7.5 s with an outdir per app). Sharing
// cannot mix up documents: Testing.synth never writes there, and an app's synth reads back only what it has just
// written (the stacks its own manifest lists, then that manifest).
let sharedOutdir: string | undefined;

/** `newStack`, in a fresh app whose outdir is shared with the test file's other scratch apps: for tests that make many. */
export function scratchStack(id = "test"): TerraformStack {
  sharedOutdir ??= fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-scratch-"));
  return newStack(id, Testing.app({ outdir: sharedOutdir }));
}

/** Synthesizes with validations on, and parses the document. */
export function synth(stack: TerraformStack): StackJson {
  return JSON.parse(Testing.synth(stack, true));
}

/** Builds into a fresh stack, synthesizes and parses. */
export function synthWith(build: (scope: Construct) => void): StackJson {
  const stack = newStack();
  build(stack);
  return synth(stack);
}

/** The resources of one type, as [logicalId, body] pairs. */
export function resources(doc: StackJson, type: string): [string, any][] {
  return Object.entries(doc.resource?.[type] ?? {});
}

/** The bodies of the resources of one type. */
export function bodies(doc: StackJson, type: string): any[] {
  return resources(doc, type).map(([, body]) => body);
}

/**
 * The construct path cdktf records for a resource body. Only documents from `stack.toTerraform()` or the files
 * `app.synth()` writes carry it; `Testing.synth` strips the `//` metadata.
 */
export function pathOf(body: any): string {
  return body?.["//"]?.metadata?.path ?? "";
}

/** Every synthesized file's text under an output directory, for canary-secret searches. */
export function allText(doc: StackJson): string {
  return JSON.stringify(doc);
}

/**
 * Synthesizes a whole app, validations included, and parses each stack's cdk.tf.json. Unlike `Testing.synth`, this
 * resolves cross-stack references (outputs in one stack, remote state in the other). It is the exported
 * `JetstreamTesting.synthApp`, the helper the README offers to users, parsed.
 */
export function synthApp(app: App): Record<string, StackJson> {
  return Object.fromEntries(
    Object.entries(JetstreamTesting.synthApp(app)).map(([name, text]) => [name, JSON.parse(text)]),
  );
}

/**
 * `make`, run once per argument (by identity), with every call handed its own deep copy of the result: for a
 * baseline that many tests compare against, synthesized once per file instead of once per test, while no test can
 * see what another did to its documents.
 */
export function onceEach<A, T>(make: (arg: A) => T): (arg: A) => T {
  const made = new Map<A, T>();
  return (arg) => {
    if (!made.has(arg)) made.set(arg, make(arg));
    return structuredClone(made.get(arg)!);
  };
}
