import { Fn, TerraformStack } from "cdktf";
import { load } from "js-yaml";
import {
  Authenticator,
  ClusterKeyPair,
  Duration,
  JetstreamCluster,
  Secret,
  SingleServerHub,
  SingleServerHubProps,
  Size,
} from "../../lib";
import { HubUserDataInput } from "../../lib/single-server-hub/cloud-init";
import { TljhSettings } from "../../lib/single-server-hub/tljh-config";
import { newStack, resources } from "../support/synth";

export const HOST = "hub.cis230085.projects.jetstream-cloud.org";
export const ADMIN_CIDR = "198.51.100.0/24";
export const PUBLIC_KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleExampleExampleExampleExampleExample0 t@example.org";

/** One login of each kind, each with its own secret variable. */
export const logins: Record<string, (stack: TerraformStack) => Authenticator> = {
  gitHub: (stack) =>
    Authenticator.gitHub({
      clientId: "Iv1.gateway",
      clientSecret: Secret.fromEnvironment(stack, "github_client_secret"),
      adminUsers: ["alice"],
      allowedOrganizations: ["my-gateway", "my-gateway:tutors"],
    }),
  google: (stack) =>
    Authenticator.google({
      clientId: "123.apps.googleusercontent.com",
      clientSecret: Secret.fromEnvironment(stack, "google_client_secret"),
      adminUsers: ["alice"],
      hostedDomains: ["example.edu"],
    }),
  // Two IdPs whose usernames stay apart because the e-mail claim is kept whole (TLJH's unix accounts cannot take
  // PREFIX-derived names such as access:alice).
  ciLogon: (stack) =>
    Authenticator.ciLogon({
      clientId: "cilogon:/client_id/abc",
      clientSecret: Secret.fromEnvironment(stack, "cilogon_client_secret"),
      adminUsers: ["alice@ucsd.edu"],
      idps: [
        { entityId: "https://access-ci.org/idp", allowAll: true },
        { entityId: "urn:mace:incommon:ucsd.edu", allowedDomains: ["ucsd.edu"], default: true },
      ],
    }),
  genericOAuth: (stack) =>
    Authenticator.genericOAuth({
      clientId: "jupyterhub",
      clientSecret: Secret.fromEnvironment(stack, "gateway_client_secret"),
      adminUsers: ["alice"],
      authorizeUrl: "https://auth.gateway.org/realms/hub/protocol/openid-connect/auth",
      tokenUrl: "https://auth.gateway.org/realms/hub/protocol/openid-connect/token",
      userdataUrl: "https://auth.gateway.org/realms/hub/protocol/openid-connect/userinfo",
      allowedGroups: ["hub-users"],
    }),
};

/** Renderer settings for a login, with the values a gateway hub would use. */
export function settingsFor(authenticator: Authenticator, overrides: Partial<TljhSettings> = {}): TljhSettings {
  return {
    authenticator,
    hostname: HOST,
    letsEncryptEmail: "hub-admins@example.org",
    letsEncryptStaging: false,
    memoryPerUser: Size.gibibytes(8),
    cpuPerUser: 3,
    cullTimeout: Duration.hours(1),
    cullEvery: Duration.minutes(10),
    ...overrides,
  };
}

/** Full renderer input for a login. */
export function userDataInputFor(authenticator: Authenticator, overrides: Partial<HubUserDataInput> = {}) {
  const input: HubUserDataInput = {
    settings: settingsFor(authenticator),
    tljhVersion: "2.0.0",
    plugins: [],
    clientSecretBase64: Fn.base64encode(authenticator.clientSecret.value),
    homeVolumeSerial: Fn.substr("0123456789abcdef0123456789", 0, 20),
    publicIpv4: Fn.lower("203.0.113.10"),
    ...overrides,
  };
  return input;
}

/** A stack with a cluster, ready for a hub. */
export function clusterStack(): { stack: TerraformStack; cluster: JetstreamCluster } {
  const stack = newStack();
  const cluster = new JetstreamCluster(stack, "Cluster", {
    name: "gw",
    allocation: "cis230085",
    adminCidrs: [ADMIN_CIDR],
    keyPair: ClusterKeyPair.fromPublicKey(PUBLIC_KEY),
  });
  return { stack, cluster };
}

/** A hub with the example's settings; `overrides` change any prop. */
export function gatewayHub(
  overrides: Partial<SingleServerHubProps> = {},
  login: keyof typeof logins = "gitHub",
): { stack: TerraformStack; hub: SingleServerHub } {
  const { stack, cluster } = clusterStack();
  const hub = new SingleServerHub(stack, "Hub", {
    cluster,
    authenticator: logins[login](stack),
    letsEncryptEmail: "hub-admins@example.org",
    expectedUsers: 10,
    memoryPerUser: Size.gibibytes(8),
    ...overrides,
  });
  return { stack, hub };
}

/** The cloud-config document parsed from user-data text. */
export function parseCloudConfig(userData: string): any {
  return load(userData);
}

/** A write_files entry by path. */
export function writtenFile(cloudConfig: any, path: string): any {
  const entry = (cloudConfig.write_files ?? []).find((f: any) => f.path === path);
  if (!entry) throw new Error(`no write_files entry for ${path}`);
  return entry;
}

/** The user_data of the only instance in a synthesized stack. */
export function instanceUserData(doc: any): string {
  const instances = resources(doc, "openstack_compute_instance_v2");
  if (instances.length !== 1) throw new Error(`expected one instance, found ${instances.length}`);
  return instances[0][1].user_data;
}
