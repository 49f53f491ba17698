#!/usr/bin/env node
// Generates the typed OpenStack bindings in lib/imports/openstack/ with cdktf's own provider generator,
// from the pinned provider schema, for exactly the types listed in scripts/openstack-bindings.json.
//
//   npm run import              regenerate lib/imports/openstack/
//   npm run import -- --check   regenerate into a temporary folder and fail if it differs from the committed copy
//
// The schema path can be overridden with JETSTREAM_SHARED_DIR (the folder holding schemas/).
"use strict";
process.env.CHECKPOINT_DISABLE = "1";

const fs = require("fs");
const os = require("os");
const path = require("path");

// @cdktf/commons runs `terraform version` at load time when a terraform binary exists, and terraform complains
// when TF_CLI_CONFIG_FILE names a missing file. Generation never needs terraform; an empty config quiets it.
const emptyCliConfig = path.join(os.tmpdir(), "cdktf-import-empty.tfrc");
fs.writeFileSync(emptyCliConfig, "");
process.env.TF_CLI_CONFIG_FILE = emptyCliConfig;
// Deep paths on purpose: the generator's package root requires jsii-pacmak at load time.
const { TerraformProviderGenerator } = require("@cdktf/provider-generator/lib/get/generator/provider-generator");
const { CodeMaker } = require("codemaker");
const { ConstructsMakerProviderTarget, TerraformProviderConstraint, Language } = require("@cdktf/commons");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "lib", "imports", "openstack");
const config = JSON.parse(fs.readFileSync(path.join(__dirname, "openstack-bindings.json"), "utf8"));

function schemaPath() {
  if (process.env.JETSTREAM_SHARED_DIR) {
    return path.join(process.env.JETSTREAM_SHARED_DIR, "schemas", path.basename(config.schema));
  }
  return path.resolve(ROOT, config.schema);
}

const HEADER =
  `// GENERATED FILE, DO NOT EDIT. Made by \`npm run import\` (scripts/import-openstack.js) from the schema of\n` +
  `// ${config.provider} ${config.version}. Edit scripts/openstack-bindings.json and regenerate instead.\n`;

function pick(all, wanted, kind) {
  const picked = {};
  for (const name of wanted) {
    if (!all[name]) throw new Error(`${kind} ${name} is not in the provider schema ${config.version}`);
    picked[name] = all[name];
  }
  return picked;
}

async function generate(outDir) {
  const schema = JSON.parse(fs.readFileSync(schemaPath(), "utf8"));
  const fqpn = `registry.terraform.io/${config.provider}`;
  const provider = schema.provider_schemas[fqpn];
  if (!provider) throw new Error(`provider ${fqpn} not found in ${schemaPath()}`);
  provider.resource_schemas = pick(provider.resource_schemas, config.resources, "resource");
  provider.data_source_schemas = pick(provider.data_source_schemas, config.dataSources, "data source");
  // `cdktf get` adds this from `terraform version -json`; it makes required_providers carry the exact version.
  schema.provider_versions = { [fqpn]: config.version };

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "openstack-bindings-"));
  const code = new CodeMaker();
  new TerraformProviderGenerator(code, schema).generate(
    new ConstructsMakerProviderTarget(
      new TerraformProviderConstraint(`${config.provider}@${config.version}`),
      Language.TYPESCRIPT,
    ),
  );
  await code.save(tmp);
  const generated = path.join(tmp, "providers", "openstack");

  fs.rmSync(outDir, { recursive: true, force: true });
  copyTree(generated, outDir);
  fs.rmSync(tmp, { recursive: true, force: true });
}

// Keeps only TypeScript sources (the per-type README files repeat the schema), drops lazy-index.ts (it uses
// CommonJS globals and nothing imports it), and stamps every file with the generated-file header.
function copyTree(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) {
      copyTree(src, dst);
    } else if (entry.name.endsWith(".ts") && entry.name !== "lazy-index.ts") {
      fs.writeFileSync(dst, HEADER + fs.readFileSync(src, "utf8"));
    }
  }
}

function listFiles(dir, prefix = "") {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .sort();
}

async function check() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "openstack-check-"));
  await generate(tmp);
  const want = listFiles(tmp);
  const have = listFiles(OUT);
  const drift = [];
  for (const f of new Set([...want, ...have])) {
    const a = want.includes(f) ? fs.readFileSync(path.join(tmp, f), "utf8") : null;
    const b = have.includes(f) ? fs.readFileSync(path.join(OUT, f), "utf8") : null;
    if (a !== b) drift.push(a === null ? `extra: ${f}` : b === null ? `missing: ${f}` : `differs: ${f}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  if (drift.length) {
    console.error(`lib/imports/openstack drifted from the generator (${drift.length} files); run npm run import:`);
    for (const d of drift) console.error(`  ${d}`);
    process.exit(1);
  }
  console.log(`lib/imports/openstack matches the generator (${want.length} files)`);
}

async function main() {
  if (!fs.existsSync(schemaPath())) {
    console.error(
      `provider schema not found at ${schemaPath()}; set JETSTREAM_SHARED_DIR to the folder that holds schemas/`,
    );
    process.exit(2);
  }
  if (process.argv.includes("--check")) return check();
  const started = Date.now();
  await generate(OUT);
  console.log(`wrote ${listFiles(OUT).length} files to lib/imports/openstack in ${Date.now() - started} ms`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
