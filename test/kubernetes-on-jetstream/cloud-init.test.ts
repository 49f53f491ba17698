import Ajv04 from "ajv-draft-04";
import * as yaml from "js-yaml";
import { renderPrepareVolume } from "../../lib/core/volume-script";
import { NFS_SETUP_SCRIPT } from "../../lib/kubernetes-on-jetstream/nfs-cloud-init";
import { describeWithSchema } from "../support/schemas";
import { AGENT, NFS, RENDERED, SERVER } from "./rendered-user-data";

// The renderers are pure: these tests run them on plain values, without a stack.

describe("k3s user data", () => {
  test("writes the CAs, base64-encoded, with keys readable by root only", () => {
    const config: any = yaml.load(SERVER);
    const byPath = Object.fromEntries(config.write_files.map((f: any) => [f.path, f]));
    expect(Buffer.from(byPath["/var/lib/rancher/k3s/server/tls/server-ca.crt"].content, "base64").toString()).toMatch(
      /^-----BEGIN CERTIFICATE-----\nserver/,
    );
    expect(byPath["/var/lib/rancher/k3s/server/tls/server-ca.key"].permissions).toBe("0600");
    expect(byPath["/var/lib/rancher/k3s/server/tls/client-ca.key"].permissions).toBe("0600");
    expect(byPath["/etc/rancher/k3s/config.yaml"].permissions).toBe("0600");
  });

  test("configures the server: tokens, certificate names, no Traefik, add-ons only beside the CA keys", () => {
    const config: any = yaml.load(SERVER);
    const k3s = yaml.load(config.write_files.find((f: any) => f.path === "/etc/rancher/k3s/config.yaml").content);
    expect(k3s).toEqual({
      token: "s3rv3r",
      "agent-token": "ag3nt",
      "tls-san": ["203.0.113.10", "k3s.cis230085.projects.jetstream-cloud.org"],
      disable: ["traefik"],
      "node-taint": ["CriticalAddonsOnly=true:NoExecute"],
      "write-kubeconfig-mode": "0600",
    });
  });

  test("gives an agent the server URL and the agent token only", () => {
    const config: any = yaml.load(AGENT);
    expect(yaml.load(config.write_files[0].content)).toEqual({ server: "https://10.0.0.5:6443", token: "ag3nt" });
    expect(AGENT).not.toMatch(/s3rv3r|BEGIN/);
    expect(config.runcmd[0][2]).toMatch(/sh \/root\/k3s-install\.sh agent$/);
    // Workers mount the NFS home export, so they need the NFS client.
    expect(config.packages).toEqual(["nfs-common"]);
  });
});

describe("NFS server user data", () => {
  test("installs the NFS server and runs the setup script with the volume, the export and the clients", () => {
    const config: any = yaml.load(NFS);
    expect(config.packages).toEqual(["nfs-kernel-server"]);
    expect(config.runcmd).toEqual([
      [
        NFS_SETUP_SCRIPT,
        "0123456789abcdef0123",
        "/export/home",
        "/export/home",
        "1000",
        "100",
        "10.0.0.0/24",
        "10.1.0.0/24",
      ],
    ]);
  });

  test("never formats a volume that has a filesystem, and exports only after mounting", () => {
    const config: any = yaml.load(NFS);
    const script: string = config.write_files.find((f: any) => f.path === NFS_SETUP_SCRIPT).content;
    // The shared find-and-format steps, run for real in test/core/volume-script.integration.test.ts.
    expect(script).toContain(
      renderPrepareVolume({ serialVar: "serial", deviceVar: "device", label: "home", log: "log" }),
    );
    expect(script.match(/mkfs/g)).toHaveLength(1);
    expect(script.indexOf('mount "$mountpoint"')).toBeLessThan(script.indexOf("/etc/exports.d/home.exports.new"));
    expect(script).toMatch(/all_squash,anonuid=\$uid,anongid=\$gid/);
    expect(script).not.toMatch(/no_root_squash/);
  });

  test("starts the NFS server after a reboot only once the volume is mounted", () => {
    const config: any = yaml.load(NFS);
    const dropIn = config.write_files.find((f: any) => f.path.startsWith("/etc/systemd/system/nfs-server.service.d/"));
    expect(dropIn.content).toBe("[Unit]\nRequiresMountsFor=/export/home\n");
  });
});

test.each(RENDERED)("%s user data has nothing Terraform would read as a template", (_, text) => {
  // Terraform interpolates ${...} and %{...} in every string; our scripts must not contain either.
  expect(text).not.toMatch(/\$\{|%\{/);
});

for (const file of ["cloud-config.schema.json", "cloud-config-26.2.schema.json"]) {
  describeWithSchema(file, `cloud-init schema ${file}`, (schema) => {
    const validate = new Ajv04({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
    test.each(RENDERED)("accepts the %s user data", (_, text) => {
      const ok = validate(yaml.load(text));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
    test("rejects a broken document, so the check can fail", () => {
      expect(validate(yaml.load("#cloud-config\nruncmd: echo hi\nwrite_files:\n  - content: x\n"))).toBe(false);
    });
  });
}
