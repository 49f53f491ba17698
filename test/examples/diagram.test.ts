import { countBlocks, renderDiagramFiles, renderMermaid } from "../../examples/diagram";

// Hand-made stack documents in the shape cdktf writes (cdk.tf.json), so each rule of the picture is checked on
// its own; test/examples.test.ts checks the committed pictures of the real examples.
const meta = (path: string) => ({ "//": { metadata: { path: `stack/${path}`, uniqueId: path } } });

function vmDoc(): Record<string, any> {
  return {
    data: {
      openstack_networking_network_v2: { Net: { ...meta("Cluster/Network"), name: "auto_allocated_network" } },
    },
    variable: { client_secret: { sensitive: true, type: "string" } },
    resource: {
      openstack_networking_secgroup_v2: {
        Web: { ...meta("Cluster/WebSecurityGroup"), name: "web" },
      },
      openstack_networking_secgroup_rule_v2: {
        Web80v4: {
          ...meta("Cluster/Web80IPv4"),
          direction: "ingress",
          protocol: "tcp",
          port_range_min: 80,
          port_range_max: 80,
          remote_ip_prefix: "0.0.0.0/0",
          security_group_id: "${openstack_networking_secgroup_v2.Web.id}",
        },
        Web80v6: {
          ...meta("Cluster/Web80IPv6"),
          direction: "ingress",
          protocol: "tcp",
          port_range_min: 80,
          port_range_max: 80,
          remote_ip_prefix: "::/0",
          security_group_id: "${openstack_networking_secgroup_v2.Web.id}",
        },
        Ssh: {
          ...meta("Cluster/Ssh"),
          direction: "ingress",
          protocol: "tcp",
          port_range_min: 22,
          port_range_max: 22,
          remote_ip_prefix: "198.51.100.0/24",
          security_group_id: "${openstack_networking_secgroup_v2.Web.id}",
        },
      },
      openstack_networking_port_v2: {
        Port: {
          ...meta("Cluster/Group-hub/Node1/Port"),
          network_id: "${data.openstack_networking_network_v2.Net.id}",
          security_group_ids: ["${openstack_networking_secgroup_v2.Web.id}"],
        },
      },
      openstack_blockstorage_volume_v3: {
        Home: {
          ...meta("Cluster/Group-hub/Node1/Volume-home"),
          name: "gw-hub-home",
          size: 100,
          lifecycle: { prevent_destroy: true },
        },
      },
      openstack_compute_instance_v2: {
        Vm: {
          ...meta("Cluster/Group-hub/Node1/Resource"),
          name: "gw-hub",
          flavor_name: "m3.xl",
          network: [{ port: "${openstack_networking_port_v2.Port.id}" }],
          // A literal "$${" is text, not a reference; the secret is referred to, never written.
          user_data:
            "#cloud-config\nruncmd: [echo $${openstack_networking_secgroup_v2.Web.id} CANARY-USER-DATA]\n" +
            "write_files: [{content: '${base64encode(var.client_secret)}', path: " +
            "'/dev/disk/by-id/virtio-${substr(openstack_blockstorage_volume_v3.Home.id, 0, 20)}'}]",
        },
      },
      openstack_compute_volume_attach_v2: {
        Attach: {
          ...meta("Cluster/Group-hub/Node1/Attachment-home"),
          instance_id: "${openstack_compute_instance_v2.Vm.id}",
          volume_id: "${openstack_blockstorage_volume_v3.Home.id}",
          depends_on: ["openstack_blockstorage_volume_v3.Home", "openstack_networking_port_v2.Port"],
        },
      },
    },
  };
}

/** The node id whose label starts with `<b>title</b>`. */
function idOf(chart: string, title: string): string {
  const m = new RegExp(`(n\\d+)\\["<b>${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</b>`).exec(chart);
  if (!m) throw new Error(`no node titled ${title} in\n${chart}`);
  return m[1];
}

