import { TerraformStack } from "cdktf";
import {
  check,
  compliantTljhConfig,
  findingsOf,
  openWithPrefix,
  tljhCloudConfig,
  tljhHost,
} from "../../support/policy";

// The open findings of `id` for a TLJH host whose compliant config.yaml and cloud-config were changed.
function withConfig(
  id: string,
  edit: (config: any, cloudConfig: any) => void,
  host: { imageName?: string; flavorName?: string } = {},
): string[] {
  return findingsOf(id, (stack: TerraformStack) => {
    const config = compliantTljhConfig();
    const cloudConfig = tljhCloudConfig(config);
    edit(config, cloudConfig);
    // Re-render config.yaml after the edit.
    cloudConfig.write_files[0] = tljhCloudConfig(config).write_files[0];
    tljhHost(stack, { cloudConfig, ...host });
  });
}

describe("TLJH rules", () => {
  test("the compliant host passes every TLJH rule", () => {
    expect(
      openWithPrefix(
        check((stack) => tljhHost(stack)),
        "JSH-TLJH-",
      ),
    ).toEqual([]);
  });

  test("a VM without TLJH is not a TLJH host", () => {
    expect(
      findingsOf("JSH-TLJH-04", (stack) => tljhHost(stack, { userData: "#cloud-config\npackages: [htop]\n" })),
    ).toEqual([]);
  });

  test.each([
    ["Featured-Ubuntu20", ["JSH-TLJH-01"]],
    ["Featured-RockyLinux9", ["JSH-TLJH-01"]],
    ["debian-12-generic", []],
    ["Featured-Minimal-Ubuntu22", []],
    ["my-custom-image", []],
  ])("JSH-TLJH-01 judges image %s", (imageName, expected) => {
    expect(withConfig("JSH-TLJH-01", () => undefined, { imageName })).toEqual(expected);
  });

  test("JSH-TLJH-02 flags missing HTTPS on a hub without OAuth, and incomplete Let's Encrypt settings", () => {
    const local = withConfig("JSH-TLJH-02", (c) => {
      c.https.enabled = false;
      c.auth.type = "nativeauthenticator.NativeAuthenticator";
    });
    expect(local).toEqual(["JSH-TLJH-02[no-https]"]);
    expect(withConfig("JSH-TLJH-02", (c) => (c.https = { enabled: true, letsencrypt: { domains: [] } }))).toEqual([
      "JSH-TLJH-02[email]",
      "JSH-TLJH-02[domains]",
    ]);
  });

  test("JSH-TLJH-03 flags a VM that leaves the metadata service open to users", () => {
    expect(withConfig("JSH-TLJH-03", (_, cc) => (cc.bootcmd = []))).toEqual(["JSH-TLJH-03"]);
  });

  test("JSH-TLJH-04 flags missing limits and a memory limit above the flavor", () => {
    expect(withConfig("JSH-TLJH-04", (c) => delete c.limits)).toEqual(["JSH-TLJH-04[memory]", "JSH-TLJH-04[cpu]"]);
    expect(withConfig("JSH-TLJH-04", (c) => (c.limits.memory = "6G"), { flavorName: "m3.small" })).toEqual([
      "JSH-TLJH-04[memory-above-flavor]",
    ]);
  });

  test("JSH-TLJH-05 notes culling left to TLJH's defaults", () => {
    expect(withConfig("JSH-TLJH-05", (c) => delete c.services)).toEqual(["JSH-TLJH-05"]);
  });

  test.each([
    [
      "no version",
      "curl -L https://tljh.jupyter.org/bootstrap.py | sudo -E python3 - --admin alice",
      ["JSH-TLJH-06[version]"],
    ],
    [
      "version latest",
      "curl -L https://tljh.jupyter.org/bootstrap.py | sudo python3 - --version latest",
      ["JSH-TLJH-06[version]"],
    ],
    [
      "an unpinned plugin",
      "curl -L https://tljh.jupyter.org/bootstrap.py | sudo python3 - --version 2.0.0 --plugin tljh-repo2docker pinned-plugin==1.0.0 && echo ok",
      ["JSH-TLJH-06[plugin]"],
    ],
    [
      "plugins pinned by version and tag",
      "curl -L https://tljh.jupyter.org/bootstrap.py | sudo python3 - --version 2.0.0 --plugin a==1.2.3 git+https://github.com/o/p@v1.0",
      [],
    ],
  ])("JSH-TLJH-06 judges a bootstrap with %s", (_, command, expected) => {
    expect(withConfig("JSH-TLJH-06", (_c, cc) => (cc.runcmd = [command]))).toEqual(expected);
  });

  test("config.yaml written base64-encoded is read too", () => {
    const found = findingsOf("JSH-TLJH-04", (stack) => {
      const config = compliantTljhConfig();
      delete config.limits;
      const cc = tljhCloudConfig(config);
      cc.write_files[0] = {
        ...cc.write_files[0],
        encoding: "b64",
        content: Buffer.from(cc.write_files[0].content).toString("base64"),
      };
      tljhHost(stack, { cloudConfig: cc });
    });
    expect(found).toEqual(["JSH-TLJH-04[memory]", "JSH-TLJH-04[cpu]"]);
  });
});
