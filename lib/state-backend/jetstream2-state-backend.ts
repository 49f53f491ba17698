import { S3Backend, TerraformStack } from "cdktf";
import { isDnsLabel } from "../core/naming";
import { checkBucketName, checkHttpsUrl, checkLiteral, checkNonEmpty, fail } from "../core/validate";

/**
 * Props for `Jetstream2StateBackend.configure`.
 */
export interface Jetstream2StateBackendProps {
  /**
   * The bucket (an object store container of your allocation) that holds the state. Create it once, e.g.
   * `openstack container create hub-terraform-state`.
   *
   * Tokens: refused; Terraform reads the backend block at init, where references are not allowed.
   */
  readonly bucket: string;
  /**
   * The app's name: the first part of every default key (`<appName>/<stack id>/terraform.tfstate`), so two apps
   * (two infra repositories, a production and a course deployment) can share one bucket without sharing state.
   * Set it when the first stack is deployed and keep it: a new name is a new, empty state.
   *
   * Tokens: refused; it forms every stack's state key, and the backend block allows no references.
   *
   * @default - none: keys are `<stack id>/terraform.tfstate`, as before this prop existed; two apps that share a
   *   bucket then must not share stack ids
   */
  readonly appName?: string;
  /**
   * The object key of this stack's state. Two stacks of one app with one bucket and key are refused: they would
   * adopt and destroy each other's resources.
   *
   * Renaming a stack changes its default key, and Terraform then starts from an empty state: it plans a second hub
   * with a blank home volume beside the first, which it no longer knows. Before renaming a deployed stack, set
   * `key` to its current key (`<stack id>/terraform.tfstate`, with the old id), or move the state object first.
   *
   * Tokens: refused; Terraform reads the backend block at init, where references are not allowed.
   *
   * @default "<appName>/<stack id>/terraform.tfstate", or "<stack id>/terraform.tfstate" without `appName`
   */
  readonly key?: string;
  /**
   * The region name the object store answers to.
   *
   * Tokens: refused; Terraform reads the backend block at init, where references are not allowed.
   *
   * @default "IU"
   */
  readonly region?: string;
  /**
   * The S3-compatible endpoint.
   *
   * Tokens: refused; Terraform reads the backend block at init, where references are not allowed.
   *
   * @default Jetstream2StateBackend.ENDPOINT (https://js2.jetstream-cloud.org:8001)
   */
  readonly endpoint?: string;
  /**
   * Ask the store for server-side encryption. Whether Jetstream2's object store supports it is not verified, so
   * it is off unless you turn it on (the JetstreamChecks rule JSH-STATE-03 then wants an acknowledgement).
   *
   * Tokens: n.a.; a boolean.
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
 * Each stack's key comes from the app's name (`appName`) and the stack's id, and two stacks of one app on one key
 * are refused. A stack's id is thus part of where its state lives: renaming a deployed stack starts from empty state
 * unless `key` keeps the old one (see `key`).
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
    // Terraform reads the backend block at init, before any variable or resource exists: it allows no references.
    for (const prop of ["bucket", "appName", "key", "region", "endpoint"] as const) {
      checkLiteral(
        stack,
        prop,
        props[prop],
        "Terraform reads the backend block at init, where references are not allowed",
      );
    }
    const bucket = checkBucketName(stack, "bucket", props.bucket, "cis230085-hub-state");
    for (const credential of CREDENTIAL_PROPS) {
      if ((props as any)[credential] !== undefined) {
        fail(stack, {
          prop: credential,
          value: "(hidden)",
          problem: "credentials never go into the backend block, where cdk.tf.json and the state would keep them",
          allowed: "no credential props; Terraform reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY at init",
          fix: "remove it, and export the EC2 credentials in the shell that runs cdktf",
        });
      }
    }
    const appName = props.appName;
    if (appName !== undefined && (typeof appName !== "string" || !isDnsLabel(appName))) {
      fail(stack, {
        prop: "appName",
        value: appName,
        problem: "not a short name for the app",
        allowed: "a DNS label: a-z, 0-9 and '-', e.g. gateway-prod",
        fix: "name the app (the repository or deployment), e.g. appName: 'gateway-prod'",
      });
    }
    const key =
      props.key ??
      (appName === undefined ? `${stack.node.id}/terraform.tfstate` : `${appName}/${stack.node.id}/terraform.tfstate`);
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
    const existing = stack.node.tryFindChild("backend");
    if (existing) {
      fail(stack, {
        prop: "bucket",
        value: bucket,
        problem: `stack ${stack.node.id} already has a backend (${existing.constructor.name}); a stack keeps its state in one place`,
        allowed: "one backend per stack",
        fix: "call Jetstream2StateBackend.configure once per stack",
      });
    }
    const twin = stack.node.root.node
      .findAll()
      .filter((c): c is S3Backend => c instanceof S3Backend && TerraformStack.of(c) !== stack)
      .find((other) => {
        const s3 = (other.toTerraform() as any).terraform?.backend?.s3 ?? {};
        return s3.bucket === bucket && s3.key === key;
      });
    if (twin) {
      fail(stack, {
        prop: "key",
        value: key,
        problem: `stack ${TerraformStack.of(twin).node.id} already keeps its state at ${bucket}/${key}; two stacks on one state adopt and destroy each other's resources`,
        allowed: "one state key per stack",
        fix: "leave key unset (each stack gets <stack id>/terraform.tfstate), or give each stack its own key",
      });
    }
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

/** S3 backend settings that hold credentials: never accepted (JavaScript callers could pass them anyway). */
const CREDENTIAL_PROPS = ["accessKey", "secretKey", "token", "sessionToken", "profile", "sharedCredentialsFile"];
