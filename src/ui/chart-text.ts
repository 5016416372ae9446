// Charts drawn in text, for the panels people would rather look at than read:
// demand over time with its threshold and its forecast, and bars before and
// after a consolidation. Each is a list of lines of plain characters (block
// elements for the area, a rule for the threshold, dots for the forecast), so
// they fit any overlay, any theme and a tape's screen text alike. No charting
// library was taken: the ones for terminals (asciichart, blessed-contrib) draw
// lines or own the screen, and a few dozen lines give the area, threshold and
// forecast these panels need inside Ink's boxes.

/** An area's cells fill from the bottom; a bar's from the left. */
const EIGHTHS = ['', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const LEFT_EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

export interface AreaChartOptions {
  /** Columns for the plot (the axis labels come on top of this). */
  readonly width: number;
  /** Rows for the plot. */
  readonly height: number;
  /** The top of the scale (100 for percents). */
  readonly max: number;
  /** A level drawn as a rule across the plot (usable capacity), with its label. */
  readonly threshold?: { readonly value: number; readonly label: string };
  /** Values after now, drawn as dots (the trend carried on). */
  readonly forecast?: readonly number[];
  /** Labels under the axis: the first point's age, "now", the forecast's end. */
  readonly from?: string;
  readonly to?: string;
}

/** Points resampled to `n` columns, each the mean of the points it covers (or the nearest, when there are fewer points than columns). */
export function resample(values: readonly number[], n: number): number[] {
  if (n <= 0 || values.length === 0) return [];
  if (values.length <= n) return Array.from({ length: n }, (_, i) => values[Math.min(values.length - 1, Math.floor((i * values.length) / n))]);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.floor((i * values.length) / n);
    const b = Math.max(a + 1, Math.floor(((i + 1) * values.length) / n));
    let sum = 0;
    for (let k = a; k < b; k++) sum += values[k];
    out.push(sum / (b - a));
  }
  return out;
}

/** An area chart of `values` (oldest first) with a labelled scale on the left, a threshold rule and a dotted forecast. */
export function areaChart(values: readonly number[], o: AreaChartOptions): string[] {
  const ahead = o.forecast && o.forecast.length > 0 ? Math.max(1, Math.round(o.width / 4)) : 0;
  const past = resample(values, o.width - ahead);
  const future = ahead > 0 ? resample(o.forecast!, ahead) : [];
  const eighths = (v: number) => Math.round((Math.max(0, Math.min(o.max, v)) / o.max) * o.height * 8);
  // The rule sits in the row whose top edge the threshold is (75% of four rows: the third), so 75% and 100% differ.
  const thresholdRow = o.threshold ? Math.min(o.height - 1, Math.ceil((o.threshold.value / o.max) * o.height) - 1) : -1;
  const lines: string[] = [];
  for (let r = o.height - 1; r >= 0; r--) {
    let row = '';
    for (const v of past) {
      const fill = Math.max(0, Math.min(8, eighths(v) - r * 8));
      row += fill > 0 ? EIGHTHS[fill] : r === thresholdRow ? '─' : ' ';
    }
    for (const v of future) {
      const at = Math.min(o.height - 1, Math.floor((Math.max(0, Math.min(o.max, v)) / o.max) * o.height));
      row += at === r ? '·' : r === thresholdRow ? '─' : ' ';
    }
    const label = r === o.height - 1 ? `${o.max}%` : r === 0 ? '0%' : r === thresholdRow && o.threshold ? o.threshold.label : '';
    lines.push(`${label.padStart(5)} │${row}`);
  }
  const axis = `${' '.repeat(5)} └${'─'.repeat(o.width)}`;
  lines.push(axis);
  if (o.from !== undefined || o.to !== undefined) {
    const nowAt = o.width - ahead;
    const left = o.from ?? '';
    const now = ahead > 0 ? 'now' : '';
    const right = o.to ?? (ahead > 0 ? '' : 'now');
    let text = left.padEnd(Math.max(left.length + 1, nowAt - Math.floor(now.length / 2)));
    text += now;
    text = text.padEnd(Math.max(text.length + 1, o.width - right.length)) + right;
    lines.push(`${' '.repeat(7)}${text}`);
  }
  return lines;
}

/** A bar of `width` cells for a percent: full blocks, then the eighth that is left, then light shade. */
export function bar(pct: number, width: number): string {
  const eighths = Math.round((Math.max(0, Math.min(100, pct)) / 100) * width * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  return `${'█'.repeat(full)}${part > 0 ? LEFT_EIGHTHS[part] : ''}${'░'.repeat(width - full - (part > 0 ? 1 : 0))}`;
}
