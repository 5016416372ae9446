// Making, growing and removing a volume (a virtual disk of no VM) on a datastore
// or a host's own storage. A thick volume takes its whole size where it is made,
// a thin one what it allocates; a host's own storage is claimed whole either way.
import { DISK_FORMATS, type DiskFormat } from '../datastores.js';
import type { SubjectType } from '../event-log.js';
import { isCloudPool, isOneOf } from '../model.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { DISK, formatMiB } from '../units.js';
import { badCount, CONTROL_CHARS, firstOf } from '../validate.js';
import {
  MAX_VOLUME_MIB,
  ownDataDisk,
  rechargeVolume,
  setAttached,
  takenByMove,
  type Volume,
  type VolumeStore,
  type VolumeView,
  volumeKey,
  volumeUsed,
  volumeView,
} from '../volumes.js';
import { note } from './note.js';

export interface VolumeInput {
  readonly store: VolumeStore;
  readonly name: string;
  readonly capacityMiB: number;
  readonly format: DiskFormat;
  /** What a thin volume allocates at once (virsh vol-create-as --allocation), MiB. */
  readonly allocatedMiB?: number;
  /** A reload's: the writes it had short of a whole MiB. */
  readonly carryMiB?: number;
}

/** A store by its id: a datastore's index, or a host's (physical, not a cloud's pool, not a container host in a VM). */
function storeOf(core: Core, store: VolumeStore): Result<{ ds: number; host: number; label: string }> {
  if (store.datastore !== undefined) {
    const ds = core.datastores.indexOf(store.datastore);
    if (ds === undefined) return fail('not-found', `no datastore named ${store.datastore}`);
    return ok({ ds, host: -1, label: `datastore ${core.datastores.records[ds].name}` });
  }
  const h = core.hosts.indexOf(store.host);
  const record = h === undefined ? undefined : core.hosts.records[h];
  if (h === undefined || !record || core.hosts.isRemoved(h)) return fail('not-found', `no host named ${store.host}`);
  if (isCloudPool(record.platform) || record.backingWorkload >= 0 || record.platform === 'docker')
    return fail('invalid-input', `${record.id} keeps no virtual disks of its own: make them on a hypervisor host or a datastore`);
  return ok({ ds: -1, host: h, label: `${record.id}'s own storage` });
}

/** The volume of that name in that store. */
export function findVolume(core: Core, store: VolumeStore, name: string): Volume | undefined {
  const where = storeOf(core, store);
  return where.ok ? core.datastores.volumes.get(volumeKey(where.value.ds, where.value.host, name)) : undefined;
}

/** Room for `usedMiB` more allocated (and `claimMiB` more claimed on a host): the store's free space, or the error. */
function roomFor(core: Core, ds: number, host: number, usedMiB: number, label: string): string | undefined {
  if (usedMiB <= 0) return undefined;
  if (ds >= 0) {
    const free = core.datastores.free(ds);
    return usedMiB > free ? `${label} has ${formatMiB(Math.max(0, free))} free, not the ${formatMiB(usedMiB)} it would take` : undefined;
  }
  const free = core.ledger.free(host, DISK);
  return usedMiB > free ? `${label} has ${formatMiB(Math.max(0, free))} free, not the ${formatMiB(usedMiB)} it would take` : undefined;
}

