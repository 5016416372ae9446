// What each driver gives a host or workload that does not say otherwise: the
// estate file reader fills a hand-written file's gaps from here.

import { DEFAULT_DURATIONS } from '../core/defaults.js';
import type { Platform, WorkloadKind } from '../core/model.js';
import type { AllocationRatios } from '../core/topology.js';
import type { Durations } from '../core/workloads.js';
import { AZURE_DURATIONS } from '../providers/azure/defaults.js';
import { DOCKER_DURATIONS, DOCKER_OVERHEAD } from '../providers/docker/defaults.js';
import { HYPERV_DURATIONS, HYPERV_OVERHEAD, HYPERV_RATIOS } from '../providers/hyperv/defaults.js';
import { KVM_DURATIONS, KVM_OVERHEAD, KVM_RATIOS, KVM_RESERVED_MEMORY_MIB } from '../providers/kvm/defaults.js';
import { ESXI_RATIOS, SHARES_PER_VCPU, VMWARE_DURATIONS, VMWARE_OVERHEAD } from '../providers/vmware/defaults.js';

export const PLATFORM_DURATIONS: Record<Platform, Durations> = {
  vmware: VMWARE_DURATIONS,
  hyperv: HYPERV_DURATIONS,
  kvm: KVM_DURATIONS,
  docker: DOCKER_DURATIONS,
  azure: AZURE_DURATIONS,
};

export const PLATFORM_OVERHEAD: Record<Platform, number> = {
  vmware: VMWARE_OVERHEAD,
  hyperv: HYPERV_OVERHEAD,
  kvm: KVM_OVERHEAD,
  docker: DOCKER_OVERHEAD,
  azure: 0,
};

export const PLATFORM_RATIOS: Record<Platform, { cpu: number; memory: number; storage: number }> = {
  vmware: ESXI_RATIOS,
  hyperv: HYPERV_RATIOS,
  kvm: KVM_RATIOS,
  docker: { cpu: 1, memory: 1, storage: 1 },
  azure: { cpu: 1, memory: 1, storage: 1 },
};

type Ratios = { cpu: number; memory: number; storage: number };

/** A host's ratios where it sets none of its own: its cluster's allocation ratios, else its platform's rule. */
export function defaultRatios(platform: Platform, cluster?: AllocationRatios): Ratios {
  const base = PLATFORM_RATIOS[platform];
  return { cpu: cluster?.cpu ?? base.cpu, memory: cluster?.memory ?? base.memory, storage: cluster?.storage ?? base.storage };
}

/** Ratios as a file holds them: null is no limit (JSON has no Infinity). */
export function ratiosFromFile(r: { cpu?: number | null; memory?: number | null; storage?: number | null } | undefined): AllocationRatios | undefined {
  if (!r) return undefined;
  const read = (v: number | null | undefined) => (v === null ? Infinity : v);
  return {
    ...(r.cpu !== undefined ? { cpu: read(r.cpu) } : {}),
    ...(r.memory !== undefined ? { memory: read(r.memory) } : {}),
    ...(r.storage !== undefined ? { storage: read(r.storage) } : {}),
  };
}

/** Ratios to write: those that differ from `defaults` (all of them without), no limit as null. */
export function ratiosToFile(r: AllocationRatios, defaults?: Ratios): { cpu?: number | null; memory?: number | null; storage?: number | null } | undefined {
  const out: Record<string, number | null> = {};
  for (const k of ['cpu', 'memory', 'storage'] as const) {
    const v = r[k];
    if (v === undefined || (defaults && defaults[k] === v)) continue;
    out[k] = v === Infinity ? null : v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export const PLATFORM_RESERVED_MEMORY: Record<Platform, number> = { vmware: 0, hyperv: 0, kvm: KVM_RESERVED_MEMORY_MIB, docker: 0, azure: 0 };

/** CPU shares for a workload of `vcpus` on a platform (VMware and KVM scale with vCPUs). */
export function defaultShares(platform: Platform, vcpus: number): number {
  const n = Math.max(1, Math.round(vcpus));
  if (platform === 'vmware') return SHARES_PER_VCPU * n;
  if (platform === 'kvm') return 1024 * n;
  if (platform === 'hyperv') return 100;
  return 1024;
}

export const DEFAULT_DISK_MIB: Record<WorkloadKind, number> = { vm: 10 * 1024, container: 50, 'cloud-vm': 30 * 1024 };

export { DEFAULT_DURATIONS };
