// Taking, reverting to and deleting snapshots. A snapshot with memory needs the
// guest powered on and takes its RAM's worth of disk; taking one freezes the
// running delta into it. Reverting brings back the spec and the power state the
// snapshot was taken in and throws away what was written since. Deleting one
// merges its delta where it is still needed (into its children, or into the
// running delta when the guest runs from it) and frees the rest.

import { resizeClaim, setClaim } from '../claims.js';
import { consolidate, recharge } from '../datastores.js';
import { guestMemoryMiB } from '../dynamic-memory.js';
import { claimLevel } from '../lifecycle.js';
import { followVmSize } from '../nested-size.js';
import { fail, ok, type Result } from '../result.js';
import type { CapturedPower, Snapshot } from '../snapshots.js';
import type { Core } from '../state.js';
import { cancelPlan, setState } from '../transitions.js';
import { formatMiB, MEM } from '../units.js';
import { badId } from '../validate.js';
import { linkedClonesOf } from './clone.js';
import { isTemplate } from './template.js';

// A guest that is booting is powered on: vSphere, Hyper-V and libvirt snapshot it as any powered-on VM
// (vSphere's CreateSnapshot_Task needs poweredOn, poweredOff or suspended; there is no "booting" power state).
const CAPTURABLE: readonly string[] = ['running', 'booting', 'paused', 'suspended', 'stopped'];

