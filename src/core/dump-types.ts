// A whole simulation as plain data, in the core's own units (CPU milli, MiB, ms):
// what an estate file holds once its sizes are read. dump.ts writes it, restore.ts
// rebuilds a simulation from it, exactly.

import type { BackupJob, BackupTarget, RestorePoint } from './backups.js';
import type { LogEntry } from './event-log.js';
import type { MigrationPlan } from './migration-plan.js';
import type { HaPolicy, HostState, PlacementPolicy, Platform, SiteKind, UtilizationModel, WorkloadState } from './model.js';
import type { PrngState } from './prng.js';
import type { CapturedPower } from './snapshots.js';
import type { AllocationRatios } from './topology.js';
import type { Attrs, Durations } from './workloads.js';

export interface SiteDump {
  readonly id: string;
  readonly name: string;
  readonly kind: SiteKind;
  readonly location: string;
}

export interface ClusterDump {
  readonly id: string;
  readonly name: string;
  readonly site: string;
  readonly platform: Platform;
  readonly ha?: HaPolicy;
  readonly haRestart?: boolean;
  readonly allocationRatios?: AllocationRatios;
}

export interface HostDump {
  readonly id: string;
  readonly name: string;
  readonly cluster: string;
  readonly cores: number;
  readonly memoryMiB: number;
  readonly storageMiB: number;
  readonly nicMbps: number;
  readonly reserved: { readonly cpuMilli: number; readonly memoryMiB: number; readonly storageMiB: number };
  readonly ratios: { readonly cpu: number; readonly memory: number; readonly storage: number };
  readonly state: HostState;
  readonly power: { readonly idleW: number; readonly maxW: number };
  /** The id of the VM this container host runs in. */
  readonly inVm?: string;
}

export interface SnapshotDump {
  readonly name: string;
  readonly parent?: string;
  readonly description: string;
  readonly createdAt: number;
  readonly cpuMilli: number;
  readonly memoryMiB: number;
  readonly diskMiB: number;
  readonly power: CapturedPower;
  readonly withMemory: boolean;
  readonly sizeMiB: number;
  readonly deltaMiB: number;
}

export interface WorkloadDump {
  readonly id: string;
  readonly name: string;
  readonly platform: Platform;
  readonly image: string;
  readonly cpuMilli: number;
  readonly memoryMiB: number;
  readonly diskMiB: number;
  readonly claim: readonly [number, number, number];
  readonly state: WorkloadState;
  readonly target?: WorkloadState;
  readonly host?: string;
  /** What it holds on its host: nothing, its disk, or everything. */
  readonly level: 'none' | 'disk' | 'full';
  readonly since: number;
  readonly runningSince: number;
  readonly token: number;
  readonly plan: readonly { readonly state: WorkloadState; readonly ms: number }[];
  readonly model: {
    readonly kind: UtilizationModel;
    readonly level: number;
    readonly phase: number;
    readonly seed: number;
    readonly bursting: boolean;
    readonly memory?: number;
  };
  readonly overhead: number;
  readonly shares: number;
  readonly durations: Durations;
  readonly placement: {
    readonly policy: PlacementPolicy;
    readonly tieBreak?: 'id' | 'random';
    readonly site?: string;
    readonly cluster?: string;
    readonly affinityGroup?: string;
    readonly antiAffinityGroup?: string;
  };
  readonly attrs: Attrs;
  readonly memoryLimitMiB: number;
  readonly restart: { readonly policy: number; readonly max: number; readonly count: number; readonly pending: boolean };
  readonly exitCode: number;
  readonly userStopped: boolean;
  readonly billing: { readonly ratePerHour: number; readonly accrued: number; readonly accruedAt: number };
  readonly credits?: { readonly basePct: number; readonly balance: number; readonly max: number };
  readonly dynamicMemory?: { readonly minimumMiB: number; readonly maximumMiB: number; readonly bufferPct: number };
  readonly quota: readonly { readonly key: string; readonly amount: number }[];
  readonly snapshots?: { readonly current?: string; readonly runningMiB: number; readonly carryMiB: number; readonly list: readonly SnapshotDump[] };
  /** The last tick's figures, so views read the same right after loading. */
  readonly metrics: {
    readonly cpuPct: number;
    readonly memPct: number;
    readonly demandCpu: number;
    readonly demandMem: number;
    readonly grantedMiB?: number;
    readonly reclaimedMiB?: number;
  };
}

export interface MigrationDump {
  readonly workload: string;
  readonly from: string;
  readonly to: string;
  readonly live: boolean;
  readonly startedAt: number;
  readonly endsAt: number;
  readonly plan: MigrationPlan;
  readonly after: WorkloadState;
  readonly token: number;
}

/** A scheduled event; workload indices in its payload are written as ids. */
export interface EventDump {
  readonly at: number;
  readonly seq: number;
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface CoreDump {
  readonly name: string;
  readonly seed: number;
  readonly tickMs: number;
  readonly now: number;
  readonly clockSeq: number;
  readonly rng: PrngState;
  readonly sites: readonly SiteDump[];
  readonly clusters: readonly ClusterDump[];
  readonly hosts: readonly HostDump[];
  readonly workloads: readonly WorkloadDump[];
  readonly quotas: readonly { readonly key: string; readonly label: string; readonly limit: number }[];
  readonly migrations: readonly MigrationDump[];
  readonly events: readonly EventDump[];
  readonly log: readonly LogEntry[];
  readonly logTotal: number;
  readonly ticks: number;
  /** Each host's figures from the last tick, by host, in HOST_METRICS order. */
  readonly hostMetrics: readonly (readonly number[])[];
  readonly backups: BackupsDump;
}

export interface BackupsDump {
  readonly targets: readonly BackupTarget[];
  readonly points: readonly RestorePoint[];
  readonly jobs: readonly BackupJob[];
  readonly counters: readonly (readonly [string, number])[];
  readonly seq: number;
}

/** The per-host figures a dump keeps, in order. */
export const HOST_METRICS = [
  'hostCpuPct',
  'hostMemPct',
  'hostReadyPct',
  'hostPressurePct',
  'hostPowerW',
  'hostMemState',
  'hostReclaimedMiB',
  'hostSlowdown',
  'hostSharedMiB',
  'hostCpuDemand',
  'hostMemDemand',
  'hostMemHeld',
  'hostSwappedMiB',
] as const;
