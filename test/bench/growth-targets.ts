// The estate sizes the bench measures growth at, and their targets. At a million
// workloads (the huge preset) the targets are those set for it: placing them all
// in 10 s, a tick in 100 ms; at 10,000 they are the 100,000-workload targets
// (place.* < 1 s, tick.100k < 10 ms) scaled down, so a cost that grows faster
// than the estate shows as a miss at one end.
export const TARGETS: Readonly<Record<number, { placeMs: number; tickMs: number }>> = {
  10000: { placeMs: 100, tickMs: 1 },
  1000000: { placeMs: 10_000, tickMs: 100 },
};

/** "10k", "100k", "1m". */
export function sizeName(workloads: number): string {
  return workloads >= 1_000_000 ? `${workloads / 1_000_000}m` : `${workloads / 1000}k`;
}
