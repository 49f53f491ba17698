import Ajv04 from "ajv-draft-04";
import { renderPrepareVolume } from "../../lib/core/volume-script";
import { load } from "js-yaml";
import { HUB_DATA, renderHomeMigration, renderUserData } from "../../lib/single-server-hub/cloud-init";
import { TLJH_PATHS } from "../../lib/single-server-hub/tljh-config";
import { describeWithSchema } from "../support/schemas";
import { newStack } from "../support/synth";
import { logins, parseCloudConfig, userDataInputFor, writtenFile } from "./fixtures";

const gitHub = () => logins.gitHub(newStack());
const rendered = (overrides = {}) => renderUserData(userDataInputFor(gitHub(), overrides));
const setupScript = (overrides = {}) =>
  writtenFile(parseCloudConfig(rendered(overrides)), HUB_DATA.setupScript).content;

describe("renderUserData", () => {
  test("is a cloud-config document", () => {
    const text = rendered();
    expect(text.startsWith("#cloud-config\n")).toBe(true);
    expect(Object.keys(parseCloudConfig(text))).toEqual(["bootcmd", "write_files", "runcmd"]);
  });

  test("writes TLJH's config.yaml, root-only, before the installer runs", () => {
    const file = writtenFile(parseCloudConfig(rendered()), TLJH_PATHS.configYaml);
    expect(file).toMatchObject({ owner: "root:root", permissions: "0600" });
    expect(load(file.content)).toMatchObject({ auth: { type: "github" }, users: { admin: ["alice"] } });
  });

  test("carries the client secret only as the Terraform expression it was given, base64 and root-only", () => {
    const input = userDataInputFor(gitHub());
    const doc = parseCloudConfig(renderUserData(input));
    expect(writtenFile(doc, TLJH_PATHS.clientSecret)).toEqual({
      path: TLJH_PATHS.clientSecret,
      owner: "root:root",
      permissions: "0600",
      encoding: "b64",
      content: input.clientSecretBase64,
    });
    expect(writtenFile(doc, TLJH_PATHS.hubSnippet).permissions).toBe("0600");
  });

  test("blocks the metadata service for everyone but root, at every boot", () => {
    const { bootcmd } = parseCloudConfig(rendered());
    expect(bootcmd).toEqual([
      expect.stringMatching(
        /^iptables -w -C OUTPUT -d 169\.254\.169\.254 -m owner ! --uid-owner 0 -j REJECT .*\|\| iptables -w -I/,
      ),
      expect.stringMatching(/^ip6tables -w -C OUTPUT -d fe80::a9fe:a9fe -m owner ! --uid-owner 0 -j REJECT/),
    ]);
  });

  test("keeps the hub and proxy down unless /home and the state are mounted", () => {
    const doc = parseCloudConfig(rendered());
    for (const unit of ["jupyterhub", "traefik"]) {
      const dropIn = writtenFile(doc, `/etc/systemd/system/${unit}.service.d/jetstream-hub-volume.conf`);
      expect(dropIn.content).toContain("[Unit]\nRequiresMountsFor=/home /opt/tljh/state\n");
    }
  });

  test("runs one setup script, which stops at the first failure", () => {
    const doc = parseCloudConfig(rendered());
    expect(doc.runcmd).toEqual([[HUB_DATA.setupScript]]);
    expect(writtenFile(doc, HUB_DATA.setupScript).permissions).toBe("0700");
    expect(setupScript()).toMatch(/^#!\/bin\/sh\n(#.*\n)*set -eu\n/);
  });
});

describe("the setup script", () => {
  // The find-and-format steps are the shared ones, run for real in test/core/volume-script.integration.test.ts.
  test("finds the home volume by its serial and formats it only by the shared rule", () => {
    const script = setupScript({ homeVolumeSerial: "0123456789abcdef0123" });
    expect(script).toContain("SERIAL=0123456789abcdef0123\n");
    expect(script).toContain(
      renderPrepareVolume({ serialVar: "SERIAL", deviceVar: "DEVICE", label: "hub-data", log: "log" }),
    );
    expect(script.match(/mkfs/g)).toHaveLength(1);
  });

  test("mounts the volume and binds homes and hub state from it, at every boot, never blocking boot", () => {
    const script = setupScript();
    expect(script).toContain('echo "UUID=$UUID $DATA ext4 defaults,nofail 0 2" >> /etc/fstab');
    expect(script).toContain('BIND="none bind,nofail,x-systemd.requires-mounts-for=$DATA 0 0"');
    expect(script).toContain('echo "$HOMES /home $BIND" >> /etc/fstab\n');
    // Run for real, homes of every kind included, in home-migration.integration.test.ts.
    expect(script).toContain(renderHomeMigration());
    expect(script).toContain(
      'echo "$STATE /opt/tljh/state $BIND" >> /etc/fstab\nmountpoint -q /opt/tljh/state || mount /opt/tljh/state\n',
    );
  });

  test("keeps the image's home folders and recreates hub users from the volume before installing TLJH", () => {
    const script = setupScript();
    const order = [
      'cp -a "$dir" "$HOMES/"',
      'useradd --no-create-home --home-dir "/home/$name" --uid',
      'mount --bind "$HOMES" /home',
      "python3 /root/tljh-bootstrap.py",
    ];
    const positions = order.map((s) => script.indexOf(s));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test("installs the pinned TLJH with the bootstrap of the same release, plugins behind one --plugin", () => {
    const script = setupScript({
      tljhVersion: "2.0.0",
      plugins: ["tljh-repo2docker==1.0.1", "git+https://github.com/example/tljh-plugin@v0.3.0"],
      userRequirementsUrl: "https://raw.githubusercontent.com/my-gateway/env/v1/requirements.txt",
    });
    expect(script).toContain(
      "curl -fsSL --retry 5 -o /root/tljh-bootstrap.py " +
        "https://raw.githubusercontent.com/jupyterhub/the-littlest-jupyterhub/2.0.0/bootstrap/bootstrap.py\n",
    );
    expect(script).toContain(
      "python3 /root/tljh-bootstrap.py --version 2.0.0 " +
        "--user-requirements-txt-url https://raw.githubusercontent.com/my-gateway/env/v1/requirements.txt " +
        "--plugin tljh-repo2docker==1.0.1 git+https://github.com/example/tljh-plugin@v0.3.0\n",
    );
    expect(script.match(/--plugin/g)).toHaveLength(1);
    expect(script).not.toContain("--admin"); // admins are in config.yaml; --admin would rewrite it
  });
});

describeWithSchema("cloud-config.schema.json", "user data conforms to the cloud-init 22.4.2 schema", (schema) => {
  const validate = new Ajv04({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
  test.each(Object.keys(logins))("%s login", (login) => {
    const doc = load(renderUserData(userDataInputFor(logins[login](newStack()), { plugins: ["a==1"] })));
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });
  test("the schema catches what it is meant to catch", () => {
    expect(validate({ write_files: [{ path: "/x", permissions: 600 }], runcmd: "echo" })).toBe(false);
  });
});

describeWithSchema("cloud-config-26.2.schema.json", "user data conforms to the cloud-init 26.2 schema", (schema) => {
  const validate = new Ajv04({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
  test.each(Object.keys(logins))("%s login", (login) => {
    const doc = load(renderUserData(userDataInputFor(logins[login](newStack()))));
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });
  test("the schema catches what it is meant to catch", () => {
    expect(validate({ bootcmd: ["true"], write_file: [] })).toBe(false); // misspelt top-level key
  });
});
