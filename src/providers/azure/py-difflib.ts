// Python's difflib.get_close_matches, which az uses for "Did you mean 'start' ?"
// (azure-cli src/azure-cli-core/azure/cli/core/parser.py _check_value, cutoff 0.7).
// SequenceMatcher.ratio() = 2*M/T over the longest matching blocks, found as
// difflib finds them (longest match first, leftmost in a, then in b; no junk,
// and autojunk never applies below 200 characters).

function longestMatch(a: string, b: string, alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
  let besti = alo,
    bestj = blo,
    bestsize = 0;
  let lengths = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (let j = blo; j < bhi; j++) {
      if (a[i] !== b[j]) continue;
      const k = (lengths.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > bestsize) {
        besti = i - k + 1;
        bestj = j - k + 1;
        bestsize = k;
      }
    }
    lengths = next;
  }
  return [besti, bestj, bestsize];
}

function matchingCharacters(a: string, b: string): number {
  let total = 0;
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longestMatch(a, b, alo, ahi, blo, bhi);
    if (k === 0) continue;
    total += k;
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  return total;
}

export function ratio(a: string, b: string): number {
  const length = a.length + b.length;
  return length === 0 ? 1 : (2 * matchingCharacters(a, b)) / length;
}

/** difflib.get_close_matches(word, possibilities, n, cutoff): best first, ties by the later name first (Python compares the tuples). */
export function closeMatches(word: string, possibilities: readonly string[], cutoff = 0.6, n = 3): string[] {
  return possibilities
    .map((x) => ({ x, score: ratio(x, word) }))
    .filter((m) => m.score >= cutoff)
    .sort((p, q) => q.score - p.score || (q.x < p.x ? -1 : q.x > p.x ? 1 : 0))
    .slice(0, n)
    .map((m) => m.x);
}
