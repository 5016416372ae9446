// A whole simulation as plain data, in the core's own units (CPU milli, MiB, ms):
// what an estate file holds once its sizes are read. dump.ts writes it, restore.ts
// rebuilds a simulation from it, exactly. Each record is the core's own type, less
// what a simulation works out again when it loads (positions in its tables), with
// those positions written as ids; a workload is its field table's (workload-dump.ts).

import type { BackupStore } from './backups.js';
import type { MigrationInfo } from './commands/migrate.js';
import type { DatastoreInput, DiskFormat, StorageMove } from './datastores.js';
import type { LogEntry } from './event-log.js';
import type { HostInput } from './hosts.js';
import type { PrngState } from './prng.js';
import type { Quota } from './quotas.js';
import type { RollupItem, RollupState } from './rollup.js';
import type { Cluster, ClusterInput, Site } from './topology.js';
import type { WorkloadDump } from './workload-dump.js';

export type { WorkloadDump };

export type SiteDump = Readonly<Omit<Site, 'index'>>;

/** A cluster as it is added (ClusterInput), with the name it was given. */
export type ClusterDump = Omit<ClusterInput, 'name'> & Pick<Cluster, 'name'>;

/** Every field given. */
type Figures<T> = { readonly [K in keyof T]-?: Exclude<T[K], undefined> };

/** A host as it is added (HostInput), every figure given; the VM a container host runs in by id. */
export type HostDump = Figures<Omit<HostInput, 'reserved' | 'ratios' | 'backingWorkload'>> & {
  readonly reserved: Figures<NonNullable<HostInput['reserved']>>;
  readonly ratios: Figures<NonNullable<HostInput['ratios']>>;
  /** The id of the VM this container host runs in. */
  readonly inVm?: HostInput['backingWorkload'];
};

/** A migration in flight, its workload and hosts by id. */
export type MigrationDump = Omit<MigrationInfo, 'workload' | 'from' | 'to'> & { readonly workload: string; readonly from: string; readonly to: string };

/** A scheduled event; workload indices in its payload are written as ids. */
export interface EventDump {
  readonly at: number;
  readonly seq: number;
  readonly type: string;
  readonly [key: string]: unknown;
}

export type QuotaDump = Readonly<Omit<Quota, 'used'>>;

export type BackupsDump = { readonly [K in 'targets' | 'points' | 'jobs']: readonly BackupStore[K][number][] } & {
  readonly counters: readonly (readonly [string, number])[];
  readonly seq: BackupStore['seq'];
};

/** A shared datastore as it is added, every figure given. */
export type DatastoreDump = Required<DatastoreInput>;

/** A disk being copied between datastores: its workload and datastores by id (from: null, its host's own storage). */
export type StorageMoveDump = Omit<StorageMove, 'workload' | 'from' | 'to'> & { readonly workload: string; readonly from: string | null; readonly to: string };

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
  readonly quotas: readonly QuotaDump[];
  readonly migrations: readonly MigrationDump[];
  readonly events: readonly EventDump[];
  readonly log: readonly LogEntry[];
  readonly logTotal: number;
  readonly ticks: number;
  /** Each host's figures from the last tick, by host, in HOST_METRICS order. */
  readonly hostMetrics: readonly (readonly number[])[];
  readonly backups: BackupsDump;
  readonly datastores: readonly DatastoreDump[];
  readonly storageMoves: readonly StorageMoveDump[];
  readonly volumes: readonly VolumeDump[];
  /** The metric rollups (rollup.ts): where they stand, each host's sums in progress and kept samples, each workload's sums in progress. */
  readonly history?: HistoryDump;
}

/** A virtual disk of no VM: its datastore, or the host whose own storage holds it, by id (the other null). */
export interface VolumeDump {
  readonly datastore: string | null;
  readonly host: string | null;
  readonly name: string;
  readonly format: DiskFormat;
  readonly capacityMiB: number;
  readonly allocatedMiB: number;
  /** Writes short of a whole MiB, still to be allocated. */
  readonly carryMiB: number;
  /** The VM it is a data disk of, by id, or null. */
  readonly attachedTo: string | null;
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

/**
 * The rollups as a file keeps them. Hosts keep their minutes and hours (capacity
 * trends read them after a reload); workloads only the sums of the minute in
 * progress, so each minute closes as it would have: their kept samples, 816 bytes
 * a workload, would add some 80 MB to a file of 100,000 (right-sizing starts
 * its history again after a load).
 */
export interface HistoryDump {
  readonly hosts: HistoryLevels;
  readonly workloads: HistoryLevels;
  readonly host: Readonly<Record<string, HistoryItem>>;
  readonly workload: Readonly<Record<string, HistoryItem>>;
}

/** Where each level stands: the rollups', and how many tick samples (seconds) the rings hold. */
type HistoryLevels = RollupState & { readonly tickSamples?: number };

/** One item's history: its rollups' part and its tick samples (each series' oldest first, in hundredths). */
export type HistoryItem = RollupItem & { readonly ticks?: ArrayLike<number> };
