import { Aspects, TerraformStack } from "cdktf";
import * as yaml from "js-yaml";
import { Construct } from "constructs";
import { JetstreamChecks, JetstreamChecksProps, PolicyFinding, Secret } from "../../lib";
import { ComputeInstanceV2 } from "../../lib/imports/openstack/compute-instance-v2";
import { ComputeVolumeAttachV2 } from "../../lib/imports/openstack/compute-volume-attach-v2";
import { BlockstorageVolumeV3 } from "../../lib/imports/openstack/blockstorage-volume-v3";
import { ContainerinfraClusterV1 } from "../../lib/imports/openstack/containerinfra-cluster-v1";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { Release } from "@cdktf/provider-helm/lib/release";
import { StackJson, scratchStack, synth } from "./synth";

/** A checked stack: the pack's findings and the synthesized document. */
export interface Checked {
  readonly stack: TerraformStack;
  readonly pack: JetstreamChecks;
  readonly doc: StackJson;
  /** Every finding, acknowledged ones included. */
  readonly findings: PolicyFinding[];
}

/** Builds into a fresh stack, adds the pack, synthesizes (validations on), and returns the findings. */
export function check(build: (stack: TerraformStack) => void, props: JetstreamChecksProps = {}): Checked {
  const stack = scratchStack();
  build(stack);
  const pack = new JetstreamChecks(props);
  Aspects.of(stack).add(pack);
  const doc = synth(stack);
  return { stack, pack, doc, findings: pack.findings };
}

/** The findings of one rule that are not acknowledged, as `RULE` or `RULE[finding]` labels. */
export function open(checked: Checked, ruleId: string): string[] {
  return checked.findings
    .filter((f) => f.ruleId === ruleId && f.acknowledgedReason === undefined)
    .map((f) => (f.findingId ? `${f.ruleId}[${f.findingId}]` : f.ruleId));
}

/** The open findings of every rule whose id starts with `prefix` (e.g. `JSH-AUTH-`). */
export function openWithPrefix(checked: Checked, prefix: string): string[] {
  const ids = [...new Set(checked.findings.filter((f) => f.ruleId.startsWith(prefix)).map((f) => f.ruleId))];
  return ids.flatMap((id) => open(checked, id));
}

/** Shorthand: the open findings of `ruleId` for what `build` makes. */
export function findingsOf(ruleId: string, build: (stack: TerraformStack) => void): string[] {
  return open(check(build), ruleId);
}

/** Annotation messages of one level on a construct (`@cdktf/error`, `@cdktf/warn`, `@cdktf/info`). */
export function annotationsOn(scope: Construct, type: "@cdktf/error" | "@cdktf/warn" | "@cdktf/info"): string[] {
  return scope.node.metadata.filter((m) => m.type === type).map((m) => String(m.data));
}

/** The host every fixture serves. */
export const HOST = "hub.cis230085.projects.jetstream-cloud.org";

/** z2jh values that pass every rule: GitHub login, HTTPS, limits, NFS homes, culling that keeps data. */
export function compliantZ2jhValues(): any {
  return {
    hub: {
      config: {
        JupyterHub: { authenticator_class: "github" },
        Authenticator: { admin_users: ["alice"], allow_existing_users: false },
        GitHubOAuthenticator: {
          client_id: "abc123",
          oauth_callback_url: `https://${HOST}/hub/oauth_callback`,
          allowed_organizations: ["my-gateway"],
          scope: ["read:org"],
        },
        KubeSpawner: { delete_pvc: false },
      },
      loadRoles: { admin: { users: ["alice"] } },
      db: { pvc: { annotations: { "helm.sh/resource-policy": "keep" } } },
    },
    proxy: {
      https: { enabled: true, hosts: [HOST], letsencrypt: { contactEmail: "hub-admins@example.org" } },
      service: { loadBalancerIP: "203.0.113.10" },
    },
    singleuser: {
      image: { name: "quay.io/jupyter/scipy-notebook", tag: "2025-01-06" },
      memory: { limit: "4G", guarantee: "2G" },
      cpu: { limit: 2, guarantee: 0.5 },
      storage: { type: "static", static: { pvcName: "home-nfs", subPath: "{username}" } },
    },
    cull: { enabled: true, timeout: 3600, every: 600 },
  };
}

/** Options for `z2jhRelease`. */
export interface ReleaseOptions {
  readonly values?: any;
  readonly version?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly setSensitive?: { name: string; value: string }[];
  readonly set?: { name: string; value: string }[];
}

