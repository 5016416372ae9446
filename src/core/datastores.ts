// Shared datastores: a SAN LUN or a NAS share that the hosts of one or more
// clusters mount, holding the disks of the VMs placed on it. A host's own disk
// stays its host's storage (the ledger's third resource); a VM whose disk is on a
// datastore claims no disk on its host, and its datastore is charged instead:
// provisioned, the disk's size and its snapshots; used, what is allocated (a thin
// disk only what the guest has written, a thick one all of it). Thin disks let
// provisioned pass capacity (overcommit); used never does.

import type { HostTable } from './hosts.js';
import type { Core } from './state.js';
import { type DeviceIo, type DiskIo, deviceIo, diskIo, StorageIo } from './storage-io.js';
import { DISK } from './units.js';
import { allVolumes, ownDataDisk, setAttached, type Volume, type VolumeView, volumeView } from './volumes.js';

/** How a disk's blocks are allocated: as the guest writes them, all at creation (zeroed on first write), all at creation and zeroed then. */
export const DISK_FORMATS = ['thin', 'thick', 'eager'] as const;
export type DiskFormat = (typeof DISK_FORMATS)[number];

/** Where a shared datastore's blocks are: a LUN on a storage array (block), or a share on a file server. */
export const STORAGE_MEDIA = ['san', 'nas'] as const;
export type StorageMedium = (typeof STORAGE_MEDIA)[number];

/**
 * How fast a datastore moves data when nothing says otherwise, MiB/s: the line
 * rate of the link it is reached over, protocol overhead not taken off. SAN: 8 Gb
 * Fibre Channel, 800 MB/s per direction (INCITS FC-PI-4, "800-MX-SN"); NAS:
 * 10 Gigabit Ethernet, 1,250 MB/s (IEEE 802.3ae).
 */
export const DEFAULT_MBPS: Readonly<Record<StorageMedium, number>> = { san: 763, nas: 1192 };

export interface DatastoreInput {
  readonly id: string;
  readonly name?: string;
  readonly medium: StorageMedium;
  /** The clusters whose hosts mount it, by id. */
  readonly clusters: readonly string[];
  readonly capacityMiB: number;
  readonly mbps?: number;
  /** The most IOPS (of IO_KIB) it serves; by default what its link carries (iopsOfMbps). */
  readonly iops?: number;
}

export interface Datastore {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly medium: StorageMedium;
  /** The clusters whose hosts mount it, by index. */
  readonly clusters: readonly number[];
  readonly capacityMiB: number;
  readonly mbps: number;
  readonly iops: number;
}

/** A VM's disk on a datastore, and what it is charged there now. */
export interface DiskPlacement {
  ds: number;
  readonly format: DiskFormat;
  /** What the guest has written of a thin disk, MiB (a thick disk is allocated whole). */
  allocatedMiB: number;
  /** A fraction of a MiB written, waiting for the next tick. */
  carryMiB: number;
  /** A linked clone's: what its own delta disk claimed when it was made (its parent's disk holds the rest). */
  readonly linkedMiB?: number;
  /** What the datastore is charged for it now: used and provisioned, MiB. */
  chargedUsed: number;
  chargedProv: number;
}

/** A disk being copied to another datastore (Storage vMotion): the room it holds there meanwhile. */
export interface StorageMove {
  readonly workload: number;
  readonly from: number;
  readonly to: number;
  readonly startedAt: number;
  readonly endsAt: number;
  readonly token: number;
  reservedMiB: number;
  /**
   * Part of a vMotion with storage to a host of another cluster (migrate's `datastore`): the disks are copied to
   * `to` through that host, which mounts it, and land with the migration (no relocate event of its own).
   */
  readonly withMigration: boolean;
}

export class Datastores {
  readonly records: Datastore[] = [];
  private readonly byId = new Map<string, number>();
  /** Used and provisioned per datastore, MiB: the sums of what its disks are charged (and the room moves hold). */
  readonly used: number[] = [];
  readonly provisioned: number[] = [];
  /** The disks on datastores, by workload; a VM not here has its disk on its host. */
  readonly disks = new Map<number, DiskPlacement>();
  /** VMs paused because their disk could not grow, and how much it had to: each waits for someone to resume it (Retry). */
  readonly stunned = new Map<number, number>();
  /** For a VM paused because a data disk could not grow: that disk's name (none: its own disk). */
  readonly stunnedOn = new Map<number, string>();
  readonly moves = new Map<number, StorageMove>();
  /** The last disk move's number: a move's event names it, so a move called off leaves its event to do nothing. */
  seq = 0;
  /** Virtual disks of no VM, by store and name (volumes.ts). */
  readonly volumes = new Map<string, Volume>();
  /** The data disks of each VM that has some, in the order they were made. */
  readonly attached = new Map<number, Volume[]>();
  /** The last volume's number. */
  volumeSeq = 0;
  /** The disks' I/O, the datastores' and the hosts' own disks' (storage-io.ts). */
  readonly io = new StorageIo();

