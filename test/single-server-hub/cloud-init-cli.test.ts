import { cloudInitSchema } from "../support/cloud-init-cli";
import { synth } from "../support/synth";
import { testWithTool } from "../support/tools";
import { gatewayHub, instanceUserData } from "./fixtures";

// The real validator from Debian's cloud-init package (`cloud-init schema -c FILE`), on the user data as the VM
// receives it: Terraform's expressions filled in with sample values, its escapes undone. .ci/run installs it;
// under CI a missing binary fails the run.

/** The user data after Terraform has evaluated it, with sample values for the secret, volume id and address. */
function asRendered(userData: string): string {
  const text = userData
    .replace(/\$\{base64encode\(var\.\w+\)\}/g, Buffer.from("sample-client-secret").toString("base64"))
    .replace(/\$\{substr\(openstack_blockstorage_volume_v3\.[\w-]+\.id, 0, 20\)\}/g, "0123456789abcdef0123")
    .replace(/\$\{openstack_networking_floatingip_v2\.[\w-]+\.address\}/g, "203.0.113.10");
  if (/(^|[^$])\$\{/.test(text)) throw new Error("an unexpected Terraform expression is left in the user data");
  return text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}

testWithTool(
  "cloud-init",
  "cloud-init schema accepts the hub's user data, and rejects a broken one",
  async () => {
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
    expect(good).toMatch(
      /PUBLIC_IP='?203\.0\.113\.10'?\n[\s\S]*waiting for \$HOST to resolve[\s\S]*tljh-bootstrap\.py/,
    );
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/write_files\.\d+\.permissions: 600 is not of type 'string'/);
  },
  30000,
);
