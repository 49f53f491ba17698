import { JetstreamFlavor } from "./flavor";
import { Size } from "./units";

// What a Kubernetes node of a given flavor can give users' servers. One model, shared by the hub's fit checks
// (ZeroToJupyterHub) and the capacity planner, so a plan never packs more users onto a node than the hub accepts.

/** The CPU a node keeps for itself: half a vCPU. */
export const CPU_RESERVE = 0.5;

/** The memory users' servers can have on a node of `flavor`, after the system reserve. */
export function allocatableMemory(flavor: JetstreamFlavor): Size {
  return Size.mebibytes(flavor.ramGiB * 1024 - flavor.systemReserve.toMebibytes());
}

/** The vCPUs users' servers can be guaranteed on a node of `flavor`, after the system reserve. */
export function allocatableCpu(flavor: JetstreamFlavor): number {
  return flavor.vcpus - CPU_RESERVE;
}
