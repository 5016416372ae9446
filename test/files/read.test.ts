// Reading what a user names: only regular files, never past the cap, never a wait.
// Before this reader, /dev/zero (size 0 by stat) was read until memory ran out and
// a FIFO blocked the process for good.

import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execaSync } from 'execa';
import { describe, expect, it } from 'vitest';
import { readHead, readTextFile } from '../../src/files/read.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hp-read-'));

describe('reading a file a user names', () => {
  it('reads a regular file whole and says which file it was', () => {
    const d = dir();
    writeFileSync(join(d, 'a.json'), '{"a":1}');
    const r = readTextFile(join(d, 'a.json'), 100);
    expect(r.ok && r.text).toBe('{"a":1}');
    expect(r.ok && r.identity.size).toBe('7');
  });

  it('refuses a device, even through a link, without reading it', () => {
    const d = dir();
    symlinkSync('/dev/zero', join(d, 'zero.json'));
    for (const path of ['/dev/zero', join(d, 'zero.json'), '/dev/null']) {
      const r = readTextFile(path, 1024);
      expect(r).toEqual({ ok: false, reason: 'special', message: 'it is not a regular file (a character device)' });
    }
  });

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const d = dir();
    const fifo = join(d, 'f.json');
    const made = execaSync('mkfifo', [fifo], { reject: false });
    if (made.exitCode !== 0) return void console.warn('mkfifo is not available here: FIFO case skipped');
    expect(readTextFile(fifo, 1024)).toEqual({ ok: false, reason: 'special', message: 'it is not a regular file (a FIFO)' });
    expect(readHead(fifo, 10)).toBeUndefined();
  });

  it('caps what it reads, and says so', () => {
    const d = dir();
    writeFileSync(join(d, 'big'), 'x'.repeat(5000));
    expect(readTextFile(join(d, 'big'), 4096)).toEqual({ ok: false, reason: 'too-large', message: 'it is 5 KB; the most taken is 4 KB' });
    expect(readHead(join(d, 'big'), 10)?.toString()).toBe('xxxxxxxxxx');
  });

  it('says what is missing or a directory', () => {
    const d = dir();
    expect(readTextFile(join(d, 'nope'), 10)).toMatchObject({ ok: false, reason: 'missing', message: 'no such file or directory' });
    expect(readTextFile(d, 10)).toMatchObject({ ok: false, reason: 'directory' });
  });
});
