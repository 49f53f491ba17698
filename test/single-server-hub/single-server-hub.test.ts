import { load } from "js-yaml";
import {
  Authenticator,
  CILogonUsernameAction,
  ClusterNetwork,
  Duration,
  ImageOs,
  JetstreamCluster,
  JetstreamClusterProps,
  JetstreamFlavor,
  JetstreamImage,
  Secret,
  SingleServerHub,
  Size,
} from "../../lib";
import { TLJH_PATHS } from "../../lib/single-server-hub/tljh-config";
import { openstackBlockCount, openstackViolations } from "../support/conformance";
import { describeWithSchema } from "../support/schemas";
import { bodies, newStack, resources, synth } from "../support/synth";
import { ADMIN_CIDR, clusterStack, gatewayHub, instanceUserData, parseCloudConfig, writtenFile } from "./fixtures";

const gw = "gw-hub.cis230085.projects.jetstream-cloud.org";

function tljhConfigOf(doc: any): any {
  return load(writtenFile(parseCloudConfig(instanceUserData(doc)), TLJH_PATHS.configYaml).content);
}

describe("SingleServerHub", () => {
  const { stack, hub } = gatewayHub({ tutorials: { repository: "https://github.com/my-gateway/tutorials" } });
  const doc = synth(stack);

  test("one VM of the flavor the sizing rule picks, with a floating IP", () => {
    expect(bodies(doc, "openstack_compute_instance_v2")).toEqual([
      expect.objectContaining({ name: "gw-hub", flavor_name: "m3.xl", image_name: "Featured-Ubuntu24" }),
    ]);
    expect(hub.flavor).toBe(JetstreamFlavor.M3_XL);
    expect(bodies(doc, "openstack_networking_floatingip_v2")).toHaveLength(1);
    expect(hub.publicIp).toMatch(/^\$\{TfToken/);
  });

  test("serves its Jetstream2 DNS name, and derives the OAuth callback from it", () => {
    expect(hub.hostname).toBe(gw);
    expect(hub.hubUrl).toBe(`https://${gw}/`);
    expect(hub.oauthCallbackUrl).toBe(`https://${gw}/hub/oauth_callback`);
    const config = tljhConfigOf(doc);
    expect(config.auth.GitHubOAuthenticator.oauth_callback_url).toBe(hub.oauthCallbackUrl);
    expect(config.https.letsencrypt.domains).toEqual([gw]);
  });

  test("a custom domain replaces the Jetstream2 name everywhere", () => {
    const custom = gatewayHub({ domain: "hub.gateway.org" });
    const config = tljhConfigOf(synth(custom.stack));
    expect(custom.hub.oauthCallbackUrl).toBe("https://hub.gateway.org/hub/oauth_callback");
    expect(config.auth.GitHubOAuthenticator.oauth_callback_url).toBe("https://hub.gateway.org/hub/oauth_callback");
    expect(config.https.letsencrypt.domains).toEqual(["hub.gateway.org"]);
  });

  test("writes the per-user limits from the sizing into TLJH's config", () => {
    expect(tljhConfigOf(doc).limits).toEqual({ memory: "8G", cpu: 3 });
    expect(hub.sizing).toMatchObject({ expectedUsers: 10, cpuPerUser: 3 });
  });

  test("only 80 and 443 are open to the world; SSH only from the admin networks", () => {
    const ingress = bodies(doc, "openstack_networking_secgroup_rule_v2").filter((r) => r.direction === "ingress");
    const open = ingress.filter((r) => ["0.0.0.0/0", "::/0"].includes(r.remote_ip_prefix));
    expect(new Set(open.map((r) => `${r.protocol}/${r.port_range_min}-${r.port_range_max}`))).toEqual(
      new Set(["tcp/80-80", "tcp/443-443"]),
    );
    // every other ingress rule names its source
    expect(ingress.filter((r) => !r.remote_ip_prefix && !r.remote_group_id)).toEqual([]);
    expect(ingress.filter((r) => r.port_range_min === 22).map((r) => r.remote_ip_prefix)).toEqual([ADMIN_CIDR]);
    const port = bodies(doc, "openstack_networking_port_v2")[0];
    expect(port.security_group_ids).toHaveLength(3); // internal, SSH, web
  });

  test("homes and hub state sit on a protected volume, attached by a separate resource", () => {
    const [[volumeId, volume]] = resources(doc, "openstack_blockstorage_volume_v3");
    expect(volume).toMatchObject({ size: 100, lifecycle: { prevent_destroy: true } });
    expect(bodies(doc, "openstack_compute_volume_attach_v2")).toEqual([
      expect.objectContaining({ volume_id: `\${openstack_blockstorage_volume_v3.${volumeId}.id}` }),
    ]);
    // the first-boot script finds that very volume by its id
    expect(instanceUserData(doc)).toContain(
      `SERIAL='\${substr(openstack_blockstorage_volume_v3.${volumeId}.id, 0, 20)}'`,
    );
  });

  test("the VM ignores changes to user data, image and key pair", () => {
    const [instance] = bodies(doc, "openstack_compute_instance_v2");
    expect(instance.lifecycle.ignore_changes).toEqual(
      expect.arrayContaining(["user_data", "image_name", "image_id", "key_pair"]),
    );
  });

  test("instanceAddress is the instance's Terraform address, for a deliberate -replace", () => {
    const [[id]] = resources(doc, "openstack_compute_instance_v2");
    expect(hub.instanceAddress).toBe(`openstack_compute_instance_v2.${id}`);
  });

  test("the rendered user data, for review", () => {
    expect(instanceUserData(doc)).toMatchSnapshot();
  });

  test("escape hatch: overrides on the instance reach the JSON", () => {
    const custom = gatewayHub();
    custom.hub.instance.addOverride("availability_zone", "nova");
    expect(bodies(synth(custom.stack), "openstack_compute_instance_v2")[0].availability_zone).toBe("nova");
  });

  test("warns when many admins get root on the VM", () => {
    const { stack: s } = clusterStack();
    const many = new SingleServerHub(s, "Hub", {
      cluster: s.node.findChild("Cluster") as JetstreamCluster,
      authenticator: Authenticator.gitHub({
        clientId: "x",
        clientSecret: Secret.fromEnvironment(s, "gh"),
        adminUsers: ["a", "b", "c", "d"],
        allowAll: true,
      }),
      letsEncryptEmail: "a@example.org",
      expectedUsers: 2,
      memoryPerUser: Size.gibibytes(2),
    });
    const warnings = many.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/4 admins; on TLJH every admin gets passwordless sudo/)]);
  });
});

