// A native command that returns only when the real one would: `docker run -d`
// once the container runs, `az vm create` once the VM is provisioned, `Stop-VM`
// once the VM is off. A driver answers with what is printed at once and a
// Blocking: what the command waits for, whether that has happened, and what it
// prints when it returns. Whoever runs the command (exec, a tape's Sim run, the
// console's prompt) lets simulated time pass until then. Each platform's rules
// of which commands block, and until what, are in its defaults.ts with sources.

import { formatDurationMs } from '../core/duration.js';
import type { WorkloadState } from '../core/model.js';
import type { SimulationApi } from '../core/simulation-api.js';
import type { ExecResult } from './provider.js';

export interface Blocking {
  /** What the command waits for, in a few words ("web to start"): shown while it runs. */
  readonly waitingFor: string;
  /** Whether the real command would have returned by now. */
  done(): boolean;
  /** What it prints when it returns, read from the estate as it is then. */
  answer(): ExecResult;
}

/**
 * How long a command may wait at most, in simulated time: longer than any
 * lifecycle step the drivers declare (an OS installation is the longest, under an
 * hour), so reaching it means the thing waited for cannot happen.
 */
export const MAX_BLOCK_MS = 6 * 3_600_000;

/** What a workload is waited for until. */
export type Until =
  /** Its plan is over: it has settled in a state (or failed, or is gone). */
  | 'settled'
  /** It is powered on (booting counts: the guest boots inside a VM that is on), or settled. */
  | 'powered-on';

/**
 * Whether workload `id` has got where a command waits for it to get. A workload
 * that is gone or failed counts as there: the real command returns then too
 * (with whatever it says of it).
 */
export function reached(sim: SimulationApi, id: string, until: Until): boolean {
  const row = sim.workloadRow(id);
  if (row === undefined) return true;
  const state: WorkloadState = row.state;
  if (state === 'deleted' || state === 'failed' || !row.inTransition) return true;
  return until === 'powered-on' && (state === 'booting' || state === 'running');
}

/** A command's blocking on one workload, its answer read when it returns. */
export function blockOn(sim: SimulationApi, id: string, until: Until, waitingFor: string, answer: () => ExecResult): Blocking {
  return { waitingFor, done: () => reached(sim, id, until), answer };
}

/** A command's blocking on several workloads (docker stop a b c), answered when all are there. */
export function blockOnAll(sim: SimulationApi, ids: readonly string[], until: Until, waitingFor: string, answer: () => ExecResult): Blocking {
  return { waitingFor, done: () => ids.every((id) => reached(sim, id, until)), answer };
}

/** A command that blocks until simulated time `at` (a pull, a copy, an installation). */
export function blockUntilTime(sim: SimulationApi, at: number, waitingFor: string, answer: () => ExecResult): Blocking {
  return { waitingFor, done: () => sim.now >= at, answer };
}

/** Joins what a command printed at once with what it prints when it returns. */
export function joined(first: ExecResult, last: ExecResult): ExecResult {
  return { exitCode: last.exitCode, stdout: first.stdout + last.stdout, stderr: first.stderr + last.stderr, changed: first.changed || last.changed };
}

/**
 * Lets simulated time pass, event by event, until the command returns (exec,
 * Sim run: nothing else happens meanwhile). Returns how long it waited, or
 * undefined if it gave up at MAX_BLOCK_MS (or the end of time).
 */
export function waitOut(sim: SimulationApi, b: Blocking): number | undefined {
  const start = sim.now;
  const end = start + MAX_BLOCK_MS;
  while (!b.done()) {
    const next = sim.nextEventAt();
    if (next === undefined || next > end) {
      if (sim.now < end) sim.advanceTo(end, true);
      if (!b.done()) return undefined;
      break;
    }
    const before = sim.now;
    sim.advanceTo(next, true);
    if (sim.now === before && next > before) return undefined; // the end of time
  }
  if (sim.now !== start) sim.notify();
  return sim.now - start;
}

/** A command's whole answer, once it has returned (simulated time passing until then, if it blocks). */
export function returned(sim: SimulationApi, r: ExecResult): ExecResult {
  const b = r.blocking;
  if (!b) return r;
  const { blocking: _b, ...first } = r;
  const waited = waitOut(sim, b);
  if (waited === undefined) {
    return {
      ...first,
      exitCode: 1,
      stderr: `${first.stderr}hyperpane: stopped waiting for ${b.waitingFor} after ${formatDurationMs(MAX_BLOCK_MS)} of simulated time: it is not going to happen\n`,
      changed: true,
    };
  }
  return joined(first, { ...b.answer(), changed: first.changed || waited > 0 });
}
