// What of a node's capacity pods may request (Node.Status.Allocatable): its
// capacity less what the kubelet keeps for itself and the system, and less the
// hard eviction threshold (kubelet's "allocatable = capacity - kube-reserved -
// system-reserved - eviction-threshold").
import type { Resources } from './scheduler.js';

const Mi = 1024 * 1024;

/**
 * How the cluster was made: kubeadm's kubelet keeps nothing in reserve and evicts
 * below 100Mi of free memory (kubelet's defaults: evictionHard memory.available
 * 100Mi, maxPods 110); AKS reserves CPU and memory as "Node resource reservations
 * in AKS" documents for AKS 1.29 and later.
 */
export type ClusterFlavour = 'kubeadm' | 'aks';

/** kubelet's evictionHard default, memory.available<100Mi (AKS 1.29+ keeps the same). */
export const EVICTION_HARD_MEMORY = 100 * Mi;
/** kubelet's maxPods default. */
export const DEFAULT_MAX_PODS = 110;

/** AKS's kube-reserved CPU table: [cores, millicores]. */
const AKS_RESERVED_CPU: readonly (readonly [number, number])[] = [
  [1, 60],
  [2, 100],
  [4, 140],
  [8, 180],
  [16, 260],
  [32, 420],
  [64, 740],
];

/**
 * AKS's kube-reserved CPU for a node of `milliCpu`: the table's value at its
 * sizes; between them a straight line (every size from 4 cores up lies on 100m +
 * 10m a core), and past 64 cores that line carried on.
 */
export function aksReservedMilliCpu(milliCpu: number): number {
  const cores = milliCpu / 1000;
  const table = AKS_RESERVED_CPU;
  if (cores <= table[0][0]) return table[0][1];
  for (let i = 1; i < table.length; i++) {
    const [c1, r1] = table[i];
    if (cores <= c1) {
      const [c0, r0] = table[i - 1];
      return Math.round(r0 + ((r1 - r0) * (cores - c0)) / (c1 - c0));
    }
  }
  return Math.round(100 + 10 * cores);
}

/** AKS 1.29+: the lesser of 20Mi a pod the node may run and 50Mi, or a quarter of its memory. */
export function aksReservedMemory(memory: number, maxPods: number): number {
  return Math.min(20 * Mi * maxPods + 50 * Mi, Math.floor(memory / 4));
}

/** The node's allocatable CPU (millicores) and memory (bytes). */
export function allocatable(flavour: ClusterFlavour, capacity: Resources, maxPods: number): Resources {
  const reserved =
    flavour === 'aks' ? { milliCpu: aksReservedMilliCpu(capacity.milliCpu), memory: aksReservedMemory(capacity.memory, maxPods) } : { milliCpu: 0, memory: 0 };
  return {
    milliCpu: Math.max(0, capacity.milliCpu - reserved.milliCpu),
    memory: Math.max(0, capacity.memory - reserved.memory - EVICTION_HARD_MEMORY),
  };
}
