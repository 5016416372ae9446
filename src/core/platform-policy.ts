// What a driver declares about how its platform handles resources; the core does
// the arithmetic. Plain data, so it is shown, saved and tested as it is.
import type { PreCopyThrottle } from './migration-plan.js';
import type { Platform } from './model.js';

/**
 * A rung of a memory reclamation ladder: free memory below its threshold puts the
 * host in this state. vSphere's thresholds are percents of minFree; Linux's are
 * the kernel's watermarks (min, low, high), and "swap" (memory held beyond
 * what the host has, paged out to its swap).
 */
export interface ReclamationState {
  /** vSphere's names: high, clear, soft, hard, low; Linux's: normal, reclaim, swapping. */
  readonly name: string;
  /** vSphere: free memory below this percent of minFree puts the host in this state. */
  readonly belowPct?: number;
  /** Linux: free memory below this watermark (or swap in use) puts the host in this state. */
  readonly below?: 'high' | 'low' | 'min' | 'swap';
  /** What the hypervisor does in this state ("ballooning"). */
  readonly technique: string;
  /** Share of guests' idle memory the technique takes back, 0-1. */
  readonly reclaimShare: number;
  /** How much slower guests run (0 = no penalty, 0.5 = half speed). */
  readonly slowdown: number;
}

export interface MemoryReclamation {
  /**
   * The free-memory floor: vSphere's minFree (baseMiB for the first baseUpToMiB of
   * host memory, plus restPct of the rest), or the Linux kernel's watermarks
   * (min_free_kbytes and watermark_scale_factor, see linuxWatermarks).
   */
  readonly minFree: { readonly kind: 'vsphere'; readonly baseMiB: number; readonly baseUpToMiB: number; readonly restPct: number } | { readonly kind: 'linux' };
  /** From the mildest to the most severe; the first state is the one with no reclamation. */
  readonly states: readonly ReclamationState[];
  /** How fast the host can take memory back, MiB per second (writing pages to swap); none: within a tick. */
  readonly reclaimMiBps?: number;
  /** Swap the host has for guest memory beyond its own (MiB); Infinity where each VM has a swap file of its own (ESXi's .vswp). */
  readonly swapMiB: (memoryMiB: number) => number;
}

/**
 * How the host backs a guest's memory: on first touch (ESXi, KVM: a guest holds
 * what it has ever touched until the host reclaims it), all of it at power-on
 * (Hyper-V: a VM's startup or Dynamic Memory assigned), or as used (a
 * container's cgroup is charged its processes' pages and uncharged as they free them).
 */
export type MemoryBacking = 'touched' | 'assigned' | 'used';

export interface PageSharing {
  /** Share of a guest's memory that identical guests (same image) on one host can share. */
  readonly sharedShare: number;
  /** What the platform calls it (KSM, TPS). */
  readonly name: string;
}

export interface MigrationPolicy {
  /** Migrations a host may take part in at once (as source or target). */
  readonly maxConcurrent: number;
  /** Share of the NIC a migration may use. */
  readonly bandwidthShare: number;
  /** The stop-and-copy phase must fit in this. */
  readonly maxDowntimeMs: number;
  /**
   * How a guest that dirties memory faster than it is sent is slowed: not at all (pre-copy goes on until it converges or is cancelled),
   * QEMU's auto-converge, vMotion's SDPS (see migration-plan.ts).
   */
  readonly throttle: PreCopyThrottle;
  /** Pre-copy passes after which the guest is paused and the rest sent, whatever is left (Hyper-V); none: no limit. */
  readonly maxPasses?: number;
}

export interface PlatformPolicy {
  readonly reclamation?: MemoryReclamation;
  /** How the host backs guests' memory; 'assigned' when not said. */
  readonly memoryBacking?: MemoryBacking;
  readonly pageSharing?: PageSharing;
  /** When memory held outruns the host and its swap, the host kernel OOM-kills the biggest holder (a container, a QEMU process). */
  readonly oomKill?: boolean;
  readonly migration: MigrationPolicy;
  /** CPU shares of a workload that sets none (Docker: 1024; VMs: 1000 per vCPU, set per workload). */
  readonly defaultShares: number;
}