  add(input: Omit<Datastore, 'index'>): Datastore {
    const d: Datastore = { index: this.records.length, ...input };
    this.records.push(d);
    this.byId.set(d.id, d.index);
    this.used.push(0);
    this.provisioned.push(0);
    return d;
  }

  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  free(ds: number): number {
    return this.records[ds].capacityMiB - this.used[ds];
  }

  /** Whether host h mounts datastore ds. */
  sees(hosts: HostTable, ds: number, h: number): boolean {
    return this.records[ds].clusters.includes(hosts.records[h].clusterIndex);
  }

  /** The datastore workload w's disk is on, or -1 (its host's own storage). */
  of(w: number): number {
    return this.disks.get(w)?.ds ?? -1;
  }
}

/** The hosts that mount datastore ds, by id. */
export function mountingHosts(core: Core, ds: number): string[] {
  return core.datastores.records[ds].clusters.flatMap((c) => core.topology.clusters[c].hosts.map((h) => core.hosts.records[h].id));
}

/**
 * Whether a VM's disk is on its host's own storage (no shared datastore): no other host opens it, so a move to
 * one copies it. A data disk on its host's own storage pins it there too (ownDataDisk).
 */
export function onOwnStorage(core: Core, w: number): boolean {
  if (core.workloads.records[w].kind !== 'vm') return false;
  return (core.datastores.of(w) < 0 && core.workloads.diskMiB[w] > 0) || ownDataDisk(core, w) !== undefined;
}

/** What workload w's disk takes on its datastore now: used (allocated) and provisioned, MiB. A deleted one takes nothing. */
export function footprint(core: Core, w: number, p: DiskPlacement): readonly [used: number, provisioned: number] {
  const wl = core.workloads;
  if (wl.stateOf(w) === 'deleted') return [0, 0];
  const held = wl.records[w].claim[DISK];
  // It may grow to its whole size, and its snapshots with it.
  return [usedFor(p, held, wl.diskMiB[w]), wl.diskMiB[w] + snapshotsOf(p, held, wl.diskMiB[w])];
}

/** What of a disk's claim is its snapshots (memory images and deltas): all past the disk itself, or past a linked clone's delta. */
function snapshotsOf(p: DiskPlacement, held: number, diskMiB: number): number {
  return Math.max(0, held - (p.linkedMiB ?? diskMiB));
}

/** What a disk of `diskMiB` with `held` claimed in all allocates: its snapshots (memory images and deltas, written as they grow) and the disk, thin as written, thick whole. */
export function usedFor(p: DiskPlacement, held: number, diskMiB: number): number {
  return (p.format === 'thin' ? Math.min(p.allocatedMiB, diskMiB) : diskMiB) + snapshotsOf(p, held, diskMiB);
}

/** Brings what workload w's datastore is charged for it up to date (after any change to its disk, its snapshots or its state). */
export function recharge(core: Core, w: number): void {
  const store = core.datastores;
  const p = store.disks.get(w);
  if (p) {
    const [used, prov] = footprint(core, w, p);
    store.used[p.ds] += used - p.chargedUsed;
    store.provisioned[p.ds] += prov - p.chargedProv;
    p.chargedUsed = used;
    p.chargedProv = prov;
  }
  if (core.workloads.stateOf(w) === 'deleted') {
    store.disks.delete(w);
    store.stunned.delete(w);
    store.stunnedOn.delete(w);
    store.io.limits.delete(w);
    dropMove(core, w);
    // Its data disks stay where they are, attached to nothing (a platform that deletes them with the VM does so itself).
    for (const v of [...(store.attached.get(w) ?? [])]) setAttached(core, v, -1);
  }
}

/** Calls off a disk's copy to another datastore (its VM was deleted): the room held on the target goes. */
export function dropMove(core: Core, w: number): void {
  const store = core.datastores;
  const move = store.moves.get(w);
  if (!move) return;
  store.moves.delete(w);
  store.used[move.to] -= move.reservedMiB;
}

/** A snapshot delta of `mergedMiB` consolidated into workload w's disk: a thin one is allocated that much more (up to its size). */
export function consolidate(core: Core, w: number, mergedMiB: number): void {
  const p = core.datastores.disks.get(w);
  if (p?.format === 'thin') p.allocatedMiB = Math.min(core.workloads.diskMiB[w], p.allocatedMiB + mergedMiB);
}

/** Takes workload w's charges off its datastore (before its disk moves to another). */
export function discharge(core: Core, p: DiskPlacement): void {
  const store = core.datastores;
  store.used[p.ds] -= p.chargedUsed;
  store.provisioned[p.ds] -= p.chargedProv;
  p.chargedUsed = 0;
  p.chargedProv = 0;
}

