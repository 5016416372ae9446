// The few statistics planning needs, each as its source defines it.

/**
 * The p-th percentile by nearest rank: sort the points, take the one at rank
 * ceil(p/100 x n). Azure Migrate "sorts the data points in ascending order" and
 * picks the one at the chosen percentile (Microsoft Learn, "Assessment
 * calculations", Calculate sizing (performance-based)). Undefined with no points.
 */
export function percentile(points: readonly number[], p: number): number | undefined {
  if (points.length === 0) return undefined;
  const sorted = [...points].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

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
