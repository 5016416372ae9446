// The KVM / libvirt driver's figures, in one place.
// Sources:
//  - OpenStack Nova configuration reference: initial_cpu_allocation_ratio = 4.0,
//    initial_ram_allocation_ratio = 1.0, initial_disk_allocation_ratio = 1.0,
//    reserved_host_memory_mb = 512, max_concurrent_live_migrations = 1,
//    live_migration_permit_auto_converge = False.
//  - QEMU migration parameters: downtime-limit 300 ms; auto-converge throttles the
//    guest by cpu-throttle-initial 20%, then cpu-throttle-increment 10% a round.
//  - Linux KSM (Documentation/admin-guide/mm/ksm.rst) merges identical pages of
//    guests; guests of one image share a fifth of their memory here.
//  - Linux guests boot in 20-60 s on KVM; shutting down takes up to libvirt's
//    grace of 30 s; virsh managedsave writes RAM to disk in seconds.
import type { PlatformPolicy } from '../../core/platform-policy.js';
import type { Durations } from '../../core/workloads.js';
import { table } from '../../core/own.js';

const S = 1000;

export const KVM_RATIOS = { cpu: 4, memory: 1, storage: 1 } as const;
export const KVM_RESERVED_MEMORY_MIB = 512;

export const KVM_DURATIONS: Durations = {
  // virt-install waits until the domain is defined: creating takes no simulated time; booting does.
  provision: [0, 0],
  boot: [20 * S, 60 * S],
  stop: [5 * S, 30 * S],
  suspend: [5 * S, 15 * S],
  resume: [2 * S, 8 * S],
  deallocate: [0, 0],
};

/** The virtualisation layer's share on top of a guest's demand. */
export const KVM_OVERHEAD = 0.08;

export const KVM_POLICY: PlatformPolicy = {
  pageSharing: { name: 'KSM', sharedShare: 0.2 },
  // Linux reclaims pages as free memory runs low, and swaps when it runs out.
  reclamation: {
    minFree: { baseMiB: 256, baseUpToMiB: 16 * 1024, restPct: 0.5 },
    states: [
      { name: 'normal', belowPct: Infinity, technique: 'none', reclaimShare: 0, slowdown: 0 },
      { name: 'reclaim', belowPct: 100, technique: 'page reclaim (kswapd)', reclaimShare: 0.3, slowdown: 0 },
      { name: 'swapping', belowPct: 25, technique: 'swapping', reclaimShare: 1, slowdown: 0.4 },
    ],
  },
  migration: { maxConcurrent: 1, bandwidthShare: 0.8, maxDowntimeMs: 300, maxRounds: 30, autoConverge: false },
  defaultShares: 1024,
};

/** What virsh calls each state of a domain. */
export const VIRSH_STATE: Readonly<Record<string, string>> = table<string>({
  provisioning: 'shut off',
  booting: 'running',
  running: 'running',
  paused: 'paused',
  suspended: 'shut off',
  stopping: 'in shutdown',
  stopped: 'shut off',
  deallocated: 'shut off',
  migrating: 'running',
  failed: 'crashed',
  deleted: 'shut off',
});
