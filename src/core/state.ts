// The parts of a simulation, as the modules that act on it see them.

import type { BackupStore } from './backups.js';
import type { VirtualClock } from './clock.js';
import type { MigrationInfo } from './commands/migrate.js';
import type { Datastores } from './datastores.js';
import type { EventLog } from './event-log.js';
import type { SimEvent } from './events.js';
import type { Groups } from './groups.js';
import type { HaAdmission } from './ha.js';
import type { HostTable } from './hosts.js';
import type { Ledger } from './ledger.js';
import type { Metrics } from './metrics.js';
import type { Platform } from './model.js';
import type { PageSharing } from './page-sharing.js';
import type { Placer } from './placement/placer.js';
import type { PlatformPolicies } from './platform-policy.js';
import type { Prng } from './prng.js';
import type { Quotas } from './quotas.js';
import type { SnapshotStore } from './snapshots.js';
import type { Topology } from './topology.js';
import type { WorkloadTable } from './workloads.js';

export type { SimEvent };

export interface Core {
  readonly clock: VirtualClock<SimEvent>;
  readonly log: EventLog;
  readonly rng: Prng;
  readonly topology: Topology;
  readonly hosts: HostTable;
  readonly workloads: WorkloadTable;
  readonly ledger: Ledger;
  readonly placer: Placer;
  readonly groups: Groups;
  readonly ha: HaAdmission;
  readonly metrics: Metrics;
  /** Quotas (Azure vCPUs per region and family) and what each workload holds of them. */
  readonly quotas: Quotas;
  /** Migrations in flight, by workload. */
  readonly migrations: Map<number, MigrationInfo>;
  /** Each workload's snapshot tree. */
  readonly snapshots: SnapshotStore;
  /** Shared datastores and the disks on them. */
  readonly datastores: Datastores;
  /** Backup targets, restore points and the backups under way. */
  readonly backups: BackupStore;
  /** Memory shared between identical guests, per host. */
  readonly sharing: PageSharing;
  /** What each platform's driver declared about how it handles resources. */
  readonly policies: PlatformPolicies;
  /** What each platform's driver checks as one of its workloads starts (see StartGuard). */
  readonly startGuards: ReadonlyMap<Platform, StartGuard>;
  /** Where each platform's driver lets a workload go when the core moves it (see HostsFor). */
  readonly hostsFor: ReadonlyMap<Platform, HostsFor>;
  /** Live workloads (holding any claim) per host. */
  hostWorkloads: Int32Array<ArrayBuffer>;
  readonly tickMs: number;
  /** Bumped on every change (the clock moving on included): what is worked out from the estate is worked out again when it moves. */
  readonly version: number;
  /** Signals a change to whoever watches the estate (the UI re-reads). */
  changed(): void;
  /** A tick closed a minute of the rollups: whoever watches minutes (Simulation.onMinute) reads it now. */
  minuteEnded(): void;
  /**
   * A migration off `host` ended or was called off: a host in maintenance mode
   * sends off its next VM, and any other being evacuated may go on too
   * (maintenance.ts; called back through here so migrate.ts need not import it).
   */
  migrationSlotFreed(host: number): void;
  /**
   * What the rest of the core does when transitions.ts changes a state, called
   * back through here so that transitions.ts, which they all use, imports none of them.
   */
  readonly reactions: Reactions;
}

export interface Reactions {
  /** A failed host is connected again: its workloads come back as their restart policies say (restart.ts). */
  hostBack(host: number): void;
  /** A failed host: HA restarts its VMs elsewhere, where its cluster has HA (ha-restart.ts). */
  hostFailed(host: number): void;
  /** A migration touching a failed host stops short (commands/migrate.ts). */
  abortMigration(w: number, why: string): void;
  /** The VM a container host ran in was deleted: the host and its containers go (retire-host.ts). */
  nestedHostGone(host: number, vm: string): void;
}

/**
 * A driver's say as one of its workloads powers on from off through a lifecycle
 * action (a person's start, the console's) or a restart (a restart policy, a
 * host coming back): why it cannot, in the platform's words, or undefined to
 * let it. `automatic`: no one asked. Not asked: a create that powers on (docker
 * run checks its own ports) and HA restarts (VMs only, which register none).
 * A guard may set the workload's own attributes (Docker picks its ports then,
 * and keeps why a start failed), even where the start then fails for another
 * reason; it changes nothing else.
 */
export type StartGuard = (id: string, automatic: boolean) => string | undefined;

/**
 * A driver's word on which hosts can run a workload when the core places it
 * again by itself (an HA restart, a maintenance evacuation, a DRS move): the
 * hosts that have what it needs (a vSphere VM's port groups) and what that is,
 * or undefined where any host of its cluster will do.
 */
export type HostsFor = (id: string) => { readonly hosts: readonly string[]; readonly why: string } | undefined;
