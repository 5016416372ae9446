// A tape's outputs stay in the folder the user chose and never replace a file
// that is not an earlier recording, unless --force. Before, `Output ../../x` and
// `Output /etc/...` wrote wherever they pointed and overwrote without a word.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputRecord } from '../../src/session/play/output-record.js';
import { outputTarget, writeOutput } from '../../src/session/play/outputs.js';
import { formatProblem } from '../../src/session/tape/ast.js';
import { checkTape } from '../../src/session/tape/check.js';
import { parseTape } from '../../src/session/tape/parser.js';
import { play } from './helpers.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hp-out-'));
const outputs = (root: string, extra: { force?: boolean; record?: OutputRecord } = {}) => ({
  outputs: { root, force: extra.force ?? false, record: extra.record ?? OutputRecord.open(join(root, '..', `${root.split('/').pop()}-record.json`)) },
  writeFiles: true,
  record: undefined,
});

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
    writeFileSync(join(root, 'rec.cast'), `${readFileSync(join(root, 'rec.cast'), 'utf8')}[9, "o", "edited"]\n`);
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

describe("a tape's outputs, attacked (review findings)", () => {
  it('a link made while the tape plays, where an output will be written, is not followed', () => {
    const root = dir();
    const outside = dir();
    const policy = { root, force: false, record: OutputRecord.open(undefined) };
    expect(outputTarget(policy, 'a.cast')).toEqual({ path: join(root, 'a.cast') });
    writeFileSync(join(outside, 'victim.txt'), 'precious');
    symlinkSync(join(outside, 'victim.txt'), join(root, 'a.cast'));
    const r = writeOutput(policy, { pos: { file: 't.tape', line: 1, col: 1 }, named: 'a.cast', user: false }, 'recording');
    expect('error' in r).toBe(true);
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('precious');
    // A folder swapped for a link out, the same.
    mkdirSync(join(root, 'sub'));
    const swapped = outputTarget(policy, 'sub/b.txt');
    expect('path' in swapped).toBe(true);
    rmdirSync(join(root, 'sub'));
    symlinkSync(outside, join(root, 'sub'));
    expect(writeOutput(policy, { pos: { file: 't.tape', line: 2, col: 1 }, named: 'sub/b.txt', user: false }, 'x')).toEqual({
      error: `leads out of the output folder ${root} (through a symbolic link)`,
    });
    expect(existsSync(join(outside, 'b.txt'))).toBe(false);
  });

  it('--check refuses what play would refuse, and only that', () => {
    const root = dir();
    symlinkSync(dir(), join(root, 'lnk'));
    const tape = parseTape('Output lnk/a.cast\nOutput "/tmp/demo.gif"\nOutput ../frames/\nSleep 1', join(root, 'x.tape'));
    expect(checkTape(tape, root, []).errors.map((e) => e.message)).toEqual([
      `Output lnk/a.cast: leads out of the output folder ${root} (through a symbolic link)`,
    ]);
  });

  it('two outputs of one file are refused at the second, and a screenshot repeated is reported once', async () => {
    const root = dir();
    const twice = await play('Output a.txt\nOutput a.txt\nSleep 1', outputs(root));
    expect(twice.failure?.message).toBe('Output a.txt: line 1 writes that file already');
    const shots = await play('Screenshot s.txt\nSleep 1\nScreenshot s.txt', outputs(root));
    expect(shots.ok).toBe(true);
    expect(shots.written.map((w) => w.path)).toEqual([join(root, 's.txt')]);
    const many = await play(Array.from({ length: 17 }, (_, i) => `Output o${i}.cast`).join('\n'), outputs(root));
    expect(many.failure?.message).toBe('Output o16.cast: a tape writes 16 outputs at most');
  });

  it("--record is written even when the tape's own outputs are not (--no-output)", async () => {
    const root = dir();
    const r = await play('Output mine.cast\nSleep 1', {
      outputs: { root, force: false },
      writeFiles: false,
      record: join(root, 'rec.cast'),
      recordOnlyInMemory: false,
    });
    expect(r.ok).toBe(true);
    expect(existsSync(join(root, 'rec.cast'))).toBe(true);
    expect(existsSync(join(root, 'mine.cast'))).toBe(false);
  });
});
