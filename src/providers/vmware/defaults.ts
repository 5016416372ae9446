// The VMware vSphere driver's figures, in one place.
// Sources:
//  - "Understanding Memory Resource Management in VMware vSphere" and KB 2080735:
//    minFree is 899 MB for the first 28 GB of host memory plus 1% of the rest; the
//    host reclaims by page sharing below 100% of minFree ("clear"), ballooning
//    below 64% ("soft"), compression and swapping below 32% ("hard") and blocks
//    guests below 16% ("low"). Inter-VM page sharing is off by default since 2014
//    (salting), so no sharing between identical guests is counted here.
//  - vSphere "Limits on Simultaneous Migrations": 4 vMotions per host on 1 GbE,
//    8 on 10 GbE; vMotion stuns a guest for well under a second; Stun During Page
//    Send slows a guest that dirties memory too fast, much as auto-converge does.
//  - vSphere HA: admission control reserves a percentage of the cluster, or slots
//    for N host failures. DRS migration threshold: 1 (conservative) to 5 (aggressive), 3 by default.
//  - CPU shares: 1000 per vCPU ("normal").
import type { PlatformPolicy } from '../../core/platform-policy.js';
import type { Durations } from '../../core/workloads.js';
import { table } from '../../core/own.js';

const S = 1000;

export const ESXI_RATIOS = { cpu: 4, memory: 1.5, storage: 1 } as const;
/** Clock speed the simulation gives ESXi cores, for govc's MHz figures. */
export const CORE_MHZ = 2600;

export const VMWARE_DURATIONS: Durations = {
  // govc waits for the create task: creating takes no simulated time; booting does.
  provision: [0, 0],
  boot: [60 * S, 150 * S],
  stop: [10 * S, 30 * S],
  suspend: [10 * S, 25 * S],
  resume: [5 * S, 15 * S],
  deallocate: [0, 0],
};

export const VMWARE_OVERHEAD = 0.12;
export const SHARES_PER_VCPU = 1000;
export const DEFAULT_DRS_THRESHOLD = 3;

export const VMWARE_POLICY: PlatformPolicy = {
  reclamation: {
    minFree: { baseMiB: 899, baseUpToMiB: 28 * 1024, restPct: 1 },
    states: [
      { name: 'high', belowPct: Infinity, technique: 'none', reclaimShare: 0, slowdown: 0 },
      { name: 'clear', belowPct: 100, technique: 'page sharing', reclaimShare: 0.05, slowdown: 0 },
      { name: 'soft', belowPct: 64, technique: 'ballooning', reclaimShare: 0.5, slowdown: 0.05 },
      { name: 'hard', belowPct: 32, technique: 'compression and swapping', reclaimShare: 1, slowdown: 0.3 },
      { name: 'low', belowPct: 16, technique: 'blocking', reclaimShare: 1, slowdown: 0.8 },
    ],
  },
  migration: { maxConcurrent: 8, bandwidthShare: 0.9, maxDowntimeMs: 500, maxRounds: 30, autoConverge: true },
  defaultShares: SHARES_PER_VCPU,
};

/** vSphere's power states. */
export const POWER_STATE: Readonly<Record<string, string>> = table<string>({
  provisioning: 'poweredOff',
  booting: 'poweredOn',
  running: 'poweredOn',
  paused: 'poweredOn',
  suspended: 'suspended',
  stopping: 'poweredOn',
  stopped: 'poweredOff',
  deallocated: 'poweredOff',
  migrating: 'poweredOn',
  failed: 'poweredOff',
  deleted: 'poweredOff',
});

/** Guest OS identifiers govc accepts with -g, and what vSphere calls them. */
export const GUEST_IDS: Readonly<Record<string, string>> = table<string>({
  otherGuest: 'Other (32-bit)',
  otherGuest64: 'Other (64-bit)',
  ubuntu64Guest: 'Ubuntu Linux (64-bit)',
  debian12_64Guest: 'Debian GNU/Linux 12 (64-bit)',
  rhel9_64Guest: 'Red Hat Enterprise Linux 9 (64-bit)',
  centos9_64Guest: 'CentOS Stream 9 (64-bit)',
  windows2019srv_64Guest: 'Microsoft Windows Server 2019 (64-bit)',
  windows2022srvNext_64Guest: 'Microsoft Windows Server 2022 (64-bit)',
  vmkernel8Guest: 'VMware ESXi 8.0 or later',
});
