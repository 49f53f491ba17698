import type { PolicyDocument } from "./document";

// Attributes that hold secrets (the provider schemas mark them sensitive) and resources whose every use is one.
const SENSITIVE_PATTERNS: RegExp[] = [
  /^random_password\./,
  /^tls_private_key\.[\w-]+\.private_key/,
  /^openstack_compute_keypair_v2\.[\w-]+\.private_key/,
  /^openstack_containerinfra_cluster_v1\.[\w-]+\.kubeconfig/,
  /^openstack_identity_(application|ec2)_credential_v3\.[\w-]+\.secret/,
  /^data\.openstack_containerinfra_cluster_v1\.[\w-]+\.kubeconfig/,
];

/**
 * The secret-bearing things a text refers to through Terraform expressions: sensitive variables, generated
 * passwords and keys, kubeconfigs, credentials. `$${` (an escaped, literal `${`) is not an expression.
 */
export function sensitiveReferences(text: string, doc: PolicyDocument): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<!\$)\$\{([^}]*)\}/g)) {
    for (const ref of m[1].matchAll(/[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\])+/g)) {
      const path = ref[0];
      const variable = /^var\.([A-Za-z_][\w-]*)/.exec(path);
      if (variable) {
        if (doc.json.variable?.[variable[1]]?.sensitive === true) found.add(`var.${variable[1]}`);
      } else if (SENSITIVE_PATTERNS.some((p) => p.test(path))) {
        found.add(path);
      }
    }
  }
  return [...found];
}
