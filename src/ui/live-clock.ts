// Interactive mode's clock: every quarter second, the simulation advances by the
// wall time that passed times the speed. Wall time lives here, never in the core;
// tapes and tests leave this out and advance the simulation themselves.
import { performance } from 'node:perf_hooks';
import type { Simulation } from '../core/simulation.js';

const FRAME_MS = 250;
/** A stalled process (a laptop lid, a debugger) does not make the estate leap ahead. */
const MAX_WALL_STEP_MS = 1000;

export class LiveClock {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly speed: () => number,
  ) {}

  start(): void {
    this.last = performance.now();
    this.timer = setInterval(() => this.frame(), FRAME_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private frame(): void {
    const now = performance.now();
    const wall = Math.min(MAX_WALL_STEP_MS, now - this.last);
    this.last = now;
    const speed = this.speed();
    if (speed > 0) this.sim.advance(Math.round(wall * speed));
  }
}
