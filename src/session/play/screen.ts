// The screen a tape sees and records: the console's frame with the caption bar
// laid over it (never over a box's lines), as coloured lines and as plain text (for Wait and Expect), and
// the bytes that turn one screen into the next. Lines are placed by cursor
// position, never by newlines, so no "\n" reaches the recording raw (without a
// pty nothing would turn it into "\r\n").

import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { RESET } from '../../ui/terminal/escapes.js';

/** CSI and OSC sequences, and single-character escapes. */
const ANSI = /\u001b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Box-drawing characters: a caption never covers one (a dialog's or a detail view's frame). */
const VERTICAL = /[│┃║╎╏┆┇┊┋]/;
const BOX = /[\u2500-\u257f]/;

/** Where a caption goes: its top row, its first column and its width. */
export interface CaptionPlace {
  readonly top: number;
  readonly left: number;
  readonly width: number;
}

/**
 * Where a caption of `render(width)` lines goes over `frame` (plain text rows):
 * as low as it can in the body (rows `top` to `bottom`), over content only. No
 * row it covers may hold a box's top or bottom line, and it sits between the side
 * lines of any box around it (inside a detail view's or a dialog's frame, or beside
 * a detail view on the right), so every box stays whole. Undefined if no place is
 * free of boxes: the caption then goes full width above the bottom rows.
 */
export function placeCaption(
  frame: readonly string[],
  render: (width: number) => readonly string[],
  area: { readonly top: number; readonly bottom: number; readonly width: number },
): CaptionPlace | undefined {
  const { top, bottom, width } = area;
  const cells = frame.map(cellsOf);
  for (let end = bottom; end >= top; end--) {
    let left = 0;
    let right = width;
    let rows = render(width).length;
    // The caption's height depends on its width, and its width on the rows it covers: settle both.
    for (let round = 0; round < 3; round++) {
      const start = end - rows + 1;
      if (start < top) break;
      left = 0;
      right = width;
      for (let r = start; r <= end; r++) {
        const row = cells[r] ?? [];
        for (let x = 0; x < row.length; x++) {
          if (!VERTICAL.test(row[x])) continue;
          if (x < width / 2) left = Math.max(left, x + 1);
          else right = Math.min(right, x);
        }
      }
      const again = render(Math.max(1, right - left)).length;
      if (again === rows) break;
      rows = again;
    }
    const start = end - rows + 1;
    if (start < top || right - left < Math.min(20, width)) continue;
    let clear = true;
    for (let r = start; r <= end && clear; r++) {
      const row = cells[r] ?? [];
      for (let x = left; x < Math.min(right, row.length); x++) {
        if (BOX.test(row[x])) {
          clear = false;
          break;
        }
      }
    }
    if (clear) return { top: start, left, width: right - left };
  }
  return undefined;
}

/** The part of a frame a caption may cover: the rows between the header and tabs (`top` rows) and the `keep` rows at the bottom (the task line, status line and footer). */
export interface CaptionArea {
  readonly width: number;
  readonly top: number;
  readonly keep: number;
}

/** The frame with a caption laid over it where placeCaption says (full width above the kept rows if nowhere is free of boxes). */
export function composite(frame: readonly string[], caption: ((width: number) => readonly string[]) | undefined, area: CaptionArea): string[] {
  const out = [...frame];
  if (!caption) return out;
  const bottom = out.length - 1 - area.keep;
  const place = placeCaption(out.map(stripAnsi), caption, { top: area.top, bottom, width: area.width }) ?? {
    top: Math.max(0, bottom - caption(area.width).length + 1),
    left: 0,
    width: area.width,
  };
  const lines = caption(place.width);
  for (let i = 0; i < lines.length && place.top + i <= bottom; i++) out[place.top + i] = splice(out[place.top + i], place.left, place.width, lines[i]);
  return out;
}

/** `row` with the columns from `left`, `width` wide, replaced by `text` (coloured rows keep their colours either side). */
function splice(row: string, left: number, width: number, text: string): string {
  const before = sliceAnsi(row, 0, left);
  const pad = ' '.repeat(Math.max(0, left - stringWidth(before)));
  return `${before}${pad}${RESET}${text}${RESET}${sliceAnsi(row, left + width)}`;
}

/** A row as one string per terminal cell (a wide character and an empty cell after it). */
function cellsOf(row: string): string[] {
  const out: string[] = [];
  for (const ch of row) {
    out.push(ch);
    if (ch.codePointAt(0)! >= 0x1100 && isWide(ch)) out.push('');
  }
  return out;
}

/** Whether a character takes two cells, remembered: box-drawing characters are past U+1100, and asking string-width each time was most of a caption's cost. */
const WIDE = new Map<string, boolean>();
function isWide(ch: string): boolean {
  let wide = WIDE.get(ch);
  if (wide === undefined) {
    wide = stringWidth(ch) === 2;
    WIDE.set(ch, wide);
  }
  return wide;
}

export { diffBytes } from '../../ui/terminal/diff.js';
