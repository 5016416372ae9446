// The list's numeric sort (a radix sort on keys read to a millionth, or a
// comparison when they span too much for 32 bits) puts every row in the order of
// its key, to a millionth, and keeps rows with equal keys in their own order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedByNumber } from '../../src/ui/rows.js';

function checkSorted(keys: number[]) {
  const rows = keys.map((_, i) => i * 7 + 3);
  const out = sortedByNumber(rows, Float64Array.from(keys));
  const at = out.map((r) => (r - 3) / 7);
  expect([...at].sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
  for (let j = 1; j < at.length; j++) {
    const [a, b] = [keys[at[j - 1]], keys[at[j]]];
    expect(a).toBeLessThanOrEqual(b + 1e-6);
    if (a === b) expect(at[j - 1]).toBeLessThan(at[j]);
  }
}

describe('sorting the list by a number', () => {
  it('orders rows by their keys to a millionth, equal keys in the rows own order', () => {
    const key = fc.oneof(
      fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.constantFrom(0, 1, 50, 99.5),
      // Whole keys wider than 32 bits (uptimes in ms past 49.7 days): packed with their positions instead.
      fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((n) => n * 1000),
    );
    fc.assert(fc.property(fc.array(key, { maxLength: 300 }), checkSorted));
  });

  it('sorts whole keys wider than 32 bits, and compares keys too wide to pack', () => {
    checkSorted([1e11, 5, 0, 5, 7e10, 4_294_967_296]);
    checkSorted([2 ** 40, 5, -(2 ** 40), 5, 0.5]);
    expect(sortedByNumber([0, 1, 2, 3, 4], Float64Array.from([2 ** 40, 5, -(2 ** 40), 5, 0.5]))).toEqual([2, 4, 1, 3, 0]);
  });
});

describe('sorting the list by a text column', () => {
  it('orders rows naturally either way, ties in the rows own order, the reversed sort reusing the order found', async () => {
    const { naturalKey, sortRows } = await import('../../src/ui/rows.js');
    const ctx = {} as Parameters<typeof sortRows>[0];
    fc.assert(
      fc.property(fc.array(fc.constantFrom('web-2', 'web-10', 'Web-1', 'db', 'db', 'a', ''), { maxLength: 60 }), fc.boolean(), (texts, descFirst) => {
        const rows = texts.map((_, i) => i * 3 + 1);
        const read = (_: unknown, r: number) => texts[(r - 1) / 3];
        const want = (desc: boolean) =>
          [...rows].sort((a, b) => {
            const [x, y] = [naturalKey(read(ctx, a)), naturalKey(read(ctx, b))];
            return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1) || a - b;
          });
        for (const desc of [descFirst, !descFirst, descFirst]) expect(sortRows(ctx, rows, read, desc)).toEqual(want(desc));
      }),
    );
  });
});