/** `fresh`: false when loading an estate (its log already has the line, and a failed host's disks are still there). */
export function createVolume(core: Core, input: VolumeInput, fresh = true): Result<VolumeView> {
  const where = storeOf(core, input.store);
  if (!where.ok) return where;
  const { ds, host, label } = where.value;
  const name = input.name;
  const problem = firstOf(
    typeof name !== 'string' || name.length === 0 || name.length > 255 ? 'a volume needs a name of 1 to 255 characters' : undefined,
    typeof name === 'string' && CONTROL_CHARS.test(name) ? `volume name "${JSON.stringify(name).slice(1, -1)}" contains control characters` : undefined,
    typeof name === 'string' && (name.startsWith('/') || name.endsWith('/')) ? `volume name ${name} must be a path below its store's root` : undefined,
    isOneOf(DISK_FORMATS, input.format) ? undefined : `volume format must be one of ${DISK_FORMATS.join(', ')}`,
    badCount('volume size (MiB)', input.capacityMiB, { min: 1, max: MAX_VOLUME_MIB, integer: true }),
    input.allocatedMiB === undefined ? undefined : badCount('volume allocation (MiB)', input.allocatedMiB, { min: 0, integer: true }),
  );
  if (problem) return fail('invalid-input', problem);
  const key = volumeKey(ds, host, name);
  if (core.datastores.volumes.has(key)) return fail('duplicate-id', `${label} already holds a volume named ${name}`);
  const coming = ds >= 0 ? takenByMove(core, ds, name) : undefined;
  if (coming !== undefined) return fail('duplicate-id', `${label} is taking a volume named ${name} from ${core.workloads.records[coming].id}'s disk move`);
  if (fresh && ds < 0 && core.hosts.state(host) === 'failed')
    return fail('invalid-state', `${core.hosts.records[host].id} has failed: its storage cannot be written`);
  const allocatedMiB = input.format === 'thin' ? Math.min(input.allocatedMiB ?? 0, input.capacityMiB) : input.capacityMiB;
  const v: Volume = {
    key,
    name,
    ds,
    host,
    format: input.format,
    capacityMiB: input.capacityMiB,
    allocatedMiB,
    carryMiB: input.carryMiB ?? 0,
    claim: -1,
    attachedTo: -1,
    chargedUsed: 0,
    chargedProv: 0,
    seq: ++core.datastores.volumeSeq,
  };
  const short = roomFor(core, ds, host, ds >= 0 ? volumeUsed(v) : v.capacityMiB, label);
  if (short) return fail('insufficient-capacity', `no room for ${name}: ${short}`);
  if (ds >= 0) rechargeVolume(core, v);
  else v.claim = core.ledger.claim(host, [0, 0, v.capacityMiB]);
  core.datastores.volumes.set(key, v);
  if (fresh) note(core, 'volume.created', ...subject(core, v), `Volume ${name} (${formatMiB(v.capacityMiB)}, ${v.format}) made on ${label}`);
  return ok(volumeView(core, v));
}

/** Grows (or shrinks) a volume to `capacityMiB`: a thick one allocates what it grows by, a thin one nothing. */
export function resizeVolume(core: Core, store: VolumeStore, name: string, capacityMiB: number): Result<VolumeView> {
  const where = storeOf(core, store);
  if (!where.ok) return where;
  const v = core.datastores.volumes.get(volumeKey(where.value.ds, where.value.host, name));
  if (!v) return fail('not-found', `no volume named ${name} on ${where.value.label}`);
  const bad = badCount('volume size (MiB)', capacityMiB, { min: 1, max: MAX_VOLUME_MIB, integer: true });
  if (bad) return fail('invalid-input', bad);
  const busy = unreachable(core, v) ?? (v.attachedTo >= 0 ? movingProblem(core, v.attachedTo, core.workloads.records[v.attachedTo].id) : undefined);
  if (busy) return fail('invalid-state', busy);
  const grows = capacityMiB - v.capacityMiB;
  const short = roomFor(core, v.ds, v.host, v.ds >= 0 ? volumeUsed({ ...v, capacityMiB }) - volumeUsed(v) : grows, where.value.label);
  if (short) return fail('insufficient-capacity', `${name} cannot grow to ${formatMiB(capacityMiB)}: ${short}`);
  if (v.ds < 0 && !core.ledger.resize(v.claim, [0, 0, capacityMiB])) return fail('insufficient-capacity', `${name} cannot grow to ${formatMiB(capacityMiB)}`);
  v.capacityMiB = capacityMiB;
  // A thin volume cut short keeps no more than its new size.
  v.allocatedMiB = Math.min(v.allocatedMiB, capacityMiB);
  rechargeVolume(core, v);
  note(core, 'volume.resized', ...subject(core, v), `Volume ${name} is now ${formatMiB(capacityMiB)}`);
  return ok(volumeView(core, v));
}

export function deleteVolume(core: Core, store: VolumeStore, name: string): Result<VolumeView> {
  const where = storeOf(core, store);
  if (!where.ok) return where;
  const v = core.datastores.volumes.get(volumeKey(where.value.ds, where.value.host, name));
  if (!v) return fail('not-found', `no volume named ${name} on ${where.value.label}`);
  if (v.attachedTo >= 0) return fail('invalid-state', `${name} is in use: it is a data disk of ${core.workloads.records[v.attachedTo].id}; detach it first`);
  const busy = unreachable(core, v);
  if (busy) return fail('invalid-state', busy);
  const view = volumeView(core, v);
  if (v.ds >= 0) {
    core.datastores.used[v.ds] -= v.chargedUsed;
    core.datastores.provisioned[v.ds] -= v.chargedProv;
  } else core.ledger.release(v.claim);
  core.datastores.volumes.delete(v.key);
  note(core, 'volume.deleted', ...subject(core, v), `Volume ${name} deleted from ${where.value.label}`);
  return ok(view);
}

