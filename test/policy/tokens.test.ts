import { TerraformStack, TerraformVariable } from "cdktf";
import {
  ClusterKeyPair,
  HomeStorage,
  Https,
  JetstreamCluster,
  JetstreamFlavor,
  KubernetesProviders,
  Size,
  SingleServerHub,
  ZeroToJupyterHub,
  ZeroToJupyterHubProps,
} from "../../lib";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_PUBLIC_KEY } from "../../examples/settings";
import { gitHubLogin, testCluster } from "../support/hub-fixtures";
import { check, open, openWithPrefix, tljhCloudConfig, tljhHost } from "../support/policy";

// Where a prop accepts a token, the value reaches the pack as a reference (`${var.x}`). A rule that reads such a
// value cannot know it, so it reports an undecided finding (`RULE[undecided:<id>]`) rather than passing a value that
// may be bad, or failing one that may be fine.

const variable = (stack: TerraformStack, type = "string", id = "from_deploy") =>
  new TerraformVariable(stack, id, { type });

function hub(stack: TerraformStack, props: Partial<ZeroToJupyterHubProps> = {}): ZeroToJupyterHub {
  const cluster = testCluster(stack);
  KubernetesProviders.configure(stack, cluster);
  return new ZeroToJupyterHub(stack, "Hub", {
    cluster,
    authenticator: gitHubLogin(stack),
    https: Https.letsEncrypt({ contactEmail: "hub-admins@example.org" }),
    ...props,
  });
}

function tljh(stack: TerraformStack, props: { letsEncryptEmail?: string }): SingleServerHub {
  const cluster = new JetstreamCluster(stack, "Cluster", {
    name: "gw",
    allocation: "cis230085",
    adminCidrs: [EXAMPLE_ADMIN_CIDR],
    keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
  });
  return new SingleServerHub(stack, "Hub", {
    cluster,
    authenticator: gitHubLogin(stack),
    letsEncryptEmail: "hub-admins@example.org",
    expectedUsers: 10,
    memoryPerUser: Size.gibibytes(8),
    ...props,
  });
}

describe("JSH-PIN-02: an image tag from a token is undecided, not pinned", () => {
  test("the singleuser image's tag", () => {
    const checked = check((s) =>
      hub(s, { image: { name: "quay.io/jupyter/scipy-notebook", tag: variable(s).stringValue } }),
    );
    expect(open(checked, "JSH-PIN-02")).toEqual(["JSH-PIN-02[undecided:singleuser]"]);
  });

  test("a profile image's tag", () => {
    const checked = check((s) =>
      hub(s, {
        profiles: [
          { displayName: "SciPy", image: { name: "quay.io/jupyter/scipy-notebook", tag: variable(s).stringValue } },
        ],
      }),
    );
    expect(open(checked, "JSH-PIN-02")).toEqual(["JSH-PIN-02[undecided:profile]"]);
  });

  test("control: a literal tag passes", () => {
    const checked = check((s) => hub(s, { image: { name: "quay.io/jupyter/scipy-notebook", tag: "2024-12-02" } }));
    expect(open(checked, "JSH-PIN-02")).toEqual([]);
  });
});

describe("JSH-HUB-19: a home sub-path from a token is undecided, not shared", () => {
  test("an existing claim's subPath", () => {
    const checked = check((s) =>
      hub(s, { homeStorage: HomeStorage.existingClaim("homes", { subPath: variable(s).stringValue }) }),
    );
    expect(open(checked, "JSH-HUB-19")).toEqual(["JSH-HUB-19[undecided:shared-home]"]);
  });

  test("control: a sub-path from a token that names the user passes", () => {
    const checked = check((s) =>
      hub(s, { homeStorage: HomeStorage.existingClaim("homes", { subPath: `${variable(s).stringValue}/{username}` }) }),
    );
    expect(open(checked, "JSH-HUB-19")).toEqual([]);
  });
});

