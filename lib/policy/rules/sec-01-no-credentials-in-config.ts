import { PolicyLevel, PolicyRule, finding } from "../rule";

const PROVIDER_CREDENTIALS = ["password", "token", "application_credential_secret"];
const BACKEND_CREDENTIALS: { [kind: string]: string[] } = {
  s3: ["access_key", "secret_key", "token", "sse_customer_key"],
  http: ["password"],
};

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** JSH-SEC-01: cloud and state credentials never appear in the configuration. */
export const noCredentialsInConfig: PolicyRule = {
  id: "JSH-SEC-01",
  title: "Provider and backend blocks carry no credentials",
  explanation:
    "The OpenStack provider reads clouds.yaml or OS_* variables, and the S3 backend reads AWS_* variables or a " +
    "partial -backend-config file at init; credentials written into the configuration end up in every copy " +
    "of cdk.tf.json and in the state. There is always a way without them, so this rule is hard.",
  level: PolicyLevel.ERROR,
  hard: true,
  check: (doc) => [
    ...doc.providers("openstack").flatMap((p) =>
      PROVIDER_CREDENTIALS.filter((k) => present(p.body[k])).map((k) =>
        finding(p.address, `the OpenStack provider sets ${k}; use clouds.yaml (OS_CLOUD) or OS_* variables`, {
          findingId: k,
        }),
      ),
    ),
    ...[doc.backend()].flatMap((b) =>
      b === undefined
        ? []
        : (BACKEND_CREDENTIALS[b.kind] ?? [])
            .filter((k) => present(b.body[k]))
            .map((k) =>
              finding(b.address, `the ${b.kind} backend sets ${k}; pass it in the environment at init instead`, {
                findingId: k,
              }),
            ),
    ),
  ],
};
