import * as fs from "fs";
import * as path from "path";
import { Aspects } from "cdktf";
import {
  ClusterKeyPair,
  ClusterNetwork,
  JetstreamChecks,
  JetstreamCluster,
  JetstreamFlavor,
  KubernetesEngine,
  KubernetesOnJetstream,
  SingleServerHub,
  Size,
} from "../lib";
import { selfManagedStack, warnings } from "./kubernetes-on-jetstream/support";
import { gitHubLogin } from "./support/hub-fixtures";
import { tableCells } from "./support/markdown";
import { StackJson, bodies, newStack, synth } from "./support/synth";

const ADMIN = "198.51.100.0/24";
const API = "203.0.113.0/24";
const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleExampleExampleExampleExampleExample0 admin@example.org";

// A self-managed cluster with NFS homes, and a TLJH hub VM that joined the same machines: every role in one place.
function everyRole() {
  const stack = selfManagedStack();
  const k8s = new KubernetesOnJetstream(stack, "K8s", {
    name: "gw",
    engine: KubernetesEngine.selfManaged(),
    apiAllowedCidrs: [API],
    adminCidrs: [ADMIN],
    keyPair: ClusterKeyPair.fromPublicKey(PUBLIC_KEY),
    workerCount: 2,
  });
  const hub = new SingleServerHub(stack, "Tljh", {
    cluster: k8s.machines!,
    authenticator: gitHubLogin(stack),
    letsEncryptEmail: "hub-admins@example.org",
    domain: "hub.example.org",
    expectedUsers: 5,
    memoryPerUser: Size.gibibytes(4),
  });
  return { stack, k8s, hub };
}

// What each destination admits from each source, read from the synthesized security groups.
function portsMatrix(doc: StackJson): Map<string, Map<string, string>> {
  const roleOf = (name: string) =>
    name.endsWith("-control-plane")
      ? "Kubernetes control plane"
      : /-workers(-\d+)?$/.test(name)
        ? "Kubernetes workers"
        : name.endsWith("-nfs")
          ? "NFS server"
          : name.endsWith("-hub")
            ? "TLJH hub VM"
            : `unknown ${name}`;
  const ports = doc.resource.openstack_networking_port_v2;
  const groupsOfRole = new Map<string, Set<string>>();
  for (const instance of bodies(doc, "openstack_compute_instance_v2")) {
    const portName = /openstack_networking_port_v2\.([^.]+)\.id/.exec(instance.network[0].port)![1];
    const role = roleOf(instance.name);
    const set = groupsOfRole.get(role) ?? new Set<string>();
    for (const g of ports[portName].security_group_ids) set.add(g);
    groupsOfRole.set(role, set);
  }
  const sourcesOf = (rule: any): string[] => {
    if (rule.remote_group_id) {
      return [...groupsOfRole].filter(([, groups]) => groups.has(rule.remote_group_id)).map(([role]) => role);
    }
    const prefix = rule.remote_ip_prefix;
    if (prefix === "0.0.0.0/0" || prefix === "::/0" || prefix === undefined) return ["Internet"];
    if (prefix === ADMIN) return ["`adminCidrs`"];
    if (prefix === API) return ["`apiAllowedCidrs`"];
    return [`unknown ${prefix}`];
  };
  const traffic = (rule: any) =>
    !rule.protocol
      ? "any"
      : `${rule.protocol}/${rule.port_range_min}${rule.port_range_max !== rule.port_range_min ? `-${rule.port_range_max}` : ""}`;
  const cells = new Map<string, Map<string, Set<string>>>();
  for (const rule of bodies(doc, "openstack_networking_secgroup_rule_v2").filter((r) => r.direction === "ingress")) {
    for (const [destination, groups] of groupsOfRole) {
      if (!groups.has(rule.security_group_id)) continue;
      for (const source of sourcesOf(rule)) {
        const row = cells.get(source) ?? new Map<string, Set<string>>();
        row.set(destination, (row.get(destination) ?? new Set()).add(traffic(rule)));
        cells.set(source, row);
      }
    }
  }
  const order = (t: string) => (t === "any" ? -1 : Number(t.split("/")[1].split("-")[0]));
  return new Map(
    [...cells].map(([source, row]) => [
      source,
      new Map([...row].map(([d, set]) => [d, [...set].sort((a, b) => order(a) - order(b)).join(", ")])),
    ]),
  );
}