export const DEFAULT_MIGRATION: MigrationPolicy = {
  maxConcurrent: 4,
  bandwidthShare: 0.75,
  maxDowntimeMs: 300,
  throttle: 'auto-converge',
};

export const DEFAULT_POLICY: PlatformPolicy = { migration: DEFAULT_MIGRATION, defaultShares: 1024 };

/** minFree of a host with `memoryMiB`, by the platform's formula (Linux: its min watermark). */
export function minFreeMiB(r: MemoryReclamation, memoryMiB: number): number {
  if (r.minFree.kind === 'linux') return linuxWatermarks(memoryMiB).min;
  const { baseMiB, baseUpToMiB, restPct } = r.minFree;
  if (memoryMiB <= baseUpToMiB) return (baseMiB * memoryMiB) / baseUpToMiB;
  return baseMiB + ((memoryMiB - baseUpToMiB) * restPct) / 100;
}

/**
 * The Linux kernel's zone watermarks for a host of `memoryMiB`, in MiB
 * (mm/page_alloc.c): min_free_kbytes = int_sqrt(lowmem_kbytes * 16), clamped to
 * 128 kB .. 262144 kB (calculate_min_free_kbytes); low = min + max(min / 4,
 * managed * watermark_scale_factor / 10000) and high = low + the same step
 * (__setup_per_zone_wmarks), watermark_scale_factor being 10 by default.
 */
export function linuxWatermarks(memoryMiB: number, transparentHugepages = true): { min: number; low: number; high: number } {
  const kbytes = memoryMiB * 1024;
  const sqrtKb = Math.min(262_144, Math.max(128, Math.floor(Math.sqrt(kbytes * 16))));
  // With transparent hugepages on (RHEL's default), khugepaged raises it to keep
  // pageblocks free: pageblock_nr_pages x nr_zones x (2 + MIGRATE_PCPTYPES^2), at
  // most 5% of lowmem (mm/khugepaged.c set_recommended_min_free_kbytes): 512 pages
  // of 4 KiB, 3 zones (DMA, DMA32, Normal on x86-64), 3 migrate types: 66 MiB.
  const thpKb = Math.min(PAGEBLOCK_PAGES * ZONES * (2 + MIGRATE_PCPTYPES * MIGRATE_PCPTYPES), Math.floor(kbytes / 4 / 20)) * 4;
  const min = (transparentHugepages ? Math.max(sqrtKb, thpKb) : sqrtKb) / 1024;
  const step = Math.max(min / 4, (memoryMiB * 10) / 10_000);
  return { min, low: min + step, high: min + 2 * step };
}

const PAGEBLOCK_PAGES = 512;
const ZONES = 3;
const MIGRATE_PCPTYPES = 3;

/**
 * The free memory a host reclaims back to once reclaim starts: Linux's kswapd,
 * woken below the low watermark, reclaims until the high one (mm/vmscan.c
 * balance_pgdat); vSphere until free memory is back at minFree (the first state
 * that reclaims nothing more than page sharing).
 */
export function reclaimTargetMiB(r: MemoryReclamation, memoryMiB: number): number {
  if (r.minFree.kind === 'linux') return linuxWatermarks(memoryMiB).high;
  return minFreeMiB(r, memoryMiB);
}

/** Free memory below which each state of the ladder holds, in MiB (the first state: Infinity). */
export function thresholdsMiB(r: MemoryReclamation, memoryMiB: number): number[] {
  const floor = minFreeMiB(r, memoryMiB);
  const marks = r.minFree.kind === 'linux' ? linuxWatermarks(memoryMiB) : undefined;
  return r.states.map((s, i) => {
    if (i === 0) return Infinity;
    if (s.belowPct !== undefined) return (s.belowPct / 100) * floor;
    if (!marks || s.below === undefined || s.below === 'swap') return marks ? marks.min : 0;
    return marks[s.below];
  });
}

export type PlatformPolicies = Record<Platform, PlatformPolicy>;

export function defaultPolicies(): PlatformPolicies {
  return { vmware: DEFAULT_POLICY, hyperv: DEFAULT_POLICY, kvm: DEFAULT_POLICY, docker: DEFAULT_POLICY, azure: DEFAULT_POLICY };
}
