// Snapshots (checkpoints in Hyper-V's words): per workload, a tree of saved points.
// Each keeps the spec and power state it was taken in; one with memory also keeps
// the guest's RAM, and takes that much disk. After a snapshot the guest's writes
// go to a delta disk (the "you are here" delta), which grows with what it writes;
// taking the next snapshot freezes that delta into it. The store is plain data;
// the commands that take, revert and delete them are in commands/snapshots.ts,
// and the tick grows the running deltas (snapshotWrites below).

export type CapturedPower = 'running' | 'paused' | 'suspended' | 'stopped';

export interface Snapshot {
  readonly name: string;
  readonly parent: string | undefined;
  readonly description: string;
  readonly createdAt: number;
  readonly cpuMilli: number;
  readonly memoryMiB: number;
  readonly diskMiB: number;
  readonly power: CapturedPower;
  readonly withMemory: boolean;
  /** Disk this snapshot's memory image takes. */
  sizeMiB: number;
  /** What the guest wrote between this snapshot's parent and it: the delta it froze. */
  deltaMiB: number;
}

export interface SnapshotTree {
  readonly list: Snapshot[];
  /** The snapshot the workload is running from ("You are here"). */
  current: string | undefined;
  /** What it has written since the current snapshot: the delta disk in use, in whole MiB (claims are whole). */
  runningMiB: number;
  /** Less than a MiB written and not yet counted. */
  carryMiB: number;
}

export class SnapshotStore {
  private readonly trees = new Map<number, SnapshotTree>();

  of(w: number): SnapshotTree {
    let t = this.trees.get(w);
    if (!t) this.trees.set(w, (t = { list: [], current: undefined, runningMiB: 0, carryMiB: 0 }));
    return t;
  }

  /** The tree if the workload has one, without making one (a read). */
  peek(w: number): SnapshotTree | undefined {
    return this.trees.get(w);
  }

  find(w: number, name: string): Snapshot | undefined {
    return this.trees.get(w)?.list.find((s) => s.name === name);
  }

  /** Disk all of a workload's snapshots take: memory images, frozen deltas and the running delta. */
  totalMiB(w: number): number {
    const t = this.trees.get(w);
    return t ? t.list.reduce((a, s) => a + s.sizeMiB + s.deltaMiB, 0) + t.runningMiB : 0;
  }

  /** Every workload that has snapshots, for saving an estate. */
  /** In workload order, so what depends on the order (who runs out of disk first) is the same after a load. */
  entries(): [number, SnapshotTree][] {
    return [...this.trees.entries()].filter(([, t]) => t.list.length > 0).sort((a, b) => a[0] - b[0]);
  }

  /** Children of a snapshot (or the roots, for undefined), in the order taken. */
  children(w: number, parent: string | undefined): Snapshot[] {
    return this.trees.get(w)?.list.filter((s) => s.parent === parent) ?? [];
  }
}

/** How fast a guest writes to disk: a MiB a second for each fully busy vCPU (busy VMs write a few MB/s). */
export const WRITE_MIBPS_PER_VCPU = 1;
