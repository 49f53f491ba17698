import { Testing } from "cdktf";
import * as fs from "fs";
import * as path from "path";
import { GatewayCompanionExample } from "../../examples/gateway-companion/stack";
import { GATEWAY_API_URL_VARIABLE } from "../../lib/zero-to-jupyterhub/values";
import { NOTEBOOKS, codeOf, notebookFiles, notebooks } from "./notebooks";

// The tutorial notebooks kept with the gateway-companion example: valid nbformat 4, committed without outputs,
// and (gateway-companion.integration.test.ts) runnable end to end against a local gateway.
describe("gateway-companion tutorial notebooks", () => {
  test("walk the pipeline in order: upload and pre-process, submit and monitor, results and plot", () => {
    expect(notebookFiles).toEqual([
      "01-upload-and-preprocess.ipynb",
      "02-submit-and-monitor.ipynb",
      "03-results-and-plot.ipynb",
    ]);
  });

  test.each(notebooks.map((n) => [n.file, n.nb]))("%s is a clean nbformat 4 notebook", (_, nb) => {
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBeGreaterThanOrEqual(5);
    expect(nb.metadata.kernelspec).toMatchObject({ name: "python3", language: "python" });
    const ids = nb.cells.map((c: any) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const cell of nb.cells) {
      expect(cell.id).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(["markdown", "code"]).toContain(cell.cell_type);
      expect(Array.isArray(cell.source) && cell.source.every((s: unknown) => typeof s === "string")).toBe(true);
      if (cell.cell_type === "code") {
        // Committed without outputs: what users see is what their own run produces.
        expect(cell.outputs).toEqual([]);
        expect(cell.execution_count).toBeNull();
      }
    }
    expect(nb.cells[0].cell_type).toBe("markdown");
    expect(nb.cells[0].source[0]).toMatch(/^# \d\. /);
  });

  test.each(notebooks.map((n) => [n.file, n.nb]))("%s finds the gateway through the hub's environment", (_, nb) => {
    const code = codeOf(nb).join("\n");
    expect(code).toContain("GatewayClient.from_environment()");
    expect(code).not.toMatch(/https?:\/\//);
  });

  test("the client reads the variable the hub sets", () => {
    const client = fs.readFileSync(path.join(NOTEBOOKS, "gateway_client.py"), "utf8");
    expect(client).toContain(`os.environ.get("${GATEWAY_API_URL_VARIABLE}")`);
  });
});

describe("gateway-companion stack: a hub the gateway can call", () => {
  const app = Testing.app();
  const stack = new GatewayCompanionExample(app, "ex");
  const doc = JSON.parse(Testing.synth(stack, true));
  const release = Object.values(doc.resource.helm_release)[0] as any;

  test("the gateway service's token reaches the chart only through set_sensitive, from random_password", () => {
    const token = release.set_sensitive.find((s: any) => s.name === "hub.services.gateway.apiToken");
    expect(token.value).toMatch(/^\$\{random_password\.[A-Za-z0-9_]+\.result\}$/);
    expect(JSON.parse(release.values[0]).hub.loadRoles["gateway-service"].services).toEqual(["gateway"]);
  });

  test("the stack hands the token to the gateway's deployment as a sensitive output", () => {
    expect(doc.output.hub_api_token).toMatchObject({
      sensitive: true,
      value: expect.stringMatching(/random_password/),
    });
    expect(doc.output.hub_api_url.value).toMatch(/hub\/api\/$/);
  });
});
