// When a pane's list (filter and sort over every row) is made again. In the live
// console, time passing alone re-lists at most once a second of wall time (as
// k9s refreshes), while anything else that changes the estate, and any change of
// the view, re-lists at once; tapes and tests (no wall clock) re-list on every change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIST_REFRESH_MS } from '../../src/ui/controller.js';
import type { PaneDef, RowContext } from '../../src/ui/panes/types.js';
import { listRows } from '../../src/ui/rows.js';
import { defaultEstate } from '../default-estate.js';
import { controllerFor } from './helpers.js';

describe('re-listing a pane', () => {
  it('keeps the list while only time passes, for up to a second of wall time', () => {
    let wall = 0;
    const estate = defaultEstate(1);
    const ctl = controllerFor(estate, { wallClock: () => wall });
    ctl.press('2', '2');
    const first = ctl.rows();
    estate.sim.advance(5000);
    wall = LIST_REFRESH_MS - 1;
    expect(ctl.rows()).toBe(first);
    wall = LIST_REFRESH_MS;
    expect(ctl.rows()).not.toBe(first);
  });

  it('re-lists at once when something other than time changed the estate', () => {
    const estate = defaultEstate(1);
    const ctl = controllerFor(estate, { wallClock: () => 0 });
    ctl.press('2', '2');
    const first = ctl.rows();
    const w = estate.sim.workloads.indexOf('web-01')!;
    expect(first.rows).toContain(w);
    expect(estate.providers.vmware.perform('web-01', 'delete').ok).toBe(true);
    estate.sim.advance(60_000);
    expect(ctl.rows()).not.toBe(first);
  });

  it('re-lists at once when the view changes (a key typed into the filter)', () => {
    const ctl = controllerFor(defaultEstate(1), { wallClock: () => 0 });
    ctl.press('2', '2');
    const all = ctl.rows();
    ctl.press('/', '/');
    ctl.press('w', 'w');
    expect(ctl.rows().rows.length).toBeLessThan(all.rows.length);
  });

  it('narrows a filter word within earlier matches only at the same moment: a row whose state changed since is found (review finding)', () => {
    const estate = defaultEstate(1);
    const ctl = controllerFor(estate, { wallClock: () => 0 });
    ctl.press('2', '2');
    expect(estate.providers.vmware.perform('web-01', 'stop').ok).toBe(true);
    ctl.press('/', '/');
    for (const ch of 'stoppe') {
      ctl.press(ch, ch);
      ctl.rows();
    }
    const web = estate.sim.workloads.indexOf('web-01')!;
    // Still stopping: "stoppe" is not in its text yet. Then it has stopped, and the next letter finds it.
    expect(ctl.rows().rows).not.toContain(web);
    estate.sim.advance(60_000);
    ctl.press('d', 'd');
    expect(ctl.rows().rows).toContain(web);
  });

  it('re-lists on every change without a wall clock (tapes)', () => {
    const estate = defaultEstate(1);
    const ctl = controllerFor(estate);
    const first = ctl.rows();
    estate.sim.advance(1000);
    expect(ctl.rows()).not.toBe(first);
  });
});

describe('sorting by a number', () => {
  // A pane whose rows are positions in `keys`, sorted by the key.
  const paneOf = (keys: number[]): PaneDef =>
    ({
      id: 'vms',
      title: 'test',
      empty: '',
      rows: () => keys.map((_, i) => i),
      columns: [
        {
          id: 'k',
          title: 'K',
          width: 5,
          drop: 0,
          numeric: true,
          text: (_c: RowContext, r: number) => String(keys[r]),
          value: (_c: RowContext, r: number) => keys[r],
        },
      ],
      fields: {},
      search: () => '',
      subject: () => undefined,
    }) as PaneDef;
  const ctx = {} as RowContext;
  it('orders any keys, ties in their natural order, either way', () => {
    const key = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      fc.integer(),
      fc.constantFrom(0, 1e15, -1e15, 0.5, 1e-9),
    );
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), fc.boolean(), (keys, desc) => {
        const sorted = listRows(ctx, paneOf(keys), '', { column: 'k', desc }).rows;
        const dir = desc ? -1 : 1;
        for (let i = 1; i < sorted.length; i++) {
          const a = keys[sorted[i - 1]] * dir;
          const b = keys[sorted[i]] * dir;
          // In order, to the millionth the sort reads keys to.
          expect(b - a).toBeGreaterThan(-1e-6);
          if (a === b) expect(sorted[i]).toBeGreaterThan(sorted[i - 1]);
        }
        expect([...sorted].sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps ties in the natural order, largest first when descending', () => {
    const keys = [3, 1, 3, 2, 1, 3];
    expect(listRows(ctx, paneOf(keys), '', { column: 'k', desc: true }).rows).toEqual([0, 2, 5, 3, 1, 4]);
    expect(listRows(ctx, paneOf(keys), '', { column: 'k', desc: false }).rows).toEqual([1, 4, 3, 0, 2, 5]);
  });
});

describe('typing a filter word', () => {
  // A pane whose rows are positions in `texts`, searched by their text; it counts the texts read.
  const paneOf = (texts: string[], reads: { n: number }): PaneDef =>
    ({
      id: 'vms',
      title: 'test',
      empty: '',
      rows: () => texts.map((_, i) => i),
      columns: [{ id: 't', title: 'T', width: 5, drop: 0, text: (_c: RowContext, r: number) => texts[r], value: (_c: RowContext, r: number) => texts[r] }],
      fields: {},
      search: (_c: RowContext, r: number) => texts[r],
      searcher: () => (r: number) => {
        reads.n++;
        return texts[r];
      },
      subject: () => undefined,
    }) as PaneDef;
  const ctx = {} as RowContext;

  it('lists what a fresh search lists, keystroke by keystroke, sorted or not (whatever was typed before)', () => {
    const text = fc.stringMatching(/^[ab! -]{0,6}$/);
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 40 }), fc.array(text, { minLength: 1, maxLength: 8 }), fc.boolean(), (texts, typed, sorted) => {
        const pane = paneOf(texts, { n: 0 });
        const sort = sorted ? { column: 't', desc: false } : undefined;
        const all = pane.rows(ctx);
        let previous: ReturnType<typeof listRows>['matches'];
        for (const word of typed) {
          const narrowed = listRows(ctx, pane, word, sort, all, previous);
          expect(narrowed.rows).toEqual(listRows(ctx, pane, word, sort, all).rows);
          expect(narrowed.total).toBe(texts.length);
          previous = narrowed.matches ?? previous;
        }
      }),
    );
  });

  it('reads only the rows the word before matched when the new word holds it', () => {
    const texts = Array.from({ length: 1000 }, (_, i) => `vm-${String(i).padStart(4, '0')}`);
    const reads = { n: 0 };
    const pane = paneOf(texts, reads);
    const all = pane.rows(ctx);
    const first = listRows(ctx, pane, 'vm-00', undefined, all);
    expect(first.rows).toHaveLength(100);
    // Counted among the 100 (vm-0000 to vm-0099), then gathered up to the last match (vm-0049, the 50th): 150 texts, not 1,000.
    reads.n = 0;
    const second = listRows(ctx, pane, 'vm-004', undefined, all, first.matches);
    expect(second.rows).toHaveLength(10);
    expect(reads.n).toBe(100 + 50);
    // A word that does not hold the one before (a letter taken back) looks at every row again.
    reads.n = 0;
    expect(listRows(ctx, pane, 'vm-0', undefined, all, second.matches).rows).toHaveLength(1000);
    expect(reads.n).toBe(1000);
  });
});
