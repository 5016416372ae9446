// Utilisation models: each tick a workload demands a share of its CPU and memory.
//   idle     1-5% CPU, a quarter of its memory
//   steady   a fixed level (20-60%) with noise
//   diurnal  a daily wave: low at night, its level at the peak of the day
//   bursty   a low baseline with bursts to 60-100% (a two-state Markov chain)
// Noise comes from a hash of (workload seed, tick), so a workload's demand does not
// depend on the order in which workloads are visited.
import type { UtilizationModel } from './model.js';
import type { Prng } from './prng.js';

export const IDLE = 0;
export const STEADY = 1;
export const DIURNAL = 2;
export const BURSTY = 3;

export const DAY_MS = 86_400_000;
/** The daily wave is looked up per quarter hour of phase: 96 cosines a tick, not one per workload. */
export const PHASE_BUCKETS = 96;

/** A level for a new workload of this model, from the seeded PRNG. */
export function drawLevel(model: UtilizationModel, rng: Prng): number {
  switch (model) {
    case 'idle':
      return rng.range(0.01, 0.05);
    case 'steady':
      return rng.range(0.2, 0.6);
    case 'diurnal':
      return rng.range(0.4, 0.85);
    case 'bursty':
      return rng.range(0.05, 0.15);
  }
}

/**
 * The diurnal shape (0 at midnight, 1 at noon) of each phase bucket at one moment,
 * computed for a bucket when a workload first asks this tick: a small estate asks
 * for a few, and the 96 cosines were a sixth of its tick.
 */
export class DiurnalTable {
  private readonly shape = new Float64Array(PHASE_BUCKETS);
  /** The moment each bucket's shape was computed for (NaN: never). */
  private readonly at = new Float64Array(PHASE_BUCKETS).fill(Number.NaN);
  private day = 0;
  private now = Number.NaN;

  /** Moves the table to time `nowMs`. */
  moveTo(nowMs: number): void {
    this.now = nowMs;
    this.day = (nowMs % DAY_MS) / DAY_MS;
  }

  /** The shape of phase bucket `b` (0 <= b < PHASE_BUCKETS) at the table's moment. */
  get(b: number): number {
    if (this.at[b] !== this.now) {
      this.shape[b] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (this.day + b / PHASE_BUCKETS));
      this.at[b] = this.now;
    }
    return this.shape[b];
  }
}

/** Guest CPU demand as a share of the workload's vCPUs. `u` is this tick's noise in [0, 1). */
export function cpuShare(model: number, level: number, shape: number, bursting: boolean, u: number): number {
  let s: number;
  switch (model) {
    case IDLE:
      s = level * (0.6 + 0.8 * u);
      break;
    case STEADY:
      s = level * (0.85 + 0.3 * u);
      break;
    case DIURNAL:
      s = level * (0.1 + 0.9 * shape) * (0.9 + 0.2 * u);
      break;
    default:
      s = bursting ? 0.6 + 0.4 * u : level * (0.7 + 0.6 * u);
  }
  return Math.min(s, 1);
}

/** Active guest memory as a share of the workload's memory; `offset` is a fixed per-workload skew in [-0.1, 0.1]. */
export function memoryShare(model: number, shape: number, bursting: boolean, offset: number): number {
  let s: number;
  switch (model) {
    case IDLE:
      s = 0.25;
      break;
    case STEADY:
      s = 0.55;
      break;
    case DIURNAL:
      s = 0.4 + 0.3 * shape;
      break;
    default:
      s = bursting ? 0.75 : 0.4;
  }
  s += offset;
  return s < 0.05 ? 0.05 : Math.min(s, 1);
}

/** Bursty workloads enter a burst with this chance per tick and leave it with the other. */
export const BURST_ENTER = 0.02;
export const BURST_LEAVE = 0.15;
