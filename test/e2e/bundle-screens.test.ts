// The app ships bundled, with Ink mended on the way in (scripts/ink-patches.mjs:
// bounded caches, rows one text covers taken as they are). The mends may change
// the bytes a frame is written with, never the picture: a tape recorded by the
// built app and by the unmended Ink in this process, both replayed through a
// terminal emulator, show the same cells (characters, colours, bold, inverse)
// at every moment of the recording.
import xterm from '@xterm/headless';
import { execa } from 'execa';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR, play } from '../session/helpers.js';

const BIN = join(import.meta.dirname, '../../dist/cli.js');

type Event = [number, string, string];

function outputs(cast: string): { width: number; height: number; events: Event[] } {
  const [head, ...rest] = cast.trimEnd().split('\n');
  const header = JSON.parse(head) as { width: number; height: number };
  return { ...header, events: rest.map((l) => JSON.parse(l) as Event).filter((e) => e[1] === 'o') };
}

function cells(term: xterm.Terminal): string[] {
  const buffer = term.buffer.active;
  const rows: string[] = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(y)!;
    let row = '';
    for (let x = 0; x < term.cols; x++) {
      const c = line.getCell(x)!;
      row += `${c.getChars() || ' '}${c.getFgColorMode()}.${c.getFgColor()}.${c.getBgColorMode()}.${c.getBgColor()}.${c.isBold()}.${c.isInverse()}|`;
    }
    rows.push(row);
  }
  return rows;
}

describe('the bundled app', () => {
  it('draws the very screens the unmended Ink draws, at every moment of a recording', async () => {
    const tape = join(DEMO_DIR, 'failover-drill.tape');
    const own = outputs((await play(readFileSync(tape, 'utf8'), {}, tape)).cast);
    const file = join(mkdtempSync(join(tmpdir(), 'hyperpane-bundle-')), 'drill.cast');
    await execa(process.execPath, [BIN, 'play', tape, '--record', file, '--quiet']);
    const built = outputs(readFileSync(file, 'utf8'));
    expect([built.width, built.height]).toEqual([own.width, own.height]);

    const a = new xterm.Terminal({ cols: own.width, rows: own.height, allowProposedApi: true });
    const b = new xterm.Terminal({ cols: own.width, rows: own.height, allowProposedApi: true });
    const write = (t: xterm.Terminal, data: string) => new Promise<void>((r) => t.write(data, r));
    const moments = [...new Set(own.events.map((e) => e[0]))];
    let i = 0;
    let j = 0;
    for (const t of moments) {
      while (i < own.events.length && own.events[i][0] <= t) await write(a, own.events[i++][2]);
      while (j < built.events.length && built.events[j][0] <= t) await write(b, built.events[j++][2]);
      expect(cells(b), `the screen at ${t} s`).toEqual(cells(a));
    }
    expect(moments.length).toBeGreaterThan(50);
    a.dispose();
    b.dispose();
  }, 60_000);
});
