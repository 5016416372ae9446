// An event's name is its object's name and a suffix record/event.go makes: the time
// in nanoseconds plus a counter, in hex (fmt.Sprintf("%v.%x", ref.Name, t.UnixNano())).
// The suffix is made without BigInt when it can be; it must equal the BigInt sum.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSuffix } from '../../src/orchestrator/events.js';

const exact = (now: number, counter: number) => (BigInt(now) * 1_000_000n + BigInt(counter)).toString(16);

describe('event names', () => {
  it('are the nanoseconds plus the counter in hex, at any moment and count', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 42 })), fc.integer({ min: 0, max: 3_000_000 }), (now, counter) => {
        expect(eventSuffix(now, counter)).toBe(exact(now, counter));
      }),
      { numRuns: 2000 },
    );
    // Where the low part carries, and a moment asked for again after another.
    expect(eventSuffix(1_700_000_000_000, 16_777_215)).toBe(exact(1_700_000_000_000, 16_777_215));
    expect(eventSuffix(5, 0)).toBe('4c4b40');
    expect(eventSuffix(1_700_000_000_000, 1)).toBe(exact(1_700_000_000_000, 1));
  });
});
