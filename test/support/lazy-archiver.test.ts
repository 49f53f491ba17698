import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, AssetType, TerraformAsset, TerraformStack } from "cdktf";

// jest.config.js hands cdktf test/support/lazy-archiver.js for `archiver`: cdktf must still zip an asset with it.
test("cdktf zips an archive asset through the lazily loaded archiver", () => {
  const source = fs.mkdtempSync(path.join(os.tmpdir(), "asset-"));
  fs.writeFileSync(path.join(source, "notes.txt"), "hello from the asset\n");
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "asset-out-")) });
  const asset = new TerraformAsset(new TerraformStack(app, "stack"), "asset", {
    path: source,
    type: AssetType.ARCHIVE,
  });
  app.synth();
  const zip = fs.readFileSync(path.join(app.outdir, "stacks", "stack", asset.path));
  expect(zip.subarray(0, 4)).toEqual(Buffer.from("PK\x03\x04", "latin1")); // a zip's local file header
  expect(zip.includes(Buffer.from("notes.txt"))).toBe(true);
});

test("the mapping is in effect, and the module forwards what archiver offers", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mapped = require("archiver");
  expect(require.resolve("archiver")).toBe(path.join(__dirname, "lazy-archiver.js"));
  expect(typeof mapped).toBe("function");
  expect("create" in mapped && typeof mapped.create).toBe("function");
  expect(typeof mapped("zip").append).toBe("function");
});
