"""A tiny, in-memory stand-in for a science gateway's REST API, implementing the contract that the gateway
companion's tutorial notebooks expect (examples/gateway-companion/notebooks/README.md). Test support only."""

import csv
import io
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/api/v1"


def smooth_series(data, column, window):
    """The sample application: a centred moving average of `column` over `window` rows."""
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    if not rows or column not in rows[0]:
        raise ValueError(f"the input has no column {column!r}")
    values = [float(r[column]) for r in rows]
    half = window // 2
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*rows[0].keys(), "smoothed"], lineterminator="\n")
    writer.writeheader()
    for i, row in enumerate(rows):
        span = values[max(0, i - half) : i + half + 1]
        writer.writerow({**row, "smoothed": round(sum(span) / len(span), 2)})
    return out.getvalue().encode("utf-8")


class FakeGateway:
    def __init__(self):
        self.datasets = {}
        self.jobs = {}
        self.lock = threading.Lock()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def reply(self, code, body, content_type="application/json"):
                data = json.dumps(body).encode() if content_type == "application/json" else body
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def fail(self, code, message):
                self.reply(code, message.encode(), "text/plain")

            def do_POST(self):
                url = urllib.parse.urlparse(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with gateway.lock:
                    if url.path == f"{PREFIX}/datasets":
                        name = urllib.parse.parse_qs(url.query).get("name", [""])[0]
                        if not name:
                            return self.fail(400, "name is required")
                        return self.reply(201, gateway.add_dataset(name, body, self.headers.get("Content-Type")))
                    if url.path == f"{PREFIX}/jobs":
                        if self.headers.get("Content-Type") != "application/json":
                            return self.fail(415, "send JSON")
                        request = json.loads(body)
                        if request.get("application") != "smooth-series":
                            return self.fail(400, f"unknown application {request.get('application')!r}")
                        series = request.get("inputs", {}).get("series")
                        if series not in gateway.datasets:
                            return self.fail(400, f"unknown dataset {series!r}")
                        job_id = f"job-{len(gateway.jobs) + 1}"
                        gateway.jobs[job_id] = {"request": request, "state": "QUEUED", "polls": 0, "outputs": {}}
                        return self.reply(201, {"id": job_id, "state": "QUEUED"})
                return self.fail(404, "not found")

            def do_GET(self):
                path = urllib.parse.urlparse(self.path).path
                with gateway.lock:
                    if path.startswith(f"{PREFIX}/datasets/"):
                        dataset = gateway.datasets.get(path.rsplit("/", 1)[1])
                        if dataset is None:
                            return self.fail(404, "no such dataset")
                        return self.reply(200, dataset["data"], dataset["type"])
                    if path.startswith(f"{PREFIX}/jobs/"):
                        job_id = path.rsplit("/", 1)[1]
                        if job_id not in gateway.jobs:
                            return self.fail(404, "no such job")
                        return self.reply(200, gateway.advance(job_id))
                return self.fail(404, "not found")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{PREFIX}"

    def add_dataset(self, name, data, content_type):
        dataset_id = f"ds-{len(self.datasets) + 1}"
        self.datasets[dataset_id] = {"name": name, "data": data, "type": content_type or "application/octet-stream"}
        return {"id": dataset_id, "name": name, "size": len(data)}

    def advance(self, job_id):
        """Each status request moves a job one step: QUEUED, then RUNNING, then COMPLETED (or FAILED)."""
        job = self.jobs[job_id]
        job["polls"] += 1
        message = ""
        if job["state"] == "QUEUED":
            job["state"] = "RUNNING"
        elif job["state"] == "RUNNING":
            request = job["request"]
            params = request.get("parameters", {})
            try:
                window = int(params.get("window", 3))
                if window < 1:
                    raise ValueError("window must be at least 1")
                result = smooth_series(self.datasets[request["inputs"]["series"]]["data"], params.get("column"), window)
                job["outputs"] = {"smoothed": self.add_dataset("smoothed.csv", result, "text/csv")["id"]}
                job["state"] = "COMPLETED"
            except ValueError as error:
                job["state"], message = "FAILED", str(error)
        return {"id": job_id, "state": job["state"], "outputs": job["outputs"], "message": message}

    def start(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()

    def summary(self):
        return {
            "datasets": [d["name"] for d in self.datasets.values()],
            "jobs": {job_id: job["state"] for job_id, job in self.jobs.items()},
        }
