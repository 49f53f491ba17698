import { execFileSync } from "child_process";
import { renderHubSnippet } from "../../lib/single-server-hub/tljh-config";
import { newStack } from "../support/synth";
import { logins, settingsFor } from "./fixtures";

// The hub's jupyterhub_config.d snippet, parsed by a real Python.
test("the hub snippet is valid Python, and a broken one is not", () => {
  const auth = logins.genericOAuth(newStack());
  const snippet = renderHubSnippet(settingsFor(auth, { tutorials: { repository: "https://example.org/t.git" } }));
  const check = "import ast, sys; ast.parse(sys.stdin.read())";
  expect(() => execFileSync("python3", ["-c", check], { input: snippet })).not.toThrow();
  expect(() => execFileSync("python3", ["-c", check], { input: `${snippet}c.X = (`, stdio: "pipe" })).toThrow();
});
