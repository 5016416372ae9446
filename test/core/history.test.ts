import { describe, expect, it } from 'vitest';
import { MetricHistory } from '../../src/core/history.js';

describe('MetricHistory', () => {
  it('writes through row() to the sample being taken, across room made and past the end of the ring', () => {
    const h = new MetricHistory(2, 3);
    h.reserve(2);
    for (let t = 0; t < 5; t++) {
      if (t === 2) h.reserve(40); // a new buffer: rows handed out before it must not be written again
      h.row(0)[1] = (10 + t) * 100;
      h.row(1)[0] = (20 + t) * 100;
      h.commit();
    }
    // Three samples kept, oldest first: t = 2, 3, 4.
    expect(h.read(1, 0)).toEqual([12, 13, 14]);
    expect(h.read(0, 1)).toEqual([22, 23, 24]);
    expect(h.read(0, 0)).toEqual([0, 0, 0]);
  });

  it('keeps what was recorded when it makes room for more items', () => {
    const h = new MetricHistory(2, 4);
    h.reserve(3);
    for (let t = 0; t < 3; t++) {
      for (let i = 0; i < 3; i++) {
        h.write(i, 0, t * 10 + i);
        h.write(i, 1, 50 + i);
      }
      h.commit();
    }
    h.reserve(1000);
    expect(h.read(2, 0)).toEqual([2, 12, 22]);
    expect(h.read(1, 1)).toEqual([51, 51, 51]);
    expect(h.read(999, 0)).toEqual([0, 0, 0]);
  });

  it('wraps around, keeping the newest samples', () => {
    const h = new MetricHistory(1, 3);
    h.reserve(1);
    for (let t = 1; t <= 5; t++) {
      h.write(0, 0, t);
      h.commit();
    }
    expect(h.read(0, 0)).toEqual([3, 4, 5]);
  });

  it('stores hundredths of a percent and clamps to what 16 bits hold', () => {
    const h = new MetricHistory(1, 2);
    h.reserve(1);
    h.write(0, 0, 12.345);
    h.commit();
    h.write(0, 0, 1e9);
    h.commit();
    expect(h.read(0, 0)).toEqual([12.35, 655.35]);
  });
});
