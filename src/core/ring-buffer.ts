// A fixed-size ring of objects: the newest `capacity` items are kept, older ones
// are overwritten. Used by the event log so a long run never grows without bound.
// It grows as items come, up to its capacity: an estate that logs ten lines does
// not pay for twenty thousand slots (loading a small estate file spent a third of
// its time allocating them).

export class RingBuffer<T> {
  private readonly items: T[] = [];
  private start = 0;
  private length = 0;
  private written = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('a ring buffer needs a capacity of at least 1');
  }

  get size(): number {
    return this.length;
  }

  /** How many items were ever pushed, kept or not. */
  get total(): number {
    return this.written;
  }

  push(item: T): void {
    this.written++;
    // Until it is full, the oldest item is at 0 and the array is just as long as the ring.
    if (this.items.length < this.capacity) {
      this.items.push(item);
      this.length++;
      return;
    }
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
  }

  /** The i-th kept item, oldest first. */
  at(i: number): T | undefined {
    if (i < 0 || i >= this.length) return undefined;
    return this.items[(this.start + i) % this.capacity];
  }

  /** Up to `n` items, newest first, that satisfy `keep`. */
  newest(n: number, keep: (item: T) => boolean = () => true): T[] {
    const out: T[] = [];
    for (let i = this.length - 1; i >= 0 && out.length < n; i--) {
      const item = this.at(i)!;
      if (keep(item)) out.push(item);
    }
    return out;
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i)!);
    return out;
  }
}
