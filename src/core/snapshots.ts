// Snapshots (checkpoints in Hyper-V's words): per workload, a tree of saved points.
// Each keeps the spec and power state it was taken in; one with memory also keeps
// the guest's RAM, and takes that much disk. The store is plain data; the
// commands that take, revert and delete them are in commands/snapshots.ts.

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
  /** Disk this snapshot takes (its memory image; delta disks grow with writes). */
  sizeMiB: number;
}

export interface SnapshotTree {
  readonly list: Snapshot[];
  /** The snapshot the workload is running from ("You are here"). */
  current: string | undefined;
}

export class SnapshotStore {
  private readonly trees = new Map<number, SnapshotTree>();

  of(w: number): SnapshotTree {
    let t = this.trees.get(w);
    if (!t) this.trees.set(w, (t = { list: [], current: undefined }));
    return t;
  }

  find(w: number, name: string): Snapshot | undefined {
    return this.trees.get(w)?.list.find((s) => s.name === name);
  }

  /** Disk all of a workload's snapshots take. */
  totalMiB(w: number): number {
    return this.trees.get(w)?.list.reduce((a, s) => a + s.sizeMiB, 0) ?? 0;
  }

  /** Every workload that has snapshots, for saving an estate. */
  entries(): [number, SnapshotTree][] {
    return [...this.trees.entries()].filter(([, t]) => t.list.length > 0);
  }

  /** Children of a snapshot (or the roots, for undefined), in the order taken. */
  children(w: number, parent: string | undefined): Snapshot[] {
    return this.trees.get(w)?.list.filter((s) => s.parent === parent) ?? [];
  }
}
