// Billing by power state, per second as the cloud bills: a workload with an hourly
// rate costs that rate for every moment it spends in a billed state. Cost accrues
// when the state changes, so reading it is cheap and nothing ticks per workload.
import { HOUR_MS } from './duration.js';
import type { WorkloadState } from './model.js';
import type { Core } from './state.js';

/**
 * States a cloud VM is billed in: allocated to hardware (Microsoft Learn, "States and
 * billing status of Azure Virtual Machines", power states table: Starting, Running,
 * Stopping and Stopped billed; Creating, Deallocating and Deallocated not billed).
 */
const BILLED: ReadonlySet<WorkloadState> = new Set(['booting', 'running', 'stopping', 'stopped', 'paused', 'migrating']);

/** Whether a workload in `state`, heading for `target`, is billed: stopping towards deallocated is Deallocating, which is not. */
export function isBilled(state: WorkloadState, target?: WorkloadState): boolean {
  return BILLED.has(state) && !(state === 'stopping' && target === 'deallocated');
}

const billedNow = (core: Core, w: number) => isBilled(core.workloads.stateOf(w), core.workloads.targetOf(w));

/** Adds what the workload cost since it was last accrued, at its current state's rate. Call before changing its state or target. */
export function accrue(core: Core, w: number): void {
  const wl = core.workloads;
  const now = core.clock.now;
  if (wl.billRate[w] > 0 && billedNow(core, w)) wl.costAcc[w] += (wl.billRate[w] * (now - wl.costFrom[w])) / HOUR_MS;
  wl.costFrom[w] = now;
}

/** Cost so far, up to now. */
export function costOf(core: Core, w: number): number {
  const wl = core.workloads;
  const running = wl.billRate[w] > 0 && billedNow(core, w) ? (wl.billRate[w] * (core.clock.now - wl.costFrom[w])) / HOUR_MS : 0;
  return wl.costAcc[w] + running;
}

/** What the workload costs per hour in its current state. */
export function hourlyRate(core: Core, w: number): number {
  return billedNow(core, w) ? core.workloads.billRate[w] : 0;
}

/** Changes the hourly rate (a resize), accruing at the old one first. */
export function setRate(core: Core, w: number, ratePerHour: number): void {
  accrue(core, w);
  core.workloads.billRate[w] = ratePerHour;
}
