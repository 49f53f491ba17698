import { DataHttp } from "@cdktf/provider-http/lib/data-http";
import { HttpProvider } from "@cdktf/provider-http/lib/provider";
import { Password } from "@cdktf/provider-random/lib/password";
import { CertRequest } from "@cdktf/provider-tls/lib/cert-request";
import { LocallySignedCert } from "@cdktf/provider-tls/lib/locally-signed-cert";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { SelfSignedCert } from "@cdktf/provider-tls/lib/self-signed-cert";
import { Fn, Lazy, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { JetstreamFlavor } from "../core/flavor";
import { JetstreamImage } from "../core/image";
import { checkLiteral, fail } from "../core/validate";
import { JetstreamCluster } from "../jetstream-cluster/jetstream-cluster";
import { Node, NodeGroup } from "../jetstream-cluster/node-group";
import { DEFAULT_K3S_VERSION } from "./engine";
import { K3S_API_PORT, renderK3sAgentUserData, renderK3sServerUserData } from "./k3s-cloud-init";
import { NodeGroupSpec, WorkerSizing } from "./workers";

/** Ten years, as k3s gives its own CAs. */
const CA_VALIDITY_HOURS = 87600;
/** The admin client certificate lasts a year and is renewed by any apply in its last 30 days. */
const ADMIN_VALIDITY_HOURS = 8760;
const ADMIN_EARLY_RENEWAL_HOURS = 720;

/**
 * How long Terraform waits for the k3s API to answer /readyz: 90 tries 10 s apart (plus each try's own timeout),
 * enough for cloud-init to install k3s on a fresh VM (typically 2 to 5 minutes).
 */
export const API_READY_WAIT = { attempts: 90, delayMs: 10_000, requestTimeoutMs: 10_000 };

/** The admin identity: `system:masters` is bound to cluster-admin in every Kubernetes cluster. */
export const ADMIN_COMMON_NAME = "jetstream-admin";
export const ADMIN_GROUP = "system:masters";

/** An extra worker group of a self-managed cluster, validated. */
export interface SelfManagedGroupSpec {
  readonly name: string;
  readonly flavor: JetstreamFlavor;
  readonly count: number;
}

/** Everything the self-managed builder needs, validated by the construct. */
export interface SelfManagedSpec {
  readonly name: string;
  readonly version: string;
  readonly image: JetstreamImage;
  readonly controlPlaneFlavor: JetstreamFlavor;
  readonly workerFlavor: JetstreamFlavor;
  readonly workerCount: number;
  readonly apiAllowedCidrs: string[];
  /** The control plane's public DNS name, when Jetstream2 publishes one. */
  readonly controlPlaneDnsName?: string;
  /** Open 80/443 on the workers: the hub's public entry is attached to the first one. */
  readonly workersServeWeb: boolean;
  readonly nodeGroups: SelfManagedGroupSpec[];
}

/** What a self-managed cluster gives its construct. */
export interface SelfManagedCluster {
  readonly apiEndpoint: string;
  readonly clusterCaCertificate: string;
  readonly clientCertificate: string;
  readonly clientKey: string;
  readonly controlPlane: Node;
  readonly workers: NodeGroup;
}

/** A k3s release tag. */
export function checkK3sVersion(scope: IConstruct, version: string | undefined): string {
  const value = checkLiteral(scope, "engine.k3sVersion", version ?? DEFAULT_K3S_VERSION, "the tag is checked at synth");
  if (typeof value !== "string" || !/^v1\.\d+\.\d+\+k3s\d+$/.test(value)) {
    fail(scope, {
      prop: "engine.k3sVersion",
      value,
      problem: "not a k3s release tag",
      allowed: "a tag such as v1.33.5+k3s1 (https://github.com/k3s-io/k3s/releases)",
      fix: `use ${DEFAULT_K3S_VERSION}, or copy a tag from the k3s releases page`,
    });
  }
  return value;
}

/** What the self-managed engine cannot do: autoscale, or run GPU nodes. */
export function checkSelfManagedLimits(scope: IConstruct, workers: WorkerSizing, groups: NodeGroupSpec[]): void {
  const scaled = workers.autoscaling ? -2 : groups.findIndex((g) => g.sizing.autoscaling);
  if (scaled !== -1) {
    fail(scope, {
      prop: scaled === -2 ? "autoscaling" : `nodeGroups[${scaled}].autoscaling`,
      value: scaled === -2 ? workers.autoscaling : groups[scaled].sizing.autoscaling,
      problem: "the self-managed engine has no autoscaler",
      allowed: "a fixed count of workers",
      fix: "set workerCount (or the group's count) instead, or use KubernetesEngine.magnum()",
    });
  }
  const gpu = groups.findIndex((g) => g.flavor.isGpu);
  if (gpu !== -1) {
    fail(scope, {
      prop: `nodeGroups[${gpu}].flavor`,
      value: groups[gpu].flavor.name,
      problem:
        "GPU nodes need the NVIDIA container toolkit and device plugin, which the self-managed engine does not install",
      allowed: "CPU and large-memory flavors",
      fix: "use KubernetesEngine.magnum(): Jetstream2's Magnum clusters ship the NVIDIA GPU operator",
    });
  }
}

function certificateAuthority(scope: Construct, id: string, commonName: string): SelfSignedCert {
  const key = new PrivateKey(scope, `${id}Key`, { algorithm: "ECDSA", ecdsaCurve: "P256" });
  return new SelfSignedCert(scope, id, {
    privateKeyPem: key.privateKeyPem,
    isCaCertificate: true,
    validityPeriodHours: CA_VALIDITY_HOURS,
    allowedUses: ["cert_signing", "crl_signing", "digital_signature", "key_encipherment"],
    subject: [{ commonName }],
  });
}

/**
 * Generates the cluster's credentials (child `Credentials`) and adds the k3s node groups to `machines`:
 * `control-plane` (one VM with a floating IP; the API port open to `apiAllowedCidrs`), `workers`, and extra groups.
 */
export function createSelfManagedCluster(
  scope: Construct,
  machines: JetstreamCluster,
  spec: SelfManagedSpec,
): SelfManagedCluster {
  const credentials = new Construct(scope, "Credentials");
  const serverCa = certificateAuthority(credentials, "ServerCa", `${spec.name}-server-ca`);
  const clientCa = certificateAuthority(credentials, "ClientCa", `${spec.name}-client-ca`);
  const adminKey = new PrivateKey(credentials, "AdminKey", { algorithm: "ECDSA", ecdsaCurve: "P256" });
  const adminRequest = new CertRequest(credentials, "AdminRequest", {
    privateKeyPem: adminKey.privateKeyPem,
    subject: [{ commonName: ADMIN_COMMON_NAME, organization: ADMIN_GROUP }],
  });
  const adminCertificate = new LocallySignedCert(credentials, "AdminCertificate", {
    certRequestPem: adminRequest.certRequestPem,
    caCertPem: clientCa.certPem,
    caPrivateKeyPem: clientCa.privateKeyPem,
    validityPeriodHours: ADMIN_VALIDITY_HOURS,
    earlyRenewalHours: ADMIN_EARLY_RENEWAL_HOURS,
    allowedUses: ["client_auth", "digital_signature", "key_encipherment"],
  });
  const serverToken = new Password(credentials, "ServerToken", { length: 48, special: false });
  const agentToken = new Password(credentials, "AgentToken", { length: 48, special: false });

  const controlPlaneGroup = machines.addNodeGroup({
    name: "control-plane",
    flavor: spec.controlPlaneFlavor,
    image: spec.image,
    floatingIp: true,
    ingressRules: [
      { description: "Kubernetes API from apiAllowedCidrs", fromPort: K3S_API_PORT, cidrs: spec.apiAllowedCidrs },
    ],
    // Rendered at synth time: the API certificate must name the floating IP, known once the node exists.
    userData: Lazy.stringValue({
      produce: () =>
        renderK3sServerUserData({
          version: spec.version,
          serverCaCertBase64: Fn.base64encode(serverCa.certPem),
          serverCaKeyBase64: Fn.base64encode(serverCa.privateKeyPem),
          clientCaCertBase64: Fn.base64encode(clientCa.certPem),
          clientCaKeyBase64: Fn.base64encode(clientCa.privateKeyPem),
          serverToken: serverToken.result,
          agentToken: agentToken.result,
          tlsSans: [
            controlPlaneGroup.nodes[0].publicIp!,
            ...(spec.controlPlaneDnsName ? [spec.controlPlaneDnsName] : []),
          ],
        }),
    }),
  });
  const controlPlane = controlPlaneGroup.nodes[0];

  const agentUserData = renderK3sAgentUserData({
    version: spec.version,
    serverUrl: `https://${controlPlane.privateIp}:${K3S_API_PORT}`,
    agentToken: agentToken.result,
  });
  const workers = machines.addNodeGroup({
    name: "workers",
    flavor: spec.workerFlavor,
    count: spec.workerCount,
    image: spec.image,
    webAccess: spec.workersServeWeb,
    userData: agentUserData,
  });
  for (const group of spec.nodeGroups) {
    machines.addNodeGroup({
      name: group.name,
      flavor: group.flavor,
      count: group.count,
      image: spec.image,
      userData: agentUserData,
    });
  }

  // Nothing else waits for cloud-init to install k3s: without this, a hub applied right after the cluster meets
  // "connection refused". The probe authenticates with the admin certificate (k3s turns anonymous access off) and
  // trusts only the cluster's own CA. The endpoint every consumer sees is derived from the probe, so the providers
  // of a hub in this stack, and the cross-stack output a hub stack reads, exist only once the API is ready.
  // The http provider needs no settings, so the stack gets one unless it already declares it.
  const stack = TerraformStack.of(scope);
  if (!stack.node.findAll().some((c) => c instanceof HttpProvider)) new HttpProvider(stack, "http", {});
  const ready = new DataHttp(scope, "ApiReady", {
    url: `https://${controlPlane.publicIp}:${K3S_API_PORT}/readyz`,
    caCertPem: serverCa.certPem,
    clientCertPem: adminCertificate.certPem,
    clientKeyPem: adminKey.privateKeyPem,
    requestTimeoutMs: API_READY_WAIT.requestTimeoutMs,
    retry: {
      attempts: API_READY_WAIT.attempts,
      minDelayMs: API_READY_WAIT.delayMs,
      maxDelayMs: API_READY_WAIT.delayMs,
    },
    lifecycle: {
      postcondition: [
        {
          condition: "${self.status_code == 200}",
          errorMessage:
            "The k3s API did not report ready (/readyz) within the wait: check the control-plane VM's cloud-init " +
            "log (/var/log/cloud-init-output.log), and that the machine running Terraform is in apiAllowedCidrs; " +
            "then run the deploy again.",
        },
      ],
    },
  });

  return {
    apiEndpoint: Fn.trimsuffix(ready.url, "/readyz"),
    clusterCaCertificate: serverCa.certPem,
    clientCertificate: adminCertificate.certPem,
    clientKey: adminKey.privateKeyPem,
    controlPlane,
    workers,
  };
}
