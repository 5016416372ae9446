// The virtual clock: simulated milliseconds that move only when advanced, and the
// queue of what is scheduled to happen. Nothing here reads the wall clock.
import { EventQueue, type Scheduled } from './event-queue.js';

/**
 * The end of simulated time: 1,000 years of milliseconds. Far past any lesson or
 * drill, and far below 2^53, so every time stays an exact integer however much
 * is added to it. Estate files hold no time beyond it, and the clock stops there.
 */
export const MAX_TIME_MS = 1000 * 365.25 * 86_400_000;

/** More events due at one instant than any estate holds (a tick of 2,000,000 workloads is one event). */
const MAX_EVENTS_AT_ONE_INSTANT = 10_000_000;

export class VirtualClock<T> {
  private current: number;
  private seq = 0;
  private readonly queue = new EventQueue<T>();

  constructor(startMs = 0) {
    this.current = startMs;
  }

  get now(): number {
    return this.current;
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Schedules payload to run delayMs from now (0 = at the current instant, after what is already due). */
  schedule(delayMs: number, payload: T): Scheduled<T> {
    if (!(delayMs >= 0) || !Number.isFinite(delayMs)) {
      throw new RangeError(`delay must be a finite, non-negative number of ms, got ${delayMs}`);
    }
    const item = { at: this.current + Math.round(delayMs), seq: this.seq++, payload };
    // Nothing runs after the end of time: an event due later is not queued at all.
    if (item.at <= MAX_TIME_MS) this.queue.push(item);
    return item;
  }

  nextAt(): number | undefined {
    return this.queue.peek()?.at;
  }

  /**
   * Moves time forward to `toMs`, running every event due on the way, in order.
   * The clock reads each event's own time while it runs; events it schedules for
   * times up to `toMs` run in this same call.
   */
  advanceTo(toMs: number, run: (payload: T, at: number) => void): number {
    if (!(toMs >= this.current)) throw new RangeError(`cannot move the clock back from ${this.current} to ${toMs}`);
    let count = 0;
    let atInstant = 0;
    for (let next = this.queue.peek(); next && next.at <= toMs; next = this.queue.peek()) {
      this.queue.pop();
      // Never backwards: an event cannot be due before now (loading refuses such a queue).
      if (next.at > this.current) {
        this.current = next.at;
        atInstant = 0;
      }
      // An event that keeps scheduling another for the same instant would hold the clock there for ever.
      if (++atInstant > MAX_EVENTS_AT_ONE_INSTANT) throw new RangeError(`the clock is stuck at ${this.current} ms: events keep falling due at that instant`);
      run(next.payload, next.at);
      count++;
    }
    this.current = toMs;
    return count;
  }

  /** For saving an estate: everything still to run, in order. */
  pendingEvents(): Scheduled<T>[] {
    return this.queue.ordered();
  }

  /** For loading an estate: restores the clock and its queue exactly. */
  restore(nowMs: number, seq: number, events: Scheduled<T>[]): void {
    this.current = nowMs;
    this.seq = seq;
    for (const e of events) this.queue.push(e);
  }

  get nextSeq(): number {
    return this.seq;
  }
}
