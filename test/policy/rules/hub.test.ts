import {
  check,
  compliantZ2jhValues,
  findingsOf,
  magnumCluster,
  openWithPrefix,
  z2jhRelease,
} from "../../support/policy";

// The open findings of `id` for a z2jh release whose compliant values were changed by `edit`.
function withValues(id: string, edit: (values: any) => void): string[] {
  const values = compliantZ2jhValues();
  edit(values);
  return findingsOf(id, (stack) => z2jhRelease(stack, { values }));
}

describe("z2jh chart rules", () => {
  test("the compliant release passes every chart rule", () => {
    expect(
      openWithPrefix(
        check((stack) => z2jhRelease(stack)),
        "JSH-HUB-",
      ),
    ).toEqual([]);
  });

  describe("JSH-HUB-01 HTTPS", () => {
    test("flags a non-OAuth hub without HTTPS (an OAuth hub is JSH-AUTH-04's)", () => {
      const found = withValues("JSH-HUB-01", (v) => {
        v.proxy.https.enabled = false;
        v.hub.config.JupyterHub.authenticator_class = "nativeauthenticator.NativeAuthenticator";
      });
      expect(found).toEqual(["JSH-HUB-01[no-https]"]);
      expect(withValues("JSH-HUB-01", (v) => (v.proxy.https.enabled = false))).toEqual([]);
    });

    test("flags missing hosts and contact e-mail", () => {
      const found = withValues(
        "JSH-HUB-01",
        (v) => (v.proxy.https = { enabled: true, letsencrypt: { contactEmail: "admin@" } }),
      );
      expect(found).toEqual(["JSH-HUB-01[hosts]", "JSH-HUB-01[contact-email]"]);
    });

    test("flags offloaded TLS for acknowledgement, and accepts a TLS ingress", () => {
      expect(withValues("JSH-HUB-01", (v) => (v.proxy.https.type = "offload"))).toEqual(["JSH-HUB-01[offload]"]);
      const ingress = withValues("JSH-HUB-01", (v) => {
        v.proxy.https.enabled = false;
        v.ingress = {
          enabled: true,
          hosts: ["hub.example.org"],
          tls: [{ secretName: "hub-tls", hosts: ["hub.example.org"] }],
        };
      });
      expect(ingress).toEqual([]);
    });
  });

  test("JSH-HUB-02 flags metadata egress (hard) and the iptables block turned off", () => {
    expect(
      withValues(
        "JSH-HUB-02",
        (v) => (v.singleuser.networkPolicy = { egressAllowRules: { cloudMetadataServer: true } }),
      ),
    ).toEqual(["JSH-HUB-02[metadata-egress]"]);
    expect(withValues("JSH-HUB-02", (v) => (v.singleuser.cloudMetadata = { blockWithIptables: false }))).toEqual([
      "JSH-HUB-02[iptables]",
    ]);
  });

  test("JSH-HUB-03 flags disabled network policies and private IP egress", () => {
    const found = withValues("JSH-HUB-03", (v) => {
      v.hub.networkPolicy = { enabled: false };
      v.singleuser.networkPolicy = { egressAllowRules: { privateIPs: true } };
    });
    expect(found).toEqual(["JSH-HUB-03[hub]", "JSH-HUB-03[private-ips]"]);
  });

  test("JSH-HUB-04 flags rbac.create false", () => {
    expect(withValues("JSH-HUB-04", (v) => (v.rbac = { create: false }))).toEqual(["JSH-HUB-04"]);
  });

  test("JSH-HUB-05 flags service accounts for user servers, in profiles too", () => {
    const found = withValues("JSH-HUB-05", (v) => {
      v.singleuser.serviceAccountName = "default";
      v.singleuser.profileList = [
        { display_name: "Admin", kubespawner_override: { automount_service_account_token: true } },
      ];
    });
    expect(found).toEqual(["JSH-HUB-05[service-account]", "JSH-HUB-05[automount]"]);
  });

  test("JSH-HUB-06 flags root, privileged and escalating containers", () => {
    const found = withValues("JSH-HUB-06", (v) => {
      v.singleuser.uid = 0;
      v.singleuser.extraContainers = [{ name: "sidecar", securityContext: { privileged: true } }];
      v.singleuser.profileList = [{ slug: "gpu", kubespawner_override: { allow_privilege_escalation: true } }];
    });
    expect(found).toEqual(["JSH-HUB-06[root]", "JSH-HUB-06[containers]", "JSH-HUB-06[escalation]"]);
  });

  test("JSH-HUB-07 flags a Magnum cluster that deploys the dashboard", () => {
    expect(findingsOf("JSH-HUB-07", (stack) => magnumCluster(stack))).toEqual([]);
    expect(findingsOf("JSH-HUB-07", (stack) => magnumCluster(stack, { kube_dashboard_enabled: "true" }))).toEqual([
      "JSH-HUB-07",
    ]);
  });

  test("JSH-HUB-08 flags missing limits and guarantees above limits", () => {
    expect(withValues("JSH-HUB-08", (v) => (v.singleuser.memory = {}))).toEqual(["JSH-HUB-08[memory-limit]"]);
    expect(withValues("JSH-HUB-08", (v) => (v.singleuser.memory = { limit: "512M" }))).toEqual([
      "JSH-HUB-08[guarantee-above-limit]",
    ]);
    const profile = withValues("JSH-HUB-08", (v) => {
      v.singleuser.profileList = [{ slug: "big", kubespawner_override: { cpu_guarantee: 8, cpu_limit: "4000m" } }];
    });
    expect(profile).toEqual(["JSH-HUB-08[guarantee-above-limit]"]);
  });

  test("JSH-HUB-09 flags culling that deletes per-user volumes, and culling turned off", () => {
    const deletes = withValues("JSH-HUB-09", (v) => {
      v.singleuser.storage = { type: "dynamic" };
      delete v.hub.config.KubeSpawner;
      v.cull.users = true;
    });
    expect(deletes).toEqual(["JSH-HUB-09[deletes-homes]"]);
    expect(withValues("JSH-HUB-09", (v) => (v.cull.users = true))).toEqual([]);
    expect(withValues("JSH-HUB-09", (v) => (v.cull = { enabled: false }))).toEqual(["JSH-HUB-09[disabled]"]);
    expect(withValues("JSH-HUB-09", (v) => (v.cull.every = 7200))).toEqual(["JSH-HUB-09[every]"]);
  });

  test("JSH-HUB-10 flags a hub database PVC without the keep policy", () => {
    expect(withValues("JSH-HUB-10", (v) => delete v.hub.db)).toEqual(["JSH-HUB-10[keep]"]);
    expect(withValues("JSH-HUB-10", (v) => (v.hub.db = { type: "postgres" }))).toEqual(["JSH-HUB-10[cookie-secret]"]);
  });

  test("JSH-HUB-11 flags duplicate slugs, several defaults and unvalidated free-form choices", () => {
    const found = withValues("JSH-HUB-11", (v) => {
      v.singleuser.profileList = [
        { display_name: "CPU small", default: true },
        { slug: "cpu-small", default: true },
        { slug: "custom", profile_options: { image: { unlisted_choice: { enabled: true } } } },
      ];
    });
    expect(found).toEqual(["JSH-HUB-11[duplicate-slug]", "JSH-HUB-11[defaults]", "JSH-HUB-11[unvalidated-choice]"]);
  });

  test("JSH-HUB-14 flags per-user subdomains with Let's Encrypt", () => {
    const found = withValues("JSH-HUB-14", (v) => (v.hub.config.JupyterHub.subdomain_host = "hub.example.org"));
    expect(found).toEqual(["JSH-HUB-14"]);
  });

  test("JSH-HUB-15 flags host namespaces through extra_pod_config", () => {
    const found = withValues("JSH-HUB-15", (v) => {
      v.singleuser.extraPodConfig = { hostNetwork: true };
      v.hub.config.KubeSpawner.extra_pod_config = { hostPID: true, hostIPC: true };
    });
    expect(found).toEqual(["JSH-HUB-15[host-network]", "JSH-HUB-15[host-pid]", "JSH-HUB-15[host-ipc]"]);
  });

  test("JSH-HUB-16 flags hostPath volumes", () => {
    const found = withValues("JSH-HUB-16", (v) => {
      v.singleuser.storage.extraVolumes = { docker: { name: "docker", hostPath: { path: "/var/run/docker.sock" } } };
    });
    expect(found).toEqual(["JSH-HUB-16[host-path]"]);
  });

  test("JSH-HUB-17 flags the hub Secret and TLS keys read by user pods, by any name the release gives them", () => {
    const found = withValues("JSH-HUB-17", (v) => {
      v.fullnameOverride = "gw";
      v.singleuser.extraEnv = { A: { valueFrom: { secretKeyRef: { name: "gw-hub", key: "values.yaml" } } } };
      v.hub.config.KubeSpawner.volumes = [{ name: "tls", secret: { secretName: "proxy-public-tls-acme" } }];
    });
    expect(found).toEqual(["JSH-HUB-17[hub-secret]", "JSH-HUB-17[hub-secret]"]);
    expect(
      withValues("JSH-HUB-17", (v) => {
        v.singleuser.extraEnv = { A: { valueFrom: { secretKeyRef: { name: "gateway", key: "token" } } } };
      }),
    ).toEqual([]);
  });

  test("JSH-HUB-18 flags the user role widened beyond the user's own servers", () => {
    const found = withValues("JSH-HUB-18", (v) => {
      v.hub.loadRoles.user = { scopes: ["self", "access:servers", "servers!user", "shares!user=bob"] };
    });
    expect(found).toEqual(["JSH-HUB-18[scope:access:servers]", "JSH-HUB-18[scope:shares]"]);
  });

  test("JSH-HUB-19 flags a shared home: subPath, shared-folder volumes, one claim for all", () => {
    const found = withValues("JSH-HUB-19", (v) => {
      v.singleuser.storage.static.subPath = "";
      v.singleuser.storage.extraVolumes = [{ name: "s", persistentVolumeClaim: { claimName: "home-nfs" } }];
      v.singleuser.storage.extraVolumeMounts = [{ name: "s", mountPath: "/shared" }];
    });
    expect(found).toEqual(["JSH-HUB-19[shared-home]", "JSH-HUB-19[shared-home]"]);
  });

  test("JSH-HUB-20 flags named servers without a per-user limit", () => {
    expect(withValues("JSH-HUB-20", (v) => (v.hub.allowNamedServers = true))).toEqual(["JSH-HUB-20[unbounded]"]);
    expect(
      withValues(
        "JSH-HUB-20",
        (v) =>
          (v.hub.config.JupyterHub = {
            ...v.hub.config.JupyterHub,
            allow_named_servers: true,
            named_server_limit_per_user: 2,
          }),
      ),
    ).toEqual([]);
  });

  test("set blocks and values written as YAML are read like JSON values", () => {
    const set = findingsOf("JSH-HUB-04", (stack) =>
      z2jhRelease(stack, { set: [{ name: "rbac.create", value: "false" }] }),
    );
    expect(set).toEqual(["JSH-HUB-04"]);
    const yaml = findingsOf("JSH-HUB-04", (stack) =>
      z2jhRelease(stack).addOverride("values.0", "rbac:\n  create: false\n"),
    );
    expect(yaml).toEqual(["JSH-HUB-04"]);
  });
});