/** What a volume's log lines are about: its datastore, or its host. */
function subject(core: Core, v: Volume): [SubjectType, string] {
  return v.ds >= 0 ? ['datastore', core.datastores.records[v.ds].id] : ['host', core.hosts.records[v.host].id];
}

/**
 * Attaches a volume to VM `id` as a data disk: one its host can open (a datastore its cluster
 * mounts, or that host's own storage), not another VM's, not while the VM or its disk moves.
 */
export function attachVolume(core: Core, store: VolumeStore, name: string, id: string): Result<VolumeView> {
  const where = storeOf(core, store);
  if (!where.ok) return where;
  const v = core.datastores.volumes.get(volumeKey(where.value.ds, where.value.host, name));
  if (!v) return fail('not-found', `no volume named ${name} on ${where.value.label}`);
  const wl = core.workloads;
  const w = wl.indexOf(id);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  if (wl.records[w].kind !== 'vm') return fail('unsupported', `${id} is not a VM: only a VM takes data disks`);
  if (v.attachedTo >= 0)
    return fail(
      'invalid-state',
      v.attachedTo === w ? `${name} is already attached to ${id}` : `${name} is in use: it is a data disk of ${wl.records[v.attachedTo].id}`,
    );
  const problem = movingProblem(core, w, id);
  if (problem) return fail('invalid-state', problem);
  const host = wl.host[w];
  const reachable = host >= 0 && (v.ds >= 0 ? core.datastores.sees(core.hosts, v.ds, host) : v.host === host);
  if (!reachable)
    return fail(
      'invalid-input',
      host < 0 ? `${id} is not on any host` : `${core.hosts.records[host].id}, where ${id} is, cannot open ${name} on ${where.value.label}`,
    );
  setAttached(core, v, w);
  note(core, 'volume.attached', 'workload', id, `${name} attached to ${id} as a data disk`);
  return ok(volumeView(core, v));
}

export function detachVolume(core: Core, store: VolumeStore, name: string): Result<VolumeView> {
  const where = storeOf(core, store);
  if (!where.ok) return where;
  const v = core.datastores.volumes.get(volumeKey(where.value.ds, where.value.host, name));
  if (!v) return fail('not-found', `no volume named ${name} on ${where.value.label}`);
  if (v.attachedTo < 0) return fail('invalid-state', `${name} is not attached to any VM`);
  const id = core.workloads.records[v.attachedTo].id;
  const problem = movingProblem(core, v.attachedTo, id);
  if (problem) return fail('invalid-state', problem);
  setAttached(core, v, -1);
  note(core, 'volume.detached', 'workload', id, `${name} detached from ${id}`);
  return ok(volumeView(core, v));
}

/** Why a VM's data disks cannot change now: it or its disks are moving. */
function movingProblem(core: Core, w: number, id: string): string | undefined {
  if (core.migrations.has(w)) return `${id} is migrating: change its disks when it has arrived`;
  if (core.datastores.moves.has(w)) return `${id}'s disks are being moved: change them when the move is done`;
  return undefined;
}

/** Attaches a volume being loaded to the VM the file says, if that VM can have it: what is wrong, if anything. */
export function attachProblem(core: Core, store: VolumeStore, name: string, id: string, movingWithMigration = false): string | undefined {
  const v = findVolume(core, store, name)!;
  const w = core.workloads.indexOf(id);
  if (w === undefined || core.workloads.stateOf(w) === 'deleted') return `attached to ${id}, which is not a live workload`;
  if (core.workloads.records[w].kind !== 'vm') return `attached to ${id}, which is not a VM`;
  // A VM with no host (stopped and unplaced) may hold one; a placed one (and a migration's target, unless the disk is
  // on its way to a datastore the target mounts: a vMotion with storage) must be able to open it.
  for (const host of movingWithMigration ? [core.workloads.host[w]] : [core.workloads.host[w], core.workloads.host2[w]])
    if (host >= 0 && !(v.ds >= 0 ? core.datastores.sees(core.hosts, v.ds, host) : v.host === host))
      return `${core.hosts.records[host].id}, where ${id} is, cannot open it`;
  const other = ownDataDisk(core, w);
  if (v.ds < 0 && other && other.host !== v.host)
    return `${id} already has a data disk on ${core.hosts.records[other.host].id}'s own storage: one host's disks only`;
  setAttached(core, v, w);
  return undefined;
}

/** Why a volume on a failed host's own storage cannot be changed now. */
function unreachable(core: Core, v: Volume): string | undefined {
  return v.ds < 0 && core.hosts.state(v.host) === 'failed' ? `${core.hosts.records[v.host].id} has failed: its storage cannot be written` : undefined;
}
