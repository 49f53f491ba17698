import { load } from "js-yaml";
import { JetstreamCluster, JetstreamFlavor, JetstreamImage, NfsHomeServer } from "../../lib";
import { clusterStack, instanceUserData } from "../single-server-hub/fixtures";
import { newStack, resources, synth } from "../support/synth";

// Normalise once, validate what is written: the form a check accepted is the form that reaches the plan.

describe("CIDR blocks are written as they were checked", () => {
  test("a newline or space around a client block never reaches the NFS exports file, and a repeat is written once", () => {
    const { stack, cluster } = clusterStack();
    new NfsHomeServer(stack, "Home", { cluster, clientCidrs: [" 10.0.0.0/24\n", "10.0.0.0/24", "10.1.0.0/24 "] });
    const doc = synth(stack);
    // The clients reach the export script as its last arguments, one export line each
    // (lib/kubernetes-on-jetstream/nfs-cloud-init.ts): a block with a newline would write a line with no client list.
    const setup = (load(instanceUserData(doc)) as any).runcmd[0] as string[];
    expect(setup.slice(-2)).toEqual(["10.0.0.0/24", "10.1.0.0/24"]);
    const nfsRules = resources(doc, "openstack_networking_secgroup_rule_v2").filter(
      ([, r]) => r.port_range_min === 2049,
    );
    expect(nfsRules.map(([, r]) => r.remote_ip_prefix).sort()).toEqual(["10.0.0.0/24", "10.1.0.0/24"]);
  });

  test("admin blocks are trimmed, canonical and de-duplicated in security-group rules", () => {
    const stack = newStack();
    new JetstreamCluster(stack, "Lab", {
      name: "lab",
      adminCidrs: ["198.51.100.0/24", " 198.51.100.0/24", "2001:DB8::/48\t", "2001:db8:0::/48"],
    });
    const ssh = resources(synth(stack), "openstack_networking_secgroup_rule_v2").filter(
      ([, r]) => r.port_range_min === 22,
    );
    expect(ssh.map(([, r]) => r.remote_ip_prefix)).toEqual(["198.51.100.0/24", "2001:db8::/48"]);
  });
});

describe("image names are written as they were checked", () => {
  test("a trailing space copied from a table is trimmed, and a featured name finds the featured image", () => {
    expect(JetstreamImage.fromName(" Featured-Ubuntu24 ")).toBe(JetstreamImage.FEATURED_UBUNTU24);
    const stack = newStack();
    new JetstreamCluster(stack, "Lab", {
      name: "lab",
      nodeGroups: [
        { name: "web", flavor: JetstreamFlavor.M3_SMALL, image: JetstreamImage.fromName("my-lab-image \n") },
      ],
    });
    const [[, vm]] = resources(synth(stack), "openstack_compute_instance_v2");
    expect(vm.image_name).toBe("my-lab-image");
  });
});
