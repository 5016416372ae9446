// Billing by power state, per second as the cloud bills: a workload with an hourly
// rate costs that rate for every moment it spends in a billed state. Cost accrues
// when the state changes, so reading it is cheap and nothing ticks per workload.
import type { WorkloadState } from './model.js';
import type { Core } from './state.js';

const HOUR_MS = 3_600_000;

/** States a cloud VM is billed in: allocated to hardware. Creating and deallocated are free. */
const BILLED: ReadonlySet<WorkloadState> = new Set(['booting', 'running', 'stopping', 'stopped', 'paused', 'migrating']);

export function isBilled(state: WorkloadState): boolean {
  return BILLED.has(state);
}

/** Adds what the workload cost since it was last accrued, at its current state's rate. Call before changing its state. */
export function accrue(core: Core, w: number): void {
  const wl = core.workloads;
  const now = core.clock.now;
  if (wl.billRate[w] > 0 && isBilled(wl.stateOf(w))) wl.costAcc[w] += (wl.billRate[w] * (now - wl.costFrom[w])) / HOUR_MS;
  wl.costFrom[w] = now;
}

/** Cost so far, up to now. */
export function costOf(core: Core, w: number): number {
  const wl = core.workloads;
  const running = wl.billRate[w] > 0 && isBilled(wl.stateOf(w)) ? (wl.billRate[w] * (core.clock.now - wl.costFrom[w])) / HOUR_MS : 0;
  return wl.costAcc[w] + running;
}

/** What the workload costs per hour in its current state. */
export function hourlyRate(core: Core, w: number): number {
  return isBilled(core.workloads.stateOf(w)) ? core.workloads.billRate[w] : 0;
}

/** Changes the hourly rate (a resize), accruing at the old one first. */
export function setRate(core: Core, w: number, ratePerHour: number): void {
  accrue(core, w);
  core.workloads.billRate[w] = ratePerHour;
}
