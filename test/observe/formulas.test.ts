// Each planning formula against a worked example (sources named in the modules).
import { describe, expect, it } from 'vitest';
import { powerAt } from '../../src/core/power.js';
import { forecast } from '../../src/observe/capacity.js';
import { kWh, TYPICAL_PUE } from '../../src/observe/energy.js';
import { powerModel } from '../../src/observe/power-models.js';
import { COMFORT_FACTOR, confidenceStars } from '../../src/observe/rightsize.js';
import { linearTrend, percentile } from '../../src/observe/stats.js';

describe('percentile (nearest rank, as Azure Migrate picks it)', () => {
  it('takes the point at rank ceil(p/100 x n) of the sorted points', () => {
    const points = Array.from({ length: 20 }, (_, i) => 20 - i); // 1..20, unsorted
    expect(percentile(points, 95)).toBe(19); // rank ceil(0.95 x 20) = 19
    expect(percentile(points, 50)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeUndefined();
  });
});

describe('right-sizing arithmetic', () => {
  it('P95 18% of 8 vCPU x 1.3 is 1.87 vCPU: 2 vCPU', () => {
    expect(Math.ceil((8 * 18 * COMFORT_FACTOR) / 100)).toBe(2);
  });

  it("confidence stars follow Azure Migrate's table", () => {
    expect([0, 20, 21, 40, 41, 60, 61, 80, 81, 100].map(confidenceStars)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
});

describe('trend and forecast', () => {
  it('fits a straight line exactly and projects when it crosses the limit', () => {
    const t = linearTrend([10, 12, 14, 16, 18])!;
    expect(t.slope).toBeCloseTo(2, 12);
    expect(t.last).toBeCloseTo(18, 12);
    expect(t.spread).toBeCloseTo(0, 12);
    // Hourly points rising 2 a point: from 18 to 75 takes 28.5 hours on both forecasts (no spread).
    const f = forecast([10, 12, 14, 16, 18], 18, 75, 3_600_000);
    expect(f.perDay).toBeCloseTo(48, 9);
    expect(f.aggressiveMs).toBeCloseTo(28.5 * 3_600_000, 3);
    expect(f.conservativeMs).toBeCloseTo(f.aggressiveMs, 3);
  });

  it('the conservative forecast runs out sooner when the points scatter', () => {
    const f = forecast([10, 14, 12, 18, 16, 22, 20], 20, 75, 3_600_000);
    expect(f.conservativeMs).toBeLessThan(f.aggressiveMs);
  });

  it('flat or falling demand does not run out; demand already over the limit has', () => {
    expect(forecast([30, 30, 30, 30, 30], 30, 75, 3_600_000).aggressiveMs).toBe(Infinity);
    expect(forecast([80, 80, 80, 80, 80], 80, 75, 3_600_000).aggressiveMs).toBe(0);
    // Five minutes say nothing of a trend: an hour of them does.
    expect(forecast([1, 2, 3, 4, 5], 5, 75, 60_000).perDay).toBeUndefined();
    expect(
      forecast(
        Array.from({ length: 60 }, (_, i) => i / 10),
        6,
        75,
        60_000,
      ).perDay,
    ).toBeCloseTo(144, 6);
  });
});

describe('power and energy', () => {
  it("the HP ProLiant ML110 G4 at 55% is 104 W (CloudSim's table, interpolated)", () => {
    expect(powerAt(powerModel('hp-proliant-ml110-g4')!, 55)).toBeCloseTo(104, 9);
    expect(powerAt(powerModel('hp-proliant-ml110-g5')!, 55)).toBeCloseTo(118.5, 9);
    expect(powerAt(powerModel('ibm-x3550-m3-x5675')!, 0)).toBe(58.4);
  });

  it('energy is mean watts x hours; the facility draws PUE times the IT load', () => {
    // 8 servers at 165 W for a day: 31.68 kWh of IT energy, 50.05 kWh at the facility with a PUE of 1.58.
    expect(kWh(8 * 165, 24)).toBeCloseTo(31.68, 9);
    expect(kWh(8 * 165 * TYPICAL_PUE, 24)).toBeCloseTo(50.0544, 9);
  });
});
