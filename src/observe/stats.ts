// The few statistics planning needs, each as its source defines it (the percentile is the core's: consolidation uses it too).
export { percentile } from '../core/percentile.js';

export function mean(points: readonly number[]): number {
  return points.length === 0 ? 0 : points.reduce((a, b) => a + b, 0) / points.length;
}

export interface Trend {
  /** Change per sample, and the fitted value at the last sample. */
  readonly slope: number;
  readonly last: number;
  /** The residuals' standard deviation: how far the points stray from the line. */
  readonly spread: number;
  readonly points: number;
}

/** Ordinary least squares over equally spaced points (x = 0, 1, ..., n-1); undefined for fewer than two. */
export function linearTrend(points: readonly number[]): Trend | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  const xMean = (n - 1) / 2;
  const yMean = mean(points);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - xMean) * (points[i] - yMean);
    sxx += (i - xMean) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = yMean - slope * xMean;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (points[i] - (intercept + slope * i)) ** 2;
  return { slope, last: intercept + slope * (n - 1), spread: Math.sqrt(sse / n), points: n };
}