/** A datastore as the console and the drivers read it. */
export interface DatastoreView {
  readonly id: string;
  readonly name: string;
  readonly medium: StorageMedium;
  /** The clusters whose hosts mount it, by id. */
  readonly clusters: readonly string[];
  readonly site: string;
  readonly capacityMiB: number;
  readonly usedMiB: number;
  readonly provisionedMiB: number;
  readonly freeMiB: number;
  readonly mbps: number;
  /** Its I/O in the last tick. */
  readonly io: DeviceIo;
  /** The disks on it, by workload id, in workload order. */
  readonly disks: readonly DiskView[];
  /** The virtual disks of no VM on it, in the order they were made. */
  readonly volumes: readonly VolumeView[];
}

/** A VM's disk on a datastore. */
export interface DiskView {
  readonly workload: string;
  /** Its datastore, by id and by name. */
  readonly datastore: string;
  readonly datastoreName: string;
  readonly format: DiskFormat;
  readonly capacityMiB: number;
  /** What it allocates there with its snapshots, and what it may grow to. */
  readonly usedMiB: number;
  readonly provisionedMiB: number;
  /** Paused because it could not grow: it waits for someone to answer Retry. */
  readonly stunned: boolean;
  /** Being copied to this datastore (by name). */
  readonly movingTo?: string;
  /** Its I/O in the last tick; noisy, the busiest disk of a congested datastore. */
  readonly io: DiskIo;
  readonly noisy: boolean;
}

export function diskView(core: Core, w: number): DiskView | undefined {
  const store = core.datastores;
  const p = store.disks.get(w);
  if (!p) return undefined;
  const move = store.moves.get(w);
  return {
    workload: core.workloads.records[w].id,
    datastore: store.records[p.ds].id,
    datastoreName: store.records[p.ds].name,
    format: p.format,
    capacityMiB: core.workloads.diskMiB[w],
    usedMiB: p.chargedUsed,
    provisionedMiB: p.chargedProv,
    stunned: store.stunned.has(w) && !store.stunnedOn.has(w),
    ...(move ? { movingTo: store.records[move.to].name } : {}),
    io: diskIo(core, w),
    noisy: false,
  };
}

export function datastoreViews(core: Core): DatastoreView[] {
  const store = core.datastores;
  const disks: DiskView[][] = store.records.map(() => []);
  for (const w of [...store.disks.keys()].sort((a, b) => a - b)) disks[store.disks.get(w)!.ds].push(diskView(core, w)!);
  const ios = store.records.map((d) => deviceIo(core, d.index));
  const volumes: VolumeView[][] = store.records.map(() => []);
  for (const v of allVolumes(core)) if (v.ds >= 0) volumes[v.ds].push(volumeView(core, v, true));
  return store.records.map((d) => ({
    id: d.id,
    name: d.name,
    medium: d.medium,
    clusters: d.clusters.map((c) => core.topology.clusters[c].id),
    site: core.topology.sites[core.topology.clusters[d.clusters[0]].siteIndex].id,
    capacityMiB: d.capacityMiB,
    usedMiB: store.used[d.index],
    provisionedMiB: store.provisioned[d.index],
    freeMiB: store.free(d.index),
    mbps: d.mbps,
    io: ios[d.index],
    ...(ios[d.index].congested ? markNoisy(disks[d.index], volumes[d.index]) : { disks: disks[d.index], volumes: volumes[d.index] }),
  }));
}

/**
 * The disk asking the most I/O (within its own limit) of a congested datastore, a VM's own or a data disk: the
 * neighbour the others wait behind.
 */
function markNoisy(disks: DiskView[], volumes: VolumeView[]): { disks: DiskView[]; volumes: VolumeView[] } {
  const asks = (d: DiskView) => Math.min(d.io.demandIops, d.io.limitIops ?? Number.POSITIVE_INFINITY);
  let top = -1;
  for (let i = 0; i < disks.length; i++) if (asks(disks[i]) > 0 && (top < 0 || asks(disks[i]) > asks(disks[top]))) top = i;
  let most = top < 0 ? 0 : asks(disks[top]);
  let topVolume = -1;
  for (let i = 0; i < volumes.length; i++) {
    const ask = volumes[i].io?.demandIops ?? 0;
    if (ask > most) {
      most = ask;
      topVolume = i;
    }
  }
  if (topVolume >= 0) return { disks, volumes: volumes.map((v, i) => (i === topVolume ? { ...v, noisy: true } : v)) };
  return { disks: top < 0 ? disks : disks.map((d, i) => (i === top ? { ...d, noisy: true } : d)), volumes };
}
