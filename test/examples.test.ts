import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { DIAGRAM_DIR, renderDiagramFiles } from "../examples/diagram";
import { buildExamples } from "../examples/examples";
import { describeWithSchema } from "./support/schemas";
import { openstackBlockCount, openstackViolations } from "./support/conformance";
import { synthApp } from "./support/synth";
import { hubReleases, valuesOf, z2jhOracle, z2jhViolations } from "./support/z2jh";

// Every example is synthesized here, as the main job does (a whole-app synth resolves the cross-stack
// references between a cluster stack and its hub stack), so an example that stops synthesizing fails the suite.
const app = Testing.app();
const stacks = buildExamples(app);
const synthesized = synthApp(app);
const docs = stacks.map((stack) => ({ name: stack.node.id, doc: synthesized[stack.node.id] }));
// Stacks with OpenStack resources; a hub on a bring-your-own cluster has none.
const openstackDocs = docs.filter((d) => openstackBlockCount(d.doc) > 0);

describe("examples", () => {
  test.each(openstackDocs.map((d) => [d.name, d.doc]))(
    "%s pins the OpenStack provider source and version",
    (_, doc) => {
      expect(doc.terraform.required_providers.openstack).toEqual({
        source: "terraform-provider-openstack/openstack",
        version: "3.4.0",
      });
    },
  );
});

describeWithSchema(
  "openstack-provider-schema.json",
  "examples conform to the OpenStack provider schema 3.4.0",
  (schema) => {
    test("some example has OpenStack resources to check", () => {
      expect(openstackDocs.length).toBeGreaterThan(0);
    });

    test.each(openstackDocs.map((d) => [d.name, d.doc]))("%s has no schema violation", (_, doc) => {
      expect(openstackViolations(doc, schema)).toEqual([]);
    });

    test("the checker catches what it is meant to catch", () => {
      // GIVEN a document with one of each kind of mistake
      const bad = {
        resource: {
          openstack_compute_instance_v2: {
            a: { flavor_name: "m3.small", bogus: 1, network: [{ port: "x" }], access_ip_v4: "1.2.3.4" },
          },
          openstack_compute_volume_attach_v2: { b: { instance_id: "i" } },
          openstack_networking_secgroup_rule_v2: {
            c: { direction: "ingress", ethertype: "IPv4", security_group_id: "s", port_range_min: "80" },
          },
          openstack_made_up_v9: { d: {} },
        },
      };
      // THEN each is reported
      const errors = openstackViolations(bad, schema).join("\n");
      expect(errors).toMatch(/openstack_compute_instance_v2\.a\.name: required argument missing/);
      expect(errors).toMatch(/openstack_compute_instance_v2\.a\.bogus: unknown argument/);
      expect(errors).toMatch(/volume_attach_v2\.b\.volume_id: required argument missing/);
      expect(errors).toMatch(/port_range_min: "80" is not of type "number"/);
      expect(errors).toMatch(/openstack_made_up_v9: unknown type/);
    });
  },
);

describeWithSchema("z2jh-values.schema.json", "examples' hub values are valid chart 4.4.0 values", () => {
  const hubs = docs.flatMap((d) => hubReleases(d.doc).map((r) => [`${d.name}: ${r.name}`, r] as const));

  test("some example installs a hub", () => {
    expect(hubs.length).toBeGreaterThan(0);
  });

  test.each(hubs)("%s, coalesced onto the chart defaults, validates", (_, release) => {
    expect(z2jhViolations(z2jhOracle()!, valuesOf(release))).toEqual([]);
  });
});

// The pictures in docs/examples are drawn from these same documents; a stale one fails here, not in a reader's eyes.
describe("docs/examples pictures match the examples (npm run diagrams regenerates them)", () => {
  const dir = path.resolve(__dirname, "..", DIAGRAM_DIR);
  const expected = renderDiagramFiles(docs.map((d) => ({ stack: d.name, doc: d.doc })));

  test.each(Object.keys(expected))("%s", (file) => {
    const committed = path.join(dir, file);
    expect(fs.existsSync(committed) ? fs.readFileSync(committed, "utf8") : `(${DIAGRAM_DIR}/${file} is missing)`).toBe(
      expected[file],
    );
  });

  test("no picture of a stack that is gone", () => {
    const committed = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".md")) : [];
    expect(committed.sort()).toEqual(Object.keys(expected).sort());
  });
});
