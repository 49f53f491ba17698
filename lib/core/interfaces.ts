import { IConstruct } from "constructs";
import { JetstreamFlavor } from "./flavor";
import { Size } from "./units";

/**
 * A stable public entry for a hub: an address that outlives clusters and redeploys, and the DNS name that
 * points at it, so the HTTPS certificate and the OAuth callback URL stay valid.
 */
export interface IHubEndpoint {
  /** The public IPv4 address (a floating IP reserved outside the cluster). */
  readonly ipAddress: string;
  /**
   * The DNS name that resolves to `ipAddress`, without a trailing dot.
   *
   * Undefined when no DNS record is managed; the hub then needs its own domain.
   */
  readonly hostname?: string;
}

/**
 * Home directories on an NFS export that lives outside the Kubernetes cluster, on storage Terraform owns.
 */
export interface INfsHomeStorage {
  /** The NFS server's address, reachable from the cluster's nodes. */
  readonly serverAddress: string;
  /** The exported path, e.g. `/export/home`. */
  readonly exportPath: string;
  /** Size of the volume behind the export. */
  readonly capacity: Size;
  /**
   * The folder of a user's home within the export, as KubeSpawner's `subPath` template.
   *
   * @default "{username}"
   */
  readonly userSubPath?: string;
}

/**
 * A Kubernetes cluster that a hub can be installed on: how to reach its API, and what it runs on.
 *
 * Implemented by `KubernetesOnJetstream` (Magnum or self-managed) and by `KubernetesCluster.fromAttributes`
 * for a cluster made elsewhere. Attribute values are usually tokens; they may come from another stack.
 */
export interface IKubernetesCluster extends IConstruct {
  /** A short name for the cluster, used in names and messages. */
  readonly clusterName: string;
  /** The API server URL, e.g. `https://203.0.113.10:6443`. */
  readonly apiEndpoint: string;
  /** The cluster CA certificate, PEM. */
  readonly clusterCaCertificate: string;
  /**
   * The client certificate, PEM, for certificate authentication.
   *
   * @default - not set; token authentication
   */
  readonly clientCertificate?: string;
  /**
   * The client key, PEM, for certificate authentication. Sensitive.
   *
   * @default - not set; token authentication
   */
  readonly clientKey?: string;
  /**
   * A bearer token, for token authentication. Sensitive.
   *
   * @default - not set; certificate authentication
   */
  readonly token?: string;
  /**
   * The flavor of the smallest CPU worker, so hubs can check that a user's memory fits on a node.
   *
   * @default - unknown (a cluster made elsewhere); no fit check
   */
  readonly workerFlavor?: JetstreamFlavor;
  /** Flavors of the GPU worker node groups, empty without GPUs. */
  readonly gpuWorkerFlavors: JetstreamFlavor[];
  /**
   * Home storage outside the cluster, when the cluster construct made one.
   *
   * @default - none; the hub falls back to what its own props say
   */
  readonly homeStorage?: INfsHomeStorage;
  /**
   * The stable public entry for the hub, when the cluster construct reserved one.
   *
   * @default - none
   */
  readonly hubEndpoint?: IHubEndpoint;
}
