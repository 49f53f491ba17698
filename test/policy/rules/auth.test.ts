import { TerraformStack } from "cdktf";
import {
  HOST,
  check,
  openWithPrefix,
  compliantTljhConfig,
  compliantZ2jhValues,
  findingsOf,
  tljhCloudConfig,
  tljhHost,
  z2jhRelease,
} from "../../support/policy";

// Both hub shapes carry the same traitlets; these edits write them where each shape keeps them.
interface Login {
  authenticator(name: string): void;
  admins(users: string[]): void;
  provider(trait: string, value: unknown): void;
  common(trait: string, value: unknown): void;
  https(on: boolean): void;
}

function z2jh(edit: (l: Login) => void): (stack: TerraformStack) => void {
  return (stack) => {
    const values = compliantZ2jhValues();
    let cls = "GitHubOAuthenticator";
    const config = values.hub.config;
    edit({
      authenticator: (name) => {
        config.JupyterHub.authenticator_class = name;
        config[name.split(".").pop()!] = config[cls];
        delete config[cls];
        cls = name.split(".").pop()!;
      },
      admins: (users) => {
        config.Authenticator.admin_users = users;
        values.hub.loadRoles.admin.users = users;
      },
      provider: (trait, value) => (config[cls] = { ...config[cls], [trait]: value }),
      common: (trait, value) => (config.Authenticator[trait] = value),
      https: (on) => (values.proxy.https.enabled = on),
    });
    z2jhRelease(stack, { values });
  };
}

function tljh(edit: (l: Login) => void): (stack: TerraformStack) => void {
  return (stack) => {
    const config = compliantTljhConfig();
    let cls = "GitHubOAuthenticator";
    edit({
      authenticator: (name) => {
        config.auth.type = name;
        config.auth[name.split(".").pop()!] = config.auth[cls];
        delete config.auth[cls];
        cls = name.split(".").pop()!;
      },
      admins: (users) => (config.users.admin = users),
      provider: (trait, value) => (config.auth[cls] = { ...config.auth[cls], [trait]: value }),
      common: (trait, value) => (config.auth.Authenticator = { ...(config.auth.Authenticator ?? {}), [trait]: value }),
      https: (on) => (config.https.enabled = on),
    });
    tljhHost(stack, { cloudConfig: tljhCloudConfig(config) });
  };
}

const SHAPES = [
  ["z2jh", z2jh],
  ["tljh", tljh],
] as const;

