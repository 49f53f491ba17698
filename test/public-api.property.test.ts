import * as fs from "fs";
import * as path from "path";
import { TerraformVariable, Testing } from "cdktf";
import fc from "fast-check";
import * as lib from "../lib";
import { scratchStack } from "./support/synth";

// No TypeError from any public entry point: every exported construct and static factory of the jsii assembly
// (.jsii, written by `npm run build`, which CI runs before the tests) is called with generated arguments, the props
// of its jsii type filled with what plain JavaScript can pass (undefined, null, holes, NaN, Infinity, tokens, wrong
// types). Each call either succeeds (and a construct synthesizes) or throws the library's validation error naming
// the prop. The raw OpenStack bindings (lib.openstack) are generated escape hatches and outside this promise.

// A fixed seed keeps CI deterministic; set FC_SEED to explore other inputs locally.
const SEED = Number(process.env.FC_SEED ?? 20261206);
const ASSEMBLY = path.join(__dirname, "..", ".jsii");

// Predicates and catalogues take anything and answer; they have no props to refuse.
// The OpenStack provider is a generated binding, re-exported as the raw escape hatch.
const NOT_ENTRY_POINTS = new Set([
  "JetstreamErrors.isValidationError",
  "Secret.isSecret",
  "JetstreamFlavor.isKnown",
  "new OpenstackProvider",
  "OpenstackProvider.generateConfigForImport",
]);

interface Param {
  readonly name: string;
  readonly type: any;
  readonly optional?: boolean;
}
interface EntryPoint {
  readonly label: string;
  readonly params: Param[];
  readonly call: (args: any[]) => any;
  readonly construct: boolean;
}

function entryPoints(assembly: any): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const [fqn, type] of Object.entries<any>(assembly.types)) {
    if (type.kind !== "class" || fqn.split(".").length !== 2) continue;
    const cls = (lib as any)[type.name];
    if (typeof cls !== "function") continue;
    const init = type.initializer?.parameters ?? [];
    if (init[0]?.name === "scope" && !type.abstract && !NOT_ENTRY_POINTS.has(`new ${type.name}`)) {
      out.push({ label: `new ${type.name}`, params: init, call: (a) => new cls(...a), construct: true });
    }
    for (const m of type.methods ?? []) {
      const label = `${type.name}.${m.name}`;
      if (!m.static || NOT_ENTRY_POINTS.has(label)) continue;
      out.push({ label, params: m.parameters ?? [], call: (a) => cls[m.name](...a), construct: false });
    }
  }
  return out;
}

function garbage(stack: any): fc.Arbitrary<any> {
  const token = () => new TerraformVariable(stack, `v${Math.random().toString(36).slice(2)}`, { type: "string" });
  const hole = [, "x"];
  return fc.oneof(
    fc.constantFrom(
      undefined,
      null,
      NaN,
      Infinity,
      -Infinity,
      -1,
      0,
      1.5,
      1e12,
      "",
      " ",
      "x",
      "${x}",
      true,
      {},
      [],
      [null],
    ),
    fc.constant(hole),
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.constant(0).map(() => token().stringValue),
    fc.constant(0).map(() => token().numberValue),
    fc.constant(0).map(() => [token().stringValue]),
  );
}

function argFor(assembly: any, p: Param, stack: any, extra: any[]): any {
  if (p.name === "scope" || p.name === "stack") return stack;
  if (p.name === "id") return "X";
  const fqn = p.type?.fqn;
  const t = fqn ? assembly.types[fqn] : undefined;
  if (t?.kind === "interface" && t.properties) {
    return Object.fromEntries(t.properties.map((prop: any, i: number) => [prop.name, extra[i % extra.length]]));
  }
  return extra[0];
}

const assembly = fs.existsSync(ASSEMBLY) ? JSON.parse(fs.readFileSync(ASSEMBLY, "utf8")) : undefined;
const describeWithAssembly = assembly || process.env.CI ? describe : describe.skip;

describeWithAssembly("every public entry point, called from plain JavaScript", () => {
  const points = assembly ? entryPoints(assembly) : [];

  test("the assembly lists the constructs and factories", () => {
    expect(points.map((p) => p.label)).toEqual(
      expect.arrayContaining([
        "new JetstreamCluster",
        "new SingleServerHub",
        "new ZeroToJupyterHub",
        "new HubEndpoint",
      ]),
    );
  });

  test.each(points.map((p) => [p.label, p]))(
    "%s synthesizes or throws the validation error naming the prop",
    (_, point) => {
      const p = point as EntryPoint;
      let bad = 0;
      fc.assert(
        fc.property(fc.array(garbage(scratchStack()), { minLength: 1, maxLength: 12 }), fc.context(), (extra, ctx) => {
          const stack = scratchStack();
          const args = p.params.map((param) => argFor(assembly, param, stack, extra));
          try {
            p.call(args);
            if (p.construct) Testing.synth(stack, true);
          } catch (e) {
            ctx.log(String(e));
            if (!lib.JetstreamErrors.isValidationError(e)) throw e;
            expect((e as any).prop).toMatch(/\S/);
            bad++;
          }
        }),
        { numRuns: Number(process.env.FC_RUNS ?? 30), seed: SEED },
      );
      void bad;
    },
  );
});
