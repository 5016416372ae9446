// Replacing a file: every byte or nothing, never through a planted link, through
// the user's own link to its target, and never over a file someone else changed.

import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execaSync } from 'execa';
import { describe, expect, it } from 'vitest';
import { realTarget, writeAtomically } from '../../src/files/atomic-write.js';
import { currentIdentity } from '../../src/files/identity.js';
import { lockPath, withLock } from '../../src/files/lock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hp-write-'));

describe('writing a file atomically', () => {
  it('writes the new content, keeps the old one as .bak and the mode of the file it replaces', () => {
    const d = dir();
    const f = join(d, 'a.json');
    writeFileSync(f, 'old', { mode: 0o600 });
    const r = writeAtomically(f, 'new');
    expect(r.ok).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(readFileSync(`${f}.bak`, 'utf8')).toBe('old');
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(readdirSync(d).sort()).toEqual(['a.json', 'a.json.bak']);
  });

  it('writes bytes given in pieces one after another, each at its place, and checks them all', () => {
    const f = join(dir(), 'pieces.json');
    // More than the 1 MiB a read-back takes at a time, in pieces that do not line up with it; an empty one among them.
    const big = Buffer.alloc(1_500_000, 0x61);
    const pieces = [Buffer.from('{"a":"'), big.subarray(0, 1_048_570), Buffer.alloc(0), big.subarray(1_048_570), Buffer.from('é"}\n')];
    const r = writeAtomically(f, pieces);
    expect(r.ok).toBe(true);
    expect(readFileSync(f).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('never follows a link planted where its temporary file or its backup would go', () => {
    const d = dir();
    const f = join(d, 'a.json');
    const victim = join(d, 'victim.txt');
    writeFileSync(victim, 'precious');
    writeFileSync(f, 'old');
    // The names the old writer used (the pid was the only thing that varied).
    for (const name of [`.a.json.tmp-${process.pid}`, `.a.json.bak-${process.pid}`]) symlinkSync(victim, join(d, name));
    expect(writeAtomically(f, 'new').ok).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(f, 'utf8')).toBe('new');
  });

  it('clears a lock file planted as a link instead of writing through it', () => {
    const d = dir();
    const f = join(d, 'a.json');
    const victim = join(d, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, lockPath(f));
    expect(writeAtomically(f, 'new').ok).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(existsSync(lockPath(f))).toBe(false);
  });

  it('saves through a symbolic link to the file it points to, with the backup beside that file', () => {
    const d = dir();
    const real = join(d, 'real.json');
    const link = join(d, 'link.json');
    writeFileSync(real, 'old');
    symlinkSync('real.json', link);
    const r = writeAtomically(link, 'new');
    expect(r.ok && r.path).toBe(real);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.json');
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(readFileSync(`${real}.bak`, 'utf8')).toBe('old');
    expect(existsSync(`${link}.bak`)).toBe(false);
  });

  it('does not replace a file that changed since the caller read it', () => {
    const d = dir();
    const f = join(d, 'a.json');
    writeFileSync(f, 'first');
    const seen = currentIdentity(f)!;
    writeFileSync(f, 'someone else, meanwhile');
    const r = writeAtomically(f, 'mine', { expect: seen });
    expect(r).toEqual({ ok: false, reason: 'conflict', message: `${f} was changed by another program since it was read here` });
    expect(readFileSync(f, 'utf8')).toBe('someone else, meanwhile');
    expect(writeAtomically(f, 'mine', { expect: currentIdentity(f) }).ok).toBe(true);
  });

  it('refuses to replace what is not a regular file', () => {
    const d = dir();
    expect(writeAtomically(d, 'x')).toMatchObject({ ok: false, reason: 'not-regular' });
    const fifo = join(d, 'f');
    if (execaSync('mkfifo', [fifo], { reject: false }).exitCode === 0)
      expect(writeAtomically(fifo, 'x')).toMatchObject({ ok: false, reason: 'not-regular', message: `cannot save ${fifo}: it is not a regular file` });
  });
});

describe('writing a file atomically, where it goes wrong around it', () => {
  it('a lock that is a folder is reported at once, not waited on for ever', () => {
    const d = dir();
    const f = join(d, 'a.json');
    mkdirSync(lockPath(f));
    const r = writeAtomically(f, 'x');
    expect(r).toMatchObject({ ok: false, reason: 'busy' });
    expect(!r.ok && r.message).toContain("is in the way of the save's lock (a folder); remove it");
  });

  it('a stale lock is taken over, and a saver removes only the lock it made', () => {
    const d = dir();
    const f = join(d, 'a.json');
    writeFileSync(lockPath(f), '999999999\n');
    expect(writeAtomically(f, 'one').ok).toBe(true);
    expect(existsSync(lockPath(f))).toBe(false);
    // Another saver's lock appears while this one runs (after a stale takeover): it is left alone.
    const r = withLock(f, () => {
      unlinkSync(lockPath(f));
      writeFileSync(lockPath(f), `${process.pid} another-savers-token\n`);
      return 'ran';
    });
    expect(r).toEqual({ ok: true, value: 'ran' });
    expect(existsSync(lockPath(f))).toBe(true);
  });

  it('an empty lock a crash left (between making it and writing its pid) is taken over once it is 5 s old', () => {
    const d = dir();
    const f = join(d, 'a.json');
    writeFileSync(lockPath(f), '');
    // Younger, it may be a live saver's that stalled before writing its pid: it is waited on, and reported busy.
    const then = new Date(Date.now() - 6000);
    utimesSync(lockPath(f), then, then);
    expect(writeAtomically(f, 'one')).toMatchObject({ ok: true });
    expect(existsSync(lockPath(f))).toBe(false);
  });

  it('follows links as the kernel does: a relative link inside a linked folder', () => {
    const d = dir();
    mkdirSync(join(d, 'real', 'sub'), { recursive: true });
    writeFileSync(join(d, 'real', 'lab.json'), 'old');
    symlinkSync(join(d, 'real', 'sub'), join(d, 'ln'));
    symlinkSync('../lab.json', join(d, 'real', 'sub', 'link.json'));
    expect(realTarget(join(d, 'ln', 'link.json'))).toBe(join(d, 'real', 'lab.json'));
    expect(writeAtomically(join(d, 'ln', 'link.json'), 'new').ok).toBe(true);
    expect(readFileSync(join(d, 'real', 'lab.json'), 'utf8')).toBe('new');
    expect(existsSync(join(d, 'lab.json'))).toBe(false);
  });

  it('a new file takes the umask; a replaced one keeps its mode; a read-only one is refused unless asked', () => {
    const d = dir();
    const f = join(d, 'new.json');
    const old = process.umask(0o077);
    try {
      expect(writeAtomically(f, 'x').ok).toBe(true);
    } finally {
      process.umask(old);
    }
    expect(statSync(f).mode & 0o777).toBe(0o600);
    const ro = join(d, 'ro.json');
    writeFileSync(ro, 'mine', { mode: 0o444 });
    if (process.getuid?.() === 0) return void console.warn('as root every file is writable: read-only case skipped');
    expect(writeAtomically(ro, 'x')).toMatchObject({ ok: false, reason: 'read-only' });
    expect(writeAtomically(ro, 'x', { evenReadOnly: true }).ok).toBe(true);
  });

  it('names up to the file system limit save, side files and all', () => {
    const d = dir();
    const f = join(d, `${'n'.repeat(250)}.json`);
    expect(writeAtomically(f, 'one').ok).toBe(true);
    expect(writeAtomically(f, 'two').ok).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe('two');
  });

  it('a folder path is refused, not turned into a file of that name', () => {
    const d = dir();
    writeFileSync(join(d, 'lab.json'), 'mine');
    expect(writeAtomically(`${join(d, 'lab.json')}/`, 'x')).toMatchObject({ ok: false, message: expect.stringContaining('give a file name, not a folder') });
    expect(readFileSync(join(d, 'lab.json'), 'utf8')).toBe('mine');
  });

  it("leaves the user's own files that only look like side files", () => {
    const d = dir();
    const f = join(d, 'lab.json');
    writeFileSync(f, 'x');
    writeFileSync(join(d, '.lab.json.bak-20240601'), 'my copy');
    writeFileSync(join(d, '.lab.json.tmp-1'), 'mine too');
    expect(writeAtomically(f, 'y').ok).toBe(true);
    expect(readdirSync(d).sort()).toEqual(['.lab.json.bak-20240601', '.lab.json.tmp-1', 'lab.json', 'lab.json.bak']);
  });

  it('a folder where FILE.bak would go: the file is saved all the same, and the message says the backup was not kept', () => {
    const d = dir();
    const f = join(d, 'lab.json');
    writeFileSync(f, 'old');
    mkdirSync(`${f}.bak`);
    const r = writeAtomically(f, 'new');
    expect(r.ok).toBe(true);
    expect(r.ok && r.warning).toMatch(/^the previous version could not be kept as lab\.json\.bak/);
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(readdirSync(d).sort()).toEqual(['lab.json', 'lab.json.bak']);
  });

  it('a file that must be new is made where it is named, never through a link planted there', () => {
    const d = dir();
    const victim = join(d, 'victim.txt');
    symlinkSync(victim, join(d, 'copy.json'));
    expect(writeAtomically(join(d, 'copy.json'), 'x', { fresh: true })).toMatchObject({ ok: false });
    expect(existsSync(victim)).toBe(false);
  });
});