describe("JSH-NET-03: a port from a token is undecided, not 'every port'", () => {
  function withPort(port: (s: TerraformStack) => number) {
    return check(
      (s) =>
        new JetstreamCluster(s, "Lab", {
          name: "lab",
          nodeGroups: [
            {
              name: "web",
              flavor: JetstreamFlavor.M3_SMALL,
              ingressRules: [{ description: "app", fromPort: port(s), cidrs: ["203.0.113.0/24"] }],
            },
          ],
        }),
    );
  }

  test("an ingress rule's fromPort", () => {
    expect(
      open(
        withPort((s) => variable(s, "number").numberValue),
        "JSH-NET-03",
      ),
    ).toEqual(["JSH-NET-03[undecided:tcp/all]"]);
  });

  test("control: a literal port passes", () => {
    expect(
      open(
        withPort(() => 8080),
        "JSH-NET-03",
      ),
    ).toEqual([]);
  });
});

describe("JSH-HUB-01: a Let's Encrypt contact e-mail from a token is undecided, not an address", () => {
  test("Https.letsEncrypt contactEmail", () => {
    const checked = check((s) => hub(s, { https: Https.letsEncrypt({ contactEmail: variable(s).stringValue }) }));
    expect(open(checked, "JSH-HUB-01")).toEqual(["JSH-HUB-01[undecided:contact-email]"]);
  });

  test("control: a literal address passes", () => {
    expect(
      open(
        check((s) => hub(s)),
        "JSH-HUB-01",
      ),
    ).toEqual([]);
  });
});

describe("TLJH: an e-mail or installer version from a token is undecided", () => {
  test("JSH-TLJH-02: letsEncryptEmail", () => {
    const checked = check((s) => tljh(s, { letsEncryptEmail: variable(s).stringValue }));
    expect(open(checked, "JSH-TLJH-02")).toEqual(["JSH-TLJH-02[undecided:email]"]);
  });

  // SingleServerHub refuses a token tljhVersion (it decides the oauthenticator checked against the login); a raw
  // instance can still install a version from a variable.
  test("JSH-TLJH-06: the installer's --version from a variable", () => {
    const checked = check((s) => {
      const version = variable(s).stringValue;
      tljhHost(s, {
        cloudConfig: tljhCloudConfig(undefined, {
          runcmd: [`curl -L https://tljh.jupyter.org/bootstrap.py | sudo -E python3 - --version ${version}`],
        }),
      });
    });
    expect(open(checked, "JSH-TLJH-06")).toEqual(["JSH-TLJH-06[undecided:version]"]);
  });

  test("control: literal settings pass both rules", () => {
    const checked = check((s) => tljh(s, {}));
    expect([...open(checked, "JSH-TLJH-02"), ...open(checked, "JSH-TLJH-06")]).toEqual([]);
  });
});

describe("Helm values with a number from a token stay readable", () => {
  // A number token is written bare (`"limit":${var.x}`) so that Terraform interpolates a number; the pack used to
  // find the whole values entry unreadable and then judge an empty release (no login, no HTTPS, no admins).
  test("cpuLimit from a variable: no unreadable values, and the rest of the release is still judged", () => {
    const checked = check((s) => hub(s, { cpuLimit: variable(s, "number").numberValue }));
    expect(open(checked, "JSH-META-03")).toEqual([]);
    expect(openWithPrefix(checked, "JSH-AUTH-")).toEqual([]);
    expect(open(checked, "JSH-HUB-01")).toEqual([]);
  });

  test("a reference inside a values string is left alone while the bare number is read", () => {
    const checked = check((s) => {
      const host = variable(s, "string").stringValue;
      hub(s, {
        cpuLimit: variable(s, "number", "cpu").numberValue,
        environment: { NO_PROXY: `localhost,${host},.svc` },
      });
    });
    expect(open(checked, "JSH-META-03")).toEqual([]);
    expect(openWithPrefix(checked, "JSH-AUTH-")).toEqual([]);
    expect(open(checked, "JSH-HUB-01")).toEqual([]);
  });
});
