import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { KubernetesEngine, KubernetesOnJetstream, KubernetesOnJetstreamProps } from "../../lib";
import { StackJson, newStack, synth } from "../support/synth";

/** A documentation address range, as the examples use. */
export const ADMIN_NET = "198.51.100.0/24";

/** A stack with the providers the self-managed engine needs besides OpenStack (tls, random). */
export function selfManagedStack(): TerraformStack {
  const stack = newStack();
  new TlsProvider(stack, "tls");
  new RandomProvider(stack, "random");
  return stack;
}

/** Synthesizes one Magnum cluster with `props` over sensible defaults. */
export function synthMagnum(props: Partial<KubernetesOnJetstreamProps> = {}): StackJson {
  const stack = newStack();
  new KubernetesOnJetstream(stack, "Cluster", { name: "hubk8s", apiAllowedCidrs: [ADMIN_NET], ...props });
  return synth(stack);
}

/** Synthesizes one self-managed cluster with `props` over sensible defaults. */
export function synthSelfManaged(props: Partial<KubernetesOnJetstreamProps> = {}): StackJson {
  const stack = selfManagedStack();
  new KubernetesOnJetstream(stack, "Cluster", {
    name: "hubk3s",
    engine: KubernetesEngine.selfManaged(),
    apiAllowedCidrs: [ADMIN_NET],
    ...props,
  });
  return synth(stack);
}

/** The warnings recorded on `scope` and its children. */
export function warnings(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data)));
}

/** The single resource of a type, failing when there is not exactly one. */
export function only(doc: StackJson, type: string): any {
  const all = Object.values(doc.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}
