import { S3Backend, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { JetstreamChecks, JetstreamCluster, JetstreamFlavor, Secret } from "../../../lib";
import { ComputeKeypairV2 } from "../../../lib/imports/openstack/compute-keypair-v2";
import { OpenstackProvider } from "../../../lib/imports/openstack/provider";
import {
  compliantZ2jhValues,
  findingsOf,
  magnumCluster,
  tljhCloudConfig,
  tljhHost,
  z2jhRelease,
} from "../../support/policy";

function vm(stack: TerraformStack, userData: string): JetstreamCluster {
  return new JetstreamCluster(stack, "Lab", {
    name: "lab",
    nodeGroups: [{ name: "vm", flavor: JetstreamFlavor.M3_SMALL, userData }],
  });
}

describe("secret rules", () => {
  describe("JSH-SEC-01 no credentials in provider or backend", () => {
    test("a provider configured from clouds.yaml complies", () => {
      expect(findingsOf("JSH-SEC-01", () => undefined)).toEqual([]);
    });

    test("flags a password on the OpenStack provider", () => {
      const found = findingsOf("JSH-SEC-01", (stack) =>
        (stack.node.findChild("openstack") as OpenstackProvider).addOverride("password", "${var.os_password}"),
      );
      expect(found).toEqual(["JSH-SEC-01[password]"]);
    });

    test("flags an application credential secret and S3 keys", () => {
      const found = findingsOf("JSH-SEC-01", (stack) => {
        new OpenstackProvider(stack, "second", { alias: "other", applicationCredentialSecret: "s3cr3t" });
        new S3Backend(stack, { bucket: "state", key: "k", accessKey: "AKIA", secretKey: "shh" });
      });
      expect(found).toEqual([
        "JSH-SEC-01[application_credential_secret]",
        "JSH-SEC-01[access_key]",
        "JSH-SEC-01[secret_key]",
      ]);
    });
  });

  describe("JSH-SEC-02 no admin_pass", () => {
    test("flags admin_pass set through an override", () => {
      const found = findingsOf("JSH-SEC-02", (stack) => tljhHost(stack).addOverride("admin_pass", "${var.root}"));
      expect(found).toEqual(["JSH-SEC-02"]);
    });
  });

  describe("JSH-SEC-03 no secrets in user data", () => {
    test("the TLJH fixture and a plain cloud-config comply", () => {
      expect(findingsOf("JSH-SEC-03", (stack) => tljhHost(stack))).toEqual([]);
      expect(findingsOf("JSH-SEC-03", (stack) => vm(stack, "#cloud-config\npackages: [htop]\n"))).toEqual([]);
    });

    test("flags a Secret interpolated into user data (the canary never needs to appear)", () => {
      const found = findingsOf("JSH-SEC-03", (stack) => {
        const secret = Secret.fromEnvironment(stack, "github_client_secret");
        vm(stack, `#cloud-config\nruncmd:\n  - echo ${secret.value} > /root/secret\n`);
      });
      expect(found).toEqual(["JSH-SEC-03[sensitive-reference]"]);
    });

    test("a reference can be acknowledged with a reason; a literal secret cannot", () => {
      const reference = findingsOf("JSH-SEC-03", (stack) => {
        const secret = Secret.fromEnvironment(stack, "github_client_secret");
        const lab = vm(stack, `#cloud-config\nruncmd:\n  - echo ${secret.value} > /root/secret\n`);
        JetstreamChecks.acknowledge(lab, [
          { id: "JSH-SEC-03[sensitive-reference]", reason: "delivered root-only at first boot, documented" },
        ]);
      });
      expect(reference).toEqual([]);
      const literal = findingsOf("JSH-SEC-03", (stack) => {
        const lab = vm(
          stack,
          "#cloud-config\nwrite_files:\n  - path: /root/k\n    content: '-----BEGIN OPENSSH PRIVATE KEY-----'\n",
        );
        JetstreamChecks.acknowledge(lab, [{ id: "JSH-SEC-03", reason: "trying to accept a private key" }]);
      });
      expect(literal).toEqual(["JSH-SEC-03[private-key]"]);
    });

    test.each([
      [
        "a client secret in config.yaml",
        { auth: { GitHubOAuthenticator: { client_secret: "CANARY-oauth-secret-1234" } } },
        "key:client_secret",
      ],
      ["a password", { auth: { DummyAuthenticator: { password: "letmein" } } }, "key:password"],
    ])("flags %s", (_, config, id) => {
      const found = findingsOf("JSH-SEC-03", (stack) => tljhHost(stack, { cloudConfig: tljhCloudConfig(config) }));
      expect(found).toEqual([`JSH-SEC-03[${id}]`]);
    });

    test("flags TLJH's --admin name:password and private keys", () => {
      const found = findingsOf("JSH-SEC-03", (stack) =>
        tljhHost(stack, {
          cloudConfig: tljhCloudConfig(undefined, {
            runcmd: [
              "curl -L https://tljh.jupyter.org/bootstrap.py | sudo python3 - --version 2.0.0 --admin alice:hunter2",
            ],
            write_files: [{ path: "/root/.ssh/id_ed25519", content: "-----BEGIN OPENSSH PRIVATE KEY-----\nxx\n" }],
          }),
        }),
      );
      expect(found).toEqual(["JSH-SEC-03[private-key]", "JSH-SEC-03[admin-password]"]);
    });

    test("accepts empty, null and file-path values", () => {
      const config = {
        auth: { GitHubOAuthenticator: { client_secret: null } },
        db: { password: "" },
        x: { password: "/etc/hub/pw" },
      };
      expect(findingsOf("JSH-SEC-03", (stack) => tljhHost(stack, { cloudConfig: tljhCloudConfig(config) }))).toEqual(
        [],
      );
    });
  });

  describe("JSH-SEC-04 secrets from sensitive sources", () => {
    test("a Secret from the environment in set_sensitive complies", () => {
      expect(findingsOf("JSH-SEC-04", (stack) => z2jhRelease(stack))).toEqual([]);
    });

    test("flags a literal in set_sensitive", () => {
      const found = findingsOf("JSH-SEC-04", (stack) =>
        z2jhRelease(stack, {
          setSensitive: [{ name: "hub.config.GitHubOAuthenticator.client_secret", value: "CANARY-1234" }],
        }),
      );
      expect(found).toEqual(["JSH-SEC-04[literal]"]);
    });

    test("flags a variable that is not sensitive", () => {
      const found = findingsOf("JSH-SEC-04", (stack) => {
        const v = new TerraformVariable(stack, "client_secret", { type: "string" });
        z2jhRelease(stack, {
          setSensitive: [{ name: "hub.config.GitHubOAuthenticator.client_secret", value: v.stringValue }],
        });
      });
      expect(found).toEqual(["JSH-SEC-04[non-sensitive-variable]"]);
    });

    test("flags a provider's client key from a variable that is not sensitive, not one from a sensitive one", () => {
      const found = findingsOf("JSH-SEC-04", (stack) => {
        const plain = new TerraformVariable(stack, "client_key", { type: "string" });
        const secret = new TerraformVariable(stack, "token", { type: "string", sensitive: true });
        new KubernetesProvider(stack, "kubernetes", {
          host: "https://203.0.113.10:6443",
          clientKey: plain.stringValue,
          token: secret.stringValue,
        });
      });
      expect(found).toEqual(["JSH-SEC-04[non-sensitive-variable]"]);
    });

    test("flags a sensitive variable with a default, and a literal Kubernetes token", () => {
      const found = findingsOf("JSH-SEC-04", (stack) => {
        new TerraformVariable(stack, "pw", { type: "string", sensitive: true, default: "CANARY-1234" });
        new KubernetesProvider(stack, "kubernetes", { host: "https://203.0.113.10:6443", token: "CANARY-token" });
      });
      expect(found).toEqual(["JSH-SEC-04[default]", "JSH-SEC-04[literal]"]);
    });
  });

  describe("JSH-SEC-05 no secrets in Helm values", () => {
    test("flags a client secret in values and a cookie secret in a set block", () => {
      const values = compliantZ2jhValues();
      values.hub.config.GitHubOAuthenticator.client_secret = "CANARY-oauth-secret-1234";
      const found = findingsOf("JSH-SEC-05", (stack) =>
        z2jhRelease(stack, { values, set: [{ name: "hub.cookieSecret", value: "abcd" }] }),
      );
      expect(found).toEqual([
        "JSH-SEC-05[hub.config.GitHubOAuthenticator.client_secret]",
        "JSH-SEC-05[hub.cookieSecret]",
      ]);
    });

    test("flags CryptKeeper keys and a manual TLS key", () => {
      const values = {
        ...compliantZ2jhValues(),
        proxy: { https: { enabled: true, type: "manual", manual: { key: "-----BEGIN", cert: "x" } } },
      };
      values.hub.config.CryptKeeper = { keys: ["a".repeat(64)] };
      const found = findingsOf("JSH-SEC-05", (stack) => z2jhRelease(stack, { values }));
      expect(found).toEqual(["JSH-SEC-05[hub.config.CryptKeeper.keys]", "JSH-SEC-05[proxy.https.manual.key]"]);
    });

    test("accepts keys set to null", () => {
      const values = { ...compliantZ2jhValues(), imagePullSecret: { password: null } };
      expect(findingsOf("JSH-SEC-05", (stack) => z2jhRelease(stack, { values }))).toEqual([]);
    });
  });

  describe("JSH-SEC-06 the chart generates hub secrets", () => {
    test("flags a cookie secret supplied with a sqlite database", () => {
      const found = findingsOf("JSH-SEC-06", (stack) =>
        z2jhRelease(stack, {
          setSensitive: [{ name: "hub.cookieSecret", value: Secret.fromEnvironment(stack, "cookie").value }],
        }),
      );
      expect(found).toEqual(["JSH-SEC-06[hub.cookieSecret]"]);
    });

    test("accepts a cookie secret for an external database", () => {
      const values = { ...compliantZ2jhValues(), hub: { ...compliantZ2jhValues().hub, db: { type: "postgres" } } };
      const found = findingsOf("JSH-SEC-06", (stack) =>
        z2jhRelease(stack, {
          values,
          setSensitive: [{ name: "hub.cookieSecret", value: Secret.fromEnvironment(stack, "cookie").value }],
        }),
      );
      expect(found).toEqual([]);
    });
  });

  describe("JSH-SEC-07 sensitive outputs", () => {
    test("flags a kubeconfig output that is not sensitive, and accepts it when it is", () => {
      const found = (sensitive: boolean) =>
        findingsOf("JSH-SEC-07", (stack) => {
          const c = magnumCluster(stack);
          new TerraformOutput(stack, "kubeconfig", { value: c.kubeconfig, sensitive });
        });
      expect(found(false)).toEqual(["JSH-SEC-07"]);
      expect(found(true)).toEqual([]);
    });

    test("flags an output of a sensitive variable", () => {
      const found = findingsOf("JSH-SEC-07", (stack) => {
        new TerraformOutput(stack, "secret", { value: Secret.fromEnvironment(stack, "s").value });
      });
      expect(found).toEqual(["JSH-SEC-07"]);
    });
  });

  describe("JSH-SEC-08 key pairs from public keys", () => {
    test("flags a key pair OpenStack would generate", () => {
      expect(findingsOf("JSH-SEC-08", (stack) => new ComputeKeypairV2(stack, "Key", { name: "k" }))).toEqual([
        "JSH-SEC-08",
      ]);
    });
  });
});