describeWithSchema("openstack-provider-schema.json", "SingleServerHub conforms to the provider schema", (schema) => {
  test.each(["gitHub", "ciLogon"] as const)("with a %s login and every option", (login) => {
    const { stack } = gatewayHub(
      {
        domain: "hub.gateway.org",
        homeVolumeType: "__DEFAULT__",
        plugins: ["tljh-repo2docker==1.0.1"],
        tutorials: { repository: "https://github.com/my-gateway/tutorials" },
      },
      login,
    );
    const doc = synth(stack);
    expect(openstackBlockCount(doc)).toBeGreaterThan(10);
    expect(openstackViolations(doc, schema)).toEqual([]);
  });
});

/** A one-user hub on a fresh cluster with `clusterProps`, for the checks that depend on the cluster. */
function smallHubOn(clusterProps: JetstreamClusterProps): SingleServerHub {
  const stack = newStack();
  const cluster = new JetstreamCluster(stack, "Cluster", clusterProps);
  return new SingleServerHub(stack, "Hub", {
    cluster,
    authenticator: Authenticator.gitHub({
      clientId: "x",
      clientSecret: Secret.fromEnvironment(stack, "gh"),
      adminUsers: ["a"],
      allowedUsers: ["b"],
    }),
    letsEncryptEmail: "a@example.org",
    expectedUsers: 1,
    memoryPerUser: Size.gibibytes(2),
  });
}

