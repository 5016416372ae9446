// How docker ps words a container's status: moby daemon/container/state.go
// State.String() ("Up 5 seconds", "Up 2 hours (Paused)", "Restarting (1) 3
// seconds ago", "Created", "Exited (0) 3 minutes ago"), durations in go-units'
// HumanDuration. A container is Running to Docker from its start until it has
// exited, so one that is stopping still shows Up.
import type { WorkloadRow } from '../../core/workload-row.js';
import { humanDuration } from './go-units.js';

/**
 * The attribute of a container that was created but whose start failed (a host
 * port already allocated): Docker shows it "Created" until a start succeeds
 * (moby daemon/container/state.go String: Created while StartedAt is zero). It
 * holds the container's transition count then, so any start (a person's, a
 * restart policy's) leaves it stale without anyone clearing it.
 */
export const NEVER_STARTED = 'neverStarted';

/** Created and never started (see NEVER_STARTED). */
export function neverStarted(c: WorkloadRow): boolean {
  return c.state === 'stopped' && c.attrs[NEVER_STARTED] === c.token;
}

/**
 * Why the container's last start failed, and its transition count then: moby
 * daemon/start.go sets State.Error to it and the exit code to 128 (exitUnknown)
 * where it was 0, until a start succeeds (SetRunning clears them).
 */
export const START_ERROR = 'startError';
export const START_ERROR_AT = 'startErrorAt';

/** The error of a start that failed since the container last ran, if any. */
export function failedStart(c: WorkloadRow): string | undefined {
  const error = c.attrs[START_ERROR];
  return typeof error === 'string' && c.attrs[START_ERROR_AT] === c.token ? error : undefined;
}

/** The exit code Docker shows: the last one, or 128 after a failed start where it was 0. */
export function shownExitCode(c: WorkloadRow): number {
  const code = Math.max(0, c.exitCode);
  return code === 0 && failedStart(c) !== undefined ? EXIT_UNKNOWN : code;
}

/** moby daemon/start.go exitUnknown. */
const EXIT_UNKNOWN = 128;

export function dockerStatus(c: WorkloadRow, now: number): string {
  const state = c.state;
  const finished = humanDuration(now - c.sinceMs);
  const up = `Up ${humanDuration(c.runningSince >= 0 ? now - c.runningSince : 0)}`;
  switch (state) {
    case 'provisioning':
      return 'Created';
    case 'booting':
    case 'running':
    case 'stopping':
    case 'migrating':
      return up;
    case 'paused':
      return `${up} (Paused)`;
    case 'failed':
      // Its host went down under it: the daemon finds it dead when it comes back.
      return `Exited (255) ${finished} ago`;
    case 'stopped': {
      if (neverStarted(c)) return 'Created';
      const code = shownExitCode(c);
      return c.restarting ? `Restarting (${code}) ${finished} ago` : `Exited (${code}) ${finished} ago`;
    }
    default:
      return state;
  }
}

/** The State.Status word of `docker inspect` and `docker ps --format {{.State}}` (moby State.State()). */
export function dockerState(c: WorkloadRow): 'created' | 'running' | 'paused' | 'restarting' | 'exited' {
  const state = c.state;
  if (state === 'provisioning' || neverStarted(c)) return 'created';
  if (state === 'paused') return 'paused';
  if (state === 'stopped' && c.restarting) return 'restarting';
  if (state === 'booting' || state === 'running' || state === 'stopping' || state === 'migrating') return 'running';
  return 'exited';
}
