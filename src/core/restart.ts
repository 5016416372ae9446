// Exits and restart policies (Docker's): a workload that exits on its own (an OOM
// kill, a crash) or whose host comes back is restarted or not by its policy:
//   no              never
//   on-failure[:N]  after a non-zero exit, up to N times
//   always          always; a container a person stopped comes back when its host does
//   unless-stopped  like always, except after a person stopped it
// Restarts back off like Docker's: 100 ms, doubling, at most a minute.
import { claimForPowerOn, setClaim } from './claims.js';
import { haCandidates, haProtects } from './ha-restart.js';
import { claimLevel, planFor } from './lifecycle.js';
import { fail } from './result.js';
import type { Core } from './state.js';
import { cancelPlan, runPlan, setState } from './transitions.js';

export const RESTART_POLICIES = ['no', 'on-failure', 'always', 'unless-stopped'] as const;
export type RestartPolicy = (typeof RESTART_POLICIES)[number];

const BACKOFF_FIRST_MS = 100;
const BACKOFF_MAX_MS = 60_000;

/** The workload's process ended with `code`: it stops where it is, then its policy decides. */
export function exitWorkload(core: Core, w: number, code: number, why: string): void {
  const wl = core.workloads;
  cancelPlan(core, w);
  wl.exitCode[w] = code;
  setState(core, w, 'stopped', undefined, `exited (${code}): ${why}`);
  setClaim(core, w, claimLevel(wl.records[w].kind, 'stopped'));
  if (shouldRestart(core, w, code)) scheduleRestart(core, w);
}

function shouldRestart(core: Core, w: number, code: number): boolean {
  const wl = core.workloads;
  const policy = RESTART_POLICIES[wl.restartPolicy[w]];
  if (policy === 'no' || wl.userStopped[w]) return false;
  if (policy === 'on-failure') return code !== 0 && (wl.restartMax[w] === 0 || wl.restartCount[w] < wl.restartMax[w]);
  return true;
}

function scheduleRestart(core: Core, w: number): void {
  const wl = core.workloads;
  const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(wl.restartCount[w], 20));
  wl.restarting[w] = 1;
  core.clock.schedule(delay, { type: 'restart', workload: w, token: wl.token[w] });
}

/** The clock says it is time to restart workload w (unless something else happened to it meanwhile). */
export function restartDue(core: Core, w: number, token: number): void {
  const wl = core.workloads;
  if (wl.token[w] !== token || wl.stateOf(w) !== 'stopped') return;
  wl.restarting[w] = 0;
  const h = wl.host[w];
  if (h < 0 || !core.hosts.isConnected(h)) return; // its host is down: it comes back with the host
  const record = wl.records[w];
  // The driver's say first (a Docker port another container took meanwhile): the daemon then leaves it stopped.
  const guarded = core.startGuards.get(record.platform)?.(record.id, true);
  const raised = guarded === undefined ? claimForPowerOn(core, w, claimLevel(record.kind, 'running')) : fail('invalid-state', guarded);
  if (!raised.ok) {
    core.log.append({
      kind: 'workload.restart-failed',
      subjectType: 'workload',
      subjectId: record.id,
      severity: 'warning',
      message: `${record.name} could not restart: ${raised.error.message}`,
    });
    return;
  }
  wl.restartCount[w] = Math.min(65535, wl.restartCount[w] + 1);
  runPlan(core, w, planFor('start', 'stopped', wl.records[w].durations, core.rng));
}

/**
 * A host is back: workloads on it that went down with it restart as their policy
 * says; `always` brings back even those a person stopped (Docker restarts them
 * when its daemon starts), `unless-stopped` does not.
 */
export function hostBack(core: Core, host: number): void {
  const wl = core.workloads;
  // VMs HA could not place elsewhere come back where they are.
  const ha = haProtects(core, host) ? new Set(haCandidates(core, host)) : new Set<number>();
  for (let w = 0; w < wl.count; w++) {
    if (wl.host[w] !== host) continue;
    const state = wl.stateOf(w);
    if (state !== 'failed' && state !== 'stopped') continue;
    const policy = RESTART_POLICIES[wl.restartPolicy[w]];
    // on-failure:N keeps counting when a host comes back: no more than N restarts in all.
    const retriesLeft = wl.restartMax[w] === 0 || wl.restartCount[w] < wl.restartMax[w];
    const comeBack =
      ha.has(w) || policy === 'always' || (policy === 'unless-stopped' && !wl.userStopped[w]) || (policy === 'on-failure' && state === 'failed' && retriesLeft);
    if (!comeBack) continue;
    if (state === 'failed') setState(core, w, 'stopped', undefined, 'its host is back');
    wl.userStopped[w] = 0;
    wl.restarting[w] = 1;
    core.clock.schedule(0, { type: 'restart', workload: w, token: wl.token[w] });
  }
}
