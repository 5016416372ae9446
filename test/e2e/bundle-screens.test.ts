// The app ships bundled, with Ink mended on the way in (scripts/ink-patches/:
// bounded caches, rows one text covers taken as they are), and the tests run
// the same mended Ink (vitest.config.ts). The mends may change the bytes a frame
// is written with, never the picture: a tape recorded by the built app, by an
// unmended build of it and by the Ink in this process, each replayed through a
// terminal emulator, show the same cells (characters, colours, bold, inverse)
// at every moment of the recording.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xterm from '@xterm/headless';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCast } from '../../src/session/play/cast.js';
import { DEMO_DIR, play } from '../session/helpers.js';

const BIN = join(import.meta.dirname, '../../dist/cli.js');

type Event = [number, string, string];

function outputs(text: string): { width: number; height: number; events: Event[] } {
  const cast = readCast(text);
  if (typeof cast === 'string') throw new Error(cast);
  const term = cast.header.term as { cols: number; rows: number };
  return { width: term.cols, height: term.rows, events: cast.events.filter((e) => e[1] === 'o') };
}

function cells(term: xterm.Terminal): string[] {
  const buffer = term.buffer.active;
  // One cell object read into again and again: a new one for each of 4,320 cells at 98 moments was most of this.
  const c = buffer.getNullCell();
  const rows: string[] = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(y)!;
    let row = '';
    for (let x = 0; x < term.cols; x++) {
      line.getCell(x, c);
      row += `${c.getChars() || ' '}${c.getFgColorMode()}.${c.getFgColor()}.${c.getBgColorMode()}.${c.getBgColor()}.${c.isBold()}.${c.isInverse()}|`;
    }
    rows.push(row);
  }
  return rows;
}

/** The screen after each moment of the recording, as its rows of cells. */
async function screens(cast: { width: number; height: number; events: Event[] }, moments: number[]): Promise<string[][]> {
  const term = new xterm.Terminal({ cols: cast.width, rows: cast.height, allowProposedApi: true });
  const write = (data: string) => new Promise<void>((r) => term.write(data, r));
  const out: string[][] = [];
  let i = 0;
  for (const t of moments) {
    while (i < cast.events.length && cast.events[i][0] <= t) await write(cast.events[i++][2]);
    out.push(cells(term));
  }
  term.dispose();
  return out;
}

const ROOT = join(import.meta.dirname, '../..');
const UNMENDED = join(ROOT, '.test-build/unmended');

describe('the bundled app', () => {
  beforeAll(async () => {
    await execa(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--unmended', '--out', UNMENDED], { cwd: ROOT });
  }, 60_000);

  it("draws the very screens unmended Ink draws, and the tests' Ink, at every moment of a recording", async () => {
    const tape = join(DEMO_DIR, 'failover-drill.tape');
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-bundle-'));
    const record = async (bin: string, name: string) => {
      await execa(process.execPath, [bin, 'play', tape, '--record', join(dir, name), '--quiet']);
      return outputs(readFileSync(join(dir, name), 'utf8'));
    };
    // The two built apps play while this process plays the tape itself.
    const recorded = Promise.all([record(BIN, 'built.cast'), record(join(UNMENDED, 'cli.js'), 'unmended.cast')]);
    const own = outputs((await play(readFileSync(tape, 'utf8'), {}, tape)).cast);
    const [built, unmended] = await recorded;
    for (const cast of [unmended, own]) expect([cast.width, cast.height]).toEqual([built.width, built.height]);

    const moments = [...new Set(built.events.map((e) => e[0]))];
    expect(moments.length).toBeGreaterThan(50);
    const [b, u, o] = await Promise.all([built, unmended, own].map((cast) => screens(cast, moments)));
    moments.forEach((t, k) => {
      expect(b[k], `the built app's screen at ${t} s, against unmended Ink's`).toEqual(u[k]);
      expect(o[k], `the tests' screen at ${t} s, against the built app's`).toEqual(b[k]);
    });
  }, 60_000);
});
