// Checks synthesized openstack_* blocks against the provider schema in the `terraform providers schema -json`
// format: known types, known arguments, required arguments present, computed-only arguments not set, nested
// block shapes and item counts, and primitive types. cdktf writes single blocks as objects; Terraform's JSON
// syntax accepts an object or an array for a list or set block, and so does this check.

interface Block {
  attributes?: Record<string, { type: any; required?: boolean; optional?: boolean; computed?: boolean }>;
  block_types?: Record<string, { nesting_mode: string; block: Block; min_items?: number; max_items?: number }>;
}

const META_ARGUMENTS = new Set([
  "//",
  "count",
  "for_each",
  "depends_on",
  "provider",
  "lifecycle",
  "provisioner",
  "connection",
]);

function isReference(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

function typeOk(type: any, value: unknown): boolean {
  if (isReference(value)) return true;
  if (type === "string") return typeof value === "string";
  if (type === "number") return typeof value === "number";
  if (type === "bool") return typeof value === "boolean";
  if (Array.isArray(type)) {
    const [kind, inner] = type;
    if (kind === "list" || kind === "set") return Array.isArray(value) && value.every((v) => typeOk(inner, v));
    if (kind === "map")
      return typeof value === "object" && value !== null && Object.values(value).every((v) => typeOk(inner, v));
    if (kind === "object") return typeof value === "object" && value !== null;
  }
  return true;
}

function checkBlock(block: Block, body: Record<string, any>, where: string, topLevel: boolean): string[] {
  const errors: string[] = [];
  const attributes = block.attributes ?? {};
  const blocks = block.block_types ?? {};
  for (const [key, value] of Object.entries(body)) {
    if (topLevel && META_ARGUMENTS.has(key)) continue;
    if (attributes[key]) {
      const a = attributes[key];
      if (a.computed && !a.optional && !a.required) errors.push(`${where}.${key}: computed-only, cannot be set`);
      else if (!typeOk(a.type, value))
        errors.push(`${where}.${key}: ${JSON.stringify(value)} is not of type ${JSON.stringify(a.type)}`);
    } else if (blocks[key]) {
      const b = blocks[key];
      const items = Array.isArray(value) ? value : [value];
      if (b.nesting_mode === "single" && Array.isArray(value))
        errors.push(`${where}.${key}: a single block, not a list`);
      if (b.max_items !== undefined && items.length > b.max_items)
        errors.push(`${where}.${key}: ${items.length} blocks, at most ${b.max_items}`);
      if (b.min_items !== undefined && items.length < b.min_items)
        errors.push(`${where}.${key}: ${items.length} blocks, at least ${b.min_items}`);
      items.forEach((item, i) => {
        if (isReference(item)) return;
        if (typeof item !== "object" || item === null) errors.push(`${where}.${key}[${i}]: not an object`);
        else errors.push(...checkBlock(b.block, item, `${where}.${key}[${i}]`, false));
      });
    } else {
      errors.push(`${where}.${key}: unknown argument`);
    }
  }
  for (const [key, a] of Object.entries(attributes)) {
    if (a.required && !(key in body)) errors.push(`${where}.${key}: required argument missing`);
  }
  for (const [key, b] of Object.entries(blocks)) {
    if ((b.min_items ?? 0) > 0 && !(key in body)) errors.push(`${where}.${key}: required block missing`);
  }
  return errors;
}

/**
 * Every violation of the provider schema among the openstack_* resources and data sources of a stack document.
 */
export function openstackViolations(doc: Record<string, any>, providerSchema: any): string[] {
  const provider = providerSchema.provider_schemas["registry.terraform.io/terraform-provider-openstack/openstack"];
  const errors: string[] = [];
  for (const [section, schemas] of [
    ["resource", provider.resource_schemas],
    ["data", provider.data_source_schemas],
  ] as const) {
    for (const [type, byId] of Object.entries<Record<string, any>>(doc[section] ?? {})) {
      if (!type.startsWith("openstack_")) continue;
      const schema = schemas[type];
      if (!schema) {
        errors.push(`${section}.${type}: unknown type`);
        continue;
      }
      for (const [id, body] of Object.entries(byId))
        errors.push(...checkBlock(schema.block, body, `${section}.${type}.${id}`, true));
    }
  }
  for (const [i, cfg] of (doc.provider?.openstack ?? []).entries()) {
    errors.push(...checkBlock(provider.provider.block, cfg, `provider.openstack[${i}]`, true));
  }
  return errors;
}

/** The number of openstack_* blocks the check looked at, so a test can prove it checked something. */
export function openstackBlockCount(doc: Record<string, any>): number {
  let n = 0;
  for (const section of ["resource", "data"]) {
    for (const [type, byId] of Object.entries<Record<string, any>>(doc[section] ?? {})) {
      if (type.startsWith("openstack_")) n += Object.keys(byId).length;
    }
  }
  return n;
}