/** A z2jh helm_release shaped like the ZeroToJupyterHub construct's: values as one JSON string. */
export function z2jhRelease(scope: Construct, options: ReleaseOptions = {}): Release {
  const stack = TerraformStack.of(scope);
  if (!stack.node.tryFindChild("helm")) new HelmProvider(stack, "helm", {});
  return new Release(scope, "Hub", {
    name: options.name ?? "hub",
    namespace: options.namespace ?? "jupyterhub",
    repository: "https://hub.jupyter.org/helm-chart/",
    chart: "jupyterhub",
    version: options.version ?? "4.4.0",
    values: [JSON.stringify(options.values ?? compliantZ2jhValues())],
    set: options.set,
    setSensitive: options.setSensitive ?? [
      {
        name: "hub.config.GitHubOAuthenticator.client_secret",
        value: Secret.fromEnvironment(scope, "github_client_secret").value,
      },
    ],
  });
}

/** A TLJH config.yaml that passes every rule. */
export function compliantTljhConfig(): any {
  return {
    auth: {
      type: "github",
      GitHubOAuthenticator: {
        client_id: "abc123",
        oauth_callback_url: `https://${HOST}/hub/oauth_callback`,
        allowed_organizations: ["my-gateway"],
        scope: ["read:org"],
      },
    },
    users: { admin: ["alice"] },
    https: { enabled: true, letsencrypt: { email: "hub-admins@example.org", domains: [HOST] } },
    limits: { memory: "4G", cpu: 2 },
    services: { cull: { timeout: 3600, every: 600 } },
  };
}

/** A cloud-config that installs TLJH the safe way, with `config` as its config.yaml. */
export function tljhCloudConfig(config: any = compliantTljhConfig(), overrides: any = {}): any {
  return {
    bootcmd: ["iptables -I OUTPUT -d 169.254.169.254 -m owner ! --uid-owner 0 -j REJECT"],
    mounts: [["/dev/disk/by-id/virtio-home", "/home", "ext4", "defaults,nofail", "0", "2"]],
    write_files: [
      { path: "/opt/tljh/config/config.yaml", permissions: "0600", content: yaml.dump(config, { noRefs: true }) },
      {
        path: "/opt/tljh/config/jupyterhub_config.d/admin-role.py",
        content: 'c.JupyterHub.load_roles = [{"name": "admin", "users": ["alice"]}]\n',
      },
    ],
    runcmd: ["curl -L https://tljh.jupyter.org/bootstrap.py | sudo -E python3 - --version 2.0.0"],
    ...overrides,
  };
}

/** Options for `tljhHost`. */
export interface HostOptions {
  readonly userData?: string;
  readonly cloudConfig?: any;
  readonly imageName?: string;
  readonly flavorName?: string;
  readonly homeVolume?: boolean;
}

/** A TLJH VM shaped like the SingleServerHub construct's: user data, protected home volume, separate attachment. */
export function tljhHost(scope: Construct, options: HostOptions = {}): ComputeInstanceV2 {
  const userData =
    options.userData ?? `#cloud-config\n${yaml.dump(options.cloudConfig ?? tljhCloudConfig(), { noRefs: true })}`;
  const instance = new ComputeInstanceV2(scope, "TljhHub", {
    name: "hub",
    flavorName: options.flavorName ?? "m3.medium",
    imageName: options.imageName ?? "Featured-Ubuntu24",
    userData,
    lifecycle: { ignoreChanges: ["user_data", "image_name", "image_id", "key_pair"] },
  });
  if (options.homeVolume !== false) {
    const volume = new BlockstorageVolumeV3(scope, "Home", {
      name: "hub-home",
      size: 100,
      lifecycle: { preventDestroy: true },
    });
    new ComputeVolumeAttachV2(scope, "HomeAttachment", { instanceId: instance.id, volumeId: volume.id });
  }
  return instance;
}

/** A Magnum cluster with the labels and lifecycle the KubernetesOnJetstream construct sets. */
export function magnumCluster(
  scope: Construct,
  labels: Record<string, string> = {},
  lifecycle?: any,
): ContainerinfraClusterV1 {
  return new ContainerinfraClusterV1(scope, "Cluster", {
    name: "hub-k8s",
    clusterTemplateId: "7f6d8d57-3a0f-4b5e-9f5c-1c3c3e4d5f60",
    labels: {
      api_master_lb_allowed_cidrs: "198.51.100.0/24",
      kube_dashboard_enabled: "false",
      csi_cinder_reclaim_policy: "Retain",
      ...labels,
    },
    lifecycle: lifecycle ?? { preventDestroy: true, ignoreChanges: ["labels"] },
  });
}
