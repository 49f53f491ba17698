import { PolicyLevel, PolicyRule, finding } from "../rule";
import { podConfigOf, podSources } from "../user-pods";

const NAMESPACES: [string, string][] = [
  ["hostNetwork", "host-network"],
  ["hostPID", "host-pid"],
  ["hostIPC", "host-ipc"],
];

/** JSH-HUB-15: user pods share no namespace with the node. */
export const noHostNamespaces: PolicyRule = {
  id: "JSH-HUB-15",
  title: "User pods do not share the node's network, process or IPC namespace",
  explanation:
    "hostNetwork puts user code on the node's own network: past every network policy, onto the kubelet and the " +
    "metadata service. hostPID and hostIPC let it see and signal the node's processes, other users' servers " +
    "included. KubeSpawner sets none of them; they arrive through extra_pod_config (singleuser.extraPodConfig, " +
    "hub.config.KubeSpawner.extra_pod_config or a profile's kubespawner_override).",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) =>
      podSources(r.values).flatMap((source) => {
        const pod = podConfigOf(source);
        return NAMESPACES.filter(([key]) => pod[key] === true).map(([key, id]) =>
          finding(r.address, `${source.pathOf("extra_pod_config")}.${key} is true`, { findingId: id }),
        );
      }),
    ),
};
