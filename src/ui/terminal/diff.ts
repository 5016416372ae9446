// What to write to a terminal to turn one screen into the next: only the rows
// that changed, each placed by cursor position (never by newlines, so the bytes
// mean the same in a recording, where no pty turns "\n" into "\r\n"). Shared by
// the live console and the recordings tapes make.

import { CLEAR, HIDE_CURSOR, rowBytes } from './escapes.js';

/** What to write to turn `prev` (undefined: an unknown screen) into `next`: only the lines that changed. */
export function diffBytes(prev: readonly string[] | undefined, next: readonly string[]): string {
  let out = prev ? '' : CLEAR + HIDE_CURSOR;
  for (let row = 0; row < next.length; row++) {
    if (prev && prev[row] === next[row]) continue;
    out += rowBytes(row, next[row]);
  }
  return out;
}
