// Metric history at coarser resolutions than the tick's: each host's and each
// workload's CPU and memory use averaged per minute and per hour, as vCenter's
// performance charts roll real-time samples up into longer intervals (vSphere
// "Data collection intervals": 5-minute, 30-minute, 2-hour and 1-day averages
// from 20-second samples). Capacity forecasts and right-sizing read these; the
// tick's own rings (history.ts) keep only the last minutes.
import { HOUR_MS, MINUTE_MS } from './duration.js';
import { MetricHistory } from './history.js';

/** A history's sampling: every tick's own sample, the minute's mean, or the coarse interval's (an hour for hosts, ten minutes for workloads). */
export type Resolution = 'tick' | 'minute' | 'coarse';

/**
 * Samples kept. Hosts (few): three hours of minutes and two weeks of hours, for
 * capacity trends. Workloads (many): an hour of minutes and a day of ten-minute
 * points, the data points and the default one-day performance history Azure
 * Migrate sizes by (Microsoft Learn, "Assessment calculations": one point per
 * 10 minutes; "Modify an assessment": performance history default one day).
 */
export const HOST_MINUTES = 180;
export const HOST_HOURS = 336;
export const WORKLOAD_MINUTES = 60;
export const WORKLOAD_TEN_MINUTES = 144;
export const TEN_MINUTES_MS = 10 * MINUTE_MS;

/** One level of averaging: sums of the finer samples since the last coarse one, then their mean into a ring. */
class Level {
  readonly ring: MetricHistory;
  private sums = new Float64Array(0);
  /** Finer samples summed since the last commit. */
  count = 0;

  constructor(
    readonly series: number,
    length: number,
  ) {
    this.ring = new MetricHistory(series, length);
  }

  reserve(n: number): void {
    this.ring.reserve(n);
    const cap = this.capacity();
    if (cap < n) {
      // Each series' sums sit in a block of `cap`: copy block by block into the wider layout.
      const wider = Math.max(n, cap * 2);
      const next = new Float64Array(wider * this.series);
      for (let s = 0; s < this.series; s++) next.set(this.sums.subarray(s * cap, (s + 1) * cap), s * wider);
      this.sums = next;
    }
  }

  /** Adds one finer sample of every item: `sources[s][i]` is item i's series s, a percent. */
  add(n: number, sources: readonly ArrayLike<number>[]): void {
    const sums = this.sums;
    const cap = this.capacity();
    for (let s = 0; s < this.series; s++) {
      const src = sources[s];
      const base = s * cap;
      for (let i = 0; i < n; i++) sums[base + i] += src[i];
    }
    this.count++;
  }

  /** Each item's mean of the samples summed so far, per series (the coarse sample in progress). */
  means(n: number): Float64Array[] {
    const cap = this.capacity();
    const out: Float64Array[] = [];
    for (let s = 0; s < this.series; s++) {
      const m = new Float64Array(n);
      for (let i = 0; i < n; i++) m[i] = this.sums[s * cap + i] / this.count;
      out.push(m);
    }
    return out;
  }

  private capacity(): number {
    return this.sums.length / this.series;
  }

  /** Ends the coarse sample: each item's mean goes into the ring, and the sums start again. */
  commit(n: number): void {
    if (this.count === 0) return;
    const cap = this.capacity();
    for (let s = 0; s < this.series; s++) {
      const row = this.ring.row(s);
      for (let i = 0; i < n; i++) {
        row[i] = Math.round((this.sums[s * cap + i] / this.count) * 100);
        this.sums[s * cap + i] = 0;
      }
    }
    this.ring.commit();
    this.count = 0;
  }

  /** One item's sums in progress, a series each. */
  sumsOf(i: number): number[] {
    const cap = this.capacity();
    return Array.from({ length: this.series }, (_, s) => (i < cap ? this.sums[s * cap + i] : 0));
  }

  /** Puts back one item's sums in progress (after reserve). */
  restoreSums(i: number, sums: readonly number[]): void {
    const cap = this.capacity();
    for (let s = 0; s < this.series; s++) this.sums[s * cap + i] = sums[s] ?? 0;
  }