describe("isolation between the VMs of a hub", () => {
  const { stack, k8s } = everyRole();
  const doc = synth(stack);

  test("docs/isolation.md's ports matrix is what the security groups admit", () => {
    const text = fs.readFileSync(path.resolve(__dirname, "..", "docs", "isolation.md"), "utf8");
    const table = text.split("<!-- ports:start -->")[1].split("<!-- ports:end -->")[0];
    const [header, ...rows] = tableCells(table);
    const matrix = portsMatrix(doc);
    const computed = rows.map(([source]) => [
      source,
      ...header.slice(1).map((destination) => matrix.get(source)?.get(destination) ?? "—"),
    ]);
    expect(computed).toEqual(rows);
    // and no source the table leaves out reaches anything
    expect([...matrix.keys()].filter((s) => !rows.some(([r]) => r === s))).toEqual([]);
  });

  test("the NFS port is open to the nodes' security group, not to an address range", () => {
    const nfs = bodies(doc, "openstack_networking_secgroup_rule_v2").filter((r) => r.port_range_min === 2049);
    expect(nfs).toEqual([
      expect.objectContaining({
        remote_group_id: expect.stringMatching(/K8s_Machines_InternalSecurityGroup/),
        protocol: "tcp",
        port_range_max: 2049,
      }),
    ]);
    expect(nfs[0].remote_ip_prefix).toBeUndefined();
    expect(warnings(k8s)).toEqual([]);
  });

  test("the pack finds no shared NFS network and no hub VM among its peers", () => {
    const { stack: checked } = everyRole();
    const pack = new JetstreamChecks();
    Aspects.of(checked).add(pack);
    synth(checked);
    expect(pack.findings.filter((f) => ["JSH-NET-10", "JSH-NET-11"].includes(f.ruleId))).toEqual([]);
  });

  test("existing security group ids keep their Terraform addresses", () => {
    const names = Object.keys(doc.resource.openstack_networking_secgroup_v2).map((n) => n.replace(/_[0-9A-F]{8}$/, ""));
    expect(names.sort()).toEqual(
      [
        "K8s_Machines_InternalSecurityGroup",
        "K8s_Machines_OutboundSecurityGroup",
        "K8s_Machines_SshSecurityGroup",
        "K8s_Machines_WebSecurityGroup",
        "K8s_Machines_Group-control-plane_SecurityGroup",
        "K8s_Machines_Group-nfs_SecurityGroup",
      ].sort(),
    );
  });
});

describe("the NFS export on Magnum", () => {
  const magnum = (network?: ClusterNetwork) => {
    const stack = newStack();
    const cluster = new KubernetesOnJetstream(stack, "Cluster", { name: "hubk8s", apiAllowedCidrs: [API], network });
    const pack = new JetstreamChecks();
    Aspects.of(stack).add(pack);
    const doc = synth(stack);
    const nfs = bodies(doc, "openstack_networking_secgroup_rule_v2").filter((r) => r.port_range_min === 2049);
    return { cluster, doc, nfs, findings: pack.findings.filter((f) => f.ruleId === "JSH-NET-10") };
  };

  test("on a network of its own, is open to that network's subnet only", () => {
    const { cluster, nfs, findings } = magnum(ClusterNetwork.create({ cidr: "10.42.0.0/24" }));
    expect(nfs.map((r) => r.remote_ip_prefix)).toEqual([
      expect.stringMatching(/^\$\{openstack_networking_subnet_v2\./),
    ]);
    expect(findings).toEqual([]);
    expect(warnings(cluster).join("\n")).not.toMatch(/JSH-NET-10/);
  });

  test("on the allocation's shared network, warns and is reported as JSH-NET-10", () => {
    const { cluster, nfs, findings } = magnum();
    expect(nfs.map((r) => r.remote_ip_prefix)).toEqual([
      expect.stringMatching(/^\$\{data\.openstack_networking_subnet_v2\./),
    ]);
    expect(findings.map((f) => `${f.ruleId}[${f.findingId}]`)).toEqual(["JSH-NET-10[shared-network]"]);
    expect(warnings(cluster).join("\n")).toMatch(/any VM on that network can mount every home.*JSH-NET-10/);
  });
});

describe("a TLJH hub VM in a cluster of other VMs", () => {
  test("gets no all-ports access to them, and they none to it", () => {
    const stack = newStack();
    const cluster = new JetstreamCluster(stack, "Lab", {
      name: "lab",
      adminCidrs: [ADMIN],
      nodeGroups: [{ name: "compute", flavor: JetstreamFlavor.M3_QUAD, count: 2 }],
    });
    new SingleServerHub(stack, "Hub", {
      cluster,
      authenticator: gitHubLogin(stack),
      letsEncryptEmail: "hub-admins@example.org",
      domain: "hub.example.org",
      expectedUsers: 5,
      memoryPerUser: Size.gibibytes(4),
    });
    const doc = synth(stack);
    const ports = Object.entries(doc.resource.openstack_networking_port_v2) as [string, any][];
    const hubPort = ports.find(([name]) => name.includes("Group-hub"))![1];
    const computePorts = ports.filter(([name]) => name.includes("Group-compute")).map(([, p]) => p);
    const shared = hubPort.security_group_ids.filter((g: string) =>
      computePorts.some((p) => p.security_group_ids.includes(g)),
    );
    // Only the SSH group is shared, and it admits nothing from its members.
    expect(shared).toEqual([expect.stringMatching(/SshSecurityGroup/)]);
    expect(hubPort.security_group_ids).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/OutboundSecurityGroup/),
        expect.stringMatching(/WebSecurityGroup/),
      ]),
    );
    expect(hubPort.security_group_ids.some((g: string) => /InternalSecurityGroup/.test(g))).toBe(false);
  });
});
