import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { TerraformProvider, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { IKubernetesCluster } from "../core/interfaces";
import { isDnsLabel } from "../core/naming";
import { checkLiteral, fail, isUnresolved } from "../core/validate";

/**
 * Options for `KubernetesProviders.configure`.
 */
export interface KubernetesProvidersOptions {
  /**
   * A provider alias, when a stack talks to more than one cluster. Each hub on an aliased pair must then be given
   * the pair (`ZeroToJupyterHub` `providers`).
   *
   * Tokens: refused; it is checked at synth and names the providers' aliases.
   *
   * @default - the default (unaliased) providers
   */
  readonly alias?: string;
}

/**
 * The Helm and Kubernetes providers of one cluster.
 */
export interface ConfiguredKubernetesProviders {
  /**
   * The Helm provider.
   *
   * Tokens: n.a.; a provider construct.
   */
  readonly helm: HelmProvider;
  /**
   * The Kubernetes provider.
   *
   * Tokens: n.a.; a provider construct.
   */
  readonly kubernetes: KubernetesProvider;
  /**
   * The cluster the providers talk to, so a hub can check that it is given its own cluster's pair.
   *
   * Tokens: n.a.; a cluster construct.
   *
   * @default - unknown; not checked
   */
  readonly cluster?: IKubernetesCluster;
}

/**
 * Configures the Helm and Kubernetes providers from an `IKubernetesCluster`.
 *
 * Works across stacks: when the cluster lives in another stack, cdktf turns its attributes into cross-stack
 * references (a sensitive output there, remote state here), so `cdktf deploy cluster hub` needs no kubeconfig.
 *
 * A stack holds one pair per alias. With one pair, a hub in the stack uses it; with more than one (a stack that
 * talks to two clusters), each hub must be given its pair (`ZeroToJupyterHub` `providers`), or synth fails.
 */
export class KubernetesProviders {
  /**
   * Adds a Helm and a Kubernetes provider for `cluster` to `scope`'s stack.
   */
  public static configure(
    scope: Construct,
    cluster: IKubernetesCluster,
    options: KubernetesProvidersOptions = {},
  ): ConfiguredKubernetesProviders {
    const stack = TerraformStack.of(scope);
    const alias = checkLiteral(stack, "alias", options.alias, "it names the providers in the configuration");
    if (alias !== undefined && (typeof alias !== "string" || !isDnsLabel(alias))) {
      fail(stack, {
        prop: "alias",
        value: alias,
        problem: "not a provider alias",
        allowed: "a short name of a-z, 0-9 and '-', e.g. course",
        fix: "name the cluster the pair talks to, e.g. alias: 'course'",
      });
    }
    const existing = kubernetesProvidersIn(stack).find((p) => p.alias === alias);
    if (existing) {
      fail(stack, {
        prop: "alias",
        value: alias,
        problem: `this stack already has ${alias === undefined ? "the default" : "this"} ${existing.terraformResourceType} provider (${existing.node.path}); KubernetesProviders.configure was called twice for it`,
        allowed: "one KubernetesProviders.configure per stack and alias",
        fix: "reuse the pair the first call returned, or give the second cluster's pair an alias of its own and pass it to its hubs (providers)",
      });
    }
    const credentials = {
      host: cluster.apiEndpoint,
      clusterCaCertificate: cluster.clusterCaCertificate,
      clientCertificate: cluster.clientCertificate,
      clientKey: cluster.clientKey,
      token: cluster.token,
    };
    const suffix = alias ? `-${alias}` : "";
    const kubernetes = new KubernetesProvider(scope, `kubernetes${suffix}`, { ...credentials, alias });
    const helm = new HelmProvider(scope, `helm${suffix}`, { kubernetes: credentials, alias });
    return { helm, kubernetes, cluster };
  }

  private constructor() {}
}

/** The Helm and Kubernetes providers of `stack`, however they were made. */
export function kubernetesProvidersIn(stack: TerraformStack): TerraformProvider[] {
  return stack.node
    .findAll()
    .filter(
      (c): c is TerraformProvider =>
        c instanceof TerraformProvider &&
        (c.terraformResourceType === "kubernetes" || c.terraformResourceType === "helm"),
    );
}

/** Which provider pair a construct's Kubernetes and Helm resources use. */
export interface ProviderChoice {
  /** The Kubernetes provider to set on each resource, or undefined for the stack's default provider. */
  readonly kubernetes?: KubernetesProvider;
  /** The Helm provider to set on each release, or undefined for the stack's default provider. */
  readonly helm?: HelmProvider;
}

/**
 * Checks a chosen pair (in `scope`'s stack, for `cluster`) and returns it; with no choice, adds a validation that
 * refuses the stack's providers when they are ambiguous (more than one pair) or aliased (so the default would be an
 * unconfigured provider). Throws JetstreamValidationError naming `providers`.
 */
export function chooseProviders(
  scope: IConstruct,
  cluster: IKubernetesCluster | undefined,
  chosen: ConfiguredKubernetesProviders | undefined,
): ProviderChoice {
  const stack = TerraformStack.of(scope);
  if (chosen !== undefined) {
    for (const provider of [chosen.helm, chosen.kubernetes]) {
      if (!(provider instanceof TerraformProvider)) {
        fail(scope, {
          prop: "providers",
          value: typeof provider,
          problem: "not a provider pair",
          allowed: "what KubernetesProviders.configure returned",
          fix: "pass the result of KubernetesProviders.configure(stack, cluster)",
        });
      }
      const home = TerraformStack.of(provider);
      if (home !== stack) {
        fail(scope, {
          prop: "providers",
          value: provider.node.path,
          problem: `the ${provider.terraformResourceType} provider is in stack ${home.node.id}, this construct in stack ${stack.node.id}; Terraform resources can only use providers of their own stack`,
          allowed: `a pair configured in stack ${stack.node.id}`,
          fix: `call KubernetesProviders.configure(<stack ${stack.node.id}>, cluster) and pass its result`,
        });
      }
    }
    if (
      cluster !== undefined &&
      chosen.cluster !== undefined &&
      chosen.cluster !== cluster &&
      // Names known only at deploy time cannot be compared here.
      !isUnresolved(chosen.cluster.clusterName) &&
      !isUnresolved(cluster.clusterName) &&
      chosen.cluster.clusterName !== cluster.clusterName
    ) {
      fail(scope, {
        prop: "providers",
        value: chosen.cluster.clusterName,
        problem: `the pair talks to cluster ${JSON.stringify(chosen.cluster.clusterName)}, the hub is on ${JSON.stringify(cluster.clusterName)}`,
        allowed: "the pair configured for the hub's own cluster",
        fix: "pass the providers KubernetesProviders.configure returned for the hub's cluster",
      });
    }
    return { kubernetes: chosen.kubernetes, helm: chosen.helm };
  }
  scope.node.addValidation({
    validate: () => {
      for (const type of ["kubernetes", "helm"]) {
        const found = kubernetesProvidersIn(stack).filter((p) => p.terraformResourceType === type);
        if (found.length > 1 || (found.length === 1 && found[0].alias !== undefined)) {
          fail(scope, {
            prop: "providers",
            value: undefined,
            problem:
              found.length > 1
                ? `stack ${stack.node.id} has ${found.length} ${type} providers (${found.map((p) => p.alias ?? "default").join(", ")}) and none was chosen, so Terraform would use the default one, which may talk to another cluster`
                : `stack ${stack.node.id}'s only ${type} provider has the alias ${JSON.stringify(found[0].alias)}, so Terraform would use an unconfigured default provider`,
            allowed: "the pair KubernetesProviders.configure returned for this construct's cluster",
            fix: "pass providers: KubernetesProviders.configure(stack, cluster, { alias }) for the cluster this construct installs on",
          });
        }
      }
      return [];
    },
  });
  return {};
}
