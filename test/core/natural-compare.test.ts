import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../src/core/natural-compare.js';

describe('naturalCompare', () => {
  it('orders numbers inside ids by value', () => {
    expect(['esx-10', 'esx-9', 'esx-1', 'esx-02'].sort(naturalCompare)).toEqual(['esx-1', 'esx-02', 'esx-9', 'esx-10']);
    expect(['b', 'a10', 'a2', 'a'].sort(naturalCompare)).toEqual(['a', 'a2', 'a10', 'b']);
  });

  it('is a total order: antisymmetric, and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const x = naturalCompare(a, b);
        expect(Math.sign(x) + Math.sign(naturalCompare(b, a))).toBe(0);
        expect(x === 0).toBe(a === b);
      }),
    );
  });

  it('orders as cutting both strings into runs and comparing run by run would (the first version, which did cut them)', () => {
    const chars = fc.constantFrom('a', 'b', '-', '.', '0', '1', '7', '9', ' ', 'Z', '~');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 8 }), fc.string({ unit: chars, maxLength: 8 }), (a, b) => {
        expect(Math.sign(naturalCompare(a, b))).toBe(Math.sign(byCutRuns(a, b)));
      }),
      { numRuns: 2000 },
    );
    // Digit runs longer than a double holds exactly compare as the first version did (by Number).
    expect(Math.sign(naturalCompare('x12345678901234567890', 'x12345678901234567891'))).toBe(
      Math.sign(byCutRuns('x12345678901234567890', 'x12345678901234567891')),
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-c]{0,2}\d{0,3}[a-c]?$/), { minLength: 3, maxLength: 12 }), (xs) => {
        const sorted = [...xs].sort(naturalCompare);
        for (let i = 0; i + 1 < sorted.length; i++) expect(naturalCompare(sorted[i], sorted[i + 1])).toBeLessThanOrEqual(0);
      }),
    );
  });
});

/** The first version, kept as the reference: cuts both strings into runs with a regular expression. */
function byCutRuns(a: string, b: string): number {
  if (a === b) return 0;
  const xs = a.match(/(\d+)|(\D+)/g) ?? [];
  const ys = b.match(/(\d+)|(\D+)/g) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const [x, y] = [xs[i], ys[i]];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff < 0 ? -1 : 1;
      if (x.length !== y.length) return x.length < y.length ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (xs.length !== ys.length) return xs.length < ys.length ? -1 : 1;
  return a < b ? -1 : 1;
}
