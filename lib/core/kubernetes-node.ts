import { JetstreamFlavor } from "./flavor";
import { Size } from "./units";

// What a Kubernetes node of a given flavor can give users' servers. One model, shared by the hub's fit checks
// (ZeroToJupyterHub) and the capacity planner, so a plan never packs more users onto a node than the hub accepts.

/**
 * What a node keeps for itself before any user gets memory: the kubelet, the container runtime, the CNI and the
 * cluster's own pods. 10% of the node's memory, at least 1 GiB, in line with what managed Kubernetes services
 * reserve on nodes of this size.
 */
export function memoryReserve(flavor: JetstreamFlavor): Size {
  return Size.mebibytes(Math.max(1024, Math.round(flavor.ramGiB * 1024 * 0.1)));
}

/** The CPU a node keeps for itself: half a vCPU. */
export const CPU_RESERVE = 0.5;

/** The memory users' servers can have on a node of `flavor`, after the system reserve. */
export function allocatableMemory(flavor: JetstreamFlavor): Size {
  return Size.mebibytes(flavor.ramGiB * 1024 - memoryReserve(flavor).toMebibytes());
}

/** The vCPUs users' servers can be guaranteed on a node of `flavor`, after the system reserve. */
export function allocatableCpu(flavor: JetstreamFlavor): number {
  return flavor.vcpus - CPU_RESERVE;
}
