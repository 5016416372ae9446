// Metric history in fixed-size rings: every item (host or workload) has a few
// series of the same length, sampled together once a tick. Values are percents
// stored as hundredths in 16 bits, so 100,000 workloads x 2 series x 60 samples is
// 24 MB and never grows.
import { ensureLength } from './typed.js';

const SCALE = 100;
const MAX = 65535;

export class MetricHistory {
  private data = new Uint16Array(0);
  private items = 0;
  private cursor = 0;
  private samples = 0;

  constructor(
    readonly series: number,
    readonly length: number,
  ) {}

  /** Makes room for `n` items. */
  reserve(n: number): void {
    if (n <= this.items) return;
    this.data = ensureLength(this.data, n * this.series * this.length);
    this.items = Math.max(this.items, n);
  }

  /** Writes item's value (a percent) for the sample being taken. */
  write(item: number, series: number, pct: number): void {
    const v = Math.round(pct * SCALE);
    this.data[(item * this.series + series) * this.length + this.cursor] = v < 0 ? 0 : v > MAX ? MAX : v;
  }

  /** Ends the sample: the next writes go to the next slot of every ring. */
  commit(): void {
    this.cursor = (this.cursor + 1) % this.length;
    if (this.samples < this.length) this.samples++;
  }

  get sampleCount(): number {
    return this.samples;
  }

  /** The kept samples of one series, oldest first, as percents. */
  read(item: number, series: number): number[] {
    const out: number[] = [];
    if (item >= this.items) return out;
    const base = (item * this.series + series) * this.length;
    const start = (this.cursor - this.samples + this.length) % this.length;
    for (let k = 0; k < this.samples; k++) out.push(this.data[base + ((start + k) % this.length)] / SCALE);
    return out;
  }
}
