import { Annotations, DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from "cdktf";
import { IConstruct } from "constructs";
import { fail } from "./validate";

/**
 * Nova's limit on `user_data`, in bytes of its base64 encoding: the compute API's server-create schema gives
 * `user_data` `format: base64, maxLength: 65535` (openstack/nova, nova/api/openstack/compute/schemas/servers.py).
 * The OpenStack provider base64-encodes the text it is given before sending it.
 */
export const NOVA_USER_DATA_MAX_BASE64 = 65535;

/** Nova derives a VM's host name from its name and cuts it to one DNS label of 63 characters (RFC 1035). */
export const HOST_NAME_MAX = 63;

/**
 * Jetstream2's default per-project quotas that a synthesized stack can count: Cinder volumes (10 per project,
 * Jetstream2 docs `general/storage.md`), floating IPs (10 for a CPU research allocation, `general/quotas.md`), and
 * Neutron's defaults for security groups (10) and their rules (100) (neutron `conf/quota.py`), which Jetstream2
 * keeps. Each can be raised by a ticket to Jetstream2 support, so going over is a warning, not an error.
 */
export const JETSTREAM2_DEFAULT_QUOTAS: { resourceType: string; what: string; limit: number }[] = [
  { resourceType: "openstack_blockstorage_volume_v3", what: "Cinder volumes", limit: 10 },
  { resourceType: "openstack_networking_floatingip_v2", what: "floating IPs", limit: 10 },
  { resourceType: "openstack_networking_secgroup_v2", what: "security groups", limit: 10 },
  { resourceType: "openstack_networking_secgroup_rule_v2", what: "security group rules", limit: 100 },
];

/**
 * The size of user data after base64, as Nova measures it, counting only the text synth knows: references to
 * other resources are resolved at deploy time and left out, so the result is a lower bound.
 */
export function userDataBase64Bytes(scope: IConstruct, userData: string): number {
  const resolved = Tokenization.resolve(userData, {
    scope,
    preparing: false,
    resolver: new DefaultTokenResolver(new StringConcat()),
  });
  if (typeof resolved !== "string") return 0;
  // Terraform turns `$${` back into `${`; a `${...}` that remains is a reference whose value synth does not know.
  const known = resolved
    .replace(/(^|[^$])\$\{[^{}]*\}/g, "$1")
    .replace(/\$\$\{/g, "${")
    .replace(/%%\{/g, "%{");
  return 4 * Math.ceil(Buffer.byteLength(known, "utf8") / 3);
}

/** Refuses user data that Nova would refuse at apply, naming what it was made from. */
export function checkUserDataSize(scope: IConstruct, prop: string, userData: string | undefined): void {
  if (userData === undefined) return;
  const size = userDataBase64Bytes(scope, userData);
  if (size > NOVA_USER_DATA_MAX_BASE64) {
    fail(scope, {
      prop,
      value: `${size} bytes after base64`,
      problem: "the VM's user data is larger than Nova accepts, so creating the VM would fail at apply",
      allowed: `at most ${NOVA_USER_DATA_MAX_BASE64} bytes after base64 (about 48 KiB of text)`,
      fix: "install large files from a URL or an image instead of inlining them (tutorials from a git repository, packages by name)",
    });
  }
}

/**
 * Warns, once per stack, when the stack alone creates more of a resource than a Jetstream2 project holds by
 * default. Registered by every construct that creates such resources; runs at synth.
 */
export function watchQuotas(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (WATCHED.has(stack)) return;
  WATCHED.add(stack);
  stack.node.addValidation({
    validate: () => {
      const counts = new Map<string, number>();
      for (const c of stack.node.findAll()) {
        const type = (c as any).terraformResourceType;
        if (typeof type === "string" && (c as any).terraformGeneratorMetadata !== undefined) {
          const count = (c as any).count;
          counts.set(type, (counts.get(type) ?? 0) + (typeof count === "number" ? count : 1));
        }
      }
      for (const q of JETSTREAM2_DEFAULT_QUOTAS) {
        const n = counts.get(q.resourceType) ?? 0;
        if (n > q.limit) {
          Annotations.of(stack).addWarning(
            `stack ${stack.node.id} creates ${n} ${q.what}; a Jetstream2 project holds ${q.limit} by default, so ` +
              "apply would fail part-way unless the allocation's quota was raised (ask Jetstream2 support)",
          );
        }
      }
      return [];
    },
  });
}

const WATCHED = new WeakSet<TerraformStack>();
