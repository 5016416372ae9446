// The screen writer under rapid resizes, against a real terminal emulator
// (xterm.js, headless): random frames, some laid out for the size the terminal
// had a moment ago (wider, taller, narrower, shorter), resizes in between, in any
// order. After every write, each row of the emulator's screen is exactly that row
// of the last frame, cut to the terminal's width: no row keeps a piece of another
// (a monkey run once left a copy of the tab line on row 2 after resizes).

import { EventEmitter } from 'node:events';
import xterm from '@xterm/headless';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { ScreenWriter } from '../../src/ui/terminal/screen-writer.js';

class Emulated extends EventEmitter {
  readonly term: xterm.Terminal;
  private pending: Promise<void> = Promise.resolve();
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
    this.term = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true });
  }
  write(text: string): boolean {
    this.pending = this.pending.then(() => new Promise<void>((resolve) => this.term.write(text, resolve)));
    return true;
  }
  /** The window changes size: the emulator first, then the process hears of it. */
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.term.resize(columns, rows);
    this.emit('resize');
  }
  async screen(): Promise<string[]> {
    await this.pending;
    const b = this.term.buffer.active;
    return Array.from({ length: this.term.rows }, (_, y) => (b.getLine(b.viewportY + y)?.translateToString(true) ?? '').trimEnd());
  }
}

const WORDS = ['hosts', 'vms', '│', '─', 'esx-01', '東京', '😀', '1 Hosts 12   2 VMs   3 Containers', 'running', '  ', 'x'];
const line = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((w) => w.join(' '));
const colour = (text: string, on: boolean) => (on && text ? `\u001b[36m${text}\u001b[39m` : text);

const step = fc.oneof(
  // (Ink's frames are never empty text: an empty write is its log cleared on a resize, not a frame.)
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('frame' as const),
      lines: fc.array(line, { minLength: 1, maxLength: 40 }).filter((l) => l.join('\n') !== ''),
      coloured: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resize' as const), cols: fc.integer({ min: 20, max: 140 }), rows: fc.integer({ min: 5, max: 40 }) }) },
);

/** The screen the terminal should show for a frame: each row cut to the width, blank rows below. */
function expected(lines: readonly string[], cols: number, rows: number): string[] {
  return Array.from({ length: rows }, (_, r) => cut(lines[r] ?? '', cols).trimEnd());
}

function cut(text: string, cols: number): string {
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = stringWidth(ch);
    if (width + w > cols) break;
    out += ch;
    width += w;
  }
  return out;
}

describe('the screen writer, resized at random', () => {
  it('leaves no row of an earlier frame or size behind', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const terminal = new Emulated(80, 24);
        const screen = new ScreenWriter(terminal);
        let last: { lines: string[]; coloured: boolean } | undefined;
        for (const s of steps) {
          if (s.kind === 'resize') terminal.resize(s.cols, s.rows);
          else {
            last = s;
            screen.write(s.lines.map((l) => colour(l, s.coloured)).join('\n'));
            expect(await terminal.screen()).toEqual(expected(s.lines, terminal.columns, terminal.rows));
          }
        }
        // The frame after the last resize, as Ink draws it again on hearing of one.
        if (last) {
          screen.write([...last.lines, ''].map((l) => colour(l, last!.coloured)).join('\n'));
          expect(await terminal.screen()).toEqual(expected(last.lines, terminal.columns, terminal.rows));
        }
        screen.release();
        terminal.term.dispose();
      }),
      { numRuns: 300 },
    );
  });
});
