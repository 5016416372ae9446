import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { f32Down, f32Up } from '../../src/core/placement/f32.js';

describe('directed float32 rounding', () => {
  it('never rounds a maximum down or a minimum up, and stays within one step', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e30, max: 1e30 }), (x) => {
        const up = f32Up(x);
        const down = f32Down(x);
        expect(up).toBeGreaterThanOrEqual(x);
        expect(down).toBeLessThanOrEqual(x);
        expect(Math.fround(up)).toBe(up);
        expect(Math.fround(down)).toBe(down);
        if (Math.fround(x) === x) expect([up, down]).toEqual([x, x]);
      }),
    );
  });

  it('keeps infinities', () => {
    expect(f32Up(Infinity)).toBe(Infinity);
    expect(f32Down(-Infinity)).toBe(-Infinity);
  });
});
