// Interactive mode's clock: every quarter second, the simulation advances by the
// wall time that passed times the speed. Wall time lives here, never in the core;
// tapes and tests leave this out and advance the simulation themselves.
// The advance is cut into slices of one tick, each its own macrotask, so a key
// that arrives meanwhile is handled after at most one tick's work (about 5 ms at
// 100,000 workloads), not after the whole quarter second's (25 ms at 10x). The
// screen is told once, when the slices are done. A clock that cannot keep up
// (600x on a very large estate) drops the wall time it could not serve: the
// estate then runs as fast as the machine allows, and keys stay answered. Where
// one tick outlasts a frame (a million workloads: 100 ms a tick), ticks back to
// back would leave keys and the screen only the gaps between them, so the clock
// then ticks for at most half of each frame and drops the rest.
import type { SimulationApi } from '../core/simulation-api.js';

const FRAME_MS = 250;
/** The clock's own pace is judged over this many frames (two seconds). */
const PACE_FRAMES = 8;
/** A stalled process (a laptop lid, a debugger) does not make the estate leap ahead. */
const MAX_WALL_STEP_MS = 1000;
/** A tick longer than this (a 60 Hz frame) makes the clock leave half of each frame to keys and the screen. */
const LONG_TICK_MS = 16;
/**
 * The share of a frame's wall time long ticks may take: a choice, not a
 * measurement. Half leaves a key room for its own handling and a frame of a
 * million rows (keys.js at 1,000,000: moves 8 ms p95 with it, 117 ms without).
 */
const LONG_TICK_SHARE = 0.5;
/** A jump runs ticks for this long before it lets keys and the screen in. */
const JUMP_SLICE_MS = 12;
/** And tells the screen how far it has got at most this often. */
const JUMP_REPORT_MS = 100;

/** How far a jump has got, in simulated ms. */
export interface JumpProgress {
  readonly done: number;
  readonly total: number;
}

export class LiveClock {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  /** Simulated ms still to run from this frame (0: idle). */
  private owed = 0;
  private slice: NodeJS.Immediate | undefined;
  /** Per frame: wall ms that passed, simulated ms that were run. */
  private readonly pace: { wall: number; sim: number }[] = [];
  private served = 0;
  /** Wall ms this frame's ticks have taken so far. */
  private busy = 0;
  private paceSpeed = 0;
  private jumping: { total: number; done: number; reported: number; onProgress: (p: JumpProgress | undefined, finished: boolean) => void } | undefined;

  constructor(
    private readonly sim: SimulationApi,
    private readonly speed: () => number,
    /** Told the speed the estate really runs at when it falls behind the one asked for (undefined: keeping up). */
    private readonly onPace?: (behind: number | undefined) => void,
    /** Wall time in ms (tests give their own). */
    private readonly wall: () => number = () => performance.now(),
  ) {}

  start(): void {
    this.last = this.wall();
    this.timer = setInterval(() => this.frame(), FRAME_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.slice) clearImmediate(this.slice);
    this.timer = undefined;
    this.slice = undefined;
    if (this.owed > 0 || this.jumping) this.sim.notify();
    this.owed = 0;
    this.jumping = undefined;
  }

  /**
   * Moves the clock on `ms` as fast as the machine goes (:sim advance), a slice at
   * a time, so keys and the screen carry on meanwhile and the jump can be stopped;
   * `onProgress` hears how far it got, and once more when it is over.
   */
  jump(ms: number, onProgress: (p: JumpProgress | undefined, finished: boolean) => void): void {
    this.jumping = { total: ms, done: 0, reported: this.wall(), onProgress };
    this.owed = 0;
    if (this.slice) clearImmediate(this.slice);
    this.slice = setImmediate(this.jumpStep);
  }

  /** Stops a jump where it is; how far it got, or undefined if none was under way. */
  stopJump(): JumpProgress | undefined {
    const j = this.jumping;
    if (!j) return undefined;
    this.jumping = undefined;
    if (this.slice) clearImmediate(this.slice);
    this.slice = undefined;
    this.sim.notify();
    return { done: j.done, total: j.total };
  }

  private jumpStep = (): void => {
    this.slice = undefined;
    const j = this.jumping;
    if (!j) return;
    const until = this.wall() + JUMP_SLICE_MS;
    while (j.done < j.total && this.wall() < until) {
      const ms = Math.min(j.total - j.done, this.sim.tickMs);
      this.sim.advance(ms, true);
      j.done += ms;
    }
    if (j.done >= j.total) {
      this.jumping = undefined;
      this.last = this.wall();
      this.sim.notify();
      j.onProgress({ done: j.done, total: j.total }, true);
      return;
    }
    const now = this.wall();
    if (now - j.reported >= JUMP_REPORT_MS) {
      j.reported = now;
      this.sim.notify();
      j.onProgress({ done: j.done, total: j.total }, false);
    }
    this.slice = setImmediate(this.jumpStep);
  };

  private frame(): void {
    const now = this.wall();
    const wall = Math.min(MAX_WALL_STEP_MS, now - this.last);
    this.last = now;
    const speed = this.speed();
    // A jump is not the clock's pace: judged afresh once it is over.
    if (this.jumping) {
      this.pace.length = 0;
      this.served = 0;
      this.onPace?.(undefined);
      return;
    }
    // A new speed is judged afresh.
    if (speed !== this.paceSpeed) this.pace.length = 0;
    this.paceSpeed = speed;
    this.pace.push({ wall, sim: this.served });
    this.served = 0;
    if (this.pace.length > PACE_FRAMES) this.pace.shift();
    this.onPace?.(behind(this.pace, speed));
    // Still running the last frame's time: this frame's is dropped.
    if (this.owed > 0) return;
    if (speed <= 0) return;
    this.owed = Math.round(wall * speed);
    this.busy = 0;
    this.step();
  }

  private step = (): void => {
    this.slice = undefined;
    const ms = Math.min(this.owed, this.sim.tickMs);
    this.owed -= ms;
    this.served += ms;
    const start = this.wall();
    this.sim.advance(ms, true);
    const took = this.wall() - start;
    this.busy += took;
    // Long ticks: another would take this frame's ticking past its share; the rest is dropped (the pace says so).
    if (took > LONG_TICK_MS && this.busy + took > LONG_TICK_SHARE * FRAME_MS) this.owed = 0;
    if (this.owed > 0) this.slice = setImmediate(this.step);
    else this.sim.notify();
  };
}

/**
 * The speed the estate ran at over the frames in `pace`, if that is under nine
 * tenths of `speed` (a very large estate at 600x on a small machine); undefined
 * while it keeps up, is paused, or has not run long enough to tell.
 */
export function behind(pace: readonly { wall: number; sim: number }[], speed: number): number | undefined {
  if (speed <= 0 || pace.length < PACE_FRAMES) return undefined;
  const wall = pace.reduce((a, p) => a + p.wall, 0);
  const sim = pace.reduce((a, p) => a + p.sim, 0);
  if (wall <= 0) return undefined;
  const rate = sim / wall;
  return rate < speed * 0.9 ? rate : undefined;
}
