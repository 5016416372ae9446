// The live console's clock, on fake timers: wall time times the speed, advanced
// in slices of one tick (each its own macrotask, so keys get in between), with
// the screen told once per frame, and time it cannot serve dropped, not owed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { behind, LiveClock } from '../../src/ui/live-clock.js';
import { controllerFor } from './helpers.js';

/**
 * A simulation whose every advance costs `cost()` ms of a fake wall clock, and a
 * live clock at `speed` on that wall; `counted` functions run once per advance.
 */
function costlyTicks(speed: number, cost: () => number) {
  const sim = new Simulation({ seed: 1 });
  const wall = { ms: 0 };
  const counted = new Set<() => void>();
  const advance = sim.advance.bind(sim);
  sim.advance = (ms: number, quiet?: boolean) => {
    advance(ms, quiet);
    for (const f of counted) f();
    wall.ms += cost();
  };
  const clock = new LiveClock(
    sim,
    () => speed,
    undefined,
    () => wall.ms,
  );
  return { sim, clock, counted, wall };
}

describe('the live clock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs wall time x speed, in one-tick slices, and notifies once per frame', () => {
    const sim = new Simulation({ seed: 1 });
    let told = 0;
    sim.subscribe(() => told++);
    let speed = 10;
    const clock = new LiveClock(sim, () => speed);
    const advances: number[] = [];
    const advance = sim.advance.bind(sim);
    sim.advance = (ms: number, quiet?: boolean) => {
      advances.push(ms);
      advance(ms, quiet);
    };
    clock.start();
    vi.advanceTimersByTime(250);
    // The slices run as immediates, after the frame that started them.
    for (let i = 0; i < 5; i++) vi.advanceTimersByTime(1);
    // 250 ms at 10x: 2.5 s of simulated time, as slices of at most one tick.
    expect(sim.now).toBe(2500);
    expect(advances).toEqual([1000, 1000, 500]);
    expect(told).toBe(1);
    speed = 0;
    vi.advanceTimersByTime(1000);
    expect(sim.now).toBe(2500);
    clock.stop();
  });

  it('jumps the clock (:sim advance) in slices of wall time, reporting, and stops where esc leaves it', () => {
    // Each tick costs 4 ms of wall time: a 12 ms slice runs three of them, then lets keys in.
    const { sim, clock, counted } = costlyTicks(1, () => 4);
    let inSlice = 0;
    counted.add(() => inSlice++);
    const reports: { done: number; finished: boolean }[] = [];
    clock.jump(600_000, (p, finished) => reports.push({ done: p!.done, finished }));
    const slices: number[] = [];
    for (let i = 0; i < 1000 && !reports.some((r) => r.finished); i++) {
      inSlice = 0;
      vi.advanceTimersToNextTimer();
      if (inSlice) slices.push(inSlice);
    }
    expect(sim.now).toBe(600_000);
    expect(Math.max(...slices)).toBeLessThanOrEqual(4);
    expect(reports.at(-1)).toEqual({ done: 600_000, finished: true });
    expect(reports.filter((r) => !r.finished).length).toBeGreaterThan(0);
    // A second jump, stopped part-way: the clock stays where it got to.
    clock.jump(600_000, () => {});
    vi.runOnlyPendingTimers();
    const got = clock.stopJump()!;
    expect(got.done).toBeGreaterThan(0);
    expect(got.done).toBeLessThan(600_000);
    const at = sim.now;
    for (let i = 0; i < 20; i++) vi.runOnlyPendingTimers();
    expect(sim.now).toBe(at);
    clock.stop();
  });

  it('leaves half of each frame to keys and the screen when one tick outlasts a frame', () => {
    // A tick of a million workloads: 100 ms of wall time each.
    let tickCost = 100;
    const { sim, clock, counted, wall } = costlyTicks(10, () => tickCost);
    let ticks = 0;
    counted.add(() => ticks++);
    clock.start();
    const frame = () => {
      wall.ms += 250;
      vi.advanceTimersByTime(250);
      for (let i = 0; i < 5; i++) vi.advanceTimersByTime(1);
    };
    frame();
    // 2.5 ticks owed; one runs (100 ms of the frame's 250), a second would pass half the frame: dropped.
    expect(ticks).toBe(1);
    expect(sim.now).toBe(1000);
    frame();
    expect(ticks).toBe(2);
    // Short ticks run as before: all that is owed (the 350 ms of wall time since the last frame, at 10x).
    tickCost = 5;
    frame();
    expect(sim.now).toBe(2000 + 3500);
    expect(ticks).toBe(2 + 4);
    clock.stop();
  });

  it('lets other work in between its slices', () => {
    const sim = new Simulation({ seed: 1 });
    const clock = new LiveClock(sim, () => 600);
    clock.start();
    vi.advanceTimersByTime(250);
    // The frame's first slice has run; the rest wait for their turn.
    expect(sim.now).toBe(1000);
    clock.stop();
    // Stopping tells the screen about the slices that did run.
    expect(sim.version).toBeGreaterThan(0);
  });
});

describe('the clock falling behind', () => {
  const frames = (n: number, wall: number, sim: number) => Array.from({ length: n }, () => ({ wall, sim }));

  it('says the speed it really runs at when that is under nine tenths of the one asked for', () => {
    expect(behind(frames(8, 250, 150 * 250), 600)).toBe(150);
    expect(behind(frames(8, 250, 560 * 250), 600)).toBeUndefined();
    expect(behind(frames(8, 250, 2500), 10)).toBeUndefined();
  });

  it('says nothing paused, or before two seconds of frames', () => {
    expect(behind(frames(8, 250, 0), 0)).toBeUndefined();
    expect(behind(frames(3, 250, 0), 600)).toBeUndefined();
  });

  it('is shown in the header, rounded, and cleared when it keeps up again', () => {
    const ctl = controllerFor(undefined, { speed: 600 });
    ctl.setPace(151.4);
    expect(ctl.state.behind).toBe(151);
    ctl.setPace(4.26);
    expect(ctl.state.behind).toBe(4.3);
    ctl.setPace(undefined);
    expect(ctl.state.behind).toBeUndefined();
  });
});
