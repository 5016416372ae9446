// Estate files on disk. Saving is atomic: the new content goes to a temporary
// file beside the target, is flushed to disk, and is renamed over it, so a crash
// at any moment leaves the old file or the new one, never half of one; the
// previous version is kept as FILE.bak. Reading says what is wrong and where.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, copyFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fail, ok, type Result } from '../core/result.js';
import type { Estate } from './estate.js';
import { estateFromJson } from './file-read.js';
import { estateToFile } from './file-write.js';

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
  return writeAtomically(path, text);
}

export function writeAtomically(path: string, text: string): Result<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (existsSync(path)) copyFileSync(path, `${path}.bak`);
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
