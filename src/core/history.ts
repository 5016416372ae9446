// Metric history in fixed-size rings: every item (host or workload) has a few
// series of the same length, sampled together once a tick. Values are percents
// stored as hundredths in 16 bits, so 100,000 workloads x 2 series x 60 samples is
// 24 MB and never grows. The layout is sample-major ([series][sample][item]): a
// tick writes one contiguous row per series, which is what keeps ticks cheap;
// reading one item's history for a sparkline strides, but reads only 60 values.
const SCALE = 100;
const MAX = 65535;

export class MetricHistory {
  private data = new Uint16Array(0);
  /** Items the rows have room for (the row stride). */
  private stride = 0;
  private cursor = 0;
  private samples = 0;

  constructor(
    readonly series: number,
    readonly length: number,
  ) {}

  /** Makes room for `n` items, keeping what is recorded. */
  reserve(n: number): void {
    if (n <= this.stride) return;
    // Grow by a quarter at a time: at 100,000 workloads, doubling would waste 20 MB. Rows start 16 wide, not 64:
    // every estate made (each load) zeroed 90 KB for a small one's few hosts, a twentieth of loading one.
    const stride = Math.ceil(Math.max(n, this.stride * 1.25, 16) / 16) * 16;
    const data = new Uint16Array(this.series * this.length * stride);
    for (let row = 0; row < this.series * this.length; row++) {
      data.set(this.data.subarray(row * this.stride, (row + 1) * this.stride), row * stride);
    }
    this.data = data;
    this.stride = stride;
    this.rows = [];
  }

  /** Views of the rows, made once per buffer: a tick asks for six, and making them was a twentieth of a small estate's tick. */
  private rows: Uint16Array[] = [];

  /** The row of the sample being taken for one series: write item i's percent x 100 at [i]. */
  row(series: number): Uint16Array {
    const at = series * this.length + this.cursor;
    let view = this.rows[at];
    if (view === undefined) {
      view = this.data.subarray(at * this.stride, (at + 1) * this.stride);
      this.rows[at] = view;
    }
    return view;
  }

  /** Writes one item's value (a percent) for the sample being taken. */
  write(item: number, series: number, pct: number): void {
    this.data[(series * this.length + this.cursor) * this.stride + item] = encode(pct);
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
    if (item >= this.stride) return out;
    const start = (this.cursor - this.samples + this.length) % this.length;
    for (let k = 0; k < this.samples; k++) {
      const slot = (start + k) % this.length;
      out.push(this.data[(series * this.length + slot) * this.stride + item] / SCALE);
    }
    return out;
  }

  /** One item's newest sample of one series, as a percent, or undefined before the first. */
  last(item: number, series: number): number | undefined {
    if (this.samples === 0 || item >= this.stride) return undefined;
    const slot = (this.cursor - 1 + this.length) % this.length;
    return this.data[(series * this.length + slot) * this.stride + item] / SCALE;
  }

  /** One item's kept samples as stored (hundredths), series after series, each oldest first: what an estate file keeps. */
  exportItem(item: number): Uint16Array {
    // Typed, not an array of numbers: an estate file writes one per workload, and 100,000 arrays were seconds of collection.
    const out = new Uint16Array(this.series * this.samples);
    if (item >= this.stride) return out;
    const start = (this.cursor - this.samples + this.length) % this.length;
    let o = 0;
    for (let s = 0; s < this.series; s++)
      for (let k = 0; k < this.samples; k++) out[o++] = this.data[(s * this.length + ((start + k) % this.length)) * this.stride + item];
    return out;
  }

  /** Starts again from a file's `samples` samples: the next goes after them. Every item's are then put back with importItem. */
  restoreSamples(samples: number): void {
    this.samples = Math.min(Math.max(0, samples), this.length);
    this.cursor = this.samples % this.length;
  }

  /** Puts back one item's samples as exportItem gave them (after restoreSamples). */
  importItem(item: number, stored: ArrayLike<number>): void {
    for (let s = 0; s < this.series; s++)
      for (let k = 0; k < this.samples; k++) {
        const v = stored[s * this.samples + k] ?? 0;
        this.data[(s * this.length + k) * this.stride + item] = v < 0 ? 0 : Math.min(v | 0, MAX);
      }
  }
}

/** A percent as stored: hundredths, clamped to 16 bits. */
export function encode(pct: number): number {
  const v = (pct * SCALE + 0.5) | 0;
  return v < 0 ? 0 : Math.min(v, MAX);
}
