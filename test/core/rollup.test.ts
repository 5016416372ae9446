// Minute and hour averages of the tick's samples (core/rollup.ts), on worked examples.
import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../src/core/duration.js';
import { powerAt } from '../../src/core/power.js';
import { Rollup } from '../../src/core/rollup.js';
import { cluster, must, vm } from './fixtures.js';

describe('Rollup', () => {
  it('averages each minute of samples and closes it when the next minute begins', () => {
    const r = new Rollup(1, 10, 10);
    r.reserve(2);
    // Minute 0: samples 10 and 30 for item 0, 50 and 50 for item 1.
    r.sample(1_000, 2, [[10, 50]]);
    r.sample(31_000, 2, [[30, 50]]);
    expect(r.minutes.ring.sampleCount).toBe(0);
    // Minute 1 begins: minute 0's means are (10+30)/2 = 20 and 50.
    r.sample(MINUTE_MS + 1_000, 2, [[90, 0]]);
    expect(r.minutes.ring.read(0, 0)).toEqual([20]);
    expect(r.minutes.ring.read(1, 0)).toEqual([50]);
  });

  it('keeps each series in progress when it makes room for more items mid-minute', () => {
    const r = new Rollup(2, 10, 10);
    r.reserve(1);
    r.sample(1_000, 1, [[10], [70]]);
    r.reserve(40);
    r.sample(2_000, 2, [
      [30, 5],
      [90, 5],
    ]);
    r.sample(MINUTE_MS, 2, [
      [0, 0],
      [0, 0],
    ]);
    expect(r.minutes.ring.read(0, 0)).toEqual([20]);
    expect(r.minutes.ring.read(0, 1)).toEqual([80]);
  });

  it('averages the hour from its minutes, not from its ticks', () => {
    const r = new Rollup(1, 120, 10);
    r.reserve(1);
    // One sample a minute: 0 for the first half hour, 60 for the second; then the next hour begins.
    for (let m = 0; m < 60; m++) r.sample(m * MINUTE_MS, 1, [[m < 30 ? 0 : 60]]);
    r.sample(HOUR_MS, 1, [[0]]);
    expect(r.hours.ring.read(0, 0)).toEqual([30]);
    expect(r.minutes.ring.sampleCount).toBe(60);
  });

  it('a simulation keeps minute averages of each host and workload', () => {
    const sim = cluster([{ id: 'h1', cores: 4 }]);
    must(sim.createWorkload(vm('w', 2, 4, { model: 'steady', modelLevel: 0.5, overhead: 0 })));
    sim.advance(3 * MINUTE_MS);
    const host = sim.hostRow(0)!;
    const ticks = host.history('cpu');
    expect(host.history('cpu', 'minute').length).toBe(3); // minutes 0, 1 and 2: the tick at 3:00 begins minute 3
    // The last closed minute's mean is the mean of its ticks (the tick ring holds the last 120 s).
    const minute = host.history('cpu', 'minute').at(-1)!;
    const lastMinuteTicks = ticks.slice(-61, -1);
    const mean = lastMinuteTicks.reduce((a, b) => a + b, 0) / lastMinuteTicks.length;
    expect(minute).toBeCloseTo(mean, 1);
    expect(sim.workloadRow(0)!.history('cpu', 'minute').length).toBe(3);
    expect(host.history('ready', 'minute')).toEqual([]);
  });
});

describe('powerAt', () => {
  const ml110g5 = { idleW: 93.7, maxW: 135, table: [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135] };

  it('is linear between idle and max without a table (CloudSim PowerModelLinear)', () => {
    expect(powerAt({ idleW: 160, maxW: 380 }, 25)).toBe(215);
  });

  it('interpolates a SPECpower table between the readings either side (CloudSim PowerModelSpecPower)', () => {
    // 45%: halfway between the 40% (110 W) and 50% (116 W) readings.
    expect(powerAt(ml110g5, 45)).toBeCloseTo(113, 9);
    expect(powerAt(ml110g5, 0)).toBe(93.7);
    expect(powerAt(ml110g5, 100)).toBe(135);
    expect(powerAt(ml110g5, 130)).toBe(135);
  });
});
