// Replacing a file: every byte or nothing, never through a planted link, through
// the user's own link to its target, and never over a file someone else changed.
import { execaSync } from 'execa';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomically } from '../../src/files/atomic-write.js';
import { currentIdentity } from '../../src/files/identity.js';
import { lockPath } from '../../src/files/lock.js';

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
    if (execaSync('mkfifo', [fifo], { reject: false }).exitCode === 0) expect(writeAtomically(fifo, 'x')).toMatchObject({ ok: false, reason: 'not-regular', message: `cannot save ${fifo}: it is not a regular file` });
  });
});
