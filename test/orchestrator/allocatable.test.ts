// Allocatable as kubelet and AKS compute it. Sources: kubelet's defaults
// (evictionHard memory.available 100Mi, maxPods 110) and Microsoft's "Node
// resource reservations in AKS" (its CPU table; memory for 1.29 and later, with
// its two worked examples: 8 GB and 30 pods reserve 650 MB, 4 GB and 70 pods 1000 MB).
import { describe, expect, it } from 'vitest';
import { aksReservedMemory, aksReservedMilliCpu, allocatable } from '../../src/orchestrator/allocatable.js';

const Mi = 1024 * 1024;
const Gi = 1024 * Mi;

describe('node allocatable', () => {
  it('AKS reserves CPU by its table, and a straight line between and past its sizes', () => {
    const table = [
      [1, 60],
      [2, 100],
      [4, 140],
      [8, 180],
      [16, 260],
      [32, 420],
      [64, 740],
    ];
    for (const [cores, milli] of table) expect(aksReservedMilliCpu(cores * 1000)).toBe(milli);
    expect(aksReservedMilliCpu(3000)).toBe(120);
    expect(aksReservedMilliCpu(48_000)).toBe(580);
    expect(aksReservedMilliCpu(96_000)).toBe(1060);
  });

  it("AKS reserves 20Mi a pod and 50Mi, or a quarter of the memory if less (the page's own examples)", () => {
    expect(aksReservedMemory(8 * Gi, 30)).toBe(650 * Mi);
    expect(aksReservedMemory(4 * Gi, 70)).toBe(1 * Gi);
    // 8 GB - 0.65 GB kube-reserved - 0.1 GB eviction (7.25 GB in the page's round numbers).
    expect(allocatable('aks', { milliCpu: 2000, memory: 8 * Gi }, 30)).toEqual({ milliCpu: 1900, memory: 8 * Gi - 650 * Mi - 100 * Mi });
  });

  it("kubeadm's kubelet keeps only the eviction threshold back", () => {
    expect(allocatable('kubeadm', { milliCpu: 4000, memory: 16 * Gi }, 110)).toEqual({ milliCpu: 4000, memory: 16 * Gi - 100 * Mi });
    expect(allocatable('kubeadm', { milliCpu: 0, memory: 50 * Mi }, 110)).toEqual({ milliCpu: 0, memory: 0 });
  });
});
