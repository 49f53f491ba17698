import { synthMagnum, synthSelfManaged, ADMIN_NET } from "./support";
import { describeWithSchema } from "../support/schemas";

// The Magnum API restriction (api_master_lb_allowed_cidrs) is only a request: some Cluster API chart versions drop it
// (docs/kubernetes-on-jetstream.md, "API access"). The cluster stack therefore carries a Terraform `check` block that
// reads the API listener back and warns when it admits more than apiAllowedCidrs.
//
// Verified by hand with Terraform 1.11.4 (not needed by this suite): the same JSON check-block shape passes
// `terraform validate`; in `terraform plan` an empty allowed_cidrs list fails the first assertion and ["0.0.0.0/0"]
// the second (as warnings), ["10.0.0.0/24", "149.165.1.2/32", "198.51.100.0/24"] with subnet 10.0.0.0/24 passes
// both, and a scoped data source that finds nothing is a warning, not an error.

const CHECKED = "openstack_lb_listener_v2";

function onlyCheck(doc: any): [string, any] {
  const checks = Object.entries<any>(doc.check ?? {});
  expect(checks).toHaveLength(1);
  return checks[0];
}

describe("the Magnum API restriction is read back by a Terraform check", () => {
  const doc: any = synthMagnum({ apiAllowedCidrs: [ADMIN_NET, "203.0.113.7/32"] });
  const [name, check] = onlyCheck(doc);
  const listeners = check.data[CHECKED];

  test("the check reads the API listener that Cluster API Provider OpenStack names after the cluster", () => {
    expect(Object.keys(listeners)).toEqual([name]);
    // CAPO getLoadBalancerName + reconcileAPILoadBalancerListener: k8s-clusterapi-cluster-<ns>-<cluster>-kubeapi-<port>;
    // magnum-capi-helm driver_utils.cluster_namespace: magnum-<project id, lower case, [a-z0-9] only>; the CAPI
    // cluster is the Helm release, which the driver stores as the Magnum cluster's stack_id.
    const cluster = Object.keys(doc.resource.openstack_containerinfra_cluster_v1)[0];
    const ref = `openstack_containerinfra_cluster_v1.${cluster}`;
    expect(listeners[name].name).toBe(
      `k8s-clusterapi-cluster-magnum-\${replace(lower(${ref}.project_id), "/[^a-z0-9]/", "")}-\${${ref}.stack_id}-kubeapi-6443`,
    );
  });

  test("it warns when the listener admits every address, or networks beyond apiAllowedCidrs", () => {
    const [open, beyond] = check.assert;
    const listener = `data.${CHECKED}.${name}`;
    expect(open.condition).toBe(`\${length(${listener}.allowed_cidrs) > 0}`);
    expect(open.error_message).toMatch(/admits every address: api_master_lb_allowed_cidrs was not applied/);
    expect(beyond.condition).toContain(`for c in ${listener}.allowed_cidrs`);
    // apiAllowedCidrs and the nodes' subnet, which CAPO adds itself (getCanonicalAllowedCIDRs), plus /32 host
    // addresses (router, bastion) that CAPO also adds.
    expect(beyond.condition).toContain(
      `concat(["${ADMIN_NET}","203.0.113.7/32"], [data.openstack_networking_subnet_v2.`,
    );
    expect(beyond.condition).toContain(`endswith(c, "/32")`);
    expect(beyond.error_message).toMatch(/admits networks beyond apiAllowedCidrs/);
  });

  test("a self-managed cluster, whose security group enforces the restriction, has no such check", () => {
    expect((synthSelfManaged() as any).check).toBeUndefined();
  });
});

describeWithSchema("openstack-provider-schema.json", "the check against the pinned provider (3.4.0)", (schema) => {
  test("the listener lookup uses arguments the data source has, and allowed_cidrs is a computed list", () => {
    const [name, check] = onlyCheck(synthMagnum());
    const provider: any = Object.values(schema.provider_schemas)[0];
    const attributes = provider.data_source_schemas[CHECKED].block.attributes;
    for (const arg of Object.keys(check.data[CHECKED][name])) expect(attributes[arg]?.optional).toBe(true);
    expect(attributes.allowed_cidrs).toMatchObject({ computed: true, type: ["list", "string"] });
  });
});
