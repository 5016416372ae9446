// The virtual clock: simulated milliseconds that move only when advanced, and the
// queue of what is scheduled to happen. Nothing here reads the wall clock.
import { EventQueue, type Scheduled } from './event-queue.js';

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
    this.queue.push(item);
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
    if (toMs < this.current) throw new RangeError(`cannot move the clock back from ${this.current} to ${toMs}`);
    let count = 0;
    for (let next = this.queue.peek(); next && next.at <= toMs; next = this.queue.peek()) {
      this.queue.pop();
      this.current = next.at;
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
