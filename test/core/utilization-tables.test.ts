// The tick uses table forms of the utilisation models (no branch per model);
// they must give the very same numbers as the readable forms, to the last bit,
// or every estate's figures (and every recording) would drift.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpuShare, cpuShareFast, memoryShare, memoryShareFast } from '../../src/core/utilization.js';

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('the table forms of the utilisation models', () => {
  it('give the same CPU share as the switch, bit for bit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), unit, unit, fc.boolean(), unit, (model, level, shape, bursting, u) => {
        expect(Object.is(cpuShareFast(model, level, shape, bursting, u), cpuShare(model, level, shape, bursting, u))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('give the same memory share as the switch, bit for bit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), unit, fc.boolean(), fc.double({ min: -0.1, max: 0.1, noNaN: true }), (model, shape, bursting, offset) => {
        expect(Object.is(memoryShareFast(model, shape, bursting, offset), memoryShare(model, shape, bursting, offset))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});
