// Backups: VMs copied to a backup target (a repository at a site, with a size and
// a throughput), each copy a restore point of the VM as it was when the backup
// began. A backup takes its disk's size over the target's throughput; a retention
// count keeps the newest points per VM and target. A point restores in place (the
// VM, powered off, goes back to it) or as a new VM. Plain data, so estate files
// keep targets, points and the jobs under way.

import type { DynamicMemory } from './dynamic-memory.js';
import type { Platform, UtilizationModel } from './model.js';
import type { Attrs, Durations } from './workloads.js';

export interface BackupTarget {
  readonly id: string;
  readonly site: string;
  readonly capacityMiB: number;
  /** How fast it takes a backup in, and gives one back, in MiB/s. */
  readonly throughputMiBps: number;
  usedMiB: number;
}

/** What a restore point brings back: the VM's spec and settings when it was taken. */
export interface PointSpec {
  readonly platform: Platform;
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryMiB: number;
  readonly diskMiB: number;
  readonly image: string;
  readonly attrs: Attrs;
  readonly durations: Durations;
  readonly overhead: number;
  readonly model: UtilizationModel;
  readonly modelLevel: number;
  /** Hyper-V's Dynamic Memory as it was set (memoryMiB is then its maximum). */
  readonly dynamicMemory?: DynamicMemory;
}

export interface RestorePoint {
  readonly id: string;
  readonly workload: string;
  readonly target: string;
  /** The moment it holds: when its backup began (it reads from a snapshot taken then). */
  readonly takenAt: number;
  readonly sizeMiB: number;
  readonly spec: PointSpec;
  /** The VM it came from was deleted: it restores only as a new VM (another VM may have its name now). */
  orphan?: boolean;
}

export interface BackupJob {
  readonly workload: string;
  readonly target: string;
  readonly startedAt: number;
  readonly endsAt: number;
  readonly retention: number;
  readonly token: number;
  readonly spec: PointSpec;
}

export class BackupStore {
  readonly targets: BackupTarget[] = [];
  readonly points: RestorePoint[] = [];
  readonly jobs: BackupJob[] = [];
  /** Points made so far per workload, for their names. */
  readonly counters = new Map<string, number>();
  /** The last job's number. */
  seq = 0;

  target(id: string): BackupTarget | undefined {
    return this.targets.find((t) => t.id === id);
  }

  pointsOf(workload: string): RestorePoint[] {
    return this.points.filter((p) => p.workload === workload).sort((a, b) => a.takenAt - b.takenAt);
  }

  point(id: string): RestorePoint | undefined {
    return this.points.find((p) => p.id === id);
  }

  jobOf(workload: string): BackupJob | undefined {
    return this.jobs.find((j) => j.workload === workload);
  }
}

/** Backup reads the disk at this rate at most, whatever the target takes (the source datastore's share). */
export const SOURCE_READ_MIBPS = 500;

/** A VM was deleted: its backups under way stop, and its restore points no longer restore in place. */
export function forgetWorkload(store: BackupStore, id: string): void {
  for (let i = store.jobs.length - 1; i >= 0; i--) if (store.jobs[i].workload === id) store.jobs.splice(i, 1);
  for (const p of store.points) if (p.workload === id) p.orphan = true;
}
