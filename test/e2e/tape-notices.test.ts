// `hyperpane play` says each notice once in a run: two tapes that source one
// tape share its notices, and a tape that sources it twice holds them once.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../dist/cli.js');

describe('hyperpane play: each notice once', () => {
  it('--check and play of two tapes sourcing one tape (twice in one of them)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-notices-'));
    writeFileSync(join(dir, 'common.tape'), 'Set FontFamily "Fira Code"\nSleep 100ms\n');
    writeFileSync(join(dir, 'a.tape'), 'Set Theme "Dracula"\nType "2"\nSource common.tape\nSource common.tape\n');
    writeFileSync(join(dir, 'b.tape'), 'Type "3"\nSource common.tape\n');
    const notice = `${join(dir, 'common.tape')}:1:1: notice: Set FontFamily: the look of a video VHS renders; hyperpane draws the terminal itself (ignored)`;
    for (const args of [['--check'], ['--no-output', '--headless']]) {
      const r = await execa(process.execPath, [BIN, 'play', ...args, join(dir, 'a.tape'), join(dir, 'b.tape')], {
        reject: false,
        env: { CI: 'true', HYPERPANE_CONFIG_DIR: dir },
        stdin: 'ignore',
      });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr.split('\n'), args.join(' ')).toEqual([notice]);
    }
  });
});
