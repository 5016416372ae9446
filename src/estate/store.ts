// Estate files on disk. Saving is atomic: the new content goes to a temporary
// file beside the target, is flushed to disk, and is renamed over it, so a crash
// at any moment leaves the old file or the new one, never half of one; the
// previous version is kept as FILE.bak (and a file of an older format as FILE.vN).
// Reading says what is wrong and where.
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fail, ok, type Result } from '../core/result.js';
import type { Estate } from './estate.js';
import { estateFromJson } from './file-read.js';
import { estateToFile } from './file-write.js';
import { VERSION } from './file-schema.js';

/** Larger files are refused before reading (the 100,000-workload preset is about 40 MB). */
export const MAX_ESTATE_BYTES = 512 * 1024 * 1024;

export function loadEstate(path: string): Result<Estate> {
  let text: string;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return fail('invalid-input', `${path} is a directory, not an estate file`);
    if (stat.size > MAX_ESTATE_BYTES) return fail('invalid-input', `${path} is ${Math.round(stat.size / 1048576)} MB; estate files over ${MAX_ESTATE_BYTES / 1048576} MB are refused`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail('not-found', `cannot read ${path}: ${describeFsError(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail('invalid-input', `${path}: not valid JSON: ${jsonErrorWhere(text, e)}`);
  }
  const estate = estateFromJson(data);
  if (!estate.ok) return fail(estate.error.code, `${path}: ${estate.error.message}`, estate.error.details?.map((d) => `${path}: ${d}`));
  return estate;
}

export function saveEstate(estate: Estate, path: string): Result<void> {
  const text = JSON.stringify(estateToFile(estate), null, 1) + '\n';
  // Saving over a file of an older format keeps that file whole as FILE.vN, once:
  // FILE.bak is overwritten by the next save, and an older hyperpane cannot read the new one.
  const older = versionOnDisk(path);
  if (older !== undefined && older < VERSION && !existsSync(`${path}.v${older}`)) {
    try {
      secondName(path, `${path}.v${older}`);
    } catch (e) {
      return fail('invalid-input', `cannot keep the format-${older} file as ${path}.v${older} before saving: ${describeFsError(e)}`);
    }
  }
  return writeAtomically(path, text);
}

/** The format version at the head of an existing estate file (written first), if it says one. */
function versionOnDisk(path: string): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    const m = /"version"\s*:\s*(\d+)/.exec(head.subarray(0, n).toString('utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function writeAtomically(path: string, text: string, options: { keepPrevious?: boolean } = {}): Result<void> {
  // The pid keeps two processes saving one file from writing into the same temporary file.
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  sweepStaleTemporaries(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (options.keepPrevious !== false && existsSync(path)) keepPrevious(path);
    renameSync(tmp, path);
    syncDirectory(dirname(path));
    return ok(undefined);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    return fail('invalid-input', `cannot save ${path}: ${describeFsError(e)}`);
  }
}

/**
 * FILE.bak becomes the file being replaced, atomically: a second name for it
 * (a hard link, or a copy where links are not allowed) renamed over the old
 * backup, so a kill part-way leaves the old backup or the new one, whole.
 */
function keepPrevious(path: string): void {
  secondName(path, `${path}.bak`);
}

/** Gives `path`'s content the name `to` in one step, replacing what `to` was. */
function secondName(path: string, to: string): void {
  const side = join(dirname(path), `.${basename(path)}.bak-${process.pid}`);
  try {
    unlinkSync(side);
  } catch {
    // none left over
  }
  try {
    linkSync(path, side);
  } catch {
    copyFileSync(path, side);
  }
  renameSync(side, to);
}

/** Removes the side files of saves killed part-way (their process is gone). */
function sweepStaleTemporaries(path: string): void {
  const prefixes = [`.${basename(path)}.tmp-`, `.${basename(path)}.bak-`];
  let names: string[];
  try {
    names = readdirSync(dirname(path)).filter((n) => prefixes.some((p) => n.startsWith(p)));
  } catch {
    return;
  }
  for (const n of names) {
    const pid = Number(n.slice(n.lastIndexOf('-') + 1));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isRunning(pid)) continue;
    try {
      unlinkSync(join(dirname(path), n));
    } catch {
      // another process swept it first
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Makes the rename itself durable: the directory entry is flushed too. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some filesystems cannot fsync a directory; the rename is still atomic.
  }
}

function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return err.message ?? String(e);
  }
}

/** "line 3, column 14: Unexpected token }" from JSON.parse's message and the text. */
function jsonErrorWhere(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const pos = /position (\d+)/.exec(message);
  if (!pos) return message;
  const offset = Number(pos[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
}