describe.each(SHAPES)("authentication rules on a %s hub", (_, shape) => {
  test("the compliant fixture passes every authentication rule", () => {
    expect(openWithPrefix(check(shape(() => undefined)), "JSH-AUTH-")).toEqual([]);
  });

  test.each([
    ["dummy", "JSH-AUTH-01[open]"],
    ["tmpauthenticator.TmpAuthenticator", "JSH-AUTH-01[open]"],
    ["nativeauthenticator.NativeAuthenticator", "JSH-AUTH-01[local]"],
  ])("JSH-AUTH-01 flags the %s login", (name, expected) => {
    expect(
      findingsOf(
        "JSH-AUTH-01",
        shape((l) => l.authenticator(name)),
      ),
    ).toEqual([expected]);
  });

  test("JSH-AUTH-02 flags a login without an allow rule", () => {
    expect(
      findingsOf(
        "JSH-AUTH-02",
        shape((l) => l.provider("allowed_organizations", [])),
      ),
    ).toEqual(["JSH-AUTH-02[no-allow-rule]"]);
  });

  test("JSH-AUTH-02 flags allow_all on GitHub, and accepts it on Google with a hosted domain", () => {
    expect(
      findingsOf(
        "JSH-AUTH-02",
        shape((l) => l.common("allow_all", true)),
      ),
    ).toEqual(["JSH-AUTH-02[anyone]"]);
    const google = shape((l) => {
      l.authenticator("oauthenticator.google.GoogleOAuthenticator");
      l.provider("allowed_organizations", undefined);
      l.provider("hosted_domain", ["example.edu"]);
      l.common("allow_all", true);
    });
    expect(findingsOf("JSH-AUTH-02", google)).toEqual([]);
  });

  test("JSH-AUTH-02: a hosted domain alone allows nobody, and group rules need manage_groups", () => {
    // google.py@17.4.0:151-177: hosted_domain users "must still be explicitly allowed" (allow_all, allowed_users...).
    const domainOnly = shape((l) => {
      l.authenticator("oauthenticator.google.GoogleOAuthenticator");
      l.provider("allowed_organizations", undefined);
      l.provider("hosted_domain", ["example.edu"]);
    });
    expect(findingsOf("JSH-AUTH-02", domainOnly)).toEqual(["JSH-AUTH-02[no-allow-rule]"]);
    // oauth2.py@17.4.0:428-437: allowed_groups, admin_groups and auth_state_groups_key raise without manage_groups.
    const groups = (manage: boolean | undefined) =>
      shape((l) => {
        l.authenticator("oauthenticator.generic.GenericOAuthenticator");
        l.provider("allowed_organizations", undefined);
        l.provider("allowed_groups", ["hub-users"]);
        l.provider("manage_groups", manage);
      });
    expect(findingsOf("JSH-AUTH-02", groups(undefined))).toEqual(["JSH-AUTH-02[groups-without-manage-groups]"]);
    expect(findingsOf("JSH-AUTH-02", groups(true))).toEqual([]);
  });

  test("JSH-AUTH-03 flags no admins and names that are not lower case", () => {
    expect(
      findingsOf(
        "JSH-AUTH-03",
        shape((l) => l.admins([])),
      ),
    ).toEqual(["JSH-AUTH-03[no-admins]"]);
    expect(
      findingsOf(
        "JSH-AUTH-03",
        shape((l) => l.admins(["Alice"])),
      ),
    ).toEqual(["JSH-AUTH-03[case]"]);
  });

  test("JSH-AUTH-04 flags an OAuth login without HTTPS, and a callback on another host", () => {
    expect(
      findingsOf(
        "JSH-AUTH-04",
        shape((l) => l.https(false)),
      ),
    ).toEqual(["JSH-AUTH-04[no-https]"]);
    const elsewhere = shape((l) => l.provider("oauth_callback_url", "https://evil.example.com/hub/oauth_callback"));
    expect(findingsOf("JSH-AUTH-04", elsewhere)).toEqual(["JSH-AUTH-04[callback]"]);
    const plain = shape((l) => l.provider("oauth_callback_url", `http://${HOST}/hub/oauth_callback`));
    expect(findingsOf("JSH-AUTH-04", plain)).toEqual(["JSH-AUTH-04[callback]"]);
  });

  test("JSH-AUTH-05 flags CILogon IdPs named by domain, without derivation, or colliding", () => {
    const cilogon = (idps: unknown) =>
      shape((l) => {
        l.authenticator("oauthenticator.cilogon.CILogonOAuthenticator");
        l.provider("allowed_organizations", undefined);
        l.provider("idps", idps);
      });
    const ok = { username_derivation: { username_claim: "email" }, allowed_domains: ["ucsd.edu"] };
    expect(findingsOf("JSH-AUTH-05", cilogon({ "https://access-ci.org/idp": ok }))).toEqual([]);
    expect(findingsOf("JSH-AUTH-05", cilogon({}))).toEqual(["JSH-AUTH-05[no-idps]"]);
    expect(findingsOf("JSH-AUTH-05", cilogon({ "ucsd.edu": { allow_all: true } }))).toEqual([
      "JSH-AUTH-05[entity-id]",
      "JSH-AUTH-05[derivation]",
    ]);
    const strip = { username_derivation: { username_claim: "email", action: "strip_idp_domain" }, allow_all: true };
    expect(
      findingsOf("JSH-AUTH-05", cilogon({ "https://access-ci.org/idp": strip, "urn:mace:incommon:ucsd.edu": strip })),
    ).toEqual(["JSH-AUTH-05[collision]", "JSH-AUTH-05[collision]"]);
    // oauthenticator's IdP schema (cilogon-schema.yaml@17.4.0) is additionalProperties: false.
    expect(
      findingsOf("JSH-AUTH-05", cilogon({ "https://access-ci.org/idp": { ...ok, display_name: "ACCESS" } })),
    ).toEqual(["JSH-AUTH-05[unknown-key]"]);
  });

  test("JSH-AUTH-06 flags a team rule without read:org", () => {
    const team = shape((l) => {
      l.provider("allowed_organizations", ["my-gateway:staff"]);
      l.provider("scope", ["read:user"]);
    });
    expect(findingsOf("JSH-AUTH-06", team)).toEqual(["JSH-AUTH-06"]);
  });

  test("JSH-AUTH-07 flags Google groups without the administrator", () => {
    const groups = shape((l) => {
      l.authenticator("oauthenticator.google.GoogleOAuthenticator");
      l.provider("allowed_google_groups", { "example.edu": ["hub-users"] });
    });
    expect(findingsOf("JSH-AUTH-07", groups)).toEqual(["JSH-AUTH-07"]);
  });

  test("JSH-AUTH-08 flags allow_existing_users", () => {
    expect(
      findingsOf(
        "JSH-AUTH-08",
        shape((l) => l.common("allow_existing_users", true)),
      ),
    ).toEqual(["JSH-AUTH-08"]);
  });
});

