// What a driver declares about how its platform handles resources; the core does
// the arithmetic. Plain data, so it is shown, saved and tested as it is.
import type { Platform } from './model.js';

/** A rung of a memory reclamation ladder: below `belowPct` of minFree the host is in this state. */
export interface ReclamationState {
  /** vSphere's names: high, clear, soft, hard, low. */
  readonly name: string;
  /** Free memory below this percent of minFree puts the host in this state. */
  readonly belowPct: number;
  /** What the hypervisor does in this state ("ballooning"). */
  readonly technique: string;
  /** Share of guests' idle memory the technique takes back, 0-1. */
  readonly reclaimShare: number;
  /** How much slower guests run (0 = no penalty, 0.5 = half speed). */
  readonly slowdown: number;
}

export interface MemoryReclamation {
  /** minFree = baseMiB for the first baseUpToMiB of host memory, plus restPct of the rest. */
  readonly minFree: { readonly baseMiB: number; readonly baseUpToMiB: number; readonly restPct: number };
  /** From the mildest to the most severe; the first state is the one with no reclamation. */
  readonly states: readonly ReclamationState[];
}

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
  /** Pre-copy rounds before giving up (or throttling). */
  readonly maxRounds: number;
  /** Throttle a guest that dirties memory faster than it can be sent (QEMU auto-converge). */
  readonly autoConverge: boolean;
}

export interface PlatformPolicy {
  readonly reclamation?: MemoryReclamation;
  readonly pageSharing?: PageSharing;
  /** Under memory pressure the kernel kills the largest container instead of swapping. */
  readonly oomKill?: boolean;
  readonly migration: MigrationPolicy;
  /** CPU shares of a workload that sets none (Docker: 1024; VMs: 1000 per vCPU, set per workload). */
  readonly defaultShares: number;
}

export const DEFAULT_MIGRATION: MigrationPolicy = {
  maxConcurrent: 4,
  bandwidthShare: 0.75,
  maxDowntimeMs: 300,
  maxRounds: 30,
  autoConverge: true,
};

export const DEFAULT_POLICY: PlatformPolicy = { migration: DEFAULT_MIGRATION, defaultShares: 1024 };

/** minFree of a host with `memoryMiB`, by the platform's formula. */
export function minFreeMiB(r: MemoryReclamation, memoryMiB: number): number {
  const { baseMiB, baseUpToMiB, restPct } = r.minFree;
  if (memoryMiB <= baseUpToMiB) return (baseMiB * memoryMiB) / baseUpToMiB;
  return baseMiB + ((memoryMiB - baseUpToMiB) * restPct) / 100;
}

export type PlatformPolicies = Record<Platform, PlatformPolicy>;

export function defaultPolicies(): PlatformPolicies {
  return { vmware: DEFAULT_POLICY, hyperv: DEFAULT_POLICY, kvm: DEFAULT_POLICY, docker: DEFAULT_POLICY, azure: DEFAULT_POLICY };
}
