import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { Duration } from "../core/units";
import { checkCulling, checkHostname, checkLiteral, checkSeconds, checkWholeMap, fail } from "../core/validate";
import { HelmValues } from "../core/formats/helm-values";
import { CHART_GENERATED_SECRETS, GATEWAY_API_URL_VARIABLE, plainSecretPaths } from "./values";

// Checks of ZeroToJupyterHub props that only this construct needs. Each throws JetstreamValidationError naming
// the prop.

/** An exact chart version; a version outside 4.x gets a warning. */
export function checkChartVersion(scope: Construct, version: string, defaultVersion: string): string {
  checkLiteral(scope, "chartVersion", version, "the chart version decides the values schema and the login checks");
  if (typeof version !== "string" || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    fail(scope, {
      prop: "chartVersion",
      value: version,
      problem: "not an exact chart version",
      allowed: `an exact version such as ${defaultVersion}; no ranges, no 'latest'`,
      fix: "pin the version you tested (https://hub.jupyter.org/helm-chart/ lists them)",
    });
  }
  if (!version.startsWith("4.")) {
    Annotations.of(scope).addWarning(
      `chartVersion ${version}: the values are written and tested for chart 4.x; read the chart's upgrade notes ` +
        "(home volume names changed between 3.x and 4.x)",
    );
  }
  return version;
}

/** The hub's host name: the `domain` prop, or the cluster endpoint's name. */
export function checkHubHostname(scope: Construct, domain: string | undefined, given: boolean): string {
  const prop = given ? "domain" : "cluster.hubEndpoint.hostname";
  if (domain === undefined) {
    fail(scope, {
      prop: "domain",
      value: undefined,
      problem: "the hub needs a host name for its certificate and OAuth callback, and the cluster has none",
      allowed: "a DNS name that resolves to the hub, e.g. hub.cis230085.projects.jetstream-cloud.org",
      fix: "set domain, or give the cluster a hub endpoint with a host name",
    });
  }
  checkHostname(scope, prop, domain);
  return domain;
}

/** Culling timeout, interval and maximum age, in seconds. */
export function checkHubCulling(
  scope: Construct,
  props: { cullTimeout?: Duration; cullEvery?: Duration; cullMaxAge?: Duration },
): { timeoutSeconds: number; everySeconds: number; maxAgeSeconds: number } {
  const { timeoutSeconds, everySeconds } = checkCulling(
    scope,
    props.cullTimeout ?? Duration.hours(1),
    props.cullEvery ?? Duration.minutes(10),
  );
  const maxAgeSeconds =
    props.cullMaxAge === undefined ? 0 : checkSeconds(scope, "cullMaxAge", props.cullMaxAge, 60, "Duration.days(1)");
  return { timeoutSeconds, everySeconds, maxAgeSeconds };
}

/** Environment variables for users' servers: names, string values, no secrets. */
export function checkEnvironment(
  scope: Construct,
  env: { [name: string]: string },
  hasGatewayUrl: boolean,
): { [name: string]: string } {
  checkWholeMap(scope, "environment", env);
  for (const [name, value] of Object.entries(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      fail(scope, {
        prop: `environment.${name}`,
        value: name,
        problem: "not an environment variable name",
        allowed: "letters, digits and '_', not starting with a digit",
        fix: "rename the variable",
      });
    }
    if (typeof value !== "string") {
      fail(scope, {
        prop: `environment.${name}`,
        value,
        problem: "environment values are strings",
        allowed: "a string",
        fix: `write ${JSON.stringify(String(value))}`,
      });
    }
    if (name === GATEWAY_API_URL_VARIABLE && hasGatewayUrl) {
      fail(scope, {
        prop: `environment.${name}`,
        value,
        problem: "also set by gatewayApiUrl",
        allowed: "one of the two",
        fix: `drop ${name} from environment and keep gatewayApiUrl`,
      });
    }
  }
  const secrets = plainSecretPaths(env);
  if (secrets.length > 0) {
    fail(scope, {
      prop: `environment.${secrets[0]}`,
      value: "(not shown)",
      problem: "looks like a secret, and environment values are written in plain text",
      allowed: "non-secret settings; secrets from a Kubernetes secret through extraValues' valueFrom.secretKeyRef",
      fix: "keep the secret in a Kubernetes secret, or have each user supply their own",
    });
  }
  return { ...env };
}

/** extraValues: a map, with no secret in plain text. */
export function checkExtraValues(scope: Construct, extra: HelmValues): HelmValues {
  if (typeof extra !== "object" || extra === null || Array.isArray(extra)) {
    fail(scope, {
      prop: "extraValues",
      value: extra,
      problem: "must be a map of chart values",
      allowed: "an object shaped like the chart's values.yaml, e.g. { hub: { extraEnv: { TZ: 'UTC' } } }",
      fix: "pass an object",
    });
  }
  const secrets = plainSecretPaths(extra);
  if (secrets.length > 0) {
    const generated = CHART_GENERATED_SECRETS.includes(secrets[0]);
    fail(scope, {
      prop: `extraValues.${secrets[0]}`,
      value: "(not shown)",
      problem: generated
        ? "the chart generates this secret and keeps it across upgrades"
        : "a secret in plain text would be written into the synthesized configuration",
      allowed: "non-secret values",
      fix: generated
        ? "leave it out; the chart makes it"
        : `leave it out of extraValues and call addSensitiveValue("${secrets[0]}", secret)`,
    });
  }
  return extra;
}
