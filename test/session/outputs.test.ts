// A tape's outputs stay in the folder the user chose and never replace a file
// that is not an earlier recording, unless --force. Before, `Output ../../x` and
// `Output /etc/...` wrote wherever they pointed and overwrote without a word.
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/session/tape/ast.js';
import { checkTape } from '../../src/session/tape/check.js';
import { parseTape } from '../../src/session/tape/parser.js';
import { OutputRecord } from '../../src/session/play/output-record.js';
import { play } from './helpers.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hp-out-'));
const outputs = (root: string, extra: { force?: boolean; record?: OutputRecord } = {}) => ({ outputs: { root, force: extra.force ?? false, record: extra.record ?? OutputRecord.open(join(root, '..', `${root.split('/').pop()}-record.json`)) }, writeFiles: true, record: undefined });

describe("a tape's outputs", () => {
  it('may not leave the output folder: absolute paths and .. are refused by --check and by play', async () => {
    const root = dir();
    for (const [line, why] of [
      ['Output ../escape.cast', "an output path may not lead out of the output folder (the tape's folder, or play --out DIR)"],
      ['Output "/tmp/escape.cast"', "an output path is relative to the output folder (the tape's folder, or play --out DIR); an absolute path is refused"],
      ['Screenshot ../../escape.txt', "an output path may not lead out of the output folder (the tape's folder, or play --out DIR)"],
    ] as const) {
      const tape = parseTape(`${line}\nSleep 1`, 'x.tape');
      expect(checkTape(tape, root, []).errors.map(formatProblem)).toEqual([`x.tape:1:1: ${line.replace(/"/g, '')}: ${why}`]);
      const r = await play(`${line}\nSleep 1`, outputs(root));
      expect(r.ok).toBe(false);
      expect(r.failure!.message).toContain(why);
    }
    expect(existsSync(join(root, '..', 'escape.cast'))).toBe(false);
    expect(existsSync('/tmp/escape.cast')).toBe(false);
  });

  it('may not leave it through a symbolic link either', async () => {
    const root = dir();
    const elsewhere = dir();
    symlinkSync(elsewhere, join(root, 'out'));
    const r = await play('Output out/x.cast\nSleep 1', outputs(root));
    expect(r.failure?.message).toBe(`Output out/x.cast: leads out of the output folder ${root} (through a symbolic link)`);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it("does not replace a user's own file unless forced, and says what it wrote", async () => {
    const root = dir();
    writeFileSync(join(root, 'notes.txt'), 'my notes');
    const r = await play('Output notes.txt\nSleep 1', outputs(root));
    expect(r.failure?.message).toBe('Output notes.txt: exists and is not an earlier recording of a tape; play --force replaces it');
    expect(readFileSync(join(root, 'notes.txt'), 'utf8')).toBe('my notes');
    const forced = await play('Output notes.txt\nSleep 1', outputs(root, { force: true }));
    expect(forced.ok).toBe(true);
    expect(forced.written).toEqual([{ path: join(root, 'notes.txt'), bytes: readFileSync(join(root, 'notes.txt')).length }]);
  });

  it('replaces its own earlier recording when the tape plays again, but not one edited since', async () => {
    const root = dir();
    const record = OutputRecord.open(join(dir(), 'outputs.json'));
    const tape = 'Output rec.cast\nScreenshot shot.txt\nSleep 1';
    const first = await play(tape, outputs(root, { record }));
    expect(first.ok).toBe(true);
    expect(first.written.map((w) => w.path).sort()).toEqual([join(root, 'rec.cast'), join(root, 'shot.txt')]);
    // Read back from disk, as the next run of hyperpane play would.
    const again = await play(tape, outputs(root, { record: OutputRecord.open(record.path) }));
    expect(again.ok, again.failure?.message).toBe(true);
    writeFileSync(join(root, 'rec.cast'), readFileSync(join(root, 'rec.cast'), 'utf8') + '[9, "o", "edited"]\n');
    const third = await play(tape, outputs(root, { record: OutputRecord.open(record.path) }));
    expect(third.failure?.message).toBe('Output rec.cast: exists and is not an earlier recording of a tape; play --force replaces it');
  });

  it('makes the folders it needs under the output folder', async () => {
    const root = dir();
    mkdirSync(join(root, 'a'));
    const r = await play('Output a/b/c.cast\nSleep 1', outputs(root));
    expect(r.ok, r.failure?.message).toBe(true);
    expect(existsSync(join(root, 'a', 'b', 'c.cast'))).toBe(true);
  });
});
