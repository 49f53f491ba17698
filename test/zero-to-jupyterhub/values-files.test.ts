// Fifteen values files written for this suite (test/fixtures/z2jh-values, issue 13), each re-expressed with typed
// props only (values-files.typed.ts). Reproduced means: coalesced onto the chart's defaults (values.yaml@4.4.0, with
// the image tags the published chart sets), every key the file sets has the file's value, and every other key the
// hub changes from the chart's default is a documented safety default (SAFETY_DEFAULTS). No extraValues, no undo.
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { load } from "js-yaml";
import { KubernetesProviders, Secret, ZeroToJupyterHub } from "../../lib";
import { HelmValues, mergeHelmValues, NullHandling } from "../../lib/core/formats/helm-values";
import { SAFETY_DEFAULTS } from "../../lib/zero-to-jupyterhub/values";
import { testCluster } from "../support/hub-fixtures";
import { newStack, synth } from "../support/synth";
import { hubReleases, valuesOf, z2jhOracle, z2jhViolations } from "../support/z2jh";
import { TYPED } from "./values-files.typed";

const DIR = join(__dirname, "..", "fixtures", "z2jh-values");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".yaml"));

/** Leaf paths of a values tree; lists are leaves (Helm replaces them whole). */
function leaves(values: HelmValues, prefix: string[] = []): string[][] {
  return Object.entries(values).flatMap(([key, value]) =>
    value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0
      ? leaves(value, [...prefix, key])
      : [[...prefix, key]],
  );
}

function at(values: HelmValues, path: string[]): any {
  return path.reduce((node, key) => (node === null || node === undefined ? undefined : node[key]), values as any);
}

/** The chart's defaults as published: chartpress sets the image tags to the chart version. */
function publishedDefaults(defaults: HelmValues): HelmValues {
  return JSON.parse(JSON.stringify(defaults).replace(/"set-by-chartpress"/g, '"4.4.0"'));
}

const SECRET_VALUE = "from-secret";

/** Builds the hub for `file` with its typed builder, or through the YAML import. */
function render(
  file: string,
  how: "typed" | "import",
): { values: HelmValues; sensitive: string[]; hub: ZeroToJupyterHub } {
  const stack = newStack();
  const cluster = testCluster(stack);
  KubernetesProviders.configure(stack, cluster);
  new RandomProvider(stack, "random", {});
  let hub: ZeroToJupyterHub;
  if (how === "typed") {
    hub = new ZeroToJupyterHub(stack, "Hub", { cluster, ...TYPED[file](stack) });
  } else {
    const wanted = load(readFileSync(join(DIR, file), "utf8")) as HelmValues;
    const secrets = Object.fromEntries(
      leaves(wanted)
        .filter((path) => at(wanted, path) === SECRET_VALUE)
        .map((path, i) => [path.join("."), Secret.fromEnvironment(stack, `imported_secret_${i}`)]),
    );
    hub = ZeroToJupyterHub.fromValuesFile(stack, "Hub", { cluster, valuesFile: join(DIR, file), secrets });
  }
  const [release] = hubReleases(synth(stack));
  return { values: valuesOf(release), sensitive: (release.set_sensitive ?? []).map((s: any) => s.name), hub };
}

test("the suite has at least 15 files, each with a typed builder", () => {
  expect(FILES.length).toBeGreaterThanOrEqual(15);
  expect(Object.keys(TYPED).sort()).toEqual([...FILES].sort());
});

const oracle = z2jhOracle();
(oracle ? describe : describe.skip)("each file is reproduced with typed props", () => {
  const defaults = publishedDefaults(oracle!.defaults);
  const safety = new Set(SAFETY_DEFAULTS.map((d) => d.key));

  describe.each(FILES.flatMap((f) => [[f, "typed"] as const, [f, "import"] as const]))("%s (%s)", (file, how) => {
    const wanted = load(readFileSync(join(DIR, file), "utf8")) as HelmValues;
    const { values, sensitive, hub } = render(file, how);
    const ours = mergeHelmValues(defaults, values, NullHandling.DELETE);
    const theirs = mergeHelmValues(defaults, wanted, NullHandling.DELETE);

    test("every key the file sets has the file's value (secrets through set_sensitive)", () => {
      for (const path of leaves(wanted)) {
        const key = path.join(".");
        if (at(wanted, path) === SECRET_VALUE) {
          expect({ key, sensitive: sensitive.some((name) => name.replace(/\\\./g, ".") === key) }).toEqual({
            key,
            sensitive: true,
          });
        } else {
          expect({ key, value: at(ours, path) }).toEqual({ key, value: at(theirs, path) });
        }
      }
    });

    test("every other change from the chart's defaults is a documented safety default", () => {
      const extra = leaves(ours)
        .filter((path) => JSON.stringify(at(ours, path)) !== JSON.stringify(at(theirs, path)))
        .map((path) => path.join("."))
        .filter((key) => !safety.has(key))
        // Secrets are not in the plain values: they reach the chart through set_sensitive (checked above).
        .filter((key) => !sensitive.some((name) => key === name || name.startsWith(`${key}.`)));
      expect(extra).toEqual([]);
    });

    if (how === "import") {
      test("the import reports every key of the file, each once, and sets all of them with typed props", () => {
        const report = hub.valuesImport!;
        const all = leaves(wanted).map((p) => p.join("."));
        expect([...report.typedKeys, ...report.extraValuesKeys].sort()).toEqual([...all].sort());
        expect(report.extraValuesKeys).toEqual([]);
      });
    }

    test("the file and the hub's values are valid chart 4.4.0 values", () => {
      expect(z2jhViolations(oracle!, wanted)).toEqual([]);
      // Helm checks what set_sensitive adds too: its keys, with stand-in values.
      const withSensitive = sensitive.reduce(
        (acc, name) =>
          mergeHelmValues(
            acc,
            name
              .split(/(?<!\\)\./)
              .map((k) => k.replace(/\\(.)/g, "$1"))
              .reduceRight<any>((inner, key) => ({ [key]: inner }), "(sensitive)"),
            NullHandling.KEEP,
          ),
        values,
      );
      expect(z2jhViolations(oracle!, withSensitive)).toEqual([]);
    });
  });
});
