"""Runs every code cell of the notebooks in a folder, in order, against a fake gateway, the way a user would in
JupyterLab, and prints a JSON report. Cells tagged "plot" only compile when matplotlib is not installed.

Usage: python3 run_notebooks.py NOTEBOOK_DIR
"""

import contextlib
import importlib.util
import io
import json
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fake_gateway import FakeGateway  # noqa: E402


def run(notebook_dir):
    have_matplotlib = importlib.util.find_spec("matplotlib") is not None
    gateway = FakeGateway()
    gateway.start()
    work = Path(tempfile.mkdtemp(prefix="notebooks-"))
    try:
        shutil.copytree(notebook_dir, work, dirs_exist_ok=True)
        os.chdir(work)
        sys.path.insert(0, str(work))
        os.environ.update({"GATEWAY_API_URL": gateway.url, "MPLBACKEND": "Agg"})
        os.environ.pop("GATEWAY_API_TOKEN", None)
        report = {"matplotlib": have_matplotlib, "notebooks": []}
        for path in sorted(work.glob("*.ipynb")):
            notebook = json.loads(path.read_text())
            namespace = {"__name__": "__main__"}
            entry = {"name": path.name, "ran": [], "compiled_only": [], "stdout": "", "error": None}
            stdout = io.StringIO()
            for cell in notebook["cells"]:
                if cell["cell_type"] != "code":
                    continue
                try:
                    code = compile("".join(cell["source"]), f"{path.name}[{cell['id']}]", "exec")
                    if "plot" in cell["metadata"].get("tags", []) and not have_matplotlib:
                        entry["compiled_only"].append(cell["id"])
                        continue
                    with contextlib.redirect_stdout(stdout):
                        exec(code, namespace)
                    entry["ran"].append(cell["id"])
                except Exception:
                    entry["error"] = traceback.format_exc(limit=3)
                    break
            entry["stdout"] = stdout.getvalue()
            report["notebooks"].append(entry)
        report["gateway"] = gateway.summary()
        return report
    finally:
        gateway.stop()
        os.chdir(Path(__file__).parent)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1])))