describe("SingleServerHub fails when", () => {
  test("there is no login", () => {
    expect(() => gatewayHub({ authenticator: undefined as any })).toThrow(/authenticator: must be an Authenticator/);
  });

  test("there is no admin", () => {
    const { stack } = clusterStack();
    expect(() =>
      Authenticator.gitHub({
        clientId: "x",
        clientSecret: Secret.fromEnvironment(stack, "gh"),
        adminUsers: [],
        allowedOrganizations: ["my-gateway"],
      }),
    ).toThrow(/authenticator\.adminUsers: at least one admin is required/);
  });

  test("there is no allow rule", () => {
    const { stack } = clusterStack();
    expect(() =>
      Authenticator.gitHub({ clientId: "x", clientSecret: Secret.fromEnvironment(stack, "gh"), adminUsers: ["a"] }),
    ).toThrow(/authenticator: nobody but the admins could log in/);
  });

  test("the login makes usernames TLJH cannot turn into unix accounts", () => {
    const { stack } = clusterStack();
    const ciLogon = (idp: any, adminUsers = ["alice@ucsd.edu"]) =>
      Authenticator.ciLogon({
        clientId: "cilogon:/client_id/1",
        clientSecret: Secret.fromEnvironment(stack, "cl"),
        adminUsers,
        idps: [{ entityId: "urn:mace:incommon:ucsd.edu", allowAll: true, ...idp }],
      });
    expect(() =>
      gatewayHub({ authenticator: ciLogon({ action: CILogonUsernameAction.PREFIX, prefix: "ucsd" }) }),
    ).toThrow(/authenticator.idps\[0\]: makes usernames with ':' or '\/'.*"action PREFIX \(ucsd:<name>\)"/);
    expect(() => gatewayHub({ authenticator: ciLogon({ usernameClaim: "oidc" }) })).toThrow(/usernameClaim oidc/);
    expect(() => gatewayHub({ authenticator: ciLogon({}, ["access:alice"]) })).toThrow(
      /authenticator.adminUsers: TLJH cannot make a unix account for a name with ':' or '\/'; got "access:alice"/,
    );
  });

  test("HTTPS has no Let's Encrypt contact", () => {
    expect(() => gatewayHub({ letsEncryptEmail: undefined as any })).toThrow(
      /\[test\/Hub\] letsEncryptEmail: is required: every login is OAuth, so the hub serves HTTPS only/,
    );
    expect(() => gatewayHub({ letsEncryptEmail: "admin@" })).toThrow(/letsEncryptEmail: not an e-mail address/);
  });

  test.each(["latest", "2.0", "^2.0.0", "main", "2.0.0-rc1"])("the TLJH version %p is not pinned", (version) => {
    expect(() => gatewayHub({ tljhVersion: version })).toThrow(/tljhVersion: not pinned.*Allowed: an exact release/);
  });

  test.each(["tljh-repo2docker", "tljh-repo2docker>=1.0", "git+https://github.com/x/plugin@main", "x==1 y==2"])(
    "the plugin %p is not pinned",
    (plugin) => {
      expect(() => gatewayHub({ plugins: [plugin] })).toThrow(/plugins\[0\]: not a pinned plugin/);
    },
  );

  test("SSH would be open to the world", () => {
    const stack = newStack();
    expect(
      () => new JetstreamCluster(stack, "Cluster", { allocation: "cis230085", adminCidrs: ["0.0.0.0/0"] }),
    ).toThrow(/adminCidrs: would open SSH to the whole Internet/);
  });

  test("more users than any flavor holds", () => {
    expect(() => gatewayHub({ expectedUsers: 40, memoryPerUser: Size.gibibytes(8) })).toThrow(
      /\[test\/Hub\] expectedUsers: 40 users × 8 GiB need .*Fix: run the hub on Kubernetes instead/,
    );
  });

  test("the explicit flavor is too small", () => {
    expect(() => gatewayHub({ flavor: JetstreamFlavor.M3_LARGE })).toThrow(
      /flavor: m3\.large \(60 GiB\) holds 6 users/,
    );
  });

  test("there is no host name: no allocation and no domain", () => {
    expect(() => smallHubOn({})).toThrow(/domain: the hub needs a host name for HTTPS and the OAuth callback/);
  });

  test("the network publishes no Jetstream2 names and there is no domain", () => {
    expect(() =>
      smallHubOn({
        allocation: "cis230085",
        network: ClusterNetwork.fromName("my-net"),
      }),
    ).toThrow(/domain: the cluster's network does not publish Jetstream2 DNS names/);
  });

  test("the Jetstream2 name would be too long for a certificate", () => {
    expect(() =>
      smallHubOn({
        name: "a-rather-long-gateway-cluster-name",
        allocation: "cis230085",
      }),
    ).toThrow(/name: makes the hub's Jetstream2 name 77 characters long; Let's Encrypt takes at most 64/);
  });

  test.each(["https://hub.example.org", "hub_example.org", "203.0.113.5", "Hub.Example.org"])(
    "the domain is %p",
    (domain) => {
      expect(() => gatewayHub({ domain })).toThrow(
        /domain: (a host name, not a URL|not a valid lower-case DNS name|an IP address)/,
      );
    },
  );

  test.each([
    [JetstreamImage.fromName("Ubuntu-20.04", ImageOs.UBUNTU, "20.04")],
    [JetstreamImage.FEATURED_ROCKY9],
    [JetstreamImage.fromId("2d56f33a-713c-488a-b65f-47b625d832cd")],
  ])("the image %s cannot run TLJH", (image) => {
    expect(() => gatewayHub({ image })).toThrow(/image: The Littlest JupyterHub installs only on Ubuntu 22\.04\+/);
  });

  test("the culler would check less often than the timeout", () => {
    expect(() => gatewayHub({ cullTimeout: Duration.minutes(10), cullEvery: Duration.hours(1) })).toThrow(
      /cullEvery: is longer than cullTimeout/,
    );
    expect(() => gatewayHub({ cullTimeout: Duration.seconds(5) })).toThrow(/cullTimeout: not a usable interval/);
  });

  test("the home volume is tiny", () => {
    expect(() => gatewayHub({ homeVolumeSizeGiB: 5 })).toThrow(/homeVolumeSizeGiB: must be a whole number in range/);
  });

  test("the requirements or tutorials come over plain http", () => {
    expect(() => gatewayHub({ userRequirementsUrl: "http://example.org/requirements.txt" })).toThrow(
      /userRequirementsUrl: must be an https:\/\/ URL/,
    );
    expect(() => gatewayHub({ tutorials: { repository: "http://example.org/t.git" } })).toThrow(
      /tutorials\.repository: must be an https:\/\/ URL/,
    );
  });

  test("the client secret is a plain string", () => {
    expect(() =>
      Authenticator.gitHub({
        clientId: "x",
        clientSecret: "CANARY-plain-string" as unknown as Secret,
        adminUsers: ["a"],
        allowAll: true,
      }),
    ).toThrow(/authenticator\.clientSecret: must be a Secret, not a plain value; got "string"/);
  });

  test("two hubs in one cluster share a name", () => {
    const { stack, cluster } = clusterStack();
    const props = {
      cluster,
      authenticator: Authenticator.gitHub({
        clientId: "x",
        clientSecret: Secret.fromEnvironment(stack, "gh"),
        adminUsers: ["a"],
        allowAll: true,
      }),
      letsEncryptEmail: "a@example.org",
      expectedUsers: 1,
      memoryPerUser: Size.gibibytes(2),
    };
    new SingleServerHub(stack, "One", props);
    expect(() => new SingleServerHub(stack, "Two", props)).toThrow(
      /\[test\/Two\] name: the cluster already has a node group of this name/,
    );
    expect(() => new SingleServerHub(stack, "Three", { ...props, name: "hub2" })).not.toThrow();
  });
});
