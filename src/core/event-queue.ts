// A binary min-heap of scheduled events ordered by (time, sequence number): events
// due at the same instant run in the order they were scheduled, on every run.

export interface Scheduled<T> {
  readonly at: number;
  readonly seq: number;
  readonly payload: T;
}

export class EventQueue<T> {
  private items: Scheduled<T>[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Scheduled<T> | undefined {
    return this.items[0];
  }

  push(item: Scheduled<T>): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): Scheduled<T> | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l], items[m])) m = l;
        if (r < items.length && before(items[r], items[m])) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m], items[i]];
        i = m;
      }
    }
    return top;
  }

  /** Every pending event, in the order they will run (a copy). */
  ordered(): Scheduled<T>[] {
    return [...this.items].sort((x, y) => (before(x, y) ? -1 : 1));
  }
}

function before<T>(x: Scheduled<T>, y: Scheduled<T>): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}
