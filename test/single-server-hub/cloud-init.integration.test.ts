import { execFileSync } from "child_process";
import { renderUserData, HUB_DATA } from "../../lib/single-server-hub/cloud-init";
import { asRendered, cloudInitSchema } from "../support/cloud-init-cli";
import { newStack, synth } from "../support/synth";
import { gatewayHub, instanceUserData, logins, parseCloudConfig, userDataInputFor, writtenFile } from "./fixtures";

// The real validator from Debian's cloud-init package (`cloud-init schema -c FILE`), on the user data as the VM
// receives it: Terraform's expressions filled in with sample values, its escapes undone; and the first-boot script
// it writes, read by a real POSIX shell.

test("cloud-init schema accepts the hub's user data, and rejects a broken one", async () => {
  const { stack } = gatewayHub(
    {
      tutorials: { repository: "https://github.com/my-gateway/tutorials" },
      plugins: ["tljh-repo2docker==1.0.1"],
      userRequirementsUrl: "https://example.org/requirements.txt",
    },
    "ciLogon",
  );
  const good = asRendered(instanceUserData(synth(stack)));
  const broken = good.replace('permissions: "0600"', "permissions: 600");
  expect(broken).not.toBe(good);
  const [ok, bad] = await Promise.all([cloudInitSchema(good), cloudInitSchema(broken)]);
  expect(ok).toEqual({ code: 0, out: expect.stringMatching(/^Valid cloud-config: /) });
  // The first boot waits for the host name to point at the floating IP before it asks Let's Encrypt.
  expect(good).toMatch(/PUBLIC_IP='?203\.0\.113\.10'?\n[\s\S]*waiting for \$HOST to resolve[\s\S]*tljh-bootstrap\.py/);
  expect(bad.code).toBe(1);
  expect(bad.out).toMatch(/write_files\.\d+\.permissions: 600 is not of type 'string'/);
});

test("the first-boot setup script is valid POSIX shell, and a broken one is not", () => {
  const text = renderUserData(userDataInputFor(logins.gitHub(newStack())));
  const script = writtenFile(parseCloudConfig(text), HUB_DATA.setupScript).content;
  const check = (shell: string) => execFileSync("sh", ["-n"], { input: shell, stdio: "pipe" });
  expect(() => check(script)).not.toThrow();
  expect(() => check(`${script}\nif true; then\n`)).toThrow();
});
