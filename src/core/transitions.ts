// State transitions of workloads and hosts: running a workload's plan on the
// clock (enter a step, schedule its end, settle), and a host going down or back.
// Every state a workload enters is logged; a container host backed by a VM goes
// down and comes back with that VM. What reacts to a host failing or coming back
// is called through Core.reactions, so nothing here imports its own callers.

import { forgetWorkload } from './backups.js';
import { accrue } from './billing.js';
import { setClaim } from './claims.js';
import { recharge } from './datastores.js';
import type { Severity } from './event-log.js';
import { claimLevel, isPoweredOn } from './lifecycle.js';
import { codeOf, WORKLOAD_STATES, type WorkloadState } from './model.js';
import type { Core } from './state.js';
import { NO_PLAN, NO_TARGET, type PlanStep } from './workloads.js';

export interface ScheduledStep {
  readonly workload: string;
  readonly state: WorkloadState;
  /** Sim time at which the workload enters this state. */
  readonly at: number;
  /** How long it stays there before the next step (0 for the state it settles in). */
  readonly durationMs: number;
}

/** Starts `plan` now; its claim must already be in place. Returns when each step begins. */
export function runPlan(core: Core, w: number, plan: PlanStep[]): ScheduledStep[] {
  const record = core.workloads.records[w];
  const out: ScheduledStep[] = [];
  let at = core.clock.now;
  for (const step of plan) {
    out.push({ workload: record.id, state: step.state, at, durationMs: step.ms });
    at += step.ms;
  }
  record.plan = plan;
  // A restart that was waiting is overtaken by this plan (its event is stale from here).
  core.workloads.restarting[w] = 0;
  core.workloads.inTransition.add(w);
  enterStep(core, w);
  return out;
}

/** The clock says the current step of workload w is over (unless its token is stale). */
export function stepDue(core: Core, w: number, token: number): void {
  const wl = core.workloads;
  if (wl.token[w] !== token) return; // the plan was replaced or cancelled meanwhile
  if (wl.records[w].plan.length === 0) return; // nothing under way (a file's stray event)
  wl.records[w].plan.shift();
  enterStep(core, w);
}

/** Cancels whatever plan the workload was running (its scheduled step becomes stale). */
export function cancelPlan(core: Core, w: number): void {
  accrue(core, w); // billing reads the target (deallocating is free): charge the time so far before it is cleared
  core.workloads.restarting[w] = 0;
  core.workloads.records[w].plan = NO_PLAN;
  core.workloads.inTransition.delete(w);
  core.workloads.target[w] = NO_TARGET;
  core.workloads.token[w]++;
}

function enterStep(core: Core, w: number): void {
  const wl = core.workloads;
  const record = wl.records[w];
  const step = record.plan[0];
  const last = record.plan.length === 1;
  const target = record.plan[record.plan.length - 1].state;
  setState(core, w, step.state, last ? undefined : target);
  wl.token[w]++;
  if (!last && step.ms === 0) {
    // A step that takes no time is passed through at once (and still logged).
    record.plan.shift();
    enterStep(core, w);
    return;
  }
  if (last) {
    record.plan = NO_PLAN;
    wl.inTransition.delete(w);
    // Settling may need less than the plan held (a stopped VM keeps only its disk).
    setClaim(core, w, claimLevel(record.kind, step.state));
  } else {
    core.clock.schedule(step.ms, { type: 'step', workload: w, token: wl.token[w] });
  }
}

/** Sets a workload's state and everything that follows from it, and logs it. */
export function setState(core: Core, w: number, state: WorkloadState, target?: WorkloadState, why?: string, log = true): void {
  const wl = core.workloads;
  const before = wl.stateOf(w);
  accrue(core, w);
  wl.state[w] = codeOf(WORKLOAD_STATES, state);
  wl.target[w] = target === undefined ? NO_TARGET : codeOf(WORKLOAD_STATES, target);
  wl.since[w] = core.clock.now;
  // Answering: running, or live-migrating (a cold migration moves a stopped one, which answers nothing).
  const answered = before === 'running' || (before === 'migrating' && wl.runningSince[w] >= 0);
  if (state === 'running' && before !== 'running' && before !== 'migrating') wl.runningSince[w] = core.clock.now;
  if (!isPoweredOn(state) && state !== 'migrating') wl.runningSince[w] = -1;
  // When it last stopped answering: kept while it runs again, so a load balancer can tell how long it was away.
  if (answered && state !== 'running' && state !== 'migrating') wl.downSince[w] = core.clock.now;
  if (log) {
    const record = wl.records[w];
    const where = wl.host[w] >= 0 ? ` on ${core.hosts.records[wl.host[w]].id}` : '';
    const severity: Severity = state === 'failed' ? 'critical' : 'info';
    core.log.append({
      kind: `workload.${state}`,
      subjectType: 'workload',
      subjectId: record.id,
      severity,
      message: sentence(record.name, state, target, where) + (why ? `: ${why}` : ''),
    });
  }
  if (state === 'deleted') {
    recharge(core, w);
    core.quotas.release(w);
    forgetWorkload(core.backups, wl.records[w].id);
  }
  if (wl.backs[w] >= 0) followBackingVm(core, w, state);
}

