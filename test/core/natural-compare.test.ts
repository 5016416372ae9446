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

  it('is transitive', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-c]{0,2}\d{0,3}[a-c]?$/), { minLength: 3, maxLength: 12 }), (xs) => {
        const sorted = [...xs].sort(naturalCompare);
        for (let i = 0; i + 1 < sorted.length; i++) expect(naturalCompare(sorted[i], sorted[i + 1])).toBeLessThanOrEqual(0);
      }),
    );
  });
});
