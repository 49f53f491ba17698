// The k3s and NFS renderers run on plain values, without a stack: the user data their tests read.
import { renderK3sAgentUserData, renderK3sServerUserData } from "../../lib/kubernetes-on-jetstream/k3s-cloud-init";
import { renderNfsServerUserData } from "../../lib/kubernetes-on-jetstream/nfs-cloud-init";

const b64 = (text: string) => Buffer.from(text).toString("base64");

export const SERVER = renderK3sServerUserData({
  version: "v1.33.5+k3s1",
  serverCaCertBase64: b64("-----BEGIN CERTIFICATE-----\nserver\n-----END CERTIFICATE-----\n"),
  serverCaKeyBase64: b64("server key"),
  clientCaCertBase64: b64("client cert"),
  clientCaKeyBase64: b64("client key"),
  serverToken: "s3rv3r",
  agentToken: "ag3nt",
  tlsSans: ["203.0.113.10", "k3s.cis230085.projects.jetstream-cloud.org"],
});
export const AGENT = renderK3sAgentUserData({
  version: "v1.33.5+k3s1",
  serverUrl: "https://10.0.0.5:6443",
  agentToken: "ag3nt",
});
export const NFS = renderNfsServerUserData({
  volumeSerial: "0123456789abcdef0123",
  exportPath: "/export/home",
  clientCidrs: ["10.0.0.0/24", "10.1.0.0/24"],
  ownerUid: 1000,
  ownerGid: 100,
});
export const RENDERED: [string, string][] = [
  ["k3s server", SERVER],
  ["k3s agent", AGENT],
  ["NFS server", NFS],
];
