// The terminal as Ink sees it. Ink runs in debug mode, where it writes every
// frame whole and at once; this stands in for stdout, keeps the screen the
// terminal shows, and writes only the rows that changed, inside a synchronized
// update (DEC mode 2026) so terminals that know it never show half a frame.
// Ink's own fullscreen path would clear and rewrite all of the screen for every
// frame: about 6 KB for a one-row move, where this writes two rows.
import { Writable } from 'node:stream';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { diffBytes } from './diff.js';
import { HIDE_CURSOR, RESET, SHOW_CURSOR, SYNC_OFF, SYNC_ON } from './escapes.js';

/** What Ink writes that is not a frame: the cursor shown on the way out. */
const CONTROL: readonly string[] = [SHOW_CURSOR, HIDE_CURSOR];
/** Console output caught while the console runs, printed after it (bounded). */
const MAX_STRAY_LINES = 200;

export interface Terminal {
  readonly columns?: number;
  readonly rows?: number;
  write(text: string): unknown;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

export class ScreenWriter extends Writable {
  readonly isTTY = true;
  /** Bytes and frames written to the terminal (the benchmark reads them). */
  bytes = 0;
  frames = 0;
  /** Lines other code printed (console.log) while the screen was ours. */
  readonly stray: string[] = [];
  private shown: string[] | undefined;
  /** Its rows before they were cut to the width they were cut to. */
  private rawRows: { readonly lines: readonly string[]; readonly cols: number } | undefined;
  private readonly onResize = () => {
    this.shown = undefined;
    this.emit('resize');
  };

  constructor(
    private readonly terminal: Terminal,
    /** Called after each frame reaches the terminal, with its size in bytes. */
    private readonly onFrame?: (bytes: number) => void,
  ) {
    super();
    terminal.on('resize', this.onResize);
  }

  get columns(): number {
    return this.terminal.columns || 80;
  }

  get rows(): number {
    return this.terminal.rows || 24;
  }

  /** The next frame is drawn whole (the screen was cleared or is not known). */
  invalidate(): void {
    this.shown = undefined;
  }

  release(): void {
    this.terminal.off('resize', this.onResize);
  }

  override write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const text = String(chunk);
    if (CONTROL.includes(text)) this.terminal.write(text);
    // Ink clears its (unused) log on a resize by writing nothing: not a frame.
    else if (text !== '') this.frame(text);
    return acknowledge(encoding, callback);
  }

  private frame(text: string): void {
    const rows = this.rows;
    const cols = this.columns;
    const lines = text.split('\n');
    // Laid out for a taller terminal, just before the console hears of a resize: its top fits.
    if (lines.length > rows) lines.length = rows;
    while (lines.length < rows) lines.push('');
    // Laid out for a wider one: each row is cut to the width, or the terminal would wrap
    // its end onto the next row, which would then show a piece of this one until redrawn.
    // Only rows that changed are measured (a frame is mostly the rows it had), and only
    // those long enough to be too wide: a code unit is at most two cells.
    const raw = lines.slice();
    const prev = this.rawRows;
    for (let r = 0; r < lines.length; r++) {
      if (prev && prev.cols === cols && this.shown && prev.lines[r] === raw[r]) lines[r] = this.shown[r];
      else if (raw[r].length * 2 > cols) lines[r] = fitWidth(raw[r], cols);
    }
    this.rawRows = { lines: raw, cols };
    const bytes = diffBytes(this.shown, lines);
    this.shown = lines;
    if (bytes === '') return;
    const out = SYNC_ON + bytes + SYNC_OFF;
    this.terminal.write(out);
    const size = Buffer.byteLength(out);
    this.bytes += size;
    this.frames++;
    this.onFrame?.(size);
  }

  /** Keeps console text (its non-empty lines, the latest MAX_STRAY_LINES) to print when the console ends. */
  keepStray(text: string): void {
    this.stray.push(...text.split('\n').filter((l) => l !== ''));
    if (this.stray.length > MAX_STRAY_LINES) this.stray.splice(0, this.stray.length - MAX_STRAY_LINES);
  }
}

/** Where Ink writes console.error and friends while the console runs: kept, not drawn over the screen. */
export class StrayOutput extends Writable {
  constructor(private readonly into: ScreenWriter) {
    super();
  }

  override write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    this.into.keepStray(String(chunk));
    return acknowledge(encoding, callback);
  }
}

/** A row of styled text cut to `cols` cells (a wide character that would straddle the edge goes too). */
function fitWidth(line: string, cols: number): string {
  if (stringWidth(line) <= cols) return line;
  let cut = sliceAnsi(line, 0, cols);
  if (stringWidth(cut) > cols) cut = sliceAnsi(line, 0, cols - 1);
  return `${cut}${RESET}`;
}

/** Calls a write's callback (given as its second or third argument) at once: nothing is buffered. */
function acknowledge(encoding: unknown, callback: unknown): true {
  const done = typeof encoding === 'function' ? encoding : callback;
  if (typeof done === 'function') done();
  return true;
}