function workload(core: Core, id: string): Result<number> {
  const w = core.workloads.indexOf(id);
  if (w === undefined || core.workloads.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  return ok(w);
}

export function takeSnapshot(core: Core, id: string, name: string, options: { memory?: boolean; description?: string } = {}): Result<Snapshot> {
  const found = workload(core, id);
  if (!found.ok) return found;
  const w = found.value;
  const wl = core.workloads;
  const state = wl.stateOf(w);
  const bad = badId('snapshot', name);
  if (bad) return fail('invalid-input', bad);
  if (!CAPTURABLE.includes(state)) return fail('invalid-state', `cannot snapshot ${id} while it is ${state}`, undefined, { state });
  const tree = core.snapshots.of(w);
  if (tree.list.some((s) => s.name === name)) return fail('duplicate-id', `${id} already has a snapshot named ${name}`);
  const withMemory = options.memory === true && (state === 'running' || state === 'booting' || state === 'paused');
  const snapshot: Snapshot = {
    name,
    parent: tree.current,
    description: options.description ?? '',
    createdAt: core.clock.now,
    cpuMilli: wl.cpuMilli[w],
    memoryMiB: wl.memoryMiB[w],
    diskMiB: wl.diskMiB[w],
    // Reverting to it brings the VM back powered on, its guest up (as the memory image holds it).
    power: (state === 'booting' ? 'running' : state) as CapturedPower,
    withMemory,
    sizeMiB: withMemory ? guestMemoryMiB(wl, w) : 0,
    // What was written since the last snapshot is frozen into this one; new writes start a new delta.
    deltaMiB: tree.runningMiB,
  };
  if (snapshot.sizeMiB > 0) {
    const claim = wl.records[w].claim;
    const grown = resizeClaim(core, w, [claim[0], claim[1], claim[2] + snapshot.sizeMiB]);
    if (!grown.ok)
      return fail('insufficient-capacity', `not enough disk for the memory image of ${id}: ${grown.error.message}`, grown.error.details, grown.error.facts);
  }
  tree.list.push(snapshot);
  tree.current = name;
  tree.runningMiB = 0;
  log(core, w, 'snapshot.taken', `Snapshot ${name} of ${wl.records[w].name} taken${withMemory ? `, with ${formatMiB(snapshot.sizeMiB)} of memory` : ''}`);
  return ok(snapshot);
}

export function revertSnapshot(core: Core, id: string, name: string): Result<Snapshot> {
  const found = workload(core, id);
  if (!found.ok) return found;
  const w = found.value;
  const wl = core.workloads;
  const snapshot = core.snapshots.find(w, name);
  if (!snapshot) return fail('not-found', `${id} has no snapshot named ${name}`);
  const state = wl.stateOf(w);
  if (state === 'migrating' || state === 'provisioning') return fail('invalid-state', `cannot revert ${id} while it is ${state}`, undefined, { state });
  // A snapshot of a running guest without its memory comes back powered off, as vSphere does.
  const power: CapturedPower =
    snapshot.power === 'running' || snapshot.power === 'paused' ? (snapshot.withMemory ? snapshot.power : 'stopped') : snapshot.power;
  const record = wl.records[w];
  if (power === 'running' || power === 'paused') {
    const h = wl.host[w];
    if (h < 0 || !core.hosts.isConnected(h))
      return fail(
        'invalid-state',
        `cannot revert ${id} to ${name} powered on: its host ${h < 0 ? '(none)' : `${core.hosts.records[h].id} is ${core.hosts.state(h)}`}`,
      );
    if (isTemplate(core, w)) return fail('invalid-state', `${id} is a template: it cannot be reverted to a powered-on snapshot`);
  }
  const before = record.claim;
  // The claim follows the spec where it was the spec; a driver's own claim (a
  // container's reservation, Dynamic Memory's assigned memory) stays as it is.
  const follow = (claimed: number, spec: number, saved: number) => (claimed === spec ? saved : claimed);
  const tree = core.snapshots.of(w);
  // What was written since the current snapshot is thrown away with the revert.
  const discarded = tree.runningMiB;
  // Dynamic Memory stays as it is set now (a VM's memory is then its maximum, its claim what it is assigned).
  const dm = wl.dynamic.get(w);
  const claim: typeof record.claim = [
    follow(record.claim[0], wl.cpuMilli[w], snapshot.cpuMilli),
    dm ? record.claim[MEM] : follow(record.claim[MEM], wl.memoryMiB[w], snapshot.memoryMiB),
    Math.max(0, snapshot.diskMiB + (record.claim[2] - wl.diskMiB[w]) - discarded),
  ];
  const resized = resizeClaim(core, w, claim, snapshot.diskMiB);
  if (!resized.ok) return fail('insufficient-capacity', `cannot revert ${id} to ${name}: ${resized.error.message}`, resized.error.details, resized.error.facts);
  const level = claimLevel(record.kind, power);
  if (level !== wl.level[w] && wl.host[w] >= 0) {
    const raised = setClaim(core, w, level);
    if (!raised.ok) {
      resizeClaim(core, w, before);
      return fail('insufficient-capacity', `cannot revert ${id} to ${name}: ${raised.error.message}`, raised.error.details, raised.error.facts);
    }
  }
  wl.cpuMilli[w] = snapshot.cpuMilli;
  wl.memoryMiB[w] = dm ? dm.maximumMiB : snapshot.memoryMiB;
  wl.diskMiB[w] = snapshot.diskMiB;
  recharge(core, w);
  followVmSize(core, w);
  cancelPlan(core, w);
  if (power !== state) setState(core, w, power, undefined, `reverted to snapshot ${name}`);
  tree.current = name;
  tree.runningMiB = 0;
  log(
    core,
    w,
    'snapshot.reverted',
    `${record.name} reverted to snapshot ${name} (${power})${discarded >= 1 ? `, ${formatMiB(discarded)} written since discarded` : ''}`,
  );
  return ok(snapshot);
}

export function deleteSnapshot(core: Core, id: string, name: string): Result<Snapshot> {
  const found = workload(core, id);
  if (!found.ok) return found;
  const w = found.value;
  const tree = core.snapshots.of(w);
  const i = tree.list.findIndex((s) => s.name === name);
  if (i < 0) return fail('not-found', `${id} has no snapshot named ${name}`);
  const busy = core.workloads.stateOf(w);
  if (busy === 'migrating' || busy === 'provisioning')
    return fail('invalid-state', `cannot delete a snapshot of ${id} while it is ${busy}`, undefined, { state: busy });
  const clones = linkedClonesOf(core, w, name);
  if (clones.length > 0) return fail('invalid-state', `cannot delete snapshot ${name} of ${id}: linked clones are based on it (${clones.join(', ')})`);
  const before = core.snapshots.totalMiB(w);
  const disk = core.workloads.diskMiB[w];
  const [gone] = tree.list.splice(i, 1);
  // Its children now hang from its parent, each taking in the changes it held;
  // if the guest runs from it, those changes go on in the running delta.
  let children = 0;
  tree.list.forEach((s, k) => {
    if (s.parent !== name) return;
    children++;
    tree.list[k] = { ...s, parent: gone.parent, deltaMiB: Math.min(disk, s.deltaMiB + gone.deltaMiB) };
  });
  if (tree.current === name) {
    tree.current = gone.parent;
    if (children === 0) tree.runningMiB = Math.min(disk, tree.runningMiB + gone.deltaMiB);
  }
  // With no snapshot left the running delta is consolidated into the disk itself (a thin one takes in what it holds).
  if (tree.list.length === 0) {
    consolidate(core, w, tree.runningMiB);
    tree.runningMiB = 0;
    tree.carryMiB = 0;
  }
  const freed = before - core.snapshots.totalMiB(w);
  if (freed !== 0) {
    const claim = core.workloads.records[w].claim;
    resizeClaim(core, w, [claim[0], claim[1], Math.max(0, claim[2] - freed)]);
  }
  log(core, w, 'snapshot.deleted', `Snapshot ${name} of ${core.workloads.records[w].name} deleted`);
  return ok(gone);
}

function log(core: Core, w: number, kind: string, message: string): void {
  core.log.append({ kind, subjectType: 'workload', subjectId: core.workloads.records[w].id, severity: 'info', message });
  core.changed();
}
