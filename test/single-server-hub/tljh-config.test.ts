import Ajv from "ajv";
import { load } from "js-yaml";
import { Duration, Size } from "../../lib";
import { renderHubSnippet, renderTljhConfig, TLJH_PATHS } from "../../lib/single-server-hub/tljh-config";
import { YamlVersion, toYaml } from "../../lib/core/formats/yaml";
import { describeWithSchema } from "../support/schemas";
import { newStack } from "../support/synth";
import { HOST, logins, settingsFor } from "./fixtures";

const CALLBACK = `https://${HOST}/hub/oauth_callback`;

/** The config as TLJH reads it: rendered to YAML and parsed back. */
function configFor(login: keyof typeof logins, overrides = {}) {
  const auth = logins[login](newStack());
  return load(toYaml(renderTljhConfig(settingsFor(auth, overrides)), YamlVersion.V1_2)) as any;
}

describe("renderTljhConfig", () => {
  test.each([
    ["gitHub", "github", "GitHubOAuthenticator"],
    ["google", "google", "GoogleOAuthenticator"],
    ["ciLogon", "cilogon", "CILogonOAuthenticator"],
    ["genericOAuth", "generic-oauth", "GenericOAuthenticator"],
  ] as const)("%s login: auth.type %s, its traits under auth.%s, with the derived callback", (login, type, cls) => {
    const config = configFor(login);
    expect(config.auth.type).toBe(type);
    expect(config.auth[cls].oauth_callback_url).toBe(CALLBACK);
    expect(config.auth[cls].client_id).toEqual(expect.any(String));
    // TLJH rejects any auth.<key> that is not `type` or a class name with a dict of traits
    for (const [key, value] of Object.entries(config.auth)) {
      if (key !== "type") expect([key[0] === key[0].toUpperCase(), typeof value]).toEqual([true, "object"]);
    }
  });

  test("no secret in config.yaml, for any login", () => {
    for (const login of Object.keys(logins) as (keyof typeof logins)[]) {
      expect(toYaml(renderTljhConfig(settingsFor(logins[login](newStack()))), YamlVersion.V1_2)).not.toMatch(/secret/i);
    }
  });

  test("admins and allowed users go under users, where TLJH reads them last", () => {
    const config = configFor("gitHub");
    expect(config.users).toEqual({ admin: ["alice"] });
    expect(config.auth.Authenticator).toEqual({ allow_existing_users: false });
    expect(config.auth.GitHubOAuthenticator.allowed_organizations).toEqual(["my-gateway", "my-gateway:tutors"]);
  });

  test("CILogon IdP entity ids, dots and colons included, survive as keys", () => {
    const idps = configFor("ciLogon").auth.CILogonOAuthenticator.idps;
    expect(Object.keys(idps)).toEqual(["https://access-ci.org/idp", "urn:mace:incommon:ucsd.edu"]);
    expect(idps["urn:mace:incommon:ucsd.edu"]).toMatchObject({ allowed_domains: ["ucsd.edu"], default: true });
  });

  test("HTTPS with Let's Encrypt on the hub's host name; staging only when asked", () => {
    expect(configFor("gitHub").https).toEqual({
      enabled: true,
      letsencrypt: { email: "hub-admins@example.org", domains: [HOST] },
    });
    expect(configFor("gitHub", { letsEncryptStaging: true }).https.letsencrypt.staging).toBe(true);
  });

  test("per-user limits and explicit idle culling", () => {
    const config = configFor("gitHub", {
      memoryPerUser: Size.mebibytes(1536),
      cpuPerUser: 2,
      cullTimeout: Duration.minutes(30),
      cullEvery: Duration.minutes(5),
    });
    expect(config.limits).toEqual({ memory: "1536M", cpu: 2 });
    expect(config.services.cull).toEqual({ enabled: true, timeout: 1800, every: 300, users: false });
  });
});

describeWithSchema("tljh-config.schema.json", "config.yaml conforms to the TLJH 2.0.0 schema", (schema) => {
  const validate = new Ajv({ strictTypes: false, validateFormats: false, allErrors: true }).compile(schema);

  test.each(Object.keys(logins))("%s login", (login) => {
    const config = configFor(login as keyof typeof logins, { letsEncryptStaging: true });
    expect(validate(config) ? [] : validate.errors).toEqual([]);
  });

  test("the schema catches what it is meant to catch", () => {
    // limits.cpu is integer-only and limits.memory string-only at 2.0.0
    expect(validate({ limits: { cpu: 0.5, memory: 4 } })).toBe(false);
  });
});

describe("renderHubSnippet", () => {
  test("reads the client secret from the root-only file into the login's class", () => {
    const snippet = renderHubSnippet(settingsFor(logins.ciLogon(newStack())));
    expect(snippet).toContain(
      `c.CILogonOAuthenticator.client_secret = Path("${TLJH_PATHS.clientSecret}").read_text().strip()`,
    );
  });

  test("makes the admin role's members exactly the admin list", () => {
    const snippet = renderHubSnippet(settingsFor(logins.gitHub(newStack())));
    expect(snippet).toContain(`c.JupyterHub.load_roles.append({"name": "admin", "users": ["alice"]})`);
  });

  test("opens the tutorials through nbgitpuller only when there are tutorials", () => {
    const auth = logins.gitHub(newStack());
    const tutorials = { repository: "https://github.com/my-gateway/tutorials", branch: "2025" };
    expect(renderHubSnippet(settingsFor(auth, { tutorials }))).toContain(
      'c.Spawner.default_url = "/git-pull?repo=https%3A%2F%2Fgithub.com%2Fmy-gateway%2Ftutorials&branch=2025' +
        '&targetpath=tutorials&urlpath=lab%2Ftree%2Ftutorials"',
    );
    expect(renderHubSnippet(settingsFor(auth))).not.toContain("default_url");
  });
});
