"""A small client for the gateway's REST API, written with the Python standard library only.

The hub tells every user's server where the API is through the environment variable GATEWAY_API_URL.
If the gateway asks for a personal access token, set GATEWAY_API_TOKEN in your own session (for example
with ``%env GATEWAY_API_TOKEN=...``); the hub never holds anyone's token.

The API contract is described in README.md next to this file.
"""

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

TERMINAL_STATES = {"COMPLETED", "FAILED", "CANCELED"}
SESSION_FILE = Path(".gateway-session.json")


class GatewayError(RuntimeError):
    """The gateway refused a request, or could not be reached."""


class GatewayClient:
    """Uploads and downloads datasets, submits jobs and follows them."""

    def __init__(self, base_url, token=None, timeout_seconds=30):
        parsed = urllib.parse.urlparse(base_url)
        local = parsed.hostname in ("localhost", "127.0.0.1")
        if parsed.scheme != "https" and not (parsed.scheme == "http" and local):
            raise GatewayError(f"{base_url!r}: the gateway API must be an https:// URL")
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout_seconds = timeout_seconds

    @classmethod
    def from_environment(cls):
        """A client for the API the hub names in GATEWAY_API_URL."""
        url = os.environ.get("GATEWAY_API_URL")
        if not url:
            raise GatewayError(
                "GATEWAY_API_URL is not set: this server was not started by the gateway's hub, "
                "or the hub's gatewayApiUrl setting is missing"
            )
        return cls(url, token=os.environ.get("GATEWAY_API_TOKEN"))

    def _request(self, method, path, body=None, content_type=None):
        headers = {"Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            raise GatewayError(f"{method} {path}: HTTP {error.code} {detail}") from None
        except urllib.error.URLError as error:
            raise GatewayError(f"{method} {path}: cannot reach the gateway ({error.reason})") from None

    def _json(self, method, path, payload=None):
        body = None if payload is None else json.dumps(payload).encode("utf-8")
        return json.loads(self._request(method, path, body, "application/json" if body else None))

    def upload_dataset(self, name, data, content_type="text/csv"):
        """Stores `data` (bytes) on the gateway; returns {"id", "name", "size"}."""
        query = urllib.parse.urlencode({"name": name})
        return json.loads(self._request("POST", f"/datasets?{query}", data, content_type))

    def download_dataset(self, dataset_id):
        """The bytes of a dataset."""
        return self._request("GET", f"/datasets/{urllib.parse.quote(dataset_id)}")

    def submit_job(self, application, inputs, parameters=None):
        """Starts `application` on the gateway; returns {"id", "state"}."""
        return self._json("POST", "/jobs", {"application": application, "inputs": inputs, "parameters": parameters or {}})

    def job(self, job_id):
        """A job's current state: {"id", "state", "outputs", "message"}."""
        return self._json("GET", f"/jobs/{urllib.parse.quote(job_id)}")

    def wait_for_job(self, job_id, poll_seconds=10, timeout_seconds=3600):
        """Polls until the job is COMPLETED, FAILED or CANCELED; returns its last state."""
        deadline = time.monotonic() + timeout_seconds
        while True:
            status = self.job(job_id)
            if status["state"] in TERMINAL_STATES:
                return status
            if time.monotonic() > deadline:
                raise GatewayError(f"job {job_id} still {status['state']} after {timeout_seconds} s")
            time.sleep(poll_seconds)


def save_session(**values):
    """Remembers ids (datasets, jobs) for the next notebook, in .gateway-session.json beside the notebooks."""
    session = load_session()
    session.update(values)
    SESSION_FILE.write_text(json.dumps(session, indent=2))
    return session


def load_session():
    """What earlier notebooks saved; empty before the first one ran."""
    return json.loads(SESSION_FILE.read_text()) if SESSION_FILE.exists() else {}
