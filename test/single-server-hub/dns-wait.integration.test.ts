import { spawnSync } from "child_process";
import { DNS_WAIT, renderDnsWait, renderSetupScript } from "../../lib/single-server-hub/cloud-init";
import { gitHubLogin } from "../support/hub-fixtures";
import { newStack } from "../support/synth";
import { userDataInputFor } from "./fixtures";

// The first-boot wait for DNS, run for real with sh and the system resolver (getent): "localhost" stands in for
// the hub's name, 127.0.0.1 for an address it resolves to, 192.0.2.1 (TEST-NET-1) for one it does not.

function run(host: string, ip: string, attempts: number): { code: number; out: string; seconds: number } {
  const script = `set -eu
log() { echo "jetstream-hub-setup: $*"; }
HOST=${host}
PUBLIC_IP=${ip}
${renderDnsWait({ hostVar: "HOST", ipVar: "PUBLIC_IP", log: "log", attempts, delaySeconds: 1 })}
echo "next step"
`;
  const started = Date.now();
  const r = spawnSync("sh", ["-c", script], { encoding: "utf8" });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}`, seconds: (Date.now() - started) / 1000 };
}

describe("TLJH waits for its host name before asking Let's Encrypt", () => {
  test("a name that already resolves to the address: no wait, a clear log line, and on to the install", () => {
    const r = run("localhost", "127.0.0.1", 5);
    expect(r.code).toBe(0);
    expect(r.out).toContain("waiting for localhost to resolve to 127.0.0.1 before asking Let's Encrypt");
    expect(r.out).toContain("jetstream-hub-setup: localhost resolves to 127.0.0.1\nnext step");
    expect(r.seconds).toBeLessThan(1);
  });

  test("a name that never resolves there: a bounded wait, then a warning that says what to do, and on", () => {
    const r = run("localhost", "192.0.2.1", 3);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /WARNING: localhost does not resolve to 192\.0\.2\.1 .*sudo tljh-config reload proxy\nnext step/,
    );
    expect(r.out).not.toContain("resolves to 192.0.2.1\n");
    expect(r.seconds).toBeGreaterThanOrEqual(2);
    expect(r.seconds).toBeLessThan(6);
  });

  test("the hub's setup script waits (20 minutes at most) before the TLJH bootstrap", () => {
    expect(DNS_WAIT.attempts * DNS_WAIT.delaySeconds).toBe(20 * 60);
    const script = renderSetupScript(userDataInputFor(gitHubLogin(newStack())));
    const wait = script.indexOf("waiting for $HOST to resolve to $PUBLIC_IP");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThan(script.indexOf("tljh-bootstrap.py"));
    expect(script).toContain("(at most 20 min)");
  });
});
