import { toCloudConfig as renderCloudConfig, toYaml, YamlValue, YamlVersion } from "../core/formats/yaml";

/** Where k3s looks for certificate authorities before it generates its own. */
export const K3S_TLS_DIR = "/var/lib/rancher/k3s/server/tls";
/** The k3s configuration file (flags as YAML keys). */
export const K3S_CONFIG = "/etc/rancher/k3s/config.yaml";
/** The API server port. */
export const K3S_API_PORT = 6443;

/**
 * What the k3s server's cloud-init needs. The PEM values are base64-encoded (Terraform's `base64encode`), so a
 * multi-line certificate substituted at apply time stays on one line of YAML.
 */
export interface K3sServerUserDataInput {
  /** The pinned k3s release, e.g. `v1.33.5+k3s1`. */
  readonly version: string;
  /** The server CA certificate (PEM), base64. It signs the API server's certificate. */
  readonly serverCaCertBase64: string;
  /** The server CA key (PEM), base64. */
  readonly serverCaKeyBase64: string;
  /** The client CA certificate (PEM), base64. It signs client certificates, the admin's among them. */
  readonly clientCaCertBase64: string;
  /** The client CA key (PEM), base64. */
  readonly clientCaKeyBase64: string;
  /** The server join token. */
  readonly serverToken: string;
  /** The agent join token: lets a VM join as a worker, never as a server. */
  readonly agentToken: string;
  /** Extra names and addresses on the API server's certificate (its floating IP). */
  readonly tlsSans: string[];
}

/** What a k3s agent's cloud-init needs. */
export interface K3sAgentUserDataInput {
  /** The pinned k3s release. */
  readonly version: string;
  /** The server's URL on the private network, e.g. `https://10.0.0.5:6443`. */
  readonly serverUrl: string;
  /** The agent join token. */
  readonly agentToken: string;
}

function installCommand(version: string, role: "server" | "agent"): string[] {
  // The installer comes from the same tag as the binary, so both are pinned; a failed download stops the boot
  // script rather than running an empty one.
  const url = `https://raw.githubusercontent.com/k3s-io/k3s/${version}/install.sh`;
  return [
    "sh",
    "-c",
    `curl -sfL -o /root/k3s-install.sh ${url} && INSTALL_K3S_VERSION=${version} sh /root/k3s-install.sh ${role}`,
  ];
}

function configFile(settings: { [key: string]: YamlValue }): YamlValue {
  return { path: K3S_CONFIG, permissions: "0600", owner: "root:root", content: toYaml(settings, YamlVersion.V1_1) };
}

function pemFile(name: string, base64: string, secret: boolean): YamlValue {
  return {
    path: `${K3S_TLS_DIR}/${name}`,
    permissions: secret ? "0600" : "0644",
    owner: "root:root",
    encoding: "b64",
    content: base64,
  };
}

/**
 * Renders the cloud-config of the k3s server (the control plane). Pure.
 *
 * k3s uses certificate authorities it finds on disk at first start and generates the others, so the server and
 * client CAs made by Terraform become the cluster's: Terraform then holds a kubeconfig without reading anything
 * back from the VM. Traefik is left out (the hub brings its own proxy), and the server is tainted so that only
 * cluster add-ons run beside the CA keys.
 */
export function renderK3sServerUserData(input: K3sServerUserDataInput): string {
  return renderCloudConfig({
    write_files: [
      pemFile("server-ca.crt", input.serverCaCertBase64, false),
      pemFile("server-ca.key", input.serverCaKeyBase64, true),
      pemFile("client-ca.crt", input.clientCaCertBase64, false),
      pemFile("client-ca.key", input.clientCaKeyBase64, true),
      configFile({
        token: input.serverToken,
        "agent-token": input.agentToken,
        "tls-san": input.tlsSans,
        disable: ["traefik"],
        "node-taint": ["CriticalAddonsOnly=true:NoExecute"],
        "write-kubeconfig-mode": "0600",
      }),
    ],
    runcmd: [installCommand(input.version, "server")],
  });
}

/**
 * Renders the cloud-config of a k3s agent (a worker). Pure. The agent holds the agent token only, which cannot
 * join a server.
 */
export function renderK3sAgentUserData(input: K3sAgentUserDataInput): string {
  return renderCloudConfig({
    // The kubelet mounts the NFS home export; minimal images lack the NFS client.
    packages: ["nfs-common"],
    write_files: [configFile({ server: input.serverUrl, token: input.agentToken })],
    runcmd: [installCommand(input.version, "agent")],
  });
}
