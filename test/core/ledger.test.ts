import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/core/ledger.js';
import type { Amounts } from '../../src/core/units.js';

function snapshot(l: Ledger): number[] {
  const out: number[] = [];
  for (let h = 0; h < l.hostCount; h++) for (let r = 0; r < 3; r++) out.push(l.used(h, r));
  return out;
}

describe('Ledger', () => {
  it('claims every resource at once or none of them', () => {
    const l = new Ledger();
    const h = l.addHost([4000, 8192, 100_000]);
    expect(l.claim(h, [2000, 4096, 1000])).toBeGreaterThanOrEqual(0);
    const before = snapshot(l);
    // CPU and disk would fit, memory would not: nothing may change.
    expect(l.claim(h, [1000, 8192, 1000])).toBe(-1);
    expect(snapshot(l)).toEqual(before);
    expect(l.shortfalls(h, [1000, 8192, 1000])).toEqual([1]);
  });

  it('resizes a claim only if the difference fits', () => {
    const l = new Ledger();
    const h = l.addHost([4000, 8192, 1000]);
    const c = l.claim(h, [1000, 1024, 0]);
    expect(l.resize(c, [4000, 8192, 1000])).toBe(true);
    expect(l.resize(c, [4001, 1024, 0])).toBe(false);
    expect(l.claimAmounts(c)).toEqual([4000, 8192, 1000]);
  });

  it('refuses fractional and negative amounts as a programming error', () => {
    const l = new Ledger();
    const h = l.addHost([4000, 8192, 1000]);
    expect(() => l.claim(h, [0.5, 0, 0])).toThrow(RangeError);
    expect(() => l.claim(h, [-1, 0, 0])).toThrow(RangeError);
  });

  it('refuses to release a claim twice', () => {
    const l = new Ledger();
    const h = l.addHost([4000, 8192, 1000]);
    const c = l.claim(h, [1, 1, 1]);
    l.release(c);
    expect(() => l.release(c)).toThrow(RangeError);
  });

  const amounts = fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 3000 }));
  const op = fc.oneof(
    fc.record({ kind: fc.constant('claim' as const), host: fc.nat(), amounts }),
    fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('resize' as const), pick: fc.nat(), amounts }),
  );

  it('never lets usage exceed capacity, and usage is always the sum of live claims', () => {
    fc.assert(
      fc.property(fc.array(amounts, { minLength: 1, maxLength: 5 }), fc.array(op, { maxLength: 80 }), (caps, ops) => {
        const l = new Ledger();
        caps.forEach((c) => {
          l.addHost(c as Amounts);
        });
        const live: number[] = [];
        for (const o of ops) {
          if (o.kind === 'claim') {
            const id = l.claim(o.host % caps.length, o.amounts as Amounts);
            if (id >= 0) live.push(id);
          } else if (o.kind === 'release' && live.length > 0) {
            l.release(live.splice(o.pick % live.length, 1)[0]);
          } else if (o.kind === 'resize' && live.length > 0) {
            l.resize(live[o.pick % live.length], o.amounts as Amounts);
          }
          const sums = caps.map(() => [0, 0, 0]);
          for (const [id, h] of l.claims())
            l.claimAmounts(id).forEach((a, r) => {
              sums[h][r] += a;
            });
          for (let h = 0; h < caps.length; h++) {
            for (let r = 0; r < 3; r++) {
              if (l.used(h, r) !== sums[h][r]) return false;
              if (l.used(h, r) > l.capacity(h, r)) return false;
            }
          }
          if (l.liveClaims !== live.length) return false;
        }
        return true;
      }),
    );
  });

  it('restores the exact previous state when a claim is freed', () => {
    fc.assert(
      fc.property(amounts, fc.array(amounts, { maxLength: 10 }), amounts, (cap, earlier, extra) => {
        const l = new Ledger();
        const h = l.addHost([cap[0] * 10, cap[1] * 10, cap[2] * 10]);
        for (const a of earlier) l.claim(h, a as Amounts);
        const before = snapshot(l);
        const id = l.claim(h, extra as Amounts);
        if (id >= 0) l.release(id);
        expect(snapshot(l)).toEqual(before);
      }),
    );
  });
});
