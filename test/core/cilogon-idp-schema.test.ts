import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import * as yaml from "js-yaml";
import { Authenticator, CILogonUsernameAction, Secret } from "../../lib";
import { oauthCallbackUrl, renderAuthenticator } from "../../lib/core/authenticator-config";
import { CILOGON_IDP_KEYS } from "../../lib/policy/rules/auth-05-cilogon-idps";
import { newStack } from "../support/synth";

// Oracle: oauthenticator's own IdP schema (test/fixtures/oauthenticator/README.md says where it comes from).
// CILogonOAuthenticator validates every `idps` entry against it when the hub loads its config
// (oauthenticator/cilogon.py@17.4.0:223-236), so an entry it rejects stops the hub from starting.
const SCHEMA = yaml.load(
  fs.readFileSync(path.join(__dirname, "..", "fixtures", "oauthenticator", "cilogon-schema.yaml"), "utf8"),
) as any;
const validate = new Ajv({ strict: false }).compile(SCHEMA);

const secret = () => Secret.fromEnvironment(newStack(), "client_secret");
const ciLogon = (idps: any[]) =>
  Authenticator.ciLogon({ clientId: "cilogon:/client_id/1", clientSecret: secret(), adminUsers: ["alice"], idps });
const renderedIdps = (auth: Authenticator) =>
  renderAuthenticator(auth, oauthCallbackUrl("hub.example.org")).config.CILogonOAuthenticator.idps;

describe("CILogon idps against oauthenticator's IdP schema", () => {
  test("every IdP option the library offers renders an entry the schema accepts", () => {
    const auth = ciLogon([
      {
        entityId: "https://access-ci.org/idp",
        usernameClaim: "eppn",
        action: CILogonUsernameAction.PREFIX,
        prefix: "access",
        allowAll: true,
        default: true,
      },
      {
        entityId: "urn:mace:incommon:ucsd.edu",
        usernameClaim: "email",
        allowedDomains: ["ucsd.edu"],
      },
      {
        entityId: "https://idp.example.edu",
        action: CILogonUsernameAction.PREFIX,
        prefix: "ex",
        allowAll: true,
      },
    ]);
    for (const [entity, entry] of Object.entries(renderedIdps(auth))) {
      expect({ entity, valid: validate(entry), errors: validate.errors }).toEqual({
        entity,
        valid: true,
        errors: null,
      });
    }
    const strip = ciLogon([
      {
        entityId: "urn:mace:incommon:ucsd.edu",
        action: CILogonUsernameAction.STRIP_IDP_DOMAIN,
        domain: "ucsd.edu",
        allowAll: true,
      },
    ]);
    expect(validate(Object.values(renderedIdps(strip))[0])).toBe(true);
  });

  test("a display name, which the schema has no key for, is refused at synth instead of stopping the hub", () => {
    // oauthenticator has no per-IdP display name: additionalProperties is false in the schema.
    expect(SCHEMA.additionalProperties).toBe(false);
    expect(SCHEMA.properties).not.toHaveProperty("display_name");
    let rendered: any;
    let error: unknown;
    try {
      rendered = renderedIdps(
        ciLogon([{ entityId: "https://access-ci.org/idp", allowAll: true, displayName: "ACCESS" }]),
      );
    } catch (e) {
      error = e;
    }
    if (rendered !== undefined) {
      // What the hub would get must be valid, or the hub does not start.
      expect(validate(rendered["https://access-ci.org/idp"])).toBe(true);
    } else {
      expect(String(error)).toMatch(/authenticator\.idps\[0\]\.displayName.*CILogon/s);
    }
  });

  test("the policy pack's JSH-AUTH-05 knows exactly the schema's keys", () => {
    expect([...CILOGON_IDP_KEYS].sort()).toEqual(Object.keys(SCHEMA.properties).sort());
  });
});
