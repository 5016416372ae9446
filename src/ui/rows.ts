// The rows a pane shows: its rows, filtered, then sorted by one column. Sort keys
// are read once per row, not once per comparison, so 100,000 rows sort in tens of
// milliseconds; the result is cached until the estate or the view changes.
import { compileFilter } from './filter.js';
import type { PaneDef, RowContext } from './panes/types.js';

export interface SortSpec {
  readonly column: string;
  readonly desc: boolean;
}

export interface RowList {
  readonly rows: readonly number[];
  /** Rows before filtering. */
  readonly total: number;
  /** Why the filter could not be used (it then filters nothing). */
  readonly filterError?: string;
}

/** `all`: the pane's rows, if the caller has them already (each keystroke of a filter lists the same rows). */
export function listRows(ctx: RowContext, pane: PaneDef, filter: string, sort: SortSpec | undefined, all: readonly number[] = pane.rows(ctx)): RowList {
  const compiled = compileFilter(filter, pane);
  let rows = all;
  if (compiled.ok && compiled.needle !== undefined && pane.searcher) {
    // One plain word, the usual filter: a tight loop over the rows' search texts.
    const search = pane.searcher(ctx);
    const needle = compiled.needle;
    const out: number[] = [];
    for (let i = 0; i < all.length; i++) if (search(all[i]).includes(needle)) out.push(all[i]);
    rows = out;
  } else if (compiled.ok && compiled.test) {
    const test = compiled.test;
    rows = all.filter((r) => test(ctx, r));
  }
  const column = sort && pane.columns.find((c) => c.id === sort.column);
  if (column && sort) rows = sortRows(ctx, rows, column.value ?? column.text, sort.desc);
  return { rows, total: all.length, ...(compiled.ok ? {} : { filterError: compiled.error }) };
}

/** Sorts by one key per row, read once; ties keep the natural order. */
function sortRows(ctx: RowContext, rows: readonly number[], read: (ctx: RowContext, row: number) => number | string, desc: boolean): number[] {
  const n = rows.length;
  const first = n > 0 ? read(ctx, rows[0]) : 0;
  const dir = desc ? -1 : 1;
  if (typeof first === 'number') {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (Number(read(ctx, rows[i])) || 0) * dir;
    return sortedByPacking(rows, keys) ?? sortedByComparing(rows, (a, b) => keys[a] - keys[b] || a - b);
  }
  const keys = rows.map((r) => naturalKey(String(read(ctx, r))));
  return sortedByComparing(rows, (a, b) => (keys[a] < keys[b] ? -dir : keys[a] > keys[b] ? dir : a - b));
}

function sortedByComparing(rows: readonly number[], compare: (a: number, b: number) => number): number[] {
  const positions = Array.from({ length: rows.length }, (_, i) => i);
  positions.sort(compare);
  return positions.map((i) => rows[i]);
}

/**
 * Numeric keys and positions packed into one number each (key in the high bits,
 * position in the low), sorted by the engine's native numeric sort: three times
 * faster at 100,000 rows than a comparator. Keys are read to a millionth (or
 * exactly, when whole); undefined when they span too much to pack exactly.
 */
function sortedByPacking(rows: readonly number[], keys: Float64Array): number[] | undefined {
  const n = rows.length;
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k < min) min = k;
    if (k > max) max = k;
    if (whole && !Number.isInteger(k)) whole = false;
  }
  const scale = whole ? 1 : 1e6;
  const slots = 2 ** (32 - Math.clz32(n));
  if (!((max - min) * scale * slots < 2 ** 53)) return undefined;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = Math.round((keys[i] - min) * scale) * slots + i;
  packed.sort();
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = rows[packed[i] % slots];
  return out;
}

const naturalKeys = new Map<string, string>();

/** A string whose plain order is the natural one: "esx-9" before "esx-10" (kept: names are sorted again and again). */
export function naturalKey(text: string): string {
  let key = naturalKeys.get(text);
  if (key === undefined) {
    key = text.toLowerCase().replace(/\d+/g, (d) => d.padStart(12, '0'));
    if (naturalKeys.size >= 500_000) naturalKeys.clear();
    naturalKeys.set(text, key);
  }
  return key;
}
