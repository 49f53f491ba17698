import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Construct } from "constructs";
import { IKubernetesCluster } from "../core/interfaces";

/**
 * Options for `KubernetesProviders.configure`.
 */
export interface KubernetesProvidersOptions {
  /**
   * A provider alias, when a stack talks to more than one cluster.
   *
   * @default - the default (unaliased) providers
   */
  readonly alias?: string;
}

/**
 * The Helm and Kubernetes providers of one cluster.
 */
export interface ConfiguredKubernetesProviders {
  /** The Helm provider. */
  readonly helm: HelmProvider;
  /** The Kubernetes provider. */
  readonly kubernetes: KubernetesProvider;
}

/**
 * Configures the Helm and Kubernetes providers from an `IKubernetesCluster`.
 *
 * Works across stacks: when the cluster lives in another stack, cdktf turns its attributes into cross-stack
 * references (a sensitive output there, remote state here), so `cdktf deploy cluster hub` needs no kubeconfig.
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
    const credentials = {
      host: cluster.apiEndpoint,
      clusterCaCertificate: cluster.clusterCaCertificate,
      clientCertificate: cluster.clientCertificate,
      clientKey: cluster.clientKey,
      token: cluster.token,
    };
    const suffix = options.alias ? `-${options.alias}` : "";
    const kubernetes = new KubernetesProvider(scope, `kubernetes${suffix}`, { ...credentials, alias: options.alias });
    const helm = new HelmProvider(scope, `helm${suffix}`, { kubernetes: credentials, alias: options.alias });
    return { helm, kubernetes };
  }

  private constructor() {}
}
