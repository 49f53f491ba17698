import fc from "fast-check";
import * as yaml from "js-yaml";
import { YamlSubsetError, parseYaml } from "../../lib/policy/yaml-subset";

// js-yaml is the oracle: whatever it dumps in the styles cloud-config and config.yaml files are written in, the
// subset reader must read back to the same value.

const key = fc.oneof(
  fc.constantFrom("auth", "type", "users", "admin", "https", "enabled", "write_files", "path", "content", "a b", "x:y"),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const scalar = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    "",
    " lead",
    "trail ",
    "a: b",
    "# not a comment",
    "- dash",
    "true",
    "null",
    "1.5",
    "0x1F",
    "'q'",
    '"d"',
  ),
  fc.constantFrom("line1\nline2", "ends\n", "\n\nblank start", "  indented\nthen not", "tab\there", "x\n\n\ny\n\n"),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
  fc.boolean(),
  fc.constant(null),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(key, tie("value"), { maxKeys: 4 }),
  ),
}));

// Every string in a value, keys included.
function texts(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(texts);
  if (v !== null && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => [k, ...texts(x)]);
  return [];
}

describe("the YAML subset reader", () => {
  test.each([
    ["block style", { lineWidth: -1 }],
    ["folded long lines", { lineWidth: 20 }],
    ["flow collections", { flowLevel: 1, lineWidth: -1 }],
    ["double quotes", { quotingType: '"' as const, forceQuotes: true, lineWidth: -1 }],
    ["compact nesting off", { noCompatMode: true, noArrayIndent: true, lineWidth: -1 }],
  ])("reads back what js-yaml dumps (%s)", (_, options) => {
    // js-yaml leaves flow indicators unquoted inside flow scalars ("[a{]"), which YAML forbids; real files quote.
    const values = "flowLevel" in options ? value.filter((v) => !texts(v).some((t) => /[[\]{},]/.test(t))) : value;
    fc.assert(
      fc.property(values, (v) => {
        const text = yaml.dump(v, options);
        expect(parseYaml(text)).toEqual(yaml.load(text));
      }),
      { numRuns: 300 },
    );
  });

  test("reads a cloud-config the way cloud-init would", () => {
    // GIVEN a cloud-config in the shape a TLJH renderer writes
    const text = [
      "#cloud-config",
      "package_update: true",
      "write_files:",
      "  - path: /opt/tljh/config/config.yaml",
      "    permissions: '0600'",
      "    content: |",
      "      auth:",
      "        type: github # a comment",
      "        GitHubOAuthenticator: {client_id: abc, scope: [read:org]}",
      "      users:",
      "        admin:",
      "        - alice",
      "runcmd:",
      "  - [sh, -c, 'curl -L https://tljh.jupyter.org/bootstrap.py | sudo python3 - --version 2.0.0']",
      "  - echo done",
      "",
    ].join("\n");
    // WHEN read
    const doc: any = parseYaml(text);
    // THEN the nested config.yaml is itself readable
    expect(doc.write_files[0].permissions).toBe("0600");
    expect(parseYaml(doc.write_files[0].content)).toEqual({
      auth: { type: "github", GitHubOAuthenticator: { client_id: "abc", scope: ["read:org"] } },
      users: { admin: ["alice"] },
    });
    expect(doc.runcmd[0][2]).toMatch(/--version 2\.0\.0$/);
  });

  test.each([
    ["anchors", "a: &x 1\nb: *x\n"],
    ["tags", "a: !!str 1\n"],
    ["several documents", "a: 1\n---\nb: 2\n"],
    ["multi-line plain scalars", "a: one\n  two\n"],
    ["multi-line quoted scalars", 'a: "one\n  two"\n'],
    ["complex keys", "? a\n: b\n"],
    ["duplicate keys", "a: 1\na: 2\n"],
    ["tab indentation", "a:\n\tb: 1\n"],
    ["unterminated flow", "a: [1, 2\n"],
  ])("fails when the text uses %s", (_, text) => {
    expect(() => parseYaml(text)).toThrow(YamlSubsetError);
  });
});
