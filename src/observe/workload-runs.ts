// A workload's runs, read back from the event log: when each began to boot (or
// start), when it came up, the live migrations it lived through, and when and
// why it ended. Logs are written from these (a VM's console, a container's
// output), so the same events give the same log, byte for byte.

import type { LogEntry, SimulationApi } from '../core/index.js';

/** How a run ended: stopped (and the rest) as the log says; rebooted when it booted again without stopping first (a restart). */
export type RunEnd = 'stopped' | 'failed' | 'suspended' | 'deallocated' | 'deleted' | 'rebooted';

export interface Run {
  /** When it began to boot (or, a container, to start). */
  bootAt: number;
  /** When it came up (running), if it did. */
  upAt?: number;
  /** When its shutdown began (stopping), if it was shut down. */
  stoppingAt?: number;
  endAt?: number;
  end?: RunEnd;
  /** What the log said of the end ("exited (137): OOM-killed, ..."). */
  why?: string;
  /** Live migrations it ran through: when each began and ended, and the hosts. */
  readonly migrations: { readonly at: number; endAt?: number; readonly from?: string; to?: string }[];
}

const ENDS = new Set<string>(['stopped', 'failed', 'suspended', 'deallocated', 'deleted']);
/** States a workload enters only from running: its first event being one of these means it was up before. */
const UP_BEFORE = new Set<string>(['stopping', 'stopped', 'failed', 'suspended', 'deallocated', 'migrating', 'paused']);

/** Its runs, oldest first, from the event log (a run whose start the bounded log no longer holds begins at its uptime's start). */
export function runsOf(sim: SimulationApi, id: string): Run[] {
  const row = sim.workloadRow(id);
  if (!row) return [];
  const entries: LogEntry[] = [];
  for (let i = 0; i < sim.log.size; i++) {
    const e = sim.log.at(i)!;
    if (e.subjectId === id && e.subjectType === 'workload' && e.kind.startsWith('workload.')) entries.push(e);
  }
  const runs: Run[] = [];
  let current: Run | undefined;
  // Its first event says it was already up (it stops, fails, moves): it ran from before what the log holds, from
  // the start of the estate if the log has kept everything, else from its oldest entry.
  const first = entries[0]?.kind.slice('workload.'.length);
  if (first !== undefined && UP_BEFORE.has(first)) {
    const from = sim.log.total === sim.log.size ? 0 : (sim.log.at(0)?.at ?? 0);
    current = { bootAt: from, upAt: from, migrations: [] };
    runs.push(current);
  }
  for (const e of entries) {
    const state = e.kind.slice('workload.'.length);
    // An id used again after a delete is another workload: its log starts after that.
    if (state === 'deleted' && (e !== entries[entries.length - 1] || row.state !== 'deleted')) {
      runs.length = 0;
      current = undefined;
      continue;
    }
    const why = e.message.includes(': ') ? e.message.slice(e.message.indexOf(': ') + 2) : undefined;
    if (state === 'booting' || state === 'provisioning') {
      // Booting while up is a restart: the run ends there, and the next begins.
      if (current && current.endAt === undefined && current.upAt !== undefined) {
        current.endAt = e.at;
        current.end = 'rebooted';
      }
      if (!current || current.endAt !== undefined) {
        current = { bootAt: e.at, migrations: [] };
        runs.push(current);
      }
    } else if (state === 'running') {
      if (!current || current.endAt !== undefined) {
        current = { bootAt: e.at, upAt: e.at, migrations: [] };
        runs.push(current);
      }
      const moving = current.migrations.at(-1);
      if (moving && moving.endAt === undefined) {
        moving.endAt = e.at;
        moving.to = /on ([^\s:,]+)/.exec(e.message)?.[1];
      } else current.upAt ??= e.at;
    } else if (state === 'migrating') {
      // A live migration: the guest runs on (a cold one moves a stopped VM, which has no run).
      if (current && current.endAt === undefined) current.migrations.push({ at: e.at, from: /on ([^\s:,]+)/.exec(e.message)?.[1] });
    } else if (state === 'stopping') {
      if (current && current.endAt === undefined) current.stoppingAt ??= e.at;
    } else if (ENDS.has(state) && current && current.endAt === undefined) {
      current.endAt = e.at;
      current.end = state as RunEnd;
      if (why !== undefined) current.why = why;
    }
  }
  // The log is bounded: the run it is in began when its uptime did, perhaps before the oldest entry the log holds.
  const since = row.runningSince;
  const last = runs[runs.length - 1];
  if (since >= 0 && last && last.endAt === undefined && since < last.bootAt && last.upAt === last.bootAt) {
    last.bootAt = since;
    last.upAt = since;
  } else if (since >= 0 && (!last || last.endAt !== undefined)) runs.push({ bootAt: since, upAt: since, migrations: [] });
  return runs;
}
