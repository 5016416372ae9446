// The workload lifecycle: which actions apply in which states, the steps each one
// walks through (each taking simulated time drawn from the workload's durations),
// and how much of its claim a workload holds in each state.
import type { WorkloadKind, WorkloadState } from './model.js';
import type { Prng } from './prng.js';
import { CLAIM_DISK, CLAIM_FULL, CLAIM_NONE, type ClaimLevel, type DurationRange, type Durations, type PlanStep } from './workloads.js';

export const ACTIONS = ['start', 'stop', 'force-stop', 'restart', 'pause', 'resume', 'suspend', 'deallocate', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/** The states each action may start from. */
const FROM: Record<Action, readonly WorkloadState[]> = {
  start: ['stopped', 'deallocated', 'failed', 'suspended'],
  stop: ['running', 'paused', 'booting'],
  'force-stop': ['running', 'paused', 'booting', 'stopping', 'suspended'],
  // A booting workload is powered on (its guest boots inside it): it can be reset, paused or saved as a running one can.
  restart: ['running', 'booting'],
  pause: ['running', 'booting'],
  resume: ['paused', 'suspended'],
  suspend: ['running', 'booting'],
  deallocate: ['running', 'stopped'],
  delete: ['provisioning', 'booting', 'running', 'paused', 'suspended', 'stopping', 'stopped', 'deallocated', 'failed'],
};

/** Actions a kind of workload has no such thing as. */
const NOT_FOR: Record<WorkloadKind, readonly Action[]> = {
  vm: ['deallocate'],
  container: ['suspend', 'deallocate'],
  'cloud-vm': ['pause', 'suspend'],
};

/** Why `action` cannot run now, or undefined if it can. */
export function refusal(
  action: Action,
  kind: WorkloadKind,
  state: WorkloadState,
  name: string,
): { code: 'unsupported' | 'invalid-state'; message: string } | undefined {
  if (NOT_FOR[kind].includes(action))
    return { code: 'unsupported', message: `${name} is ${kind === 'cloud-vm' ? 'a cloud VM' : `a ${kind}`}, which cannot ${action}` };
  if (!FROM[action].includes(state)) {
    if (state === 'deleted') return { code: 'invalid-state', message: `${name} has been deleted` };
    return { code: 'invalid-state', message: `cannot ${action} ${name}: it is ${state}` };
  }
  return undefined;
}

function draw(range: DurationRange, rng: Prng): number {
  const [lo, hi] = range;
  return hi > lo ? rng.int(lo, hi) : lo;
}

/** The steps of an action from a state; the last step is where the workload settles. */
export function planFor(action: Action | 'create', state: WorkloadState, d: Durations, rng: Prng, powerOn = true): PlanStep[] {
  switch (action) {
    case 'create':
      return [
        { state: 'provisioning', ms: draw(d.provision, rng) },
        ...(powerOn ? [{ state: 'booting' as const, ms: draw(d.boot, rng) }, settle('running')] : [settle('stopped')]),
      ];
    case 'start':
      return [{ state: 'booting', ms: draw(state === 'suspended' ? d.resume : d.boot, rng) }, settle('running')];
    case 'stop':
      return [{ state: 'stopping', ms: draw(d.stop, rng) }, settle('stopped')];
    case 'force-stop':
      return [settle('stopped')];
    case 'restart':
      return [{ state: 'stopping', ms: draw(d.stop, rng) }, { state: 'booting', ms: draw(d.boot, rng) }, settle('running')];
    case 'pause':
      return [settle('paused')];
    case 'resume':
      return state === 'suspended' ? [{ state: 'booting', ms: draw(d.resume, rng) }, settle('running')] : [settle('running')];
    case 'suspend':
      return [{ state: 'stopping', ms: draw(d.suspend, rng) }, settle('suspended')];
    case 'deallocate':
      return [{ state: 'stopping', ms: draw(d.deallocate, rng) }, settle('deallocated')];
    case 'delete':
      return [settle('deleted')];
  }
}

function settle(state: WorkloadState): PlanStep {
  return { state, ms: 0 };
}

/** The exit code of a process killed by SIGKILL: 128 + 9, as a shell and Docker report it. */
export const EXIT_KILLED = 137;

/**
 * Cuts a stop's shutdown to a deadline (docker stop --timeout: the daemon waits
 * that long after the stop signal, then kills). Returns whether the workload is
 * killed at the deadline rather than stopping on its own. A negative deadline
 * waits for ever, as the daemon does.
 */
export function cutStop(plan: PlanStep[], deadlineMs: number): boolean {
  const first = plan[0];
  if (deadlineMs < 0 || first?.state !== 'stopping' || first.ms <= deadlineMs) return false;
  plan[0] = { state: 'stopping', ms: deadlineMs };
  return true;
}

/**
 * How much of its claim a workload holds: all of it while powered on (a cloud VM
 * also while stopped but allocated), its disk while off, nothing once deallocated
 * or deleted.
 */
export function claimLevel(kind: WorkloadKind, state: WorkloadState, target?: WorkloadState): ClaimLevel {
  switch (state) {
    case 'deleted':
    case 'deallocated':
      return CLAIM_NONE;
    case 'stopped':
      return kind === 'cloud-vm' ? CLAIM_FULL : CLAIM_DISK;
    case 'suspended':
    case 'failed':
      return CLAIM_DISK;
    case 'provisioning':
      return target === 'running' || kind === 'cloud-vm' ? CLAIM_FULL : CLAIM_DISK;
    default:
      return CLAIM_FULL;
  }
}

/** The most a plan will need at any step: claimed up front, so a plan never fails half-way. */
export function planLevel(kind: WorkloadKind, plan: readonly PlanStep[]): ClaimLevel {
  const target = plan[plan.length - 1].state;
  return plan.reduce<ClaimLevel>((m, s) => Math.max(m, claimLevel(kind, s.state, target)) as ClaimLevel, CLAIM_NONE);
}

/** Guest states that use CPU and memory on the host. */
export function isPoweredOn(state: WorkloadState): boolean {
  return state === 'running' || state === 'booting' || state === 'stopping' || state === 'paused' || state === 'migrating';
}
