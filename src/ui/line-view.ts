// The part of a line being typed that is in view when it is wider than its room
// (the : prompt, the / filter, a form field), scrolled sideways as readline does
// in horizontal-scroll mode (readline display.c, rl_redisplay): the window moves
// only when the cursor would leave it; past the right edge it moves so the cursor
// sits two-thirds across, before the left edge back to a multiple of a third of
// the room; '<' marks text hidden to the left, '>' text hidden to the right.
import stringWidth from 'string-width';
import { clean } from './format.js';
import type { LineEdit } from './line-edit.js';

export interface LineView {
  /** The first column in view (to keep in the edit, as readline keeps last_lmargin). */
  readonly margin: number;
  readonly before: string;
  /** What the cursor is on (a space at the end of the line). */
  readonly at: string;
  readonly after: string;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The window of `edit` that fits `room` columns (the cursor's block included), from the margin shown last. */
export function lineView(edit: LineEdit, room: number): LineView {
  const segments = [...graphemes.segment(clean(edit.text))].map((s) => ({ index: s.index, text: s.segment, width: stringWidth(s.segment) }));
  const total = segments.reduce((n, s) => n + s.width, 0);
  let col = 0;
  for (const s of segments) {
    if (s.index >= edit.cursor) break;
    col += s.width;
  }
  const margin = marginFor(col, total, room, edit.margin ?? 0);
  // The cells in view, each from one segment; a wide character cut by an edge shows as spaces.
  const cells: { text: string; cursor: boolean }[] = [];
  let at = 0;
  for (const s of segments) {
    const start = at;
    at += s.width;
    if (at <= margin || start >= margin + room) continue;
    const whole = start >= margin && at <= margin + room;
    if (whole) cells.push({ text: s.text, cursor: start === col });
    else for (let c = Math.max(start, margin); c < Math.min(at, margin + room); c++) cells.push({ text: ' ', cursor: false });
  }
  if (col === total) cells.push({ text: ' ', cursor: true });
  // The marks take the edge cells; the rule above keeps the cursor off them.
  const edge = (k: number, mark: string) => {
    if (cells[k] && !cells[k].cursor) cells[k] = { text: cellPad(mark, cells[k].text), cursor: false };
  };
  if (margin > 0) edge(0, '<');
  if (margin + room < total) edge(cells.length - 1, '>');
  const i = cells.findIndex((c) => c.cursor);
  return {
    margin,
    before: cells
      .slice(0, i)
      .map((c) => c.text)
      .join(''),
    at: cells[i]?.text ?? ' ',
    after: cells
      .slice(i + 1)
      .map((c) => c.text)
      .join(''),
  };
}

/** A mark in place of a cell's text, padded to the cells that text took. */
function cellPad(mark: string, replaced: string): string {
  return mark + ' '.repeat(Math.max(0, stringWidth(replaced) - 1));
}

/** readline's rule for the first column in view (the cursor at column `col` of `total`, `room` columns). */
export function marginFor(col: number, total: number, room: number, last: number): number {
  if (total + 1 <= room) return 0;
  const third = Math.max(1, Math.floor(room / 3));
  let margin = last;
  if (col - last > room - 2) margin = col - 2 * third;
  else if (col - last < 1) margin = Math.floor((col - 1) / third) * third;
  return Math.max(0, margin);
}
