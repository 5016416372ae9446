// Every escape sequence hyperpane writes to a terminal and into its recordings,
// in one place. ansi-escapes spells those it has (the package Ink writes with);
// the three it has not are spelled here: SGR 0 (ECMA-48 8.3.117), the cursor to
// the top left with CUP's defaults ("ESC [ H", ECMA-48 8.3.21: ansi-escapes'
// cursorTo(0, 0) writes "1;1", and recordings keep their bytes), and DEC's
// autowrap mode (DECAWM, private mode 7: xterm ctlseqs).
import {
  beginSynchronizedOutput,
  cursorHide,
  cursorShow,
  cursorTo,
  endSynchronizedOutput,
  enterAlternativeScreen,
  eraseLine,
  eraseScreen,
  exitAlternativeScreen,
} from 'ansi-escapes';

const CSI = '\u001b[';

/** Colours and styles back to the terminal's own. */
export const RESET = `${CSI}0m`;
/** The cursor to the top left. */
const HOME = `${CSI}H`;
const WRAP_OFF = `${CSI}?7l`;
const WRAP_ON = `${CSI}?7h`;

/** A whole screen's start: colours reset, the cursor home, the screen erased. */
export const CLEAR = `${RESET}${HOME}${eraseScreen}`;
/** The line the cursor is on erased, the cursor left where it is (a progress line taken away). */
export const ERASE_LINE = eraseLine;
export const HIDE_CURSOR = cursorHide;
export const SHOW_CURSOR = cursorShow;
/** Synchronized update (DEC mode 2026): terminals that know it show a frame only when it is whole. */
export const SYNC_ON = beginSynchronizedOutput;
export const SYNC_OFF = endSynchronizedOutput;
/**
 * Into the alternate screen with line wrap off (DECAWM): the screen writer cuts every
 * row to the width, and should a terminal count a character's cells otherwise, the
 * row is clipped at the edge rather than wrapped onto the next one. Out again, both undone.
 */
export const ENTER_SCREEN = `${enterAlternativeScreen}${WRAP_OFF}${HOME}`;
export const LEAVE_SCREEN = `${SHOW_CURSOR}${WRAP_ON}${exitAlternativeScreen}`;

/** Row `row` (from 0) replaced: the cursor to its start, colours reset, the line erased, `text`, colours reset. */
export function rowBytes(row: number, text: string): string {
  return `${cursorTo(0, row)}${RESET}${eraseLine}${text}${RESET}`;
}
