import { Testing } from "cdktf";
import * as fs from "fs";
import * as path from "path";
import { TLJH_PATHS } from "../../lib/single-server-hub/tljh-config";
import { synth } from "../support/synth";
import { gatewayHub, instanceUserData, logins, parseCloudConfig, writtenFile } from "./fixtures";

const CANARY = "CANARY-oauth-client-secret-7f3a9c";
const SECRET_VARIABLES: Record<keyof typeof logins, string> = {
  gitHub: "github_client_secret",
  google: "google_client_secret",
  ciLogon: "cilogon_client_secret",
  genericOAuth: "gateway_client_secret",
};

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe.each(Object.keys(logins) as (keyof typeof logins)[])("the %s client secret", (login) => {
  const name = SECRET_VARIABLES[login];

  // The secret is set where a careless implementation would pick it up: TF_VAR_<name> and <name> itself.
  beforeAll(() => {
    process.env[`TF_VAR_${name}`] = CANARY;
    process.env[name] = CANARY;
  });
  afterAll(() => {
    delete process.env[`TF_VAR_${name}`];
    delete process.env[name];
  });

  test("is in no synthesized file", () => {
    const { stack } = gatewayHub({}, login);
    const files = filesUnder(Testing.fullSynth(stack));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect([file, fs.readFileSync(file, "utf8").includes(CANARY)]).toEqual([file, false]);
  });

  test("reaches the user data only as a reference to the sensitive variable, in a root-only base64 file", () => {
    const doc = synth(gatewayHub({}, login).stack);
    expect(doc.variable[name]).toEqual(expect.objectContaining({ sensitive: true, type: "string" }));
    expect(doc.variable[name].default).toBeUndefined();
    const userData = instanceUserData(doc);
    // the one mention of the variable is the base64 file
    expect(userData.match(new RegExp(`var\\.${name}\\b`, "g"))).toHaveLength(1);
    expect(writtenFile(parseCloudConfig(userData), TLJH_PATHS.clientSecret)).toMatchObject({
      permissions: "0600",
      encoding: "b64",
      content: `\${base64encode(var.${name})}`,
    });
    // config.yaml carries no secret at all
    const configYaml = writtenFile(parseCloudConfig(userData), TLJH_PATHS.configYaml).content;
    expect(configYaml).not.toMatch(/client_secret|var\./);
    expect(doc.output).toBeUndefined();
  });
});
