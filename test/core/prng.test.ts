import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash32, Prng } from '../../src/core/prng.js';

describe('Prng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    const c = new Prng(8);
    const seqA = Array.from({ length: 20 }, () => a.nextU32());
    expect(Array.from({ length: 20 }, () => b.nextU32())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.nextU32())).not.toEqual(seqA);
  });

  it('resumes exactly from a saved state', () => {
    const a = new Prng(123);
    for (let i = 0; i < 5; i++) a.next();
    const b = new Prng(a.state());
    expect(Array.from({ length: 10 }, () => b.next())).toEqual(Array.from({ length: 10 }, () => a.next()));
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 20 }), (seed, lo, span) => {
        const rng = new Prng(seed);
        const hi = lo + span;
        for (let i = 0; i < 50; i++) {
          const v = rng.int(lo, hi);
          if (v < lo || v > hi || !Number.isInteger(v)) return false;
        }
        return true;
      }),
    );
    const rng = new Prng(1);
    const seen = new Set(Array.from({ length: 200 }, () => rng.int(0, 3)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });

  it('is roughly uniform', () => {
    const rng = new Prng(99);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) buckets[Math.floor(rng.next() * 10)]++;
    for (const n of buckets) expect(n).toBeGreaterThan(1800);
  });

  it('hash32 is a pure function of its inputs', () => {
    expect(hash32(1, 2)).toBe(hash32(1, 2));
    expect(hash32(1, 2)).not.toBe(hash32(2, 1));
  });
});
