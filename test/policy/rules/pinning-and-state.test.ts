import { S3Backend, TerraformStack } from "cdktf";
import { Jetstream2StateBackend, JetstreamCluster, JetstreamFlavor } from "../../../lib";
import { ComputeInstanceV2 } from "../../../lib/imports/openstack/compute-instance-v2";
import { DataOpenstackImagesImageV2 } from "../../../lib/imports/openstack/data-openstack-images-image-v2";
import { compliantZ2jhValues, findingsOf, z2jhRelease } from "../../support/policy";

describe("pinning rules", () => {
  test.each([
    ["4.4.0", []],
    ["v4.4.0-beta.1", []],
    ["^4.0.0", ["JSH-PIN-01"]],
    ["latest", ["JSH-PIN-01"]],
    ["", ["JSH-PIN-01"]],
  ])("JSH-PIN-01 judges chart version %j", (version, expected) => {
    expect(findingsOf("JSH-PIN-01", (stack) => z2jhRelease(stack, { version }))).toEqual(expected);
  });

  test("JSH-PIN-02 flags latest and untagged images, in profiles too", () => {
    const values = compliantZ2jhValues();
    expect(findingsOf("JSH-PIN-02", (stack) => z2jhRelease(stack, { values }))).toEqual([]);
    values.singleuser.image.tag = "latest";
    values.singleuser.profileList = [
      { slug: "a", kubespawner_override: { image: "quay.io/jupyter/r-notebook" } },
      { slug: "b", kubespawner_override: { image: "registry.example.org:5000/lab:2024-10" } },
      { slug: "c", kubespawner_override: { image: "quay.io/jupyter/base-notebook@sha256:" + "a".repeat(64) } },
    ];
    expect(findingsOf("JSH-PIN-02", (stack) => z2jhRelease(stack, { values }))).toEqual([
      "JSH-PIN-02[singleuser]",
      "JSH-PIN-02[profile]",
    ]);
  });

  test("JSH-PIN-03 flags a VM that follows the newest image without ignoring image changes", () => {
    const build = (ignore: boolean) => (stack: TerraformStack) => {
      const image = new DataOpenstackImagesImageV2(stack, "Image", { name: "Featured-Ubuntu24", mostRecent: true });
      new ComputeInstanceV2(stack, "Vm", {
        name: "vm",
        imageId: image.id,
        lifecycle: ignore ? { ignoreChanges: ["user_data", "image_id", "image_name", "key_pair"] } : undefined,
      });
    };
    expect(findingsOf("JSH-PIN-03", build(false))).toEqual(["JSH-PIN-03"]);
    expect(findingsOf("JSH-PIN-03", build(true))).toEqual([]);
  });

  test("JSH-PIN-04 flags a provider without a pinned version", () => {
    const cluster = (stack: TerraformStack) =>
      new JetstreamCluster(stack, "Lab", { name: "lab", nodeGroups: [{ name: "a", flavor: JetstreamFlavor.M3_TINY }] });
    expect(findingsOf("JSH-PIN-04", cluster)).toEqual([]);
    const floating = (stack: TerraformStack) => {
      cluster(stack);
      stack.addOverride("terraform.required_providers.openstack.version", ">= 3.0");
    };
    expect(findingsOf("JSH-PIN-04", floating)).toEqual(["JSH-PIN-04[openstack]"]);
  });
});

describe("state rules", () => {
  test("JSH-STATE-01 flags local state, and accepts a remote backend", () => {
    expect(findingsOf("JSH-STATE-01", () => undefined)).toEqual(["JSH-STATE-01"]);
    expect(
      findingsOf("JSH-STATE-01", (stack) => Jetstream2StateBackend.configure(stack, { bucket: "hub-state" })),
    ).toEqual([]);
  });

  test("JSH-STATE-02 accepts the Jetstream2 backend and flags a bare S3 backend pointed at it", () => {
    expect(
      findingsOf("JSH-STATE-02", (stack) => Jetstream2StateBackend.configure(stack, { bucket: "hub-state" })),
    ).toEqual([]);
    const bare = (stack: TerraformStack) =>
      new S3Backend(stack, {
        bucket: "hub-state",
        key: "k",
        region: "IU",
        endpoints: { s3: Jetstream2StateBackend.ENDPOINT },
      });
    expect(findingsOf("JSH-STATE-02", bare)).toEqual(["JSH-STATE-02[lockfile]", "JSH-STATE-02[non-aws]"]);
  });

  test("JSH-STATE-02 flags the removed swift backend as an error", () => {
    const found = findingsOf("JSH-STATE-02", (stack) =>
      stack.addOverride("terraform.backend", { swift: { container: "state" } }),
    );
    expect(found).toEqual(["JSH-STATE-02[swift]"]);
  });

  test("JSH-STATE-03 flags unencrypted S3 state", () => {
    expect(
      findingsOf("JSH-STATE-03", (stack) => Jetstream2StateBackend.configure(stack, { bucket: "hub-state" })),
    ).toEqual(["JSH-STATE-03"]);
    const encrypted = (stack: TerraformStack) =>
      Jetstream2StateBackend.configure(stack, { bucket: "hub-state", encrypt: true });
    expect(findingsOf("JSH-STATE-03", encrypted)).toEqual([]);
  });
});
