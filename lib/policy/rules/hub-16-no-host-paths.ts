import { PolicyLevel, PolicyRule, finding } from "../rule";
import { podSources, volumesOf } from "../user-pods";

/** JSH-HUB-16: user pods mount nothing from the node's disk. */
export const noHostPaths: PolicyRule = {
  id: "JSH-HUB-16",
  title: "User pods mount no hostPath volume",
  explanation:
    "A hostPath volume puts part of the node's file system in the user's server: the container runtime's socket, " +
    "the kubelet's credentials, other pods' volumes. The pack reads singleuser.storage.extraVolumes, " +
    "singleuser.extraPodConfig.volumes, hub.config.KubeSpawner.volumes and extra_pod_config, and every profile's " +
    "kubespawner_override. Share data through a volume Kubernetes manages instead.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) =>
      podSources(r.values).flatMap((source) =>
        volumesOf(source)
          .filter(({ item }) => item.hostPath !== undefined && item.hostPath !== null)
          .map(({ where, item: volume }) =>
            finding(r.address, `${where} mounts the node's ${volume.hostPath?.path ?? "file system"}`, {
              findingId: "host-path",
            }),
          ),
      ),
    ),
};