describe("authentication rules for one shape", () => {
  test("JSH-AUTH-03 warns about more than three TLJH admins", () => {
    expect(
      findingsOf(
        "JSH-AUTH-03",
        tljh((l) => l.admins(["a1", "a2", "a3", "a4"])),
      ),
    ).toEqual(["JSH-AUTH-03[many-admins]"]);
  });

  test("JSH-AUTH-09 flags first-use logins over HTTP or open to anyone, and installer passwords", () => {
    const firstUse = tljh((l) => {
      l.authenticator("firstuseauthenticator.FirstUseAuthenticator");
      l.https(false);
    });
    expect(findingsOf("JSH-AUTH-09", firstUse)).toEqual(["JSH-AUTH-09[no-https]", "JSH-AUTH-09[open]"]);
    const password = (stack: TerraformStack) =>
      tljhHost(stack, {
        cloudConfig: tljhCloudConfig(undefined, {
          runcmd: ["curl -L https://tljh.jupyter.org/bootstrap.py | sudo python3 - --version 2.0.0 --admin alice:pw"],
        }),
      });
    expect(findingsOf("JSH-AUTH-09", password)).toEqual(["JSH-AUTH-09[admin-password]"]);
  });

  test("JSH-AUTH-10 flags an admin role that does not match the admin list", () => {
    const stale = z2jh((l) => l.admins(["alice"]));
    expect(findingsOf("JSH-AUTH-10", stale)).toEqual([]);
    const values = compliantZ2jhValues();
    values.hub.loadRoles.admin.users = ["alice", "bob"];
    expect(findingsOf("JSH-AUTH-10", (stack) => z2jhRelease(stack, { values }))).toEqual(["JSH-AUTH-10"]);
    const noSnippet = (stack: TerraformStack) => {
      const cc = tljhCloudConfig();
      cc.write_files = cc.write_files.slice(0, 1);
      tljhHost(stack, { cloudConfig: cc });
    };
    expect(findingsOf("JSH-AUTH-10", noSnippet)).toEqual(["JSH-AUTH-10"]);
  });

  test("the z2jh chart's default login (dummy) is caught when a release sets none", () => {
    const values = compliantZ2jhValues();
    delete values.hub.config.JupyterHub;
    expect(findingsOf("JSH-AUTH-01", (stack) => z2jhRelease(stack, { values }))).toEqual(["JSH-AUTH-01[open]"]);
  });

  test("TLJH's default login (first use) is caught when config.yaml sets none", () => {
    const config = compliantTljhConfig();
    delete config.auth;
    expect(findingsOf("JSH-AUTH-01", (stack) => tljhHost(stack, { cloudConfig: tljhCloudConfig(config) }))).toEqual([
      "JSH-AUTH-01[local]",
    ]);
  });
});
