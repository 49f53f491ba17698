import * as fs from "fs";
import * as path from "path";

/**
 * The folder with the upstream schemas used as test oracles: $JETSTREAM_SHARED_DIR/schemas, or ../shared/schemas
 * beside the checkout.
 */
export function schemaDir(): string {
  const shared = process.env.JETSTREAM_SHARED_DIR ?? path.resolve(__dirname, "..", "..", "..", "shared");
  return path.join(shared, "schemas");
}

/**
 * Loads an upstream schema by file name. When it is missing, returns undefined so the suite can skip, except
 * with CI set, where a missing oracle fails the run (a skipped conformance test proves nothing).
 */
export function loadSchema(file: string): any | undefined {
  const full = path.join(schemaDir(), file);
  if (!fs.existsSync(full)) {
    if (process.env.CI)
      throw new Error(`schema ${full} is missing, and CI is set: conformance tests cannot be skipped`);
    return undefined;
  }
  return JSON.parse(fs.readFileSync(full, "utf8"));
}

/** `describe` when the schema exists, `describe.skip` otherwise (outside CI). */
export function describeWithSchema(file: string, name: string, fn: (schema: any) => void): void {
  const schema = loadSchema(file);
  if (schema === undefined) {
    describe.skip(`${name} (schema ${file} not found)`, () => {
      test("skipped", () => undefined);
    });
  } else {
    describe(name, () => fn(schema));
  }
}
