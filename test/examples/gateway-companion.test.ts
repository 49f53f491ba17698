import { spawnSync } from "child_process";
import { Testing } from "cdktf";
import * as fs from "fs";
import * as path from "path";
import { GatewayCompanionExample } from "../../examples/gateway-companion/stack";
import { GATEWAY_API_URL_VARIABLE } from "../../lib/zero-to-jupyterhub/values";

// The tutorial notebooks kept with the gateway-companion example: valid nbformat 4, committed without outputs,
// and runnable end to end against a local server that implements the API contract they document.
const NOTEBOOKS = path.resolve(__dirname, "..", "..", "examples", "gateway-companion", "notebooks");
const notebookFiles = fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb"));
const notebooks = notebookFiles.sort().map((file) => ({
  file,
  nb: JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, file), "utf8")),
}));
const codeOf = (nb: any): string[] =>
  nb.cells.filter((c: any) => c.cell_type === "code").map((c: any) => c.source.join(""));

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

const python = spawnSync("python3", ["--version"]).status === 0;
(python ? describe : describe.skip)("gateway-companion tutorial notebooks, run against a fake gateway", () => {
  // -B: no __pycache__ folders left in the checkout.
  const run = spawnSync("python3", ["-B", path.join(__dirname, "..", "support", "run_notebooks.py"), NOTEBOOKS], {
    encoding: "utf8",
    timeout: 30000,
  });
  const report = run.status === 0 ? JSON.parse(run.stdout) : undefined;

  test("the runner finished", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  test.each(notebookFiles.map((f) => [f]))("every code cell of %s runs without error", (file) => {
    const entry = report.notebooks.find((n: any) => n.name === file);
    expect(entry.error).toBeNull();
    const cells = notebooks.find((n) => n.file === file)!.nb.cells.filter((c: any) => c.cell_type === "code");
    const plots = cells.filter((c: any) => (c.metadata.tags ?? []).includes("plot")).map((c: any) => c.id);
    // Without matplotlib on this machine the plot cells are only compiled; everything else runs.
    expect(entry.compiled_only).toEqual(report.matplotlib ? [] : plots);
    expect([...entry.ran, ...entry.compiled_only].sort()).toEqual(cells.map((c: any) => c.id).sort());
  });

  test("the pipeline reached the gateway: two uploads, one completed job, its output retrieved", () => {
    expect(report.gateway).toEqual({
      datasets: ["station-readings.csv", "station-readings-clean.csv", "smoothed.csv"],
      jobs: { "job-1": "COMPLETED" },
    });
    const out = report.notebooks.map((n: any) => n.stdout).join("");
    expect(out).toContain("48 readings, 44 kept, 4 dropped");
    expect(out).toMatch(/Job job-1: RUNNING/);
    expect(out).toMatch(/44 rows from 2025-06-01 00:00 to 2025-06-02 23:00/);
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
