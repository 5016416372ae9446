// What several benchmark scenarios measure the same way.
import type { SimulationApi } from '../../src/core/simulation-api.js';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall ms of one tick of the whole estate: `warm` ticks first, then the median of `runs` single ticks. */
export function tickMs(sim: SimulationApi, warm: number, runs: number): number {
  sim.advance(warm * sim.tickMs);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    sim.advance(sim.tickMs);
    times.push(performance.now() - t);
  }
  return median(times);
}
