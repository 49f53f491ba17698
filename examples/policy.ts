import { App, TerraformStack } from "cdktf";
import { Jetstream2StateBackend, JetstreamChecks, PolicyFinding } from "../lib";
import { buildExamples } from "./examples";

/** The environment variables the example app reads (the library itself reads none). */
export interface ExampleEnvironment {
  /** A bucket in the allocation's object store: when set, every example stack keeps its state there. */
  readonly JETSTREAM_STATE_BUCKET?: string;
}

/** The example stacks, with their state backend and the policy pack. */
export interface PreparedExamples {
  readonly stacks: TerraformStack[];
  readonly checks: JetstreamChecks;
}

/**
 * Builds every example, gives each a state backend, and adds the JetstreamChecks pack: what `npm run synth`
 * does, and what the tests check.
 */
export function prepareExamples(app: App, env: ExampleEnvironment): PreparedExamples {
  const stacks = buildExamples(app);
  const bucket = env.JETSTREAM_STATE_BUCKET;
  for (const stack of stacks) {
    if (bucket) {
      Jetstream2StateBackend.configure(stack, { bucket });
      JetstreamChecks.acknowledge(stack, [
        {
          id: "JSH-STATE-03",
          reason:
            "server-side encryption on the Jetstream2 object store is unverified; the bucket is private to the allocation",
        },
      ]);
    } else {
      // `npm run synth` must work on a fresh machine without credentials, so state stays local unless asked.
      JetstreamChecks.acknowledge(stack, [
        {
          id: "JSH-STATE-01",
          reason:
            "examples synthesize without credentials; set JETSTREAM_STATE_BUCKET to keep state in the object store",
        },
      ]);
    }
  }
  return { stacks, checks: JetstreamChecks.applyTo(app) };
}

/** One line per stack: open and acknowledged findings, then each open finding. */
export function formatFindings(stacks: TerraformStack[], findings: PolicyFinding[]): string {
  const lines: string[] = [];
  for (const stack of stacks) {
    const own = findings.filter(
      (f) => f.constructPath === stack.node.path || f.constructPath.startsWith(`${stack.node.path}/`),
    );
    const open = own.filter((f) => f.acknowledgedReason === undefined);
    lines.push(`${stack.node.id}: ${open.length} open policy findings, ${own.length - open.length} acknowledged`);
    for (const f of open)
      lines.push(`    ${f.level} ${f.ruleId}${f.findingId ? `[${f.findingId}]` : ""} ${f.constructPath}: ${f.message}`);
  }
  return lines.join("\n");
}
