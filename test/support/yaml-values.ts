import * as fc from "fast-check";
import { YamlValue } from "../../lib/core/formats/yaml";

// Any code points, lone surrogates included, with printable ASCII about as often (3%) as fc.string({ unit: "binary" })
// draws it: that unit's characters and bias, without the table of all 1.1 million code points that fast-check 4.10 builds for
// that unit (0.7 s in each test file that loads it).
const anyText = fc.string({
  unit: fc
    .oneof(
      { arbitrary: fc.integer({ min: 0x20, max: 0x7e }), weight: 1 },
      { arbitrary: fc.integer({ min: 0, max: 0x10ffff }), weight: 30 },
    )
    .map((cp) => String.fromCodePoint(cp)),
});

/** Values of the kinds the documents carry: JSON data, any Unicode text, the words YAML 1.1 reads as other types. */
export const yamlValue: fc.Arbitrary<YamlValue> = fc.letrec<{ value: YamlValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    anyText,
    fc.constantFrom(
      "yes",
      "No",
      "on",
      "OFF",
      "y",
      "~",
      "null",
      "0600",
      "1:20",
      "- x",
      "a: b",
      "#c",
      " lead",
      "#!/bin/sh\n",
    ),
    fc.string({ unit: fc.constantFrom("a", " ", "\n", "\t", "#", ":", "-", "|", '"', "'", "$", "&", "*") }),
    fc.integer(),
    fc.integer({ min: -4000, max: 4000 }).map((n) => n / 4),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(anyText, tie("value"), { maxKeys: 4 }),
  ),
})).value;
