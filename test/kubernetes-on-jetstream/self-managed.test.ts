import { TerraformOutput, Testing } from "cdktf";
import * as yaml from "js-yaml";
import {
  ClusterHomeStorage,
  JetstreamFlavor,
  JetstreamImage,
  JetstreamResource,
  KubernetesEngine,
  KubernetesOnJetstream,
} from "../../lib";
import { StackJson, bodies, newStack, resources, synth } from "../support/synth";
import { ADMIN_NET, only, selfManagedStack, synthSelfManaged, warnings } from "./support";

function instance(doc: StackJson, name: string): any {
  const found = bodies(doc, "openstack_compute_instance_v2").find((b) => b.name === name);
  if (!found) throw new Error(`no instance ${name}`);
  return found;
}

function userData(doc: StackJson, name: string): any {
  return yaml.load(instance(doc, name).user_data);
}

function k3sConfig(cloudConfig: any): any {
  return yaml.load(cloudConfig.write_files.find((f: any) => f.path === "/etc/rancher/k3s/config.yaml").content);
}

describe("KubernetesOnJetstream self-managed (k3s)", () => {
  test("makes one control-plane VM with a public address and N workers without", () => {
    // WHEN
    const doc = synthSelfManaged({ workerCount: 3, workerFlavor: JetstreamFlavor.M3_MEDIUM });
    // THEN
    const names = bodies(doc, "openstack_compute_instance_v2").map((b) => `${b.name} ${b.flavor_name}`);
    expect(names.sort()).toEqual([
      "hubk3s-control-plane m3.small",
      "hubk3s-nfs m3.small",
      "hubk3s-workers-1 m3.medium",
      "hubk3s-workers-2 m3.medium",
      "hubk3s-workers-3 m3.medium",
    ]);
    expect(
      resources(doc, "openstack_networking_floatingip_v2")
        .map(([id]) => id)
        .sort(),
    ).toEqual([
      expect.stringMatching(/^Cluster_HubEndpoint_/),
      expect.stringMatching(/^Cluster_Machines_Group-control-plane_Node1_FloatingIp_/),
    ]);
  });

  test("opens the API port only to apiAllowedCidrs", () => {
    const doc = synthSelfManaged({ apiAllowedCidrs: [ADMIN_NET, "203.0.113.7/32"] });
    const apiRules = bodies(doc, "openstack_networking_secgroup_rule_v2").filter((r) => r.port_range_min === 6443);
    expect(apiRules.map((r) => r.remote_ip_prefix).sort()).toEqual(["198.51.100.0/24", "203.0.113.7/32"]);
    expect(apiRules.every((r) => r.direction === "ingress" && r.port_range_max === 6443)).toBe(true);
  });

  test("generates the CAs, an admin certificate and join tokens in Terraform", () => {
    const doc = synthSelfManaged();
    const cas = bodies(doc, "tls_self_signed_cert");
    expect(cas.map((c) => c.subject[0].common_name).sort()).toEqual(["hubk3s-client-ca", "hubk3s-server-ca"]);
    expect(cas.every((c) => c.is_ca_certificate === true && c.allowed_uses.includes("cert_signing"))).toBe(true);
    expect(only(doc, "tls_cert_request").subject).toEqual([
      { common_name: "jetstream-admin", organization: "system:masters" },
    ]);
    const admin = only(doc, "tls_locally_signed_cert");
    expect(admin.allowed_uses).toContain("client_auth");
    expect(admin.ca_cert_pem).toMatch(/tls_self_signed_cert\.Cluster_Credentials_ClientCa_.*\.cert_pem/);
    expect(bodies(doc, "random_password")).toEqual([
      { length: 48, special: false },
      { length: 48, special: false },
    ]);
  });

  test("hands the CAs and tokens to k3s through user data references, never as literals", () => {
    const doc = synthSelfManaged();
    // THEN the synthesized document holds no key material
    expect(JSON.stringify(doc)).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY|BEGIN CERTIFICATE/);
    // and the server gets each CA as a reference to its Terraform resource
    const server = userData(doc, "hubk3s-control-plane");
    const files = Object.fromEntries(server.write_files.map((f: any) => [f.path, f]));
    const tls = "/var/lib/rancher/k3s/server/tls";
    expect(files[`${tls}/server-ca.crt`]).toMatchObject({
      encoding: "b64",
      permissions: "0644",
      content: expect.stringMatching(
        /^\$\{base64encode\(tls_self_signed_cert\.Cluster_Credentials_ServerCa_\w+\.cert_pem\)\}$/,
      ),
    });
    expect(files[`${tls}/server-ca.key`]).toMatchObject({
      permissions: "0600",
      content: expect.stringMatching(/ServerCa_\w+\.private_key_pem\)\}$/),
    });
    expect(files[`${tls}/client-ca.key`].content).toMatch(/ClientCa_\w+\.private_key_pem\)\}$/);
    const config = k3sConfig(server);
    expect(config.token).toMatch(/^\$\{random_password\.Cluster_Credentials_ServerToken_\w+\.result\}$/);
    expect(config["agent-token"]).toMatch(/AgentToken_\w+\.result\}$/);
    expect(config["tls-san"][0]).toMatch(/openstack_networking_floatingip_v2\.Cluster_Machines_Group-control-plane/);
    expect(config.disable).toEqual(["traefik"]);
  });

  test("joins workers with the agent token over the private network", () => {
    const doc = synthSelfManaged();
    const config = k3sConfig(userData(doc, "hubk3s-workers"));
    expect(config.server).toMatch(
      /^https:\/\/\$\{element\(openstack_networking_port_v2\..*control-plane.*\.all_fixed_ips, 0\)\}:6443$/,
    );
    expect(config.token).toMatch(/AgentToken_\w+\.result\}$/);
    expect(JSON.stringify(userData(doc, "hubk3s-workers"))).not.toMatch(/ServerToken|private_key_pem/);
  });

  test("pins k3s and its installer to one release", () => {
    const doc = synthSelfManaged({ engine: KubernetesEngine.selfManaged({ k3sVersion: "v1.32.9+k3s1" }) });
    const [command] = userData(doc, "hubk3s-control-plane").runcmd;
    expect(command[2]).toMatch(
      /^curl -sfL -o \/root\/k3s-install\.sh https:\/\/raw\.githubusercontent\.com\/k3s-io\/k3s\/v1\.32\.9\+k3s1\/install\.sh && INSTALL_K3S_VERSION=v1\.32\.9\+k3s1 sh \/root\/k3s-install\.sh server$/,
    );
  });

  test("names the control plane's Jetstream2 DNS name on the API certificate", () => {
    const doc = synthSelfManaged({ allocation: "cis230085" });
    expect(k3sConfig(userData(doc, "hubk3s-control-plane"))["tls-san"][1]).toBe(
      "hubk3s-control-plane.cis230085.projects.jetstream-cloud.org",
    );
  });

  test("sends the hub's traffic to the first worker through the reserved address", () => {
    const doc = synthSelfManaged({ workerCount: 2 });
    const hub = resources(doc, "openstack_networking_floatingip_associate_v2").find(([id]) =>
      id.includes("HubEndpoint"),
    );
    expect(hub![1]).toEqual({
      floating_ip: expect.stringMatching(
        /^\$\{openstack_networking_floatingip_v2\.Cluster_HubEndpoint_\w+\.address\}$/,
      ),
      port_id: expect.stringMatching(
        /^\$\{openstack_networking_port_v2\.Cluster_Machines_Group-workers_Node1_Port_\w+\.id\}$/,
      ),
    });
    const web = bodies(doc, "openstack_networking_secgroup_rule_v2").filter((r) => r.remote_ip_prefix === "0.0.0.0/0");
    expect(web.map((r) => r.port_range_min).sort((a, b) => a - b)).toEqual([80, 443]);
  });

  test("opens no web port without a hub entry", () => {
    const doc = synthSelfManaged({ hubEndpoint: false });
    expect(bodies(doc, "openstack_networking_secgroup_rule_v2").some((r) => r.port_range_min === 443)).toBe(false);
  });

  test("implements IKubernetesCluster with the generated credentials", () => {
    // GIVEN
    const stack = selfManagedStack();
    const cluster = new KubernetesOnJetstream(stack, "Cluster", {
      engine: KubernetesEngine.selfManaged({ image: JetstreamImage.FEATURED_UBUNTU22 }),
      apiAllowedCidrs: [ADMIN_NET],
    });
    for (const [name, value] of Object.entries({
      host: cluster.apiEndpoint,
      ca: cluster.clusterCaCertificate,
      cert: cluster.clientCertificate,
      key: cluster.clientKey,
    })) {
      new TerraformOutput(stack, name, { value, sensitive: true });
    }
    // THEN
    const outputs = synth(stack).output;
    // (the control plane's https://<floating IP>:6443, taken from the readiness probe: see readiness.test.ts)
    const doc = synth(stack);
    expect(outputs.host.value).toMatch(/^\$\{trimsuffix\(data\.http\.Cluster_ApiReady_\w+\.url, "\/readyz"\)\}$/);
    expect(Object.values<any>(doc.data.http)[0].url).toMatch(
      /^https:\/\/\$\{openstack_networking_floatingip_v2\..*control-plane.*\.address\}:6443\/readyz$/,
    );
    expect(outputs.ca.value).toMatch(/^\$\{tls_self_signed_cert\.Cluster_Credentials_ServerCa_\w+\.cert_pem\}$/);
    expect(outputs.cert.value).toMatch(
      /^\$\{tls_locally_signed_cert\.Cluster_Credentials_AdminCertificate_\w+\.cert_pem\}$/,
    );
    expect(outputs.key.value).toMatch(/^\$\{tls_private_key\.Cluster_Credentials_AdminKey_\w+\.private_key_pem\}$/);
    expect(cluster.magnumCluster).toBeUndefined();
    expect(cluster.workerFlavor).toBe(JetstreamFlavor.M3_QUAD);
  });

  test("warns that per-user volumes would live on worker disks without the NFS home", () => {
    const stack = selfManagedStack();
    const cluster = new KubernetesOnJetstream(stack, "Cluster", {
      engine: KubernetesEngine.selfManaged(),
      apiAllowedCidrs: [ADMIN_NET],
      homeStorage: ClusterHomeStorage.none(),
    });
    expect(warnings(cluster).join("\n")).toMatch(/local-path.*root disks/);
    expect(bodies(synth(stack), "openstack_compute_instance_v2").map((b) => b.name)).not.toContain("hubk3s-nfs");
  });

  test("fails when the tls and random providers are missing from the stack", () => {
    // GIVEN a stack with only the OpenStack provider
    const stack = newStack();
    new KubernetesOnJetstream(stack, "Cluster", {
      engine: KubernetesEngine.selfManaged(),
      apiAllowedCidrs: [ADMIN_NET],
    });
    // THEN cdktf's own check names them
    expect(() => Testing.synth(stack, true)).toThrow(
      /add provider constructs.*following providers: (tls, random|random, tls)/s,
    );
  });

  test("fails when asked to autoscale", () => {
    expect(() => synthSelfManaged({ autoscaling: { minNodes: 1, maxNodes: 3 } })).toThrow(
      /autoscaling: the self-managed engine has no autoscaler.*KubernetesEngine\.magnum\(\)/,
    );
    expect(() =>
      synthSelfManaged({
        nodeGroups: [{ name: "big", flavor: JetstreamFlavor.M3_LARGE, autoscaling: { minNodes: 1, maxNodes: 2 } }],
      }),
    ).toThrow(/nodeGroups\[0\]\.autoscaling: the self-managed engine has no autoscaler/);
  });

  test("fails when given a GPU node group", () => {
    expect(() =>
      synthSelfManaged({
        allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU],
        nodeGroups: [{ name: "gpu", flavor: JetstreamFlavor.G3_MEDIUM }],
      }),
    ).toThrow(/nodeGroups\[0\]\.flavor: GPU nodes need the NVIDIA container toolkit.*KubernetesEngine\.magnum\(\)/);
  });

  test("fails when the k3s version is not a release tag", () => {
    expect(() => synthSelfManaged({ engine: KubernetesEngine.selfManaged({ k3sVersion: "latest" }) })).toThrow(
      /engine\.k3sVersion: not a k3s release tag; got "latest"/,
    );
  });
});
