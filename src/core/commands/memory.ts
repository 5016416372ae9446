// Changing a VM's memory configuration while it is off: its startup memory, and
// Hyper-V's Dynamic Memory on or off with its minimum, maximum and buffer.
import { resizeClaim } from '../claims.js';
import { type DynamicMemorySettings, dynamicMemoryProblem } from '../dynamic-memory.js';
import { followVmSize } from '../nested-size.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { MEM } from '../units.js';

export interface MemoryConfig {
  readonly startupMiB?: number;
  /** Dynamic Memory settings, or null to turn it off; leave undefined to keep them. */
  readonly dynamic?: DynamicMemorySettings | null;
}

export function configureMemory(core: Core, id: string, config: MemoryConfig): Result<void> {
  const wl = core.workloads;
  const w = wl.indexOf(id);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  const state = wl.stateOf(w);
  if (state !== 'stopped') return fail('invalid-state', `memory settings of ${id} can be changed only while it is off (it is ${state})`);
  const current = wl.dynamic.get(w);
  const startup = config.startupMiB ?? current?.startupMiB ?? wl.records[w].claim[MEM];
  const dynamic = config.dynamic === undefined ? current : (config.dynamic ?? undefined);
  if (!(Number.isInteger(startup) && startup >= 32)) return fail('invalid-input', `${id}: startup memory must be a whole number of MiB, at least 32`);
  if (dynamic) {
    const problem = dynamicMemoryProblem(id, startup, dynamic);
    if (problem) return fail('invalid-input', problem);
  }
  const claim = wl.records[w].claim;
  const r = resizeClaim(core, w, [claim[0], startup, claim[2]]);
  if (!r.ok) return r;
  wl.memoryMiB[w] = dynamic ? dynamic.maximumMiB : startup;
  if (dynamic) wl.dynamic.set(w, { minimumMiB: dynamic.minimumMiB, maximumMiB: dynamic.maximumMiB, bufferPct: dynamic.bufferPct, startupMiB: startup });
  else wl.dynamic.delete(w);
  followVmSize(core, w);
  core.changed();
  return ok(undefined);
}
