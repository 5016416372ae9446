import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';

describe('VirtualClock', () => {
  it('runs events in time order, and same-time events in the order they were scheduled', () => {
    const clock = new VirtualClock<string>();
    clock.schedule(50, 'c');
    clock.schedule(10, 'a');
    clock.schedule(50, 'd');
    clock.schedule(10, 'b');
    const seen: [string, number][] = [];
    clock.advanceTo(100, (p, at) => seen.push([p, at]));
    expect(seen).toEqual([
      ['a', 10],
      ['b', 10],
      ['c', 50],
      ['d', 50],
    ]);
    expect(clock.now).toBe(100);
  });

  it('leaves events after the target time pending', () => {
    const clock = new VirtualClock<string>();
    clock.schedule(10, 'soon');
    clock.schedule(1000, 'later');
    const seen: string[] = [];
    clock.advanceTo(500, (p) => seen.push(p));
    expect(seen).toEqual(['soon']);
    expect(clock.pending).toBe(1);
    expect(clock.nextAt()).toBe(1000);
  });

  it('runs events scheduled by events when they fall inside the advance', () => {
    const clock = new VirtualClock<number>();
    clock.schedule(10, 0);
    const seen: number[] = [];
    clock.advanceTo(45, (n) => {
      seen.push(clock.now);
      if (n < 10) clock.schedule(10, n + 1);
    });
    expect(seen).toEqual([10, 20, 30, 40]);
  });

  it('refuses to go back in time or to schedule in the past', () => {
    const clock = new VirtualClock<string>(100);
    expect(() => clock.advanceTo(50, () => {})).toThrow(RangeError);
    expect(() => clock.schedule(-1, 'x')).toThrow(RangeError);
    expect(() => clock.schedule(Number.NaN, 'x')).toThrow(RangeError);
  });

  it('restores its queue exactly from what pendingEvents returned', () => {
    const a = new VirtualClock<string>();
    a.schedule(30, 'x');
    a.schedule(10, 'y');
    const b = new VirtualClock<string>();
    b.restore(a.now, a.nextSeq, a.pendingEvents());
    const seen: string[] = [];
    b.advanceTo(100, (p) => seen.push(p));
    expect(seen).toEqual(['y', 'x']);
  });
});
