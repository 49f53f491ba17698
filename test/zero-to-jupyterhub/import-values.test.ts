// ZeroToJupyterHub.fromValuesFile (issue 13, item 4): what has no typed prop stays extraValues and is reported;
// secrets and logins the library refuses are refused with the key named.
import { Secret, ZeroToJupyterHub, KubernetesProviders } from "../../lib";
import { testCluster } from "../support/hub-fixtures";
import { newStack, synth } from "../support/synth";
import { hubReleases, valuesOf } from "../support/z2jh";

const LOGIN = `
hub:
  config:
    JupyterHub:
      authenticator_class: github
    GitHubOAuthenticator:
      client_id: Iv1.0123456789abcdef
      client_secret: hunter2
      oauth_callback_url: https://hub.example.org/hub/oauth_callback
      allowed_organizations: [lab]
      scope: [read:org]
    Authenticator:
      admin_users: [alice]
proxy:
  https:
    enabled: true
    type: letsencrypt
    hosts: [hub.example.org]
    letsencrypt:
      contactEmail: ops@example.org
`;

function importYaml(yaml: string, withSecret = true) {
  const stack = newStack();
  const cluster = testCluster(stack);
  KubernetesProviders.configure(stack, cluster);
  const secrets = withSecret
    ? { "hub.config.GitHubOAuthenticator.client_secret": Secret.fromEnvironment(stack, "gh") }
    : undefined;
  const hub = ZeroToJupyterHub.fromValuesFile(stack, "Hub", { cluster, valuesYaml: yaml, secrets });
  return { hub, stack };
}

test("keys without a typed prop become extraValues, and the report says so", () => {
  const { hub, stack } = importYaml(
    LOGIN +
      `
debug:
  enabled: true
singleuser:
  extraLabels:
    course: bio101
  image: &img
    name: quay.io/jupyter/scipy-notebook
    tag: "2025-01-06"
prePuller:
  extraImages:
    scipy:
      <<: *img
`,
  );
  const report = hub.valuesImport!;
  expect(report.extraValuesKeys).toEqual([
    "debug.enabled",
    "singleuser.extraLabels.course",
    "prePuller.extraImages.scipy.name",
    "prePuller.extraImages.scipy.tag",
  ]);
  expect(report.typedKeys).toContain("singleuser.image.tag");
  expect(report.typedKeys).toContain("hub.config.GitHubOAuthenticator.allowed_organizations");
  const values = valuesOf(hubReleases(synth(stack))[0]);
  expect(values.singleuser.extraLabels).toEqual({ course: "bio101" });
  // YAML 1.1 merge keys, as Helm reads them.
  expect(values.prePuller.extraImages.scipy).toEqual({ name: "quay.io/jupyter/scipy-notebook", tag: "2025-01-06" });
});

test("fails at synth when the file misspells a key, as helm would at deploy", () => {
  const { stack } = importYaml(LOGIN + "singleuser:\n  memorry:\n    limit: 2G\n");
  expect(() => synth(stack)).toThrow(/\/singleuser\/memorry: not a key the chart knows/);
});

test("the domain comes from the OAuth callback URL", () => {
  expect(importYaml(LOGIN).hub.hostname).toBe("hub.example.org");
});

test("fails when the file holds a secret and no Secret is given for it", () => {
  expect(() => importYaml(LOGIN, false)).toThrow(
    /secrets\.hub\.config\.GitHubOAuthenticator\.client_secret: the file holds a secret here/,
  );
});

test("fails when the file uses a login the library does not offer", () => {
  expect(() => importYaml(LOGIN.replace("authenticator_class: github", "authenticator_class: dummy"))).toThrow(
    /hub\.config\.JupyterHub\.authenticator_class: not a login the library offers; got "dummy"/,
  );
});

test("fails when a file's image is latest: the hub's own checks apply", () => {
  expect(() =>
    importYaml(LOGIN + "singleuser:\n  image:\n    name: quay.io/jupyter/scipy-notebook\n    tag: latest\n"),
  ).toThrow(/image\.tag: an image needs an explicit, fixed tag; got "latest"/);
});

test("fails when neither a file nor its text is given", () => {
  const stack = newStack();
  const cluster = testCluster(stack);
  expect(() => ZeroToJupyterHub.fromValuesFile(stack, "Hub", { cluster })).toThrow(/valuesFile: no values to import/);
});
