// Saving a user's only copy, with the real binary: a full disk or a file-size
// limit never replaces a good file with part of one (nor its .bak), a second
// writer never silently wins, and a link is saved through to its target.

import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, execaSync } from 'execa';
import { describe, expect, it } from 'vitest';
import { loadEstate } from '../../src/estate/store.js';

const BIN = join(import.meta.dirname, '../../dist/cli.js');
const run = (args: string[], opts: { input?: string; shellPrefix?: string } = {}) =>
  opts.shellPrefix
    ? execa('bash', ['-c', `${opts.shellPrefix}; exec "$0" "$@"`, process.execPath, BIN, ...args], { reject: false, env: { CI: 'true' }, stdin: 'ignore' })
    : execa(process.execPath, [BIN, ...args], {
        reject: false,
        env: { CI: 'true' },
        ...(opts.input === undefined ? { stdin: 'ignore' as const } : { input: opts.input }),
      });

function estateDir(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hp-save-'));
  const file = join(dir, 'lab.json');
  expect(execaSync(process.execPath, [BIN, 'new', file]).exitCode).toBe(0);
  return { dir, file };
}

describe('saving an estate file', () => {
  it('under a file-size limit (ulimit -f), fails with the reason and leaves the file and its .bak whole', async () => {
    const { file } = estateDir();
    // One good save first, so there is a .bak to protect.
    expect((await run(['exec', '--estate', file, 'virsh shutdown dev-01'])).exitCode).toBe(0);
    const before = readFileSync(file);
    const bak = readFileSync(`${file}.bak`);
    // The estate is about 30 KB: a 20 KB limit cuts its write short.
    const r = await run(['exec', '--estate', file, 'virsh shutdown monitoring'], { shellPrefix: 'ulimit -f 20' });
    if (r.stderr.includes('ulimit: ')) return void console.warn(`ulimit -f is not available here: ${r.stderr}`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`cannot save ${file}: the file would be larger than this process may write (see ulimit -f)`);
    expect(readFileSync(file)).toEqual(before);
    expect(readFileSync(`${file}.bak`)).toEqual(bak);
    expect(loadEstate(file).ok && loadEstate(`${file}.bak`).ok).toBe(true);
    expect(readdirSync(join(file, '..')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('on a full disk (a tmpfs half again the file), fails with the reason and leaves the file whole', async () => {
    // The disk holds the new estate's file and half as much again: the next save's temporary file cannot fit beside it.
    const { file: sized } = estateDir();
    const room = Math.ceil((statSync(sized).size * 1.5) / 1024);
    const mnt = mkdtempSync(join(tmpdir(), 'hp-tmpfs-'));
    const mounted = execaSync('mount', ['-t', 'tmpfs', '-o', `size=${room}k`, 'tmpfs', mnt], { reject: false });
    if (mounted.exitCode !== 0)
      return void console.warn(`no tmpfs could be mounted here (${mounted.stderr.trim() || 'not permitted'}): full-disk case skipped`);
    try {
      const file = join(mnt, 'lab.json');
      expect((await run(['new', file])).exitCode).toBe(0);
      const before = readFileSync(file);
      const r = await run(['exec', '--estate', file, 'virsh shutdown dev-01']);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(`cannot save ${file}: no space left on the device`);
      expect(readFileSync(file)).toEqual(before);
      // The run's estate went to the temporary folder instead, and says where.
      const copy = /saved as (\S+) instead/.exec(r.stderr)?.[1];
      expect(copy && loadEstate(copy).ok).toBe(true);
    } finally {
      execaSync('umount', [mnt], { reject: false });
    }
  });

  it('saves through a symbolic link to its target, with the backup beside the target', async () => {
    const { dir, file } = estateDir();
    mkdirSync(join(dir, 'links'));
    const link = join(dir, 'links', 'link.json');
    symlinkSync(file, link);
    expect((await run(['exec', '--estate', link, 'virsh shutdown dev-01'])).exitCode).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const saved = loadEstate(file);
    expect(saved.ok && saved.value.sim.workload('dev-01')!.state).toMatch(/stopping|stopped/);
    expect(existsSync(`${file}.bak`)).toBe(true);
    expect(existsSync(`${link}.bak`)).toBe(false);
  });

  it('refuses an estate that is a device or a FIFO, at once', async () => {
    const { dir } = estateDir();
    const fifo = join(dir, 'fifo.json');
    const made = execaSync('mkfifo', [fifo], { reject: false }).exitCode === 0;
    for (const path of ['/dev/zero', ...(made ? [fifo] : [])]) {
      const r = await run(['exec', '--estate', path, 'virsh list']);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/it is not a regular file \((a character device|a FIFO)\); an estate file is a regular file of at most 512 MB/);
    }
  });
});