  /** What one item averaged over the samples summed so far (the coarse sample in progress), or undefined. */
  partial(i: number, s: number): number | undefined {
    return this.count === 0 ? undefined : this.sums[s * this.capacity() + i] / this.count;
  }
}

/** Minutes and a coarser interval (hours, or ten minutes) for one kind of item (hosts or workloads), fed one tick at a time. */
export class Rollup {
  readonly minutes: Level;
  /** The coarser level: each sample the mean of the minutes in `coarseMs`. */
  readonly hours: Level;
  /** The minute and the coarse interval the samples in progress belong to. */
  private minute = -1;
  private hour = -1;

  constructor(
    series: number,
    minutes: number,
    coarse: number,
    readonly coarseMs: number = HOUR_MS,
  ) {
    this.minutes = new Level(series, minutes);
    this.hours = new Level(series, coarse);
  }

  reserve(n: number): void {
    this.minutes.reserve(n);
    this.hours.reserve(n);
  }

  /** Where it stands, for an estate file: the minute and coarse interval in progress, samples summed and kept at each level. */
  state(): RollupState {
    return {
      minute: this.minute,
      coarse: this.hour,
      minuteCount: this.minutes.count,
      coarseCount: this.hours.count,
      minuteSamples: this.minutes.ring.sampleCount,
      coarseSamples: this.hours.ring.sampleCount,
    };
  }

  /** One item's part of the state: its sums in progress, and its kept samples when `rings`. */
  item(i: number, rings: boolean): RollupItem {
    const sums = [...this.minutes.sumsOf(i), ...this.hours.sumsOf(i)];
    return rings ? { sums, minutes: this.minutes.ring.exportItem(i), coarse: this.hours.ring.exportItem(i) } : { sums };
  }

  /** Puts the state back (after reserve); each item's part then goes back with restoreItem. */
  restoreState(st: RollupState): void {
    this.minute = st.minute;
    this.hour = st.coarse;
    this.minutes.count = st.minuteCount;
    this.hours.count = st.coarseCount;
    this.minutes.ring.restoreSamples(st.minuteSamples);
    this.hours.ring.restoreSamples(st.coarseSamples);
  }

  restoreItem(i: number, item: RollupItem): void {
    const n = this.minutes.series;
    this.minutes.restoreSums(i, item.sums.slice(0, n));
    this.hours.restoreSums(i, item.sums.slice(n, 2 * n));
    if (item.minutes) this.minutes.ring.importItem(i, item.minutes);
    if (item.coarse) this.hours.ring.importItem(i, item.coarse);
  }

  /**
   * A tick's sample of every item at sim time `now`: it closes the minute (and
   * the hour) it ends, then counts towards the next. `sources[s][i]` is item i's
   * series s, a percent. True when it closed a minute.
   */
  sample(now: number, n: number, sources: readonly ArrayLike<number>[]): boolean {
    const minute = Math.floor(now / MINUTE_MS);
    let closed = false;
    if (this.minute >= 0 && minute !== this.minute && this.minutes.count > 0) {
      closed = true;
      this.hours.add(n, this.minutes.means(n));
      this.minutes.commit(n);
      const hour = Math.floor(now / this.coarseMs);
      if (this.hour >= 0 && hour !== this.hour) this.hours.commit(n);
      this.hour = hour;
    }
    if (this.hour < 0) this.hour = Math.floor(now / this.coarseMs);
    this.minute = minute;
    this.minutes.add(n, sources);
    return closed;
  }
}

/** Where a rollup stands (Rollup.state), as an estate file keeps it. */
export interface RollupState {
  readonly minute: number;
  readonly coarse: number;
  readonly minuteCount: number;
  readonly coarseCount: number;
  readonly minuteSamples: number;
  readonly coarseSamples: number;
}

/** One item's part (Rollup.item): sums in progress (the minute's series, then the coarse level's), kept samples in hundredths. */
export interface RollupItem {
  readonly sums: readonly number[];
  readonly minutes?: ArrayLike<number>;
  readonly coarse?: ArrayLike<number>;
}
