import { S3Backend, TerraformStack } from "cdktf";
import { checkBucketName, checkHttpsUrl, checkNonEmpty, fail } from "../core/validate";

/**
 * Props for `Jetstream2StateBackend.configure`.
 */
export interface Jetstream2StateBackendProps {
  /**
   * The bucket (an object store container of your allocation) that holds the state. Create it once, e.g.
   * `openstack container create hub-terraform-state`.
   */
  readonly bucket: string;
  /**
   * The object key of this stack's state.
   *
   * @default "<stack id>/terraform.tfstate", so the stacks of one app can share a bucket
   */
  readonly key?: string;
  /**
   * The region name the object store answers to.
   *
   * @default "IU"
   */
  readonly region?: string;
  /**
   * The S3-compatible endpoint.
   *
   * @default Jetstream2StateBackend.ENDPOINT (https://js2.jetstream-cloud.org:8001)
   */
  readonly endpoint?: string;
  /**
   * Ask the store for server-side encryption. Whether Jetstream2's object store supports it is not verified, so
   * it is off unless you turn it on (the JetstreamChecks rule JSH-STATE-03 then wants an acknowledgement).
   *
   * @default false
   */
  readonly encrypt?: boolean;
}

/**
 * Keeps a stack's Terraform state in Jetstream2's S3-compatible object store, with a lock file.
 *
 * The backend is Terraform's S3 backend with what the Ceph endpoint needs: path-style addressing, no AWS
 * account, region or checksum checks, no EC2 metadata lookup, and `use_lockfile` (Terraform 1.10 or newer) for
 * locking. Credentials never appear in code: create EC2-style credentials with
 * `openstack ec2 credentials create` and export them as `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` before
 * `cdktf deploy` (or pass a partial configuration with `-backend-config` at init).
 *
 * @example
 * const stack = new TerraformStack(app, "hub");
 * Jetstream2StateBackend.configure(stack, { bucket: "cis230085-hub-state" });
 *
 * @see https://docs.jetstream-cloud.org/general/s3/
 */
export class Jetstream2StateBackend {
  /** Jetstream2's S3-compatible object store endpoint. */
  public static readonly ENDPOINT = "https://js2.jetstream-cloud.org:8001";
  /** The region name Jetstream2's object store answers to. */
  public static readonly DEFAULT_REGION = "IU";

  /**
   * Adds the S3 backend to `stack` and returns it (for `addOverride`, if you need one).
   */
  public static configure(stack: TerraformStack, props: Jetstream2StateBackendProps): S3Backend {
    if (!TerraformStack.isStack(stack)) {
      throw new Error("Jetstream2StateBackend.configure needs a TerraformStack");
    }
    const bucket = checkBucketName(stack, "bucket", props.bucket, "cis230085-hub-state");
    const key = props.key ?? `${stack.node.id}/terraform.tfstate`;
    if (typeof key !== "string" || key.trim() === "" || key.startsWith("/") || key.split("/").includes("..")) {
      fail(stack, {
        prop: "key",
        value: key,
        problem: "not a relative object key",
        allowed: "a path without a leading '/' or '..', e.g. hub/terraform.tfstate",
        fix: "drop the leading slash, or leave key unset to use '<stack id>/terraform.tfstate'",
      });
    }
    const region = checkNonEmpty(stack, "region", props.region ?? Jetstream2StateBackend.DEFAULT_REGION, "use IU");
    const endpoint = checkHttpsUrl(
      stack,
      "endpoint",
      props.endpoint ?? Jetstream2StateBackend.ENDPOINT,
      "the object store's S3 endpoint",
    );
    const backend = new S3Backend(stack, {
      bucket,
      key,
      region,
      endpoints: { s3: endpoint },
      usePathStyle: true,
      skipCredentialsValidation: true,
      skipRegionValidation: true,
      skipRequestingAccountId: true,
      skipS3Checksum: true,
      skipMetadataApiCheck: true,
      encrypt: props.encrypt === true ? true : undefined,
    });
    // cdktf 0.21's S3BackendConfig predates use_lockfile (Terraform 1.10): set it on the block directly.
    backend.addOverride("use_lockfile", true);
    return backend;
  }

  private constructor() {}
}
