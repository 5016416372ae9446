// Setting how busy a workload is (a scenario's "the batch job starts"): it
// becomes steady at that level of its vCPUs, and its active memory is the share
// given, or the steady model's. Demand changes from the next tick.
import { codeOf, UTILIZATION_MODELS } from '../model.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { note } from './note.js';

export function setLoad(core: Core, id: string, level: number, memory?: number): Result<void> {
  const wl = core.workloads;
  const w = wl.indexOf(id);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  if (!(Number.isFinite(level) && level >= 0 && level <= 1)) return fail('invalid-input', `load must be between 0 and 1, got ${level}`);
  if (memory !== undefined && !(Number.isFinite(memory) && memory > 0 && memory <= 1))
    return fail('invalid-input', `active memory must be above 0 and at most 1, got ${memory}`);
  wl.model[w] = codeOf(UTILIZATION_MODELS, 'steady');
  wl.modelLevel[w] = level;
  wl.burst[w] = 0;
  wl.memLevel[w] = memory ?? 0;
  note(
    core,
    'workload.load',
    'workload',
    id,
    `Load on ${wl.records[w].name} set to ${Math.round(level * 100)}% of its vCPUs${memory === undefined ? '' : ` and ${Math.round(memory * 100)}% of its memory`}`,
  );
  return ok(undefined);
}
