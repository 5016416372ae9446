// Moving a VM's disk to another datastore while it keeps its host (Storage
// vMotion, Move-VMStorage, virsh blockcopy): the disk, and its data disks with
// it, copied at the slower datastore's rate, the guest running or not; the
// target holds room for them meanwhile, the source frees its share at the end.
import { hostAmounts } from '../claims.js';
import { type DiskPlacement, discharge, footprint, recharge, type StorageMove } from '../datastores.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { LOCAL_DISK_MBPS } from '../storage-io.js';
import { formatMiB } from '../units.js';
import { dataDisksOf, moveVolume, takenByMove, volumeKey, volumeUsed } from '../volumes.js';
import type { ClaimLevel } from '../workloads.js';

export interface Relocation {
  readonly copyMiB: number;
  readonly ms: number;
}

export function relocateStorage(core: Core, id: string, datastore: string): Result<Relocation> {
  const { workloads: wl, datastores: store, hosts } = core;
  const w = wl.indexOf(id);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  const to = store.indexOf(datastore);
  if (to === undefined) return fail('not-found', `no datastore named ${datastore}`);
  const record = wl.records[w];
  const state = wl.stateOf(w);
  const host = wl.host[w];
  if (record.kind !== 'vm') return fail('unsupported', `${id} is not a VM: only a VM's disk moves between datastores`);
  if (host < 0) return fail('invalid-state', `${id} is not on any host`);
  if (!['running', 'stopped', 'suspended', 'paused'].includes(state)) return fail('invalid-state', `cannot move ${id}'s disk while it is ${state}`);
  if (store.moves.has(w)) return fail('invalid-state', `${id}'s disk is already being moved`);
  if (core.migrations.has(w)) return fail('invalid-state', `cannot move ${id}'s disk while it is migrating`);
  const target = store.records[to];
  const from = store.of(w);
  if (allOn(core, w, to)) return fail('invalid-input', `${id}'s disk is already on datastore ${target.name}`);
  if (!store.sees(hosts, to, host)) return fail('invalid-input', `${hosts.records[host].id}, where ${id} runs, does not mount datastore ${target.name}`);
  const plan = storageMovePlan(core, w, id, to);
  if (!plan.ok) return plan;
  const { copyMiB } = plan.value;
  const ms = Math.max(1000, Math.round((copyMiB / plan.value.mbps) * 1000));
  // The move's own number, not the workload's lifecycle token: a restart or step scheduled for it still comes.
  const token = ++store.seq;
  store.moves.set(w, { workload: w, from, to, startedAt: core.clock.now, endsAt: core.clock.now + ms, token, reservedMiB: copyMiB, withMigration: false });
  store.used[to] += copyMiB;
  core.log.append({
    kind: 'workload.relocating',
    subjectType: 'workload',
    subjectId: record.id,
    severity: 'info',
    message: `Moving ${record.name}'s disk to datastore ${target.name}: copying ${formatMiB(copyMiB)}, about ${Math.round(ms / 1000)} s`,
  });
  core.clock.schedule(ms, { type: 'relocate', workload: w, token });
  core.changed();
  return ok({ copyMiB, ms });
}

/** Whether VM w's disk and all its data disks are on datastore `to` already: nothing to move. */
export function allOn(core: Core, w: number, to: number): boolean {
  return core.datastores.of(w) === to && dataDisksOf(core, w).every((v) => v.ds === to);
}

/**
 * What moving a VM's disks to datastore `to` copies (its own disk, unless it is there, and its data disks not there,
 * each keeping its name: none may clash there), checked for room, and the rate: the slowest of the disks' sources
 * and the target (a host's own disk reads at SATA III's).
 */
export function storageMovePlan(core: Core, w: number, id: string, to: number): Result<{ copyMiB: number; mbps: number }> {
  const { workloads: wl, datastores: store } = core;
  const target = store.records[to];
  const from = store.of(w);
  const p = store.disks.get(w);
  const data = dataDisksOf(core, w).filter((v) => v.ds !== to);
  const names = data.map((v) => v.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) return fail('duplicate-id', `${id} has two data disks named ${twice}: they cannot both go to datastore ${target.name}`);
  const clash = data.find((v) => store.volumes.has(volumeKey(to, -1, v.name)) || takenByMove(core, to, v.name) !== undefined);
  if (clash) return fail('duplicate-id', `datastore ${target.name} already holds a file named ${clash.name}, ${id}'s data disk`);
  // From its host's own storage the disk is allocated whole there; it stays as it was allocated.
  const own = from === to ? 0 : p ? footprint(core, w, p)[0] : wl.records[w].claim[2];
  const copyMiB = own + data.reduce((sum, v) => sum + volumeUsed(v), 0);
  if (copyMiB > store.free(to))
    return fail(
      'insufficient-capacity',
      `Insufficient disk space on datastore '${target.name}': ${id} needs ${formatMiB(copyMiB)}, it has ${formatMiB(Math.max(0, store.free(to)))} free`,
      undefined,
      { short: ['disk'], datastore: target.name },
    );
  const sources = [...(own > 0 ? [from] : []), ...data.map((v) => v.ds)];
  const mbps = Math.min(target.mbps, ...sources.map((ds) => (ds >= 0 ? store.records[ds].mbps : LOCAL_DISK_MBPS)));
  return ok({ copyMiB, mbps });
}

/** The clock says a disk's copy is done: it is on the target now, and the source's room is free. */
export function relocateDue(core: Core, w: number, token: number): void {
  const move = core.datastores.moves.get(w);
  if (!move || move.token !== token || move.withMigration) return;
  landMove(core, w, move);
}

/** A disk move's copy is done (a Storage vMotion's, or a vMotion with storage's as it lands): the disks are on its target now. */
export function landMove(core: Core, w: number, move: StorageMove): void {
  const { workloads: wl, datastores: store } = core;
  store.moves.delete(w);
  store.used[move.to] -= move.reservedMiB;
  const before = store.disks.get(w);
  if (wl.stateOf(w) === 'deleted') return;
  const record = wl.records[w];
  const name = store.records[move.to].name;
  if (before) {
    discharge(core, before);
    before.ds = move.to;
  } else {
    // Off its host's storage: allocated whole, as it was there; its host claim keeps no disk from now on.
    const p: DiskPlacement = { ds: move.to, format: 'thick', allocatedMiB: wl.diskMiB[w], carryMiB: 0, chargedUsed: 0, chargedProv: 0 };
    store.disks.set(w, p);
    // Less than it held: a claim always shrinks.
    if (wl.claimId[w] >= 0) core.ledger.resize(wl.claimId[w], hostAmounts(core, w, record.claim, wl.level[w] as ClaimLevel));
  }
  recharge(core, w);
  for (const v of dataDisksOf(core, w)) if (v.ds !== move.to) moveVolume(core, v, move.to);
  core.log.append({
    kind: 'workload.relocated',
    subjectType: 'workload',
    subjectId: record.id,
    severity: 'info',
    message: `${record.name}'s disk moved to datastore ${name} in ${Math.round((core.clock.now - move.startedAt) / 1000)} s`,
  });
  core.changed();
}
