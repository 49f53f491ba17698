import { credentialFormat, isSecretKey, knownSecretFormat, secretAssignments } from "../../lib/core/formats/secrets";

// The one vocabulary of secrets (lib/core/formats/secrets.ts) that the constructs refuse to write and the policy
// pack looks for (JSH-SEC-03, -05, -07). A literal is reported; code, references and harmless values are not.
describe("secret vocabulary", () => {
  test.each([
    "client_secret",
    "password",
    "apiKey",
    "api_token",
    "ACCESS_TOKEN",
    "AWS_SECRET_ACCESS_KEY",
    "auth_key",
    "clientKey",
  ])("%s names a secret", (key) => expect(isSecretKey(key)).toBe(true));

  test.each(["existingSecret", "secretName", "tokenUrl", "token_url", "username", "image", "hub_secret_name"])(
    "%s does not",
    (key) => expect(isSecretKey(key)).toBe(false),
  );

  test.each([
    ["YAML", "db:\n  password: hunter2\n", ["password"]],
    ["an env file", "API_TOKEN=abc123\nUSER=alice\n", ["API_TOKEN"]],
    ["Python", 'c.GitHubOAuthenticator.client_secret = "abc"\n', ["client_secret"]],
    ["a Python dict", '{"ACCESS_TOKEN": "tok", "apiKey": "k1"}', ["ACCESS_TOKEN", "apiKey"]],
    ["INI with a repeated key", "[a]\ntoken = 8f3a-92\n[b]\ntoken = 77c1-0e\n", ["token"]],
    ["a shell command's environment", "PASSWORD=hunter2 psql -h db\n", ["PASSWORD"]],
    ["command-line flags", "run --password=hunter2 --api-token=abc1\n", ["password", "api-token"]],
    ["a YAML value of several words", "password: correct horse battery staple\n", ["password"]],
    ["a long number", "password: 12345678\n", ["password"]],
    ["a value in braces", 'password: "{noop}hunter2"\n', ["password"]],
  ])("finds literal assignments in %s", (_, text, keys) => {
    expect(secretAssignments(text)).toEqual(keys);
  });

  test.each([
    ["a Python environment lookup", 'c.X.client_secret = os.environ["CLIENT_SECRET"]'],
    ["a function call", "c.X.client_secret = read_secret()"],
    ["a shell expansion", "API_TOKEN=$API_TOKEN"],
    ["a braced shell expansion", 'PASSWORD="${PASSWORD}"'],
    ["a Terraform reference", 'client_secret: "${var.client_secret}"'],
    ["a path", "password_file: /etc/hub/password"],
    ["a boolean", "token: true"],
    ["a number", "api_key: 0"],
    ["null", "password: null"],
    ["an empty value", 'secret: ""'],
    ["a comparison", 'if token == "x": pass'],
    ["a Python variable after an attribute", "c.GitHubOAuthenticator.client_secret = secret"],
    ["a Python variable in a dict", '{"api_token": token}'],
    ["a reference before a command", "K3S_TOKEN=${var.k3s_token} sh -s - agent"],
    ["a file of the secret", "RESTIC_PASSWORD_FILE=/etc/restic/password\nk3s --token-file /etc/k3s/token"],
    ["a short number", "token_ttl: 3600\napi_token: 0"],
  ])("reports no literal for %s", (_, text) => {
    expect(secretAssignments(text)).toEqual([]);
  });

  test("known credential formats are named, and Terraform references are not read", () => {
    expect(credentialFormat("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n")).toBe("a PEM private key");
    expect(credentialFormat("id=AKIAIOSFODNN7EXAMPLE")).toBe("an AWS access key id");
    expect(credentialFormat(`GH=ghp_${"a1".repeat(18)}`)).toBe("a GitHub token");
    expect(credentialFormat("postgresql://hub:hunter2@db/hub")).toBe("a URL with a password");
    expect(credentialFormat("postgresql://${var.db_user}:${var.db_password}@db/hub")).toBeUndefined();
    expect(credentialFormat("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl")).toBe(
      undefined,
    );
  });

  test("hostile input is read in linear time", () => {
    const started = Date.now();
    for (const text of ["a.".repeat(50000), "${".repeat(50000), "password=".repeat(20000), "a: ".repeat(30000)]) {
      knownSecretFormat(text);
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("a secret format covers both credential formats and literal assignments", () => {
    expect(knownSecretFormat("password: hunter2")).toBe("a secret assigned to password");
    expect(knownSecretFormat("AKIAIOSFODNN7EXAMPLE")).toBe("an AWS access key id");
    expect(knownSecretFormat("password: ${var.hub_password}")).toBeUndefined();
  });
});
