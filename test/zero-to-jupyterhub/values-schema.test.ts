// Synth-time validation of the final values (issue 13, item 2): the bundled schema of chart 4.4.0 and the typed
// checks run on what Helm will install, so extraValues cannot bypass them. The library's small validator is held to
// Ajv's verdicts (the oracle the schemas README names) on the same schema.
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import Ajv from "ajv";
import { Testing } from "cdktf";
import fc from "fast-check";
import { load } from "js-yaml";
import { mergeHelmValues, NullHandling } from "../../lib/core/formats/helm-values";
import {
  z2jhChartDefaults as chartDefaults,
  z2jhEffectiveValues as coalescedValues,
} from "../../lib/core/formats/upstream-defaults";
import { chartSchemaViolations, violations } from "../../lib/zero-to-jupyterhub/values-schema";
import { hubStack } from "../support/hub-fixtures";
import { loadSchema } from "../support/schemas";

const bundled = JSON.parse(
  readFileSync(join(__dirname, "../../lib/core/formats/z2jh-chart/jupyterhub-4.4.0.values.schema.json"), "utf8"),
);

describe("the bundled schema and defaults", () => {
  test("are the upstream oracles, unchanged", () => {
    const upstream = loadSchema("z2jh-values.schema.json");
    const defaults = loadSchema("z2jh-values.defaults.json");
    if (!upstream || !defaults) return;
    expect(bundled).toEqual(upstream);
    expect(mergeHelmValues(defaults, {}, NullHandling.DELETE)).toEqual(
      mergeHelmValues(
        JSON.parse(JSON.stringify(chartDefaults()).replace(/"4\.4\.0"/g, '"set-by-chartpress"')),
        {},
        NullHandling.DELETE,
      ),
    );
  });
});

describe("the validator agrees with Ajv on the chart's schema", () => {
  const ajv = new Ajv({ allowMatchingProperties: true, strictTypes: false, allErrors: true }).compile(bundled);
  const agree = (values: any) => {
    const ours = violations(bundled, values, "");
    expect({ valid: ours.length === 0, ours }).toEqual({ valid: ajv(values), ours: ajv(values) ? [] : ours });
  };

  test("the chart's defaults are valid", () => agree(chartDefaults()));

  const dir = join(__dirname, "..", "fixtures", "z2jh-values");
  test.each(readdirSync(dir).filter((f) => f.endsWith(".yaml")))("values file %s", (file) =>
    agree(coalescedValues(load(readFileSync(join(dir, file), "utf8")) as any)),
  );

  // The deliberately wrong inputs of the schemas README.
  test.each([
    ["storage type cinder", { singleuser: { storage: { type: "cinder" } } }],
    ["singleuser.cpuLimit", { singleuser: { cpuLimit: 2 } }],
    ["https type letsencrypt-bogus", { proxy: { https: { type: "letsencrypt-bogus" } } }],
    ["cull.every as a string", { cull: { every: "1h" } }],
    ["typo memorry", { singleuser: { memorry: { limit: "2G" } } }],
    ["cpu limit as a string", { singleuser: { cpu: { limit: "2" } } }],
    ["imagePullSecret create without registry", { imagePullSecret: { create: true } }],
    [
      "extraFiles with data and stringData",
      { hub: { extraFiles: { a: { mountPath: "/a", data: {}, stringData: "x" } } } },
    ],
    ["hub.config lower-case class", { hub: { config: { kubeSpawner: { x: 1 } } } }],
  ])("%s: both refuse", (_, overlay) => {
    const values = coalescedValues(overlay);
    expect(ajv(values)).toBe(false);
    agree(values);
  });

  test("random changes to valid values: the same verdict as Ajv", () => {
    const paths = [
      ["singleuser", "cpu", "limit"],
      ["singleuser", "memory", "limit"],
      ["singleuser", "storage", "type"],
      ["singleuser", "image", "tag"],
      ["cull", "timeout"],
      ["proxy", "https", "type"],
      ["proxy", "service", "type"],
      ["hub", "db", "type"],
      ["singleuser", "networkPolicy", "egressAllowRules", "privateIPs"],
      ["singleuser", "bogusKey"],
      ["ingress", "annotations", "a"],
      ["scheduling", "userPlaceholder", "replicas"],
    ];
    const value = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -3, max: 5000 }),
      fc.double({ min: -1, max: 8, noNaN: true }),
      fc.constantFrom("dynamic", "static", "none", "letsencrypt", "secret", "ClusterIP", "sqlite-pvc", "2G", ""),
      fc.constant([]),
      fc.constant({}),
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), value, (path, v) => {
        const overlay: any = {};
        path.reduce((node, key, i) => (node[key] = i === path.length - 1 ? v : {}), overlay);
        const values = coalescedValues(overlay);
        return (violations(bundled, values, "").length === 0) === ajv(values);
      }),
      { numRuns: 300 },
    );
  });
});

describe("ZeroToJupyterHub: the final values are checked at synth", () => {
  const synthErrors = (extraValues: any) => {
    const { stack } = hubStack({ extraValues });
    try {
      Testing.synth(stack, true);
      return "";
    } catch (e) {
      return String((e as Error).message);
    }
  };

  test("a hub's own values are valid", () => {
    expect(synthErrors({})).toBe("");
    expect(chartSchemaViolations({})).toEqual([]);
  });

  test("fails when extraValues misspells a key", () => {
    expect(synthErrors({ singleuser: { memorry: { limit: "2G" } } })).toMatch(
      /extraValues: the final values break the jupyterhub 4\.4\.0 chart's values schema.*\/singleuser\/memorry: not a key the chart knows/,
    );
  });

  test("fails when extraValues gives a value of the wrong type", () => {
    expect(synthErrors({ cull: { every: "1h" } })).toMatch(/\/cull\/every: must be integer or null/);
  });

  test("fails when extraValues brings back a latest tag", () => {
    expect(synthErrors({ singleuser: { image: { tag: "latest" } } })).toMatch(
      /extraValues\.singleuser\.image\.tag: an image needs an explicit, fixed tag; got "latest"/,
    );
  });

  test("fails when extraValues replaces the login", () => {
    expect(synthErrors({ hub: { config: { JupyterHub: { authenticator_class: "dummy" } } } })).toMatch(
      /extraValues\.hub\.config\.JupyterHub\.authenticator_class: extraValues replaces the login/,
    );
  });

  test("fails when extraValues writes an admin name JupyterHub cannot have", () => {
    expect(synthErrors({ hub: { config: { Authenticator: { admin_users: ["alice smith"] } } } })).toMatch(
      /extraValues\.hub\.config\.Authenticator\.admin_users\[0\]: not a usable username/,
    );
  });

  test("fails when extraValues leaves the hub without an admin", () => {
    expect(synthErrors({ hub: { config: { Authenticator: { admin_users: [] } } } })).toMatch(/without an admin/);
  });
});
