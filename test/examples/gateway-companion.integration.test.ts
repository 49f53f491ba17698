import { spawnSync } from "child_process";
import * as path from "path";
import { NOTEBOOKS, notebookFiles, notebooks } from "./notebooks";

// The tutorial notebooks run end to end by a real Python against a local server that implements the API contract
// they document (test/support/run_notebooks.py, fake_gateway.py).
describe("gateway-companion tutorial notebooks, run against a fake gateway", () => {
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
