// How far one command may move the clock on (exec's sleep, a tape's or the
// prompt's Sim advance): at most a year, never past the end of simulated time,
// and no more simulation than a few minutes of work on this machine. Each
// simulated tick costs a little for every host and workload (about 36 ns each
// on the benchmark's machine, test/bench), plus a fixed part counted as 100 more.
import { MAX_TIME_MS } from './clock.js';
import { formatDurationMs, MAX_ADVANCE_MS } from './duration.js';
import type { SimulationApi } from './simulation-api.js';

/** Host-and-workload ticks one advance may run: a year of the built-in estate. */
export const MAX_ADVANCE_WORK = 5_000_000_000;

/**
 * What running the simulation `ms` on from now costs, in host-and-workload ticks:
 * the ticks that fall in that time (every tickMs of the clock), so ten seconds
 * cost the same in one step or in twenty.
 */
export function advanceWork(sim: SimulationApi, ms: number): number {
  return workBetween(sim, sim.now, sim.now + ms);
}

/** What the simulation between two times costs (or cost), in host-and-workload ticks. */
export function workBetween(sim: SimulationApi, from: number, to: number): number {
  const ticks = Math.floor(to / sim.tickMs) - Math.floor(from / sim.tickMs);
  return Math.max(0, ticks) * (sim.hostCount + sim.workloadCount + 100);
}

/** Why the clock cannot move on `ms` now, or undefined. */
export function advanceProblem(sim: SimulationApi, ms: number): string | undefined {
  if (ms > MAX_ADVANCE_MS) return `one advance moves the clock a year at most, got ${formatDurationMs(ms)}`;
  const left = MAX_TIME_MS - sim.now;
  if (ms > left) return `the estate's clock stops at 1,000 years of simulated time; it has ${formatDurationMs(left)} left`;
  if (advanceWork(sim, ms) > MAX_ADVANCE_WORK) {
    const most = Math.floor(MAX_ADVANCE_WORK / (sim.hostCount + sim.workloadCount + 100)) * sim.tickMs;
    return `on an estate this size (${sim.hostCount + sim.workloadCount} hosts and workloads) one advance moves the clock ${formatDurationMs(most)} at most: go on in steps`;
  }
  return undefined;
}
