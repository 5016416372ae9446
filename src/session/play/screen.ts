// The screen a tape sees and records: the console's frame with the caption bar
// laid over it, as coloured lines and as plain text (for Wait and Expect), and
// the bytes that turn one screen into the next. Lines are placed by cursor
// position, never by newlines, so no "\n" reaches the recording raw (without a
// pty nothing would turn it into "\r\n").

const ESC = '\u001b';
/** CSI and OSC sequences, and single-character escapes. */
const ANSI = /\u001b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The frame with the caption's lines over the rows just above the `keep` bottom rows (the task line, status line and footer). */
export function composite(frame: readonly string[], caption: readonly string[] | undefined, keep = 2): string[] {
  const out = [...frame];
  if (!caption || caption.length === 0) return out;
  const bottom = out.length - 1 - keep;
  const top = Math.max(0, bottom - caption.length + 1);
  for (let i = 0; i < caption.length && top + i <= bottom; i++) out[top + i] = caption[i];
  return out;
}

export { CLEAR, diffBytes, HIDE_CURSOR, SHOW_CURSOR } from '../../ui/terminal/diff.js';
