// What to write to a terminal to turn one screen into the next: only the rows
// that changed, each placed by cursor position (never by newlines, so the bytes
// mean the same in a recording, where no pty turns "\n" into "\r\n"). Shared by
// the live console and the recordings tapes make.

const ESC = '\u001b';

export const CLEAR = `${ESC}[0m${ESC}[H${ESC}[2J`;
export const HIDE_CURSOR = `${ESC}[?25l`;
export const SHOW_CURSOR = `${ESC}[?25h`;
/** Synchronized update (DEC mode 2026): terminals that know it show a frame only when it is whole. */
export const SYNC_ON = `${ESC}[?2026h`;
export const SYNC_OFF = `${ESC}[?2026l`;
/**
 * Into the alternate screen with line wrap off (DECAWM): the screen writer cuts every
 * row to the width, and should a terminal count a character's cells otherwise, the
 * row is clipped at the edge rather than wrapped onto the next one. Out again, both undone.
 */
export const ENTER_SCREEN = `${ESC}[?1049h${ESC}[?7l${ESC}[H`;
export const LEAVE_SCREEN = `${SHOW_CURSOR}${ESC}[?7h${ESC}[?1049l`;

/** What to write to turn `prev` (undefined: an unknown screen) into `next`: only the lines that changed. */
export function diffBytes(prev: readonly string[] | undefined, next: readonly string[]): string {
  let out = prev ? '' : CLEAR + HIDE_CURSOR;
  for (let row = 0; row < next.length; row++) {
    if (prev && prev[row] === next[row]) continue;
    out += `${ESC}[${row + 1};1H${ESC}[0m${ESC}[2K${next[row]}${ESC}[0m`;
  }
  return out;
}
