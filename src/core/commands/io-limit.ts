// A disk's own IOPS limit: virsh blkdeviotune --total-iops-sec, Set-VMHardDiskDrive -MaximumIOPS.
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { MAX_IOPS, setIopsLimit } from '../storage-io.js';
import { badCount } from '../validate.js';
import { note } from './note.js';

/** Caps VM `id`'s disk at `iops` (of IO_KIB each); 0 lifts the cap. */
export function limitIops(core: Core, id: string, iops: number): Result<void> {
  const w = core.workloads.indexOf(id);
  if (w === undefined || core.workloads.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  if (core.workloads.records[w].kind !== 'vm') return fail('invalid-input', `${id}: only a VM's disk takes an IOPS limit`);
  const problem = badCount('IOPS limit', iops, { min: 0, max: MAX_IOPS, integer: true });
  if (problem) return fail('invalid-input', problem);
  const before = core.datastores.io.limits.get(w);
  setIopsLimit(core, w, iops);
  if (before !== (iops > 0 ? iops : undefined))
    note(core, 'disk.iops-limit', 'workload', id, iops > 0 ? `Disk of ${id} limited to ${iops} IOPS` : `IOPS limit of ${id}'s disk lifted`);
  return ok(undefined);
}
