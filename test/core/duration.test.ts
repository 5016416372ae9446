// One reading of a duration for every place a person writes one: a tape's Sleep
// (VHS hands it to Go's time.ParseDuration), Sim advance in a tape and :sim in the
// prompt, and exec's sleep (coreutils sleep: NUMBER[SUFFIX]..., summed).
import { describe, expect, it } from 'vitest';
import { formatClockMs, formatDurationMs, parseDurationMs } from '../../src/core/duration.js';
import { PRESETS } from '../../src/estate/presets/index.js';
import { runSim } from '../../src/estate/scenario/run.js';
import { checkSim } from '../../src/estate/scenario/syntax.js';
import { runLine } from '../../src/estate/script.js';
import { formatProblem } from '../../src/session/tape/ast.js';
import { parseTape } from '../../src/session/tape/parser.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('parseDurationMs', () => {
  it('reads what Go time.ParseDuration and coreutils sleep both read', () => {
    // go/src/time/format.go ParseDuration ("1h30m", ".5m", "1.5h", "5.s") and
    // coreutils src/sleep.c (a floating point NUMBER, the suffixes s m h d).
    const cases: [string, number][] = [
      ['90', 90_000],
      ['1.5', 1500],
      ['500ms', 500],
      ['2s', 2000],
      ['5m', 5 * MIN],
      ['2h', 2 * HOUR],
      ['1d', 24 * HOUR],
      ['.5m', 30_000],
      ['0.5m', 30_000],
      ['5.', 5000],
      ['5.s', 5000],
      ['1h30m', 90 * MIN],
      ['1.5h', 90 * MIN],
      ['2h45m30s', 2 * HOUR + 45 * MIN + 30_000],
      ['1m500ms', MIN + 500],
      ['0', 0],
      [' 5m ', 5 * MIN],
    ];
    expect(cases.map(([t]) => parseDurationMs(t))).toEqual(cases.map(([, ms]) => ms));
  });

  it('refuses what neither tool reads', () => {
    // Go: "missing unit in duration" for "1h30", "unknown unit" for "5x"; a sign or an exponent is no duration here.
    for (const t of ['', '.', 'm', '1h30', '5x', '-5s', '+5s', '1e3', '5 m', '1h 30m', '1.2.3s', 'inf']) expect(parseDurationMs(t), t).toBeUndefined();
  });
});

// A small estate: these tests only read the clock, and a simulated day of the built-in
// estate's ticks is a second (this file: 6.1 s -> 1.3 s).
const estate = () => PRESETS['small-office']!.build(1);

describe('every caller reads a duration the same way', () => {
  for (const [written, ms] of [
    ['.5m', 30_000],
    ['1h30m', 90 * MIN],
    ['1d', 24 * HOUR],
  ] as const) {
    it(`${written}: exec's sleep and Sim advance move the clock ${ms} ms`, () => {
      const a = estate();
      const before = a.sim.now;
      expect(runLine(a, `sleep ${written}`).exitCode).toBe(0);
      expect(a.sim.now - before).toBe(ms);

      const b = estate();
      expect(checkSim(['advance', written])).toBeUndefined();
      expect(runSim(b, ['advance', written])).toBeUndefined();
      expect(b.sim.now - before).toBe(ms);
    });
  }

  it("exec's sleep sums its operands, as coreutils sleep does", () => {
    const e = estate();
    const before = e.sim.now;
    expect(runLine(e, 'sleep 1h 30m 15').exitCode).toBe(0);
    expect(e.sim.now - before).toBe(90 * MIN + 15_000);
    const bad = runLine(e, 'sleep 1h x');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('sleep: give a duration of simulated time up to a year, like 90, 90s, 5m, 2h or 1h 30m (got "1h x")\n');
  });

  it("a tape's Sleep reads its number and unit as VHS does (parser.go parseTime: joined, then time.ParseDuration)", () => {
    const sleeps = (text: string) => parseTape(text, 't.tape').commands.flatMap((c) => (c.kind === 'sleep' ? [c.ms] : []));
    expect(sleeps('Sleep .5m\nSleep 5.\nSleep 250 ms\nSleep 2')).toEqual([30_000, 5000, 250, 2000]);
    expect(parseTape('Sleep 1.2.3s', 't.tape').errors.map(formatProblem)).toEqual(['t.tape:1:7: not a number: 1.2.3']);
    expect(parseTape('Sleep 61m', 't.tape').errors.map(formatProblem)).toEqual(['t.tape:1:7: Sleep can be at most 1h, got 61m']);
  });
});

describe('formatting', () => {
  it('formatDurationMs: the two largest units', () => {
    expect([0, 45_000, 90 * MIN, 26 * HOUR + 5 * MIN, 400 * 24 * HOUR].map(formatDurationMs)).toEqual(['0s', '45s', '1h 30m', '1d 2h', '1y 34d']);
  });

  it('formatClockMs: hours, minutes and seconds that line up, the hours uncapped', () => {
    expect([0, 61_000, 3_661_000, 100 * HOUR].map(formatClockMs)).toEqual(['00:00:00', '00:01:01', '01:01:01', '100:00:00']);
  });
});
