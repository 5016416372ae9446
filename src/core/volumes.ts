// Virtual disks that belong to no VM: a VMDK made with datastore.disk.create, a
// libvirt volume made with vol-create-as, a VHDX made with New-VHD. Each is a
// file on a shared datastore (charged there: used, what it allocates; provisioned,
// its size) or on a host's own storage (a claim on the host's disk in the ledger,
// its whole size, as a VM's own disk claims). Attached to a VM it is one of its
// data disks (Datastores.attached indexes them by VM): a running guest's writes
// and reads are shared by its disks (storage-io.ts), so a thin data disk grows
// with its share (storage-writes.ts); one of no VM keeps what it allocated.
import type { DiskFormat } from './datastores.js';
import type { Core } from './state.js';
import { type DiskIo, volumeIo } from './storage-io.js';

export interface Volume {
  /** Its store and name, one string: unique in the estate (it changes when a Storage vMotion moves it). */
  key: string;
  /** Its file's name in its store (a path below the store's root: disks/data.vmdk). */
  readonly name: string;
  /** The datastore it is on, or -1 (its host's own storage). */
  ds: number;
  /** The host whose own storage holds it, or -1 (on a datastore). */
  host: number;
  readonly format: DiskFormat;
  capacityMiB: number;
  /** What a thin volume has allocated, no more than its size (a thick one is allocated whole). */
  allocatedMiB: number;
  /** A thin data disk's writes short of a whole MiB, allocated at a later tick. */
  carryMiB: number;
  /** Its number in the order volumes were made: listings keep that order whatever moves. */
  readonly seq: number;
  /** Its claim on its host's disk in the ledger, or -1. */
  claim: number;
  /** The VM it is attached to as a data disk, by index, or -1. */
  attachedTo: number;
  /** What its datastore is charged for it: used and provisioned, MiB. */
  chargedUsed: number;
  chargedProv: number;
}

/** Where a volume is: a datastore, or a host's own storage, by id. */
export type VolumeStore = { readonly datastore: string; readonly host?: undefined } | { readonly host: string; readonly datastore?: undefined };

export function volumeKey(ds: number, host: number, name: string): string {
  return ds >= 0 ? `ds:${ds}/${name}` : `host:${host}/${name}`;
}

/** What a volume allocates: all of a thick one, a thin one's allocation. */
export function volumeUsed(v: Pick<Volume, 'format' | 'capacityMiB' | 'allocatedMiB'>): number {
  return v.format === 'thin' ? Math.min(v.allocatedMiB, v.capacityMiB) : v.capacityMiB;
}

/** Brings what a volume's datastore is charged for it up to date. */
export function rechargeVolume(core: Core, v: Volume): void {
  if (v.ds < 0) return;
  const store = core.datastores;
  const used = volumeUsed(v);
  store.used[v.ds] += used - v.chargedUsed;
  store.provisioned[v.ds] += v.capacityMiB - v.chargedProv;
  v.chargedUsed = used;
  v.chargedProv = v.capacityMiB;
}

/** A volume as the console and the drivers read it. */
export interface VolumeView {
  readonly name: string;
  /** Its datastore, by id and by name; or the host whose own storage holds it. */
  readonly datastore?: string;
  readonly datastoreName?: string;
  readonly host?: string;
  readonly format: DiskFormat;
  readonly capacityMiB: number;
  readonly usedMiB: number;
  /** The VM it is a data disk of, by id, and (in a datastore's view and its VM's list) its share of that VM's I/O in the last tick. */
  readonly attachedTo?: string;
  readonly io?: DiskIo;
  /** The busiest disk of a congested datastore. */
  readonly noisy?: boolean;
  /** Its VM is paused because this disk could not grow. */
  readonly stunned?: boolean;
}

/** `withIo`: with its I/O, which works the I/O model out if the estate changed (not for what a command returns). */
export function volumeView(core: Core, v: Volume, withIo = false): VolumeView {
  const ds = v.ds >= 0 ? core.datastores.records[v.ds] : undefined;
  return {
    name: v.name,
    ...(ds ? { datastore: ds.id, datastoreName: ds.name } : { host: core.hosts.records[v.host].id }),
    format: v.format,
    capacityMiB: v.capacityMiB,
    usedMiB: volumeUsed(v),
    ...(v.attachedTo >= 0 ? { attachedTo: core.workloads.records[v.attachedTo].id, ...(withIo ? { io: volumeIo(core, v) } : {}) } : {}),
    ...(v.attachedTo >= 0 && core.datastores.stunnedOn.get(v.attachedTo) === v.name ? { stunned: true } : {}),
  };
}

/** The volumes attached to VM w as its data disks, in the order they were made. */
export function dataDisksOf(core: Core, w: number): readonly Volume[] {
  return core.datastores.attached.get(w) ?? [];
}

/** A data disk of VM w on a host's own storage (no other host opens it), if it has one. */
export function ownDataDisk(core: Core, w: number): Volume | undefined {
  return core.datastores.attached.get(w)?.find((v) => v.ds < 0);
}

/** The volumes in a store (a datastore's index, or a host's own storage), in the order they were made. */
export function volumesIn(core: Core, ds: number, host = -1): Volume[] {
  return allVolumes(core).filter((v) => (ds >= 0 ? v.ds === ds : v.ds < 0 && v.host === host));
}

/** Every volume, in the order they were made. */
export function allVolumes(core: Core): Volume[] {
  return [...core.datastores.volumes.values()].sort(bySeq);
}

const bySeq = (a: Volume, b: Volume) => a.seq - b.seq;

/** The largest volume, MiB: 1 EiB, as estate files take sizes. */
export const MAX_VOLUME_MIB = 2 ** 40;

/** Marks volume v a data disk of VM w (or of none, for -1), keeping the index by VM. */
export function setAttached(core: Core, v: Volume, w: number): void {
  const index = core.datastores.attached;
  if (v.attachedTo >= 0) {
    const list = index.get(v.attachedTo)?.filter((x) => x !== v) ?? [];
    if (list.length > 0) index.set(v.attachedTo, list);
    else index.delete(v.attachedTo);
  }
  v.attachedTo = w;
  if (w >= 0) index.set(w, [...(index.get(w) ?? []), v].sort(bySeq));
}

/** Puts a volume on datastore `to` (a Storage vMotion's end): its old store frees what it held, the new one is charged. */
export function moveVolume(core: Core, v: Volume, to: number): void {
  const store = core.datastores;
  if (v.ds >= 0) {
    store.used[v.ds] -= v.chargedUsed;
    store.provisioned[v.ds] -= v.chargedProv;
    v.chargedUsed = 0;
    v.chargedProv = 0;
  } else core.ledger.release(v.claim);
  store.volumes.delete(v.key);
  v.ds = to;
  v.host = -1;
  v.claim = -1;
  v.key = volumeKey(to, -1, v.name);
  // The name was kept free on the target from the move's start (takenByMove).
  store.volumes.set(v.key, v);
  rechargeVolume(core, v);
}

/** The VM whose disk move will bring a data disk named `name` to datastore ds, if one will. */
export function takenByMove(core: Core, ds: number, name: string): number | undefined {
  for (const m of core.datastores.moves.values())
    if (m.to === ds && dataDisksOf(core, m.workload).some((v) => v.ds !== ds && v.name === name)) return m.workload;
  return undefined;
}
