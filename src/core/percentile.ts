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
