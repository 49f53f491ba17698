import { Testing } from "cdktf";
import { KubernetesEngine, KubernetesOnJetstream, KubernetesProviders } from "../../lib";
import { API_READY_WAIT } from "../../lib/kubernetes-on-jetstream/self-managed";
import { synth } from "../support/synth";
import { ADMIN_NET, selfManagedStack } from "./support";

// A self-managed cluster's API exists only once cloud-init has installed k3s, minutes after the VMs. The cluster
// waits for it with the http provider's data source (hashicorp/http 3.5.0 via @cdktf/provider-http 10.0.1: `retry`
// retries a failed request, `ca_cert_pem` / `client_cert_pem` / `client_key_pem` set up TLS), and everything that
// talks to the API takes its address from that probe.

function selfManagedHubStack() {
  const stack = selfManagedStack();
  const cluster = new KubernetesOnJetstream(stack, "Cluster", {
    engine: KubernetesEngine.selfManaged(),
    apiAllowedCidrs: [ADMIN_NET],
  });
  KubernetesProviders.configure(stack, cluster);
  return synth(stack) as any;
}

describe("the hub does not race a self-managed k3s API", () => {
  const doc = selfManagedHubStack();
  const probes = Object.entries<any>(doc.data.http ?? {});

  test("one probe asks the control plane's /readyz, trusting only the cluster CA, as the admin", () => {
    expect(probes).toHaveLength(1);
    const [, probe] = probes[0];
    expect(probe.url).toMatch(/^https:\/\/\$\{openstack_networking_floatingip_v2\.[\w-]+\.address\}:6443\/readyz$/);
    expect(probe.ca_cert_pem).toMatch(/^\$\{tls_self_signed_cert\.\w*ServerCa\w*\.cert_pem\}$/);
    expect(probe.client_cert_pem).toMatch(/^\$\{tls_locally_signed_cert\.\w*AdminCertificate\w*\.cert_pem\}$/);
    expect(probe.client_key_pem).toMatch(/^\$\{tls_private_key\.\w*AdminKey\w*\.private_key_pem\}$/);
    expect(probe.insecure).toBeUndefined();
  });

  test("it retries for a bounded time and fails the apply with a clear message when the API never answers", () => {
    const [, probe] = probes[0];
    expect(probe.retry).toEqual({
      attempts: API_READY_WAIT.attempts,
      min_delay_ms: API_READY_WAIT.delayMs,
      max_delay_ms: API_READY_WAIT.delayMs,
    });
    const waitMinutes = (probe.retry.attempts * probe.retry.min_delay_ms) / 60_000;
    expect(waitMinutes).toBeGreaterThanOrEqual(10);
    expect(waitMinutes).toBeLessThanOrEqual(30);
    expect(probe.lifecycle.postcondition).toEqual([
      expect.objectContaining({ condition: "${self.status_code == 200}" }),
    ]);
    expect(probe.lifecycle.postcondition[0].error_message).toMatch(/did not report ready.*apiAllowedCidrs/s);
  });

  test("the Helm and Kubernetes providers take the API address from the probe, so they wait for it", () => {
    const [name] = probes[0];
    const host = `\${trimsuffix(data.http.${name}.url, "/readyz")}`;
    expect(doc.provider.kubernetes[0].host).toBe(host);
    expect(doc.provider.helm[0].kubernetes.host).toBe(host);
  });

  test("the stack declares the http provider, pinned", () => {
    expect(doc.terraform.required_providers.http).toEqual({ source: "http", version: "3.5.0" });
    expect(doc.provider.http).toHaveLength(1);
  });

  test("a Magnum cluster, whose API is up when Magnum reports the cluster created, has no probe", () => {
    const stack = Testing.synthScope((scope) => {
      new KubernetesOnJetstream(scope, "Cluster", { apiAllowedCidrs: [ADMIN_NET] });
    });
    expect(JSON.parse(stack).data?.http).toBeUndefined();
  });
});
