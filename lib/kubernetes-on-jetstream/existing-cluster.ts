import { Construct } from "constructs";
import { JetstreamFlavor } from "../core/flavor";
import { IHubEndpoint, IKubernetesCluster, INfsHomeStorage } from "../core/interfaces";
import { checkUniqueId, checkNonEmpty, fail } from "../core/validate";

/**
 * The attributes of a Kubernetes cluster made elsewhere.
 */
export interface KubernetesClusterAttributes {
  /**
   * A short name for the cluster.
   *
   * Tokens: accepted; not written: it only appears in messages, and two clusters are compared by it only when it is
   * known.
   */
  readonly clusterName: string;
  /**
   * The API server URL, e.g. `https://203.0.113.10:6443`.
   *
   * Tokens: accepted; written into the providers' configuration as a reference.
   */
  readonly apiEndpoint: string;
  /**
   * The cluster CA certificate, PEM.
   *
   * Tokens: accepted; written into the providers' configuration as a reference.
   */
  readonly clusterCaCertificate: string;
  /**
   * Client certificate, PEM (with `clientKey`).
   *
   * Tokens: accepted; written into the providers' configuration as a reference.
   *
   * @default - none; use `token`
   */
  readonly clientCertificate?: string;
  /**
   * Client key, PEM (with `clientCertificate`). Pass a sensitive reference, never a literal.
   *
   * Tokens: accepted; written into the providers' configuration as a reference.
   *
   * @default - none; use `token`
   */
  readonly clientKey?: string;
  /**
   * A bearer token. Pass a sensitive reference, never a literal.
   *
   * Tokens: accepted; written into the providers' configuration as a reference.
   *
   * @default - none; use a client certificate
   */
  readonly token?: string;
  /**
   * The flavor of the smallest CPU worker, so hubs can check that a user's memory fits a node.
   *
   * Tokens: n.a.; a JetstreamFlavor.
   *
   * @default - unknown; no fit check
   */
  readonly workerFlavor?: JetstreamFlavor;
  /**
   * Flavors of GPU worker nodes.
   *
   * Tokens: n.a.; a list of JetstreamFlavor.
   *
   * @default - none
   */
  readonly gpuWorkerFlavors?: JetstreamFlavor[];
  /**
   * Home storage outside the cluster.
   *
   * Tokens: n.a.; an object.
   *
   * @default - none
   */
  readonly homeStorage?: INfsHomeStorage;
  /**
   * A stable public entry for the hub.
   *
   * Tokens: n.a.; an object.
   *
   * @default - none
   */
  readonly hubEndpoint?: IHubEndpoint;
}

/**
 * Bring your own cluster: a Kubernetes cluster made outside this app (another stack, another tool, another
 * cloud) that a hub can be installed on.
 */
export class KubernetesCluster {
  /**
   * An `IKubernetesCluster` from its attributes. Needs either a token or a client certificate and key.
   */
  public static fromAttributes(scope: Construct, id: string, attrs: KubernetesClusterAttributes): IKubernetesCluster {
    return new ImportedCluster(scope, id, attrs);
  }

  private constructor() {}
}

class ImportedCluster extends Construct implements IKubernetesCluster {
  public readonly clusterName: string;
  public readonly apiEndpoint: string;
  public readonly clusterCaCertificate: string;
  public readonly clientCertificate?: string;
  public readonly clientKey?: string;
  public readonly token?: string;
  public readonly workerFlavor?: JetstreamFlavor;
  public readonly gpuWorkerFlavors: JetstreamFlavor[];
  public readonly homeStorage?: INfsHomeStorage;
  public readonly hubEndpoint?: IHubEndpoint;

  public constructor(scope: Construct, id: string, attrs: KubernetesClusterAttributes) {
    super(scope, checkUniqueId(scope, id));
    this.clusterName = checkNonEmpty(this, "clusterName", attrs.clusterName, "name the cluster");
    this.apiEndpoint = checkNonEmpty(
      this,
      "apiEndpoint",
      attrs.apiEndpoint,
      "give the API server URL (kubectl config view)",
    );
    this.clusterCaCertificate = checkNonEmpty(
      this,
      "clusterCaCertificate",
      attrs.clusterCaCertificate,
      "give the cluster CA certificate (PEM)",
    );
    const hasCert = attrs.clientCertificate !== undefined || attrs.clientKey !== undefined;
    if (hasCert && (attrs.clientCertificate === undefined || attrs.clientKey === undefined)) {
      fail(this, {
        prop: attrs.clientKey === undefined ? "clientKey" : "clientCertificate",
        value: undefined,
        problem: "a client certificate needs its key, and a key its certificate",
        allowed: "both clientCertificate and clientKey, or neither",
        fix: "pass both halves of the client credential",
      });
    }
    if (!hasCert && attrs.token === undefined) {
      fail(this, {
        prop: "token",
        value: undefined,
        problem: "no client credentials",
        allowed: "a token, or a client certificate and key",
        fix: "pass the credentials of a service account or admin user",
      });
    }
    this.clientCertificate = attrs.clientCertificate;
    this.clientKey = attrs.clientKey;
    this.token = attrs.token;
    this.workerFlavor = attrs.workerFlavor;
    this.gpuWorkerFlavors = attrs.gpuWorkerFlavors ?? [];
    this.homeStorage = attrs.homeStorage;
    this.hubEndpoint = attrs.hubEndpoint;
  }
}
