import { TerraformVariable } from "cdktf";
import * as yaml from "js-yaml";
import { Secret } from "../../lib";
import { ComputeInstanceV2 } from "../../lib/imports/openstack/compute-instance-v2";
import { NetworkingFloatingipAssociateV2 } from "../../lib/imports/openstack/networking-floatingip-associate-v2";
import { NetworkingPortV2 } from "../../lib/imports/openstack/networking-port-v2";
import { NetworkingSecgroupRuleV2 } from "../../lib/imports/openstack/networking-secgroup-rule-v2";
import {
  compliantTljhConfig,
  compliantZ2jhValues,
  findingsOf,
  magnumCluster,
  tljhCloudConfig,
  tljhHost,
  z2jhRelease,
} from "../support/policy";

// The holes an attacker's-eye review found (issue 14), one test each. Every test here failed on the code before
// the formats got one home and the pack began to fail closed.

const sshFrom = (stack: any, id: string, remoteIpPrefix: string) =>
  new NetworkingSecgroupRuleV2(stack, id, {
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "tcp",
    portRangeMin: 22,
    portRangeMax: 22,
    remoteIpPrefix,
    securityGroupId: "sg-admin",
  });

describe("holes closed", () => {
  test("SSH opened with two /1 halves counts as world-open (union of address ranges)", () => {
    const found = findingsOf("JSH-NET-01", (stack) => {
      sshFrom(stack, "Low", "0.0.0.0/1");
      sshFrom(stack, "High", "128.0.0.0/1");
    });
    expect(found).toEqual(["JSH-NET-01[tcp/22]", "JSH-NET-01[tcp/22]"]);
  });

  test("SSH from a variable whose default is 0.0.0.0/0 counts as world-open", () => {
    const found = findingsOf("JSH-NET-01", (stack) => {
      const admin = new TerraformVariable(stack, "admin_cidr", { type: "string", default: "0.0.0.0/0" });
      sshFrom(stack, "Ssh", admin.stringValue);
    });
    expect(found).toEqual(["JSH-NET-01[tcp/22]"]);
  });

  test("SSH from a variable that accepts any range cannot be decided, and stays a hard finding", () => {
    const found = findingsOf("JSH-NET-01", (stack) => {
      const admin = new TerraformVariable(stack, "admin_cidr", { type: "string" });
      sshFrom(stack, "Ssh", admin.stringValue);
    });
    expect(found).toEqual(["JSH-NET-01[undecided:tcp/22]"]);
  });

  test("a port without port security behind a floating IP is world-open", () => {
    const found = findingsOf("JSH-NET-01", (stack) => {
      const port = new NetworkingPortV2(stack, "Port", { networkId: "net", portSecurityEnabled: false });
      const vm = new ComputeInstanceV2(stack, "Vm", {
        name: "vm",
        flavorName: "m3.small",
        imageName: "Featured-Ubuntu24",
        network: [{ port: port.id }],
      });
      void vm;
      new NetworkingFloatingipAssociateV2(stack, "Fip", { floatingIp: "149.165.0.10", portId: port.id });
    });
    expect(found).toEqual(["JSH-NET-01[port-security-off]"]);
  });

  test("a Magnum API label widened through addOverride to two /1 halves admits the Internet", () => {
    const found = findingsOf("JSH-NET-06", (stack) => {
      magnumCluster(stack).addOverride("labels.api_master_lb_allowed_cidrs", "0.0.0.0/1,128.0.0.0/1");
    });
    expect(found).toEqual(["JSH-NET-06[world]"]);
  });

  test("a dummy login set in hub.extraConfig is the hub's login", () => {
    const values = compliantZ2jhValues();
    values.hub.extraConfig = { "99-login": 'c.JupyterHub.authenticator_class = "dummy"\n' };
    expect(findingsOf("JSH-AUTH-01", (stack) => z2jhRelease(stack, { values }))).toEqual(["JSH-AUTH-01[open]"]);
  });

  test("a dummy login set in TLJH's jupyterhub_config.d is the hub's login", () => {
    const cloudConfig = tljhCloudConfig();
    cloudConfig.write_files.push({
      path: "/opt/tljh/config/jupyterhub_config.d/zz-login.py",
      content: "c.JupyterHub.authenticator_class = 'dummy'\n",
    });
    expect(findingsOf("JSH-AUTH-01", (stack) => tljhHost(stack, { cloudConfig }))).toEqual(["JSH-AUTH-01[open]"]);
  });

  test("a YAML anchor in the cloud-config does not hide the dummy login", () => {
    const config = { ...compliantTljhConfig(), auth: { type: "dummy" } };
    const body = yaml.dump(tljhCloudConfig(config), { noRefs: true });
    const userData = `#cloud-config\nx: &a 1\ny: *a\n${body}`;
    expect(findingsOf("JSH-AUTH-01", (stack) => tljhHost(stack, { userData }))).toEqual(["JSH-AUTH-01[open]"]);
  });

  test.each([
    ["an apiKey", { hub: { services: { grader: { apiKey: "f00dfeed-grader-key" } } } }, "hub.services.grader.apiKey"],
    ["an access_token", { hub: { config: { X: { access_token: "tok-1234567" } } } }, "hub.config.X.access_token"],
    [
      "an AWS key in an env var",
      { singleuser: { extraEnv: { CLOUD_ID: "AKIAIOSFODNN7EXAMPLE" } } },
      "singleuser.extraEnv.CLOUD_ID",
    ],
    [
      "a database URL with a password",
      { hub: { db: { url: "postgresql://hub:hunter2pass@db.example.org/hub" } } },
      "hub.db.url",
    ],
    [
      "a secret in hub.extraConfig Python",
      { hub: { extraConfig: { api: 'c.GitHubOAuthenticator.client_secret = "0123456789abcdef"\n' } } },
      "hub.extraConfig.api",
    ],
  ])("finds %s in Helm values", (_, extra: any, path) => {
    const values = { ...compliantZ2jhValues(), ...extra, hub: { ...compliantZ2jhValues().hub, ...extra.hub } };
    expect(findingsOf("JSH-SEC-05", (stack) => z2jhRelease(stack, { values }))).toEqual([`JSH-SEC-05[${path}]`]);
  });

  // The old JSH-SEC-03 knew eight key names of its own; the pack now reads user data with the constructs'
  // vocabulary (lib/core/formats/secrets.ts), so any key that names a secret, and known credential formats, count.
  test.each([
    ["an env-file password", "DB_PASSWD=hunter2", "JSH-SEC-03[key:db_passwd]"],
    ["an apiKey in YAML", "grader:\n  apiKey: f00dfeed", "JSH-SEC-03[key:apikey]"],
    ["a Python access_token", 'c.Spawner.environment = {"ACCESS_TOKEN": "tok-1234"}', "JSH-SEC-03[key:access_token]"],
    ["an AWS key id under an innocent name", "CLOUD_ID=AKIAIOSFODNN7EXAMPLE", "JSH-SEC-03[value]"],
  ])("finds %s in user data", (_, line, expected) => {
    const cloudConfig = tljhCloudConfig();
    cloudConfig.write_files.push({ path: "/etc/gateway.env", content: `${line}\n` });
    expect(findingsOf("JSH-SEC-03", (stack) => tljhHost(stack, { cloudConfig }))).toEqual([expected]);
  });

  test("a set_sensitive name with , or = smuggles plain settings in, and is reported", () => {
    const found = (rule: string) =>
      findingsOf(rule, (stack) =>
        z2jhRelease(stack, {
          setSensitive: [
            {
              name: "hub.config.JupyterHub.authenticator_class=dummy,hub.config.GitHubOAuthenticator.client_secret",
              value: Secret.fromEnvironment(stack, "github_client_secret").value,
            },
          ],
        }),
      );
    expect(found("JSH-AUTH-01")).toEqual(["JSH-AUTH-01[open]"]);
    expect(found("JSH-SEC-05")).toEqual([
      "JSH-SEC-05[set_sensitive:hub.config.JupyterHub.authenticator_class=dummy,hub.config.GitHubOAuthenticator.client_secret]",
    ]);
  });

  test("a Secret passed where plain text goes (Helm values) is reported", () => {
    const found = findingsOf("JSH-SEC-05", (stack) => {
      const values = compliantZ2jhValues();
      values.singleuser = { ...values.singleuser, extraEnv: { API: Secret.fromEnvironment(stack, "api_key").value } };
      z2jhRelease(stack, { values });
    });
    expect(found).toEqual(["JSH-SEC-05[sensitive:var.api_key]"]);
  });

  // Helm deletes a chart default that the values set to null (pkg/chartutil/coalesce.go), and the chart's
  // templates then see nothing: `{{- if .Values.singleuser.networkPolicy.enabled }}` renders no policy. The pack
  // reads settings from the values coalesced onto the bundled chart 4.4.0 defaults, so null is not "left default".
  // Each null here is one the chart's values.schema.json accepts after the coalesce (a deleted key that is not
  // required, or a type that allows null), so Helm would install it.
  test.each([
    ["JSH-HUB-03", "singleuser.networkPolicy.enabled", "JSH-HUB-03[singleuser]"],
    // No subPath mounts the whole claim into every user's server: every home, writable by everyone.
    ["JSH-HUB-19", "singleuser.storage.static.subPath", "JSH-HUB-19[shared-home]"],
    // proxy.https.type null: the chart's proxy service then opens port 80 only (templates/proxy/service.yaml).
    ["JSH-HUB-01", "proxy.https.type", "JSH-HUB-01[type]"],
  ])("%s: %s set to null deletes the chart's default, and is reported", (rule, path, expected) => {
    const values = compliantZ2jhValues();
    const keys = path.split(".");
    let node = values;
    for (const key of keys.slice(0, -1)) node = node[key] ??= {};
    node[keys[keys.length - 1]] = null;
    expect(findingsOf(rule, (stack) => z2jhRelease(stack, { values }))).toEqual([expected]);
  });

  test("a chart path with a trailing slash is still the z2jh chart", () => {
    const values = compliantZ2jhValues();
    values.hub.config.JupyterHub.authenticator_class = "dummy";
    const found = findingsOf("JSH-AUTH-01", (stack) =>
      z2jhRelease(stack, { values }).addOverride("chart", "./charts/jupyterhub/"),
    );
    expect(found).toEqual(["JSH-AUTH-01[open]"]);
  });
});
