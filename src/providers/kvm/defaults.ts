// The KVM / libvirt driver's figures, in one place.
// Sources:
//  - Plain libvirt/QEMU admits any domain it can start: QEMU allocates guest
//    RAM on first touch (anonymous mmap), so memory and vCPUs are overcommitted
//    without limit until the host kernel reclaims, swaps or OOM-kills. Admission
//    ratios belong to a scheduler above libvirt: OpenStack Nova's configuration
//    reference gives initial_cpu_allocation_ratio = 4.0, initial_ram_allocation_ratio
//    = 1.0, initial_disk_allocation_ratio = 1.0 (a cluster setting here, off by
//    default: NOVA_ALLOCATION_RATIOS), reserved_host_memory_mb = 512 (kept as the
//    host's own share of memory), max_concurrent_live_migrations = 1,
//    live_migration_permit_auto_converge = False.
//  - QEMU migration parameters (migration/options.c): downtime-limit 300 ms; pre-copy
//    has no limit on passes; auto-converge, off unless asked, throttles the guest
//    20%, then 10% more, up to 99% (core/migration-plan.ts has the rule).
//  - Linux KSM (Documentation/admin-guide/mm/ksm.rst) merges identical pages of
//    guests; guests of one image share a fifth of their memory here.
//  - Linux guests boot in 20-60 s on KVM; shutting down takes up to libvirt's
//    grace of 30 s; virsh managedsave writes RAM to disk in seconds.

import { table } from '../../core/own.js';
import type { PlatformPolicy } from '../../core/platform-policy.js';
import type { Durations } from '../../core/workloads.js';
import type { Until } from '../blocking.js';

const S = 1000;

/** No admission limit on vCPUs or memory; disk images are claimed in full on their storage. */
export const KVM_RATIOS = { cpu: Infinity, memory: Infinity, storage: 1 } as const;
/** OpenStack Nova's initial_*_allocation_ratio defaults: a Nova-managed cluster's setting. */
export const NOVA_ALLOCATION_RATIOS = { cpu: 4, memory: 1, storage: 1 } as const;
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

/**
 * Swap of a KVM host, as Red Hat recommends it (RHEL 9 "Managing storage
 * devices", Recommended system swap space): twice the RAM up to 2 GB, the RAM up
 * to 8 GB, at least 4 GB above that.
 */
export function rhelSwapMiB(memoryMiB: number): number {
  if (memoryMiB <= 2048) return 2 * memoryMiB;
  if (memoryMiB <= 8192) return memoryMiB;
  return 4096;
}

export const KVM_POLICY: PlatformPolicy = {
  pageSharing: { name: 'KSM', sharedShare: 0.2 },
  // QEMU's guest RAM is anonymous memory the host kernel backs on first touch.
  memoryBacking: 'touched',
  // The host kernel: kswapd reclaims once free memory falls below the low
  // watermark; below min (or with guest pages in swap) allocations reclaim
  // directly and swap; past swap, the OOM killer takes the biggest QEMU process
  // (mm/vmscan.c, mm/page_alloc.c, mm/oom_kill.c). reclaimShare and slowdown are
  // this model's parameters: how much of guests' idle memory each stage pages out,
  // and how much slower guests run while it does.
  reclamation: {
    minFree: { kind: 'linux' },
    states: [
      { name: 'normal', technique: 'none', reclaimShare: 0, slowdown: 0 },
      { name: 'reclaim', below: 'low', technique: 'page reclaim (kswapd)', reclaimShare: 0.3, slowdown: 0.05 },
      { name: 'swapping', below: 'swap', technique: 'direct reclaim and swapping', reclaimShare: 1, slowdown: 0.4 },
    ],
    swapMiB: rhelSwapMiB,
    // Reclaiming a guest's anonymous memory is writing it to swap: at a SATA SSD's
    // sequential write speed, about 500 MB/s (Samsung 870 EVO data sheet: 530 MB/s).
    reclaimMiBps: 500,
  },
  oomKill: true,
  // libvirt leaves auto-converge off unless asked (virsh migrate --auto-converge; Nova's
  // live_migration_permit_auto_converge = False): a guest that outruns the link keeps QEMU iterating.
  migration: { maxConcurrent: 1, bandwidthShare: 0.8, maxDowntimeMs: 300, throttle: 'none' },
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

/**
 * Which commands of this vocabulary return only once something has happened,
 * and what. virsh:
 *  - start: virDomainCreate returns once QEMU runs the guest's vCPUs
 *    (qemuProcessStart), the OS then boots on its own; from a managed save image
 *    it restores first (qemuDomainObjStart), returning once the memory is loaded
 *    (tools/virsh-domain.c cmdStart; src/qemu/qemu_driver.c);
 *  - managedsave and migrate watch their job until it ends (virshWatchJob in
 *    cmdManagedSave and cmdMigrate): the save, or the migration landing or
 *    being called off (a migration that never converges, never);
 *  - shutdown and reboot return once the guest is asked (ACPI or the agent:
 *    qemuDomainShutdownFlags, qemuDomainReboot); destroy once QEMU is killed;
 *    suspend and resume once the vCPUs stop or go (qemuProcessStopCPUs,
 *    qemuProcessStartCPUs); undefine and the internal snapshot commands once done:
 *    all of these at once here.
 * virt-clone returns once the disks are copied (virtinst/virtclone.py: the
 * clone's start_duplicate copies each disk before "created successfully");
 * virt-install, see INSTALL below.
 */
export const KVM_BLOCKS: Readonly<Record<'start' | 'startFromSave' | 'managedsave' | 'clone', Until>> = {
  start: 'powered-on',
  startFromSave: 'settled',
  managedsave: 'settled',
  clone: 'settled',
};

/** How long a libvirt job waits for a domain's lock (held by a migration) before it fails: QEMU_JOB_WAIT_TIME in src/qemu/qemu_domainjob.c. */
export const LOCK_WAIT_MS = 30 * S;
/** The API that holds a migrating domain's lock, as libvirt names it in that failure (virsh migrate goes through the daemon's Perform3 call). */
export const MIGRATION_JOB_OWNER = 'remoteDispatchDomainMigratePerform3Params';

/**
 * How long a guest OS installer runs, from its boot to its own reboot at the end
 * (virt-install --cdrom or --location). No distribution publishes a figure; this
 * is hyperpane's assumption for an unattended minimal server install from local
 * media or a near mirror, tens of minutes: 10 to 25.
 */
export const INSTALL_MS: readonly [number, number] = [10 * 60 * S, 25 * 60 * S];
/** The event that ends an installation: the installer reboots, which the install-time definition turns into a power-off (on_reboot=destroy). */
export const INSTALL_EVENT = 'virt-install.done';
/** What the installer's event carries: the domain it installs and when it started (to tell a later start from it). */
export type InstallEvent = {
  readonly type: typeof INSTALL_EVENT;
  readonly domain: string;
  readonly started: number;
};
