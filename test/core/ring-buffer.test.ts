import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../src/core/ring-buffer.js';

describe('RingBuffer', () => {
  it('keeps the newest `capacity` items in order, whether it has filled or wrapped many times', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.integer(), { maxLength: 40 }), (capacity, items) => {
        const ring = new RingBuffer<number>(capacity);
        items.forEach((item, i) => {
          ring.push(item);
          const kept = items.slice(Math.max(0, i + 1 - capacity), i + 1);
          expect(ring.toArray()).toEqual(kept);
          expect([ring.size, ring.total]).toEqual([kept.length, i + 1]);
          expect(ring.at(0)).toBe(kept[0]);
          expect(ring.at(kept.length)).toBeUndefined();
          expect(ring.newest(2)).toEqual(kept.slice(-2).reverse());
        });
      }),
    );
  });

  it('refuses a capacity below 1', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});
