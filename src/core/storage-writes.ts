// The tick's disk writes. A guest writes at a rate that follows how busy it is;
// with a snapshot its writes land in the running delta (snapshot-writes.ts),
// else a thin disk on a datastore grows by them until it is its full size. A
// disk that cannot grow pauses its guest, as vSphere stuns a VM whose datastore
// is full ("There is no more space for virtual disk ...") until someone answers
// Retry (resumes it): with room by then it goes on, without it pauses again.
// No source says ESXi retries by itself (msg.hbacommon.outofspace asks a person).
import { recharge } from './datastores.js';
import { codeOf, WORKLOAD_STATES } from './model.js';
import type { Core } from './state.js';
import { dataDiskWriteMiBps, writeMiBps } from './storage-io.js';
import { cancelPlan, setState } from './transitions.js';
import { rechargeVolume } from './volumes.js';

const RUNNING = codeOf(WORKLOAD_STATES, 'running');
const PAUSED = codeOf(WORKLOAD_STATES, 'paused');

/** What workload w writes in one tick, MiB, with the fraction carried from before (a throttled disk writes no faster than its limit lets it). */
export function writtenMiB(core: Core, w: number, carryMiB: number): number {
  return carryMiB + writeMiBps(core, w) * (core.tickMs / 1000);
}

/** Thin disks on datastores grow by what their guests write (those without a snapshot: theirs write into the delta). */
export function thinDiskWrites(core: Core): void {
  const { workloads: wl, datastores: store } = core;
  for (const [w, p] of store.disks) {
    if (p.format !== 'thin' || wl.state[w] !== RUNNING || p.allocatedMiB >= wl.diskMiB[w]) continue;
    if ((core.snapshots.peek(w)?.list.length ?? 0) > 0) continue;
    const room = wl.diskMiB[w] - p.allocatedMiB;
    const written = writtenMiB(core, w, p.carryMiB);
    // Allocations are whole MiB: the fraction waits for the next tick.
    const wrote = Math.min(room, Math.floor(written));
    p.carryMiB = wrote < room ? written - wrote : 0;
    if (!(wrote > 0)) continue;
    if (!roomToGrow(core, w, p.ds, wrote, 'its disk')) continue;
    p.allocatedMiB += wrote;
    recharge(core, w);
  }
}

/**
 * Whether a disk of VM w on datastore `ds` (-1: its host's own storage, where it is claimed whole) can take `wrote` MiB
 * more: there, and on the datastore a move of its VM's disks is copying it to (the mirror driver writes both), whose
 * held room grows by it. If not, the VM is paused.
 */
function roomToGrow(core: Core, w: number, ds: number, wrote: number, what: string, volume?: string): boolean {
  const store = core.datastores;
  const move = store.moves.get(w);
  // A disk already where the move goes is not copied (a move of the data disks only).
  const to = move !== undefined && move.to !== ds ? move.to : -1;
  if ((ds >= 0 && wrote > store.free(ds)) || (to >= 0 && wrote > store.free(to))) {
    const full = to >= 0 && wrote > store.free(to) ? to : ds;
    stun(core, w, wrote, `no more space on datastore ${store.records[full].name} for ${what}`, volume);
    return false;
  }
  if (to >= 0) {
    move!.reservedMiB += wrote;
    store.used[to] += wrote;
  }
  return true;
}

/**
 * Thin data disks grow by their share of their running guests' writes (storage-io.ts diskCount), on whatever store
 * they are on: a datastore that cannot take it pauses the guest, as its own disk's would. One on a host's own
 * storage already claims its whole size there.
 */
export function thinDataDiskWrites(core: Core): void {
  const { workloads: wl, datastores: store } = core;
  // In workload order, which a reload keeps (the index's own order follows when each VM got its first data disk).
  for (const w of attachedInOrder(core)) {
    if (wl.state[w] !== RUNNING) continue;
    const list = store.attached.get(w)!;
    for (const v of list) {
      if (v.format !== 'thin' || v.allocatedMiB >= v.capacityMiB) continue;
      const room = v.capacityMiB - v.allocatedMiB;
      const written = v.carryMiB + dataDiskWriteMiBps(core, w) * (core.tickMs / 1000);
      const wrote = Math.min(room, Math.floor(written));
      v.carryMiB = wrote < room ? written - wrote : 0;
      if (!(wrote > 0)) continue;
      // One on its host's own storage claims its whole size there already: only a move's target needs the room.
      if (!roomToGrow(core, w, v.ds, wrote, `its data disk ${v.name}`, v.name)) break;
      v.allocatedMiB += wrote;
      rechargeVolume(core, v);
    }
  }
}

/** The VMs with data disks, in workload order. */
export function attachedInOrder(core: Core): number[] {
  return [...core.datastores.attached.keys()].sort((a, b) => a - b);
}

/** Pauses a running guest whose disk (`volume`: that data disk; none: its own) could not take `needMiB` more, until someone resumes it. */
export function stun(core: Core, w: number, needMiB: number, why: string, volume?: string): void {
  cancelPlan(core, w);
  core.datastores.stunned.set(w, needMiB);
  if (volume === undefined) core.datastores.stunnedOn.delete(w);
  else core.datastores.stunnedOn.set(w, volume);
  setState(core, w, 'paused', undefined, why);
}

/** A guest paused for want of disk has its question (vSphere's "There is no more space ...") until it runs again, however it came to. */
export function forgetAnswered(core: Core): void {
  const { workloads: wl, datastores: store } = core;
  for (const w of store.stunned.keys())
    if (wl.state[w] !== PAUSED) {
      store.stunned.delete(w);
      store.stunnedOn.delete(w);
    }
}
