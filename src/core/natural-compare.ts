// Stable ordering of ids, the same on every machine: digit runs compare as numbers
// ("esx-9" before "esx-10"), everything else by UTF-16 code unit. No locale involved.

const CHUNK = /(\d+)|(\D+)/g;

export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  const xs = a.match(CHUNK) ?? [];
  const ys = b.match(CHUNK) ?? [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x === y) continue;
    const xd = x.charCodeAt(0) <= 57 && x.charCodeAt(0) >= 48;
    const yd = y.charCodeAt(0) <= 57 && y.charCodeAt(0) >= 48;
    if (xd && yd) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff < 0 ? -1 : 1;
      // Same value, different padding ("7" vs "007"): shorter first.
      if (x.length !== y.length) return x.length < y.length ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (xs.length !== ys.length) return xs.length < ys.length ? -1 : 1;
  return a < b ? -1 : 1;
}