/** Whether a migrating VM's guest runs meanwhile: in a live move, yes; in a cold one, not. */
export function vmUpWhileMoving(core: Core, w: number): boolean {
  const m = core.migrations.get(w);
  return m?.live === true;
}

function sentence(name: string, state: WorkloadState, target: WorkloadState | undefined, where: string): string {
  switch (state) {
    case 'provisioning':
      return `${name} is being created${where}`;
    case 'booting':
      return `${name} is booting${where}`;
    case 'running':
      return `${name} is running${where}`;
    case 'stopping':
      return target === 'suspended' ? `${name} is suspending` : target === 'deallocated' ? `${name} is deallocating` : `${name} is shutting down`;
    case 'deleted':
      return `${name} was deleted`;
    case 'failed':
      return `${name} failed${where}`;
    case 'migrating':
      return `${name} is migrating${where}`;
    default:
      return `${name} is ${state}`;
  }
}

/**
 * A container host that is a VM is up while that VM runs (or is paused, or moves
 * while it runs: a live migration, or a cold one of a VM that runs when it lands
 * is not), and gone when it is deleted.
 */
function followBackingVm(core: Core, w: number, vmState: WorkloadState): void {
  const host = core.workloads.backs[w];
  if (vmState === 'deleted') return core.reactions.nestedHostGone(host, core.workloads.records[w].name);
  const up = vmState === 'running' || vmState === 'paused' || (vmState === 'migrating' && vmUpWhileMoving(core, w));
  const current = core.hosts.state(host);
  if (up && current === 'failed') setHostState(core, host, 'connected', 'its VM is running again');
  if (!up && current !== 'failed') setHostState(core, host, 'failed', `its VM is ${vmState}`);
}

/**
 * Changes a host's state. A failed host takes its workloads down at once: they go
 * to `failed`, keep only their disk claim and lose whatever they were doing.
 */
export function setHostState(core: Core, host: number, state: 'connected' | 'maintenance' | 'failed', why?: string): void {
  const h = core.hosts.records[host];
  const before = core.hosts.state(host);
  if (before === state) return;
  core.hosts.setState(host, state);
  core.placer.hostChanged(host);
  const message =
    state === 'failed'
      ? `${h.id} failed`
      : state === 'maintenance'
        ? `${h.id} entered maintenance mode`
        : before === 'maintenance'
          ? `${h.id} left maintenance mode`
          : `${h.id} is connected again`;
  core.log.append({
    kind: `host.${state}`,
    subjectType: 'host',
    subjectId: h.id,
    severity: state === 'failed' ? 'critical' : state === 'maintenance' ? 'warning' : 'info',
    message: why ? `${message}: ${why}` : message,
  });
  // Its workloads come back as their restart policies say (a VM needs HA for that).
  if (state === 'connected' && before === 'failed') core.reactions.hostBack(host);
  if (state !== 'failed') return;
  const wl = core.workloads;
  // Migrations touching the failed host stop short, so no claim is left on two hosts.
  for (const [w, m] of [...core.migrations]) if (m.to === host || m.from === host) core.reactions.abortMigration(w, `${h.id} failed`);
  for (let w = 0; w < wl.count; w++) {
    if (wl.host[w] !== host) continue;
    const s = wl.stateOf(w);
    if (s === 'deleted' || s === 'deallocated' || s === 'failed') continue;
    if (s === 'stopped' || s === 'suspended') continue; // nothing was running; the disk is where it was
    cancelPlan(core, w);
    setState(core, w, 'failed', undefined, `host ${h.id} failed`);
    setClaim(core, w, claimLevel(wl.records[w].kind, 'failed'));
  }
  core.reactions.hostFailed(host);
}