describe("renderMermaid", () => {
  const chart = renderMermaid(vmDoc());

  test("draws a flowchart with a node per resource, data source and input variable", () => {
    expect(chart.startsWith("flowchart TB\n")).toBe(true);
    for (const title of ["Network", "WebSecurityGroup", "Port", "Volume-home", "Node1", "Attachment-home"]) {
      expect(() => idOf(chart, title)).not.toThrow();
    }
    expect(chart).toContain("<b>var.client_secret</b><br/>sensitive input variable");
  });

  test("draws an edge for each reference inside an interpolation, from the referrer to the referred", () => {
    const vm = idOf(chart, "Node1");
    expect(chart).toContain(`  ${vm} --> ${idOf(chart, "Port")}\n`);
    // inside a function call in the user data
    expect(chart).toContain(`  ${vm} --> ${idOf(chart, "Volume-home")}\n`);
    expect(chart).toContain(`  ${vm} --> ${idOf(chart, "var.client_secret")}\n`);
    // data sources are told apart from resources by the data. prefix
    expect(chart).toContain(`  ${idOf(chart, "Port")} --> ${idOf(chart, "Network")}\n`);
  });

  test("does not take Terraform's escaped $${ for a reference", () => {
    expect(chart).not.toContain(`  ${idOf(chart, "Node1")} --> ${idOf(chart, "WebSecurityGroup")}\n`);
  });

  test("draws depends_on as a dotted edge, unless the resource also refers to the target", () => {
    const attach = idOf(chart, "Attachment-home");
    expect(chart).toContain(`  ${attach} -.-> ${idOf(chart, "Port")}\n`);
    expect(chart).toContain(`  ${attach} --> ${idOf(chart, "Volume-home")}\n`);
    expect(chart).not.toContain(`  ${attach} -.-> ${idOf(chart, "Volume-home")}\n`);
  });

  test("collapses a security group's rules into one node listing them, IPv4 and IPv6 twins as one line", () => {
    expect(chart).toContain('["<b>3 rules</b><br/>in tcp 22 from 198.51.100.0/24<br/>in tcp 80 from anywhere"]');
    expect(chart).not.toMatch(/Web80IPv4|Web80IPv6|<b>Ssh<\/b>/);
    const rules = /(n\d+)\["<b>3 rules/.exec(chart)![1];
    expect(chart).toContain(`  ${rules} --> ${idOf(chart, "WebSecurityGroup")}\n`);
  });

  test("names a computed peer network by what it is, and draws the reference", () => {
    const doc = {
      data: { openstack_networking_subnet_v2: { Subnet: { ...meta("Cluster/Subnet"), name: "x" } } },
      resource: {
        openstack_networking_secgroup_v2: { Nfs: { ...meta("Cluster/Nfs") } },
        openstack_networking_secgroup_rule_v2: {
          Rule: {
            ...meta("Cluster/Rule0"),
            direction: "ingress",
            protocol: "tcp",
            port_range_min: 2049,
            port_range_max: 2049,
            remote_ip_prefix: "${data.openstack_networking_subnet_v2.Subnet.cidr}",
            security_group_id: "${openstack_networking_secgroup_v2.Nfs.id}",
          },
        },
      },
    };
    const text = renderMermaid(doc);
    expect(text).toContain('["<b>1 rule</b><br/>in tcp 2049 from a referenced network"]');
    const rules = /(n\d+)\["<b>1 rule/.exec(text)![1];
    expect(text).toContain(`  ${rules} --> ${idOf(text, "Subnet")}\n`);
  });

  test("frames nodes by construct path, one frame for a chain of single frames", () => {
    expect(chart).toMatch(/subgraph s\d+\["Cluster"\]\n {4}n\d+\["<b>Network<\/b>/);
    expect(chart).toContain('subgraph s2["Group-hub / Node1"]');
  });

  test("shows the flavor, the size and the names, and marks prevent_destroy", () => {
    expect(chart).toContain("<b>Node1</b><br/>openstack_compute_instance_v2<br/>gw-hub, m3.xl");
    expect(chart).toContain(
      "<b>Volume-home</b><br/>openstack_blockstorage_volume_v3<br/>gw-hub-home, 100 GiB<br/>prevent_destroy",
    );
    expect(chart).toContain(`  class ${idOf(chart, "Volume-home")} protected\n`);
    expect(chart).toMatch(new RegExp(`  class (n\\d+,)*${idOf(chart, "Network")}(,n\\d+)* external\\n`));
  });

  test("never prints attribute values beyond the few it shows: no user data, no secrets", () => {
    expect(chart).not.toContain("CANARY-USER-DATA");
    expect(chart).not.toContain("cloud-config");
  });

  test("is deterministic: the order of the document's keys does not matter", () => {
    const reversed = (o: any): any =>
      Array.isArray(o)
        ? o.map(reversed)
        : o !== null && typeof o === "object"
          ? Object.fromEntries(
              Object.entries(o)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : o;
    expect(renderMermaid(reversed(vmDoc()))).toBe(chart);
  });

  test("names another stack's outputs by the stack, not by the path of its state file", () => {
    const doc = {
      data: {
        terraform_remote_state: {
          "cross-stack-reference-input-cluster": { backend: "local", config: { path: "/home/me/secret/x.tfstate" } },
        },
      },
      resource: {
        helm_release: {
          Hub: {
            ...meta("Hub/Resource"),
            chart: "jupyterhub",
            version: "4.4.0",
            values: ['{"ip":"${data.terraform_remote_state.cross-stack-reference-input-cluster.outputs.ip}"}'],
          },
        },
      },
    };
    const text = renderMermaid(doc);
    expect(text).toContain("<b>stack cluster</b><br/>its outputs (terraform_remote_state)");
    expect(text).not.toContain("/home/me");
    expect(text).toContain(`  ${idOf(text, "Hub")} --> ${idOf(text, "stack cluster")}\n`);
    expect(text).toContain("<b>Hub</b><br/>helm_release<br/>chart jupyterhub 4.4.0");
  });

  test("escapes quotes and angle brackets in labels", () => {
    const doc = { resource: { openstack_dns_recordset_v2: { R: { ...meta('Dns/Re"c<x>'), name: "a.b." } } } };
    expect(renderMermaid(doc)).toContain('["<b>Re#quot;c#lt;x#gt;</b><br/>openstack_dns_recordset_v2<br/>a.b."]');
  });
});

describe("countBlocks", () => {
  test("counts resources, protected resources, and what Terraform reads", () => {
    expect(countBlocks(vmDoc())).toEqual({ resources: 8, protectedResources: 1, inputs: 2 });
  });
});

describe("renderDiagramFiles", () => {
  test("writes a page per stack and an index that links them", () => {
    const files = renderDiagramFiles([
      { stack: "one", doc: vmDoc() },
      { stack: "two", doc: {} },
    ]);
    expect(Object.keys(files).sort()).toEqual(["README.md", "one.md", "two.md"]);
    expect(files["one.md"]).toContain("```mermaid\nflowchart TB\n");
    expect(files["one.md"]).toContain("8 resources (1 with `prevent_destroy`), 2 data sources and inputs.");
    expect(files["README.md"]).toContain("| [`one`](one.md) | 8 | 1 | 2 |");
    expect(files["README.md"]).toContain("| [`two`](two.md) | 0 | 0 | 0 |");
    expect(files["one.md"].startsWith("<!-- Generated by `npm run diagrams`")).toBe(true);
  });
});
