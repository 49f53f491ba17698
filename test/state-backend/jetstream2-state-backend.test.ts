import { App, TerraformStack, Testing } from "cdktf";
import { Jetstream2StateBackend, JetstreamErrors } from "../../lib";
import { ComputeInstanceV2 } from "../../lib/imports/openstack/compute-instance-v2";
import { newStack } from "../support/synth";

function backendOf(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack)).terraform.backend;
}

describe("Jetstream2StateBackend", () => {
  test("configures the S3 backend for Jetstream2's object store, with a lock file", () => {
    // GIVEN a stack; WHEN the backend is configured with only a bucket
    const stack = newStack("hub");
    Jetstream2StateBackend.configure(stack, { bucket: "cis230085-hub-state" });
    // THEN the S3 backend has the endpoint, region, key, path style, skips and lock file Ceph needs
    expect(backendOf(stack)).toEqual({
      s3: {
        bucket: "cis230085-hub-state",
        key: "hub/terraform.tfstate",
        region: "IU",
        endpoints: { s3: "https://js2.jetstream-cloud.org:8001" },
        use_path_style: true,
        skip_credentials_validation: true,
        skip_region_validation: true,
        skip_requesting_account_id: true,
        skip_s3_checksum: true,
        skip_metadata_api_check: true,
        use_lockfile: true,
      },
    });
  });

  test("writes no credentials, and encrypts only when asked", () => {
    const stack = newStack();
    Jetstream2StateBackend.configure(stack, {
      bucket: "state",
      key: "team/hub.tfstate",
      encrypt: true,
      region: "TACC",
    });
    const s3 = backendOf(stack).s3;
    for (const credential of ["access_key", "secret_key", "token", "sse_customer_key", "profile"]) {
      expect(s3).not.toHaveProperty(credential);
    }
    expect(s3).toMatchObject({ key: "team/hub.tfstate", encrypt: true, region: "TACC" });
  });

  test("a stack that reads another stack's outputs reads them from the same store", () => {
    // GIVEN two stacks in the object store, one using the other's attribute
    const app = Testing.app();
    const cluster = new TerraformStack(app, "cluster");
    const hub = new TerraformStack(app, "hub");
    for (const s of [cluster, hub]) Jetstream2StateBackend.configure(s, { bucket: "state" });
    const vm = new ComputeInstanceV2(cluster, "Vm", { name: "vm" });
    new ComputeInstanceV2(hub, "Other", { name: vm.accessIpV4 });
    // WHEN the app prepares cross-stack references
    for (const s of [cluster, hub]) s.prepareStack();
    // THEN the hub reads the cluster's state through the same endpoint and settings
    const remote = JSON.parse(Testing.synth(hub)).data.terraform_remote_state;
    expect(Object.values(remote)[0]).toMatchObject({
      backend: "s3",
      config: {
        bucket: "state",
        key: "cluster/terraform.tfstate",
        use_path_style: true,
        endpoints: { s3: Jetstream2StateBackend.ENDPOINT },
      },
    });
  });

  test.each([
    [
      "bucket",
      { bucket: "My_Bucket" },
      /bucket: not a usable S3 bucket name; got "My_Bucket"\. Allowed: 3 to 63 characters/,
    ],
    ["bucket", { bucket: "ab" }, /bucket: not a usable S3 bucket name; got "ab"/],
    [
      "key",
      { bucket: "state", key: "/hub.tfstate" },
      /key: not a relative object key; got "\/hub.tfstate"\. .*Fix: drop the leading slash/,
    ],
    ["key", { bucket: "state", key: "../other" }, /key: not a relative object key; got "\.\.\/other"/],
    [
      "endpoint",
      { bucket: "state", endpoint: "http://js2.jetstream-cloud.org:8001" },
      /endpoint: must be an https:\/\/ URL/,
    ],
    ["region", { bucket: "state", region: " " }, /region: must not be empty; got " "/],
  ])("fails when %s is %j", (_, props, message) => {
    let error: unknown;
    try {
      Jetstream2StateBackend.configure(newStack(), props);
    } catch (e) {
      error = e;
    }
    expect(JetstreamErrors.isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});

describe("Jetstream2StateBackend: many apps, many stacks, one bucket", () => {
  const keysOf = (app: App) =>
    app.node
      .findAll()
      .filter((c): c is TerraformStack => TerraformStack.isStack(c))
      .map((s) => [s.node.id, JSON.parse(Testing.synth(s)).terraform.backend.s3.key]);

  /** The library's validation error thrown by `fn`. */
  function refusal(fn: () => unknown): any {
    try {
      fn();
    } catch (e) {
      if (JetstreamErrors.isValidationError(e)) return e;
      throw e;
    }
    throw new Error("nothing was refused");
  }

  test("keys derive from the app's name and each stack's id, so two apps share a bucket apart", () => {
    const apps = ["gateway-prod", "gateway-course"].map((appName) => {
      const app = Testing.app();
      for (const id of ["cluster", "hub"]) {
        Jetstream2StateBackend.configure(new TerraformStack(app, id), { bucket: "cis230085-hub-state", appName });
      }
      return keysOf(app);
    });
    expect(apps).toEqual([
      [
        ["cluster", "gateway-prod/cluster/terraform.tfstate"],
        ["hub", "gateway-prod/hub/terraform.tfstate"],
      ],
      [
        ["cluster", "gateway-course/cluster/terraform.tfstate"],
        ["hub", "gateway-course/hub/terraform.tfstate"],
      ],
    ]);
    const all = apps.flat().map(([, key]) => key);
    expect(new Set(all).size).toBe(all.length);
  });

  test("without appName, the key stays <stack id>/terraform.tfstate (deployed stacks keep their state)", () => {
    const app = Testing.app();
    Jetstream2StateBackend.configure(new TerraformStack(app, "hub"), { bucket: "cis230085-hub-state" });
    expect(keysOf(app)).toEqual([["hub", "hub/terraform.tfstate"]]);
  });

  test("fails when two stacks of one app would share a key", () => {
    const app = Testing.app();
    Jetstream2StateBackend.configure(new TerraformStack(app, "prod"), { bucket: "state", key: "hub.tfstate" });
    const e = refusal(() =>
      Jetstream2StateBackend.configure(new TerraformStack(app, "course"), { bucket: "state", key: "hub.tfstate" }),
    );
    expect(e.prop).toBe("key");
    expect(e.message).toContain("stack prod already keeps its state at state/hub.tfstate");
  });

  test("the same key in another bucket is another state", () => {
    const app = Testing.app();
    Jetstream2StateBackend.configure(new TerraformStack(app, "prod"), { bucket: "prod-state", key: "hub.tfstate" });
    Jetstream2StateBackend.configure(new TerraformStack(app, "course"), { bucket: "course-state", key: "hub.tfstate" });
    expect(keysOf(app)).toEqual([
      ["prod", "hub.tfstate"],
      ["course", "hub.tfstate"],
    ]);
  });

  test("a stack renamed with its old key pinned keeps its state", () => {
    const app = Testing.app();
    const renamed = new TerraformStack(app, "hub-production");
    Jetstream2StateBackend.configure(renamed, { bucket: "state", appName: "gw", key: "gw/hub/terraform.tfstate" });
    expect(keysOf(app)).toEqual([["hub-production", "gw/hub/terraform.tfstate"]]);
  });

  test("fails when a stack gets a second backend, or appName is not a name", () => {
    const stack = newStack("hub");
    Jetstream2StateBackend.configure(stack, { bucket: "state" });
    expect(refusal(() => Jetstream2StateBackend.configure(stack, { bucket: "state" })).prop).toBe("bucket");
    expect(refusal(() => Jetstream2StateBackend.configure(newStack(), { bucket: "state", appName: "A/B" })).prop).toBe(
      "appName",
    );
  });

  test("refuses credentials passed anyway, and none reach the synthesized JSON", () => {
    const CANARY = "CANARY-ec2-secret-51d0";
    const e = refusal(() =>
      Jetstream2StateBackend.configure(newStack(), { bucket: "state", secretKey: CANARY } as any),
    );
    expect(e.prop).toBe("secretKey");
    expect(e.message).not.toContain(CANARY);
    const saved = { ...process.env };
    try {
      process.env.AWS_ACCESS_KEY_ID = CANARY;
      process.env.AWS_SECRET_ACCESS_KEY = CANARY;
      const stack = newStack("hub");
      Jetstream2StateBackend.configure(stack, { bucket: "state", appName: "gw" });
      const text = Testing.synth(stack);
      expect(text).not.toContain(CANARY);
      const s3 = JSON.parse(text).terraform.backend.s3;
      for (const key of ["access_key", "secret_key", "token", "profile", "shared_credentials_files"]) {
        expect(s3).not.toHaveProperty(key);
      }
    } finally {
      process.env = saved;
    }
  });
});
