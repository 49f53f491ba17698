import { plannedChanges } from "./replacement";
import { describeWithSchema } from "./schemas";

// Small hand-written documents: a VM, a volume, and the attachment between them.
function doc(overrides: { vm?: any; volume?: any; attach?: any } = {}): any {
  return {
    resource: {
      openstack_compute_instance_v2: {
        vm: {
          name: "hub",
          flavor_name: "m3.small",
          user_data: "one",
          network: [{ port: "${openstack_networking_port_v2.p.id}" }],
          lifecycle: { ignore_changes: ["user_data"] },
          ...overrides.vm,
        },
      },
      openstack_blockstorage_volume_v3: {
        home: { name: "home", size: 10, lifecycle: { prevent_destroy: true }, ...overrides.volume },
      },
      openstack_compute_volume_attach_v2: {
        attach: {
          instance_id: "${openstack_compute_instance_v2.vm.id}",
          volume_id: "${openstack_blockstorage_volume_v3.home.id}",
          ...overrides.attach,
        },
      },
    },
  };
}

describeWithSchema("openstack-force-new.json", "plannedChanges", (forceNew) => {
  const actions = (after: any, options = {}) =>
    Object.fromEntries(plannedChanges(doc(), after, forceNew, options).map((c) => [c.address, c.action]));

  test("no change, no entry", () => {
    expect(plannedChanges(doc(), doc(), forceNew)).toEqual([]);
  });

  test("a changed ForceNew argument replaces the resource", () => {
    const [change] = plannedChanges(doc(), doc({ volume: { availability_zone: "nova" } }), forceNew);
    expect(change).toMatchObject({
      address: "openstack_blockstorage_volume_v3.home",
      action: "replace",
      forceNewPaths: ["availability_zone"],
    });
  });

  test("an argument in ignore_changes is ignored, even when ForceNew", () => {
    expect(plannedChanges(doc(), doc({ vm: { user_data: "two" } }), forceNew)).toEqual([
      expect.objectContaining({ action: "ignored", ignoredPaths: ["user_data"], forceNewPaths: [] }),
    ]);
  });

  test("an in-place argument updates", () => {
    expect(actions(doc({ volume: { size: 20 }, vm: { flavor_name: "m3.quad" } }))).toEqual({
      "openstack_blockstorage_volume_v3.home": "update",
      "openstack_compute_instance_v2.vm": "update",
    });
  });

  test("a change inside a nested ForceNew block replaces, and what refers to the replaced resource follows", () => {
    const after = doc({ vm: { network: [{ port: "${openstack_networking_port_v2.other.id}" }] } });
    expect(actions(after)).toEqual({
      "openstack_compute_instance_v2.vm": "replace",
      "openstack_compute_volume_attach_v2.attach": "replace",
    });
    const attach = plannedChanges(doc(), after, forceNew).find((c) => c.type === "openstack_compute_volume_attach_v2");
    expect(attach?.replacedBecause).toBe("refers to openstack_compute_instance_v2.vm, which is replaced");
  });

  test("-replace on purpose replaces the resource and its dependants only", () => {
    expect(actions(doc(), { replace: ["openstack_compute_instance_v2.vm"] })).toEqual({
      "openstack_compute_instance_v2.vm": "replace",
      "openstack_compute_volume_attach_v2.attach": "replace",
    });
  });

  test("a renamed resource is a delete and a create", () => {
    const renamed = doc();
    renamed.resource.openstack_blockstorage_volume_v3 = {
      home2: renamed.resource.openstack_blockstorage_volume_v3.home,
    };
    renamed.resource.openstack_compute_volume_attach_v2.attach.volume_id =
      "${openstack_blockstorage_volume_v3.home2.id}";
    expect(actions(renamed)).toEqual({
      "openstack_blockstorage_volume_v3.home": "delete",
      "openstack_blockstorage_volume_v3.home2": "create",
      "openstack_compute_volume_attach_v2.attach": "replace",
    });
  });
});
