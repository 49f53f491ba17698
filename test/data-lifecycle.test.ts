import { TerraformStack } from "cdktf";
import { KubernetesEngine, KubernetesOnJetstream, NfsHomeServer } from "../lib";
import { protectedResourcesOf } from "../lib/ledger/data-ledger";
import { hubStack } from "./support/hub-fixtures";
import { StackJson, newStack, resources, synth } from "./support/synth";
import { gatewayHub } from "./single-server-hub/fixtures";
import { ADMIN_NET, selfManagedStack } from "./kubernetes-on-jetstream/support";

// The README's "Tear down safely" and "Restore a home volume" sections rest on these facts; if one changes, the
// procedure a gateway team follows on a real project changes with it.

const VOLUME_ID = "0b6c1e5e-4a7d-4f3e-9c1a-5d2e8f7a6b90";

/** Every resource with prevent_destroy, as "type (construct path below the stack)". */
function protectedResources(doc: StackJson): string[] {
  const found: string[] = [];
  for (const [type, byName] of Object.entries<Record<string, any>>(doc.resource ?? {})) {
    for (const name of Object.keys(byName)) {
      if (byName[name].lifecycle?.prevent_destroy === true) found.push(`${type} ${name.replace(/_[0-9A-F]{8}$/, "")}`);
    }
  }
  return found.sort();
}

describe("what prevent_destroy protects, as the README lists it", () => {
  test("a single-server hub: its home volume only", () => {
    const { stack } = gatewayHub();
    expect(protectedResources(synth(stack))).toEqual([
      "openstack_blockstorage_volume_v3 Cluster_Group-hub_Node1_Volume-home",
    ]);
  });

  test("a Magnum cluster: the cluster, the hub's reserved address and the NFS home volume", () => {
    const stack = newStack();
    new KubernetesOnJetstream(stack, "Cluster", { allocation: "cis230085", apiAllowedCidrs: [ADMIN_NET] });
    expect(protectedResources(synth(stack))).toEqual([
      "openstack_blockstorage_volume_v3 Cluster_Machines_Group-nfs_Node1_Volume-home",
      "openstack_containerinfra_cluster_v1 Cluster",
      "openstack_networking_floatingip_v2 Cluster_HubEndpoint",
    ]);
  });

  test("a self-managed cluster: the hub's reserved address and the NFS home volume, not the VMs", () => {
    const stack = selfManagedStack();
    new KubernetesOnJetstream(stack, "Cluster", {
      engine: KubernetesEngine.selfManaged(),
      allocation: "cis230085",
      apiAllowedCidrs: [ADMIN_NET],
    });
    expect(protectedResources(synth(stack))).toEqual([
      "openstack_blockstorage_volume_v3 Cluster_Machines_Group-nfs_Node1_Volume-home",
      "openstack_networking_floatingip_v2 Cluster_HubEndpoint",
    ]);
  });

  test("a Zero to JupyterHub release: its namespace", () => {
    const { stack } = hubStack();
    expect(protectedResources(synth(stack))).toEqual(["kubernetes_namespace_v1 Hub_Namespace"]);
  });
});

describe("what the DataLedger protects, as the README lists it: prevent_destroy's list and the hub's DNS name", () => {
  const ledgerKinds = (stack: TerraformStack) =>
    protectedResourcesOf(stack).map((r) => `${r.kind}: ${r.address.replace(/_[0-9A-F]{8}$/, "")}`);

  test("a single-server hub", () => {
    expect(ledgerKinds(gatewayHub().stack)).toEqual([
      "home volume: openstack_blockstorage_volume_v3.Cluster_Group-hub_Node1_Volume-home",
    ]);
  });

  test("a Magnum cluster", () => {
    const stack = newStack();
    new KubernetesOnJetstream(stack, "Cluster", { allocation: "cis230085", apiAllowedCidrs: [ADMIN_NET] });
    expect(ledgerKinds(stack)).toEqual([
      "home volume: openstack_blockstorage_volume_v3.Cluster_Machines_Group-nfs_Node1_Volume-home",
      "Magnum cluster: openstack_containerinfra_cluster_v1.Cluster",
      "hub DNS name: openstack_dns_recordset_v2.Cluster_HubEndpoint_Record",
      "reserved hub address: openstack_networking_floatingip_v2.Cluster_HubEndpoint",
    ]);
  });

  test("a Zero to JupyterHub release", () => {
    expect(ledgerKinds(hubStack().stack)).toEqual(["hub namespace: kubernetes_namespace_v1.Hub_Namespace"]);
  });
});

describe("restoring a home volume into a new deployment, as the README describes", () => {
  test("SingleServerHub: importFrom puts the existing volume where the new VM attaches and mounts it", () => {
    // GIVEN a new single-server deployment told to adopt an existing volume
    const { stack, hub } = gatewayHub();
    hub.homeVolume.volume.importFrom(VOLUME_ID);
    const doc = synth(stack);
    // THEN Terraform imports it at the home volume's address (Terraform 1.5+ import block) ...
    const [[volumeName]] = resources(doc, "openstack_blockstorage_volume_v3");
    const address = `openstack_blockstorage_volume_v3.${volumeName}`;
    expect(doc.import).toEqual([{ id: VOLUME_ID, to: address }]);
    // ... and the attachment and the first-boot script (which finds the volume by its id) refer to that resource
    const [[, attachment]] = resources(doc, "openstack_compute_volume_attach_v2");
    expect(attachment.volume_id).toBe(`\${${address}.id}`);
    const [[, vm]] = resources(doc, "openstack_compute_instance_v2");
    expect(vm.user_data).toContain(`\${substr(${address}.id, 0, 20)}`);
    // ... which keeps prevent_destroy, so a plan that would replace the adopted volume fails instead
    expect(resources(doc, "openstack_blockstorage_volume_v3")[0][1].lifecycle.prevent_destroy).toBe(true);
  });

  test("KubernetesOnJetstream: the NFS server's home volume takes an import the same way", () => {
    const stack = newStack();
    const cluster = new KubernetesOnJetstream(stack, "Cluster", { apiAllowedCidrs: [ADMIN_NET] });
    expect(cluster.homeStorage).toBeInstanceOf(NfsHomeServer);
    (cluster.homeStorage as NfsHomeServer).volume.importFrom(VOLUME_ID);
    const doc = synth(stack);
    const [[volumeName]] = resources(doc, "openstack_blockstorage_volume_v3");
    expect(doc.import).toEqual([{ id: VOLUME_ID, to: `openstack_blockstorage_volume_v3.${volumeName}` }]);
    const [[, attachment]] = resources(doc, "openstack_compute_volume_attach_v2");
    expect(attachment.volume_id).toBe(`\${openstack_blockstorage_volume_v3.${volumeName}.id}`);
  });
});
