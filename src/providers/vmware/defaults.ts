// The VMware vSphere driver's figures, in one place.
// Sources:
//  - "Understanding Memory Resource Management in VMware vSphere" and KB 2080735:
//    minFree is 899 MB for the first 28 GB of host memory plus 1% of the rest; the
//    host reclaims by page sharing below 100% of minFree ("clear"), ballooning
//    below 64% ("soft"), compression and swapping below 32% ("hard") and blocks
//    guests below 16% ("low"). Inter-VM page sharing is off by default since 2014
//    (salting), so no sharing between identical guests is counted here.
//  - vSphere "Limits on Simultaneous Migrations": 4 vMotions per host on 1 GbE,
//    8 on 10 GbE; vMotion stuns a guest for well under a second; SDPS (Slow Down
//    During Page Send, vSphere 5.0+) sleeps the vCPUs of a guest that dirties
//    memory faster than vMotion sends it, so vMotion converges (core/migration-plan.ts).
//  - vSphere HA: admission control reserves a percentage of the cluster, or slots
//    for N host failures. DRS migration threshold: 1 (conservative) to 5 (aggressive), 3 by default.
//  - CPU shares: 1000 per vCPU ("normal").

import { table } from '../../core/own.js';
import type { PlatformPolicy } from '../../core/platform-policy.js';
import type { Durations } from '../../core/workloads.js';
import type { Until } from '../blocking.js';

const S = 1000;

/**
 * ESXi powers on a VM whatever its memory beyond physical (only memory
 * reservations and HA admission control refuse; vSphere Resource Management:
 * "Admission Control"), and up to 32 vCPUs per physical core (VMware
 * Configuration Maximums, ESXi 8.0: virtual CPUs per core).
 */
export const ESXI_RATIOS = { cpu: 32, memory: Infinity, storage: 1 } as const;
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
  // The VMkernel backs guest physical memory when the guest first touches it
  // (vSphere Resource Management, "Memory Virtualization Basics").
  memoryBacking: 'touched',
  // reclaimShare and slowdown are this model's parameters: how much of guests'
  // idle memory each state takes back, and how much slower guests run in it.
  reclamation: {
    minFree: { kind: 'vsphere', baseMiB: 899, baseUpToMiB: 28 * 1024, restPct: 1 },
    // Each VM has a swap file of its configured memory less its reservation: the host never runs out of swap.
    swapMiB: () => Infinity,
    states: [
      { name: 'high', technique: 'none', reclaimShare: 0, slowdown: 0 },
      { name: 'clear', belowPct: 100, technique: 'page sharing', reclaimShare: 0.05, slowdown: 0 },
      { name: 'soft', belowPct: 64, technique: 'ballooning', reclaimShare: 0.5, slowdown: 0.05 },
      { name: 'hard', belowPct: 32, technique: 'compression and swapping', reclaimShare: 1, slowdown: 0.3 },
      { name: 'low', belowPct: 16, technique: 'blocking', reclaimShare: 1, slowdown: 0.8 },
    ],
  },
  migration: { maxConcurrent: 8, bandwidthShare: 0.9, maxDowntimeMs: 500, throttle: 'sdps' },
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

/** What a govc command waits for: a workload's state (blocking.ts), a vMotion's landing, a host's drain, or nothing. */
export type GovcWait = Until | 'migrated' | 'drained' | 'at-once';

/**
 * Which govc commands return only once something has happened, and what. govc
 * waits for the vSphere task each one starts (task.Wait, task.WaitForResult)
 * before it prints "OK" and goes on to the next object:
 *  - vm.power -on until the VM is powered on (the guest then boots inside it),
 *    -off until powered off, -suspend until suspended, -reset until powered on
 *    again; -s and -r (ShutdownGuest, RebootGuest) only ask the guest through
 *    VMware Tools and start no task: at once. -wait=false returns without
 *    waiting for any task (govmomi cli/vm/power.go; "-wait=true").
 *  - vm.create and vm.clone wait for the create or clone task, then, unless
 *    -on=false, for the power-on task (cli/vm/create.go, cli/vm/clone.go).
 *  - vm.destroy powers the VM off (waiting), then waits for the destroy task
 *    (cli/vm/destroy.go).
 *  - vm.migrate waits for the relocation (cli/vm/migrate.go: WaitForResult).
 *  - host.maintenance.enter waits for EnterMaintenanceMode_Task, which ends once
 *    no powered-on VM is left on the host (DRS has moved them: vSphere "Place a
 *    Host in Maintenance Mode"); host.maintenance.exit for its task, which takes
 *    no simulated time here (cli/host/maintenance/enter.go, exit.go).
 *  - snapshot.create, .revert and .remove wait for their tasks, which take no
 *    simulated time here (cli/vm/snapshot/*.go: task.Wait): not for the guest,
 *    which goes on booting or running as it was.
 */
export const VMWARE_BLOCKS: Readonly<Record<string, GovcWait>> = table<GovcWait>({
  'vm.power -on': 'powered-on',
  'vm.power -off': 'settled',
  'vm.power -suspend': 'settled',
  // ResetVM_Task: a hard power cycle, done once the VM is powered on again.
  'vm.power -reset': 'powered-on',
  'vm.power -s': 'at-once',
  'vm.power -r': 'at-once',
  'vm.create': 'powered-on',
  'vm.clone': 'powered-on',
  'vm.destroy': 'settled',
  'vm.migrate': 'migrated',
  'host.maintenance.enter': 'drained',
  'host.maintenance.exit': 'at-once',
  'snapshot.create': 'at-once',
  'snapshot.revert': 'at-once',
  'snapshot.remove': 'at-once',
});
