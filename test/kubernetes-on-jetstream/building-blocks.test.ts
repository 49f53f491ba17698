import { HubEndpoint, JetstreamCluster, JetstreamFlavor, NfsHomeServer, Size } from "../../lib";
import { bodies, newStack, resources, synth } from "../support/synth";
import { only, warnings } from "./support";

// HubEndpoint and NfsHomeServer on their own, as a gateway would use them beside a single VM or a cluster made
// elsewhere.

describe("HubEndpoint", () => {
  test("reserves a protected floating IP and, with an allocation, an A record in the project zone", () => {
    // GIVEN
    const stack = newStack();
    const endpoint = new HubEndpoint(stack, "Entry", { allocation: "abc123456", recordName: "notebooks" });
    // THEN
    const doc = synth(stack);
    expect(only(doc, "openstack_networking_floatingip_v2").lifecycle).toEqual({ prevent_destroy: true });
    expect(only(doc, "openstack_dns_recordset_v2")).toMatchObject({
      name: "notebooks.abc123456.projects.jetstream-cloud.org.",
      type: "A",
      ttl: 3600,
    });
    expect(endpoint.hostname).toBe("notebooks.abc123456.projects.jetstream-cloud.org");
    expect(endpoint.node.defaultChild).toBe(endpoint.floatingIp);
  });

  test("without an allocation, makes no DNS record and no hostname", () => {
    const stack = newStack();
    const endpoint = new HubEndpoint(stack, "Entry", { recordName: "jupyter" });
    expect(endpoint.hostname).toBeUndefined();
    expect(resources(synth(stack), "openstack_dns_recordset_v2")).toEqual([]);
    expect(warnings(endpoint)).toEqual(["recordName has no effect without allocation: no DNS record is made"]);
  });

  test("attaches the address to a port when given one", () => {
    const stack = newStack();
    new HubEndpoint(stack, "Entry", { portId: "port-1234" });
    expect(only(synth(stack), "openstack_networking_floatingip_associate_v2").port_id).toBe("port-1234");
  });

  test("fails when the full name is too long for a certificate", () => {
    const stack = newStack();
    expect(() => new HubEndpoint(stack, "Entry", { allocation: "abc123456", recordName: "x".repeat(40) })).toThrow(
      /recordName: is 79 characters, longer than Let's Encrypt accepts/,
    );
  });
});

describe("NfsHomeServer", () => {
  test("adds a server with a protected home volume to a JetstreamCluster", () => {
    // GIVEN a cluster made for something else
    const stack = newStack();
    const cluster = new JetstreamCluster(stack, "Lab", { name: "lab" });
    // WHEN
    const home = new NfsHomeServer(stack, "Home", {
      cluster,
      clientCidrs: ["10.0.0.0/24"],
      capacity: Size.tebibytes(1),
      flavor: JetstreamFlavor.M3_QUAD,
      groupName: "home",
    });
    // THEN
    const doc = synth(stack);
    expect(only(doc, "openstack_compute_instance_v2")).toMatchObject({ name: "lab-home", flavor_name: "m3.quad" });
    expect(only(doc, "openstack_blockstorage_volume_v3")).toMatchObject({
      size: 1024,
      lifecycle: { prevent_destroy: true },
    });
    expect(bodies(doc, "openstack_networking_secgroup_rule_v2").find((r) => r.port_range_min === 2049)).toMatchObject({
      remote_ip_prefix: "10.0.0.0/24",
    });
    expect(home.capacity.toGibibytes()).toBe(1024);
    expect(home.volume).toBe(cluster.nodeGroup("home").nodes[0].volume("home").volume);
    expect(warnings(stack)).toEqual([]);
  });

  test("fails when the export would be open to the world", () => {
    const stack = newStack();
    const cluster = new JetstreamCluster(stack, "Lab");
    expect(() => new NfsHomeServer(stack, "Home", { cluster, clientCidrs: ["0.0.0.0/0"] })).toThrow(
      /clientCidrs: would open NFS to the whole Internet/,
    );
  });

  test("fails when nobody could mount the export", () => {
    const stack = newStack();
    const cluster = new JetstreamCluster(stack, "Lab");
    expect(() => new NfsHomeServer(stack, "Home", { cluster, clientCidrs: [] })).toThrow(
      /clientCidrs: nobody could mount the export/,
    );
  });

  test("fails when the owner is not a uid", () => {
    const stack = newStack();
    const cluster = new JetstreamCluster(stack, "Lab");
    expect(() => new NfsHomeServer(stack, "Home", { cluster, clientCidrs: ["10.0.0.0/24"], ownerUid: -1 })).toThrow(
      /ownerUid: must be a whole number in range; got -1/,
    );
  });
});
