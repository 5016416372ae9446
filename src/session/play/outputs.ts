// Writing what a tape recorded: each asciicast, and each text golden file.
// Files are written whole, through a temporary file renamed into place, so a
// reader never sees half a recording; one that cannot be written says why and
// leaves nothing behind.
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface Written {
  readonly path: string;
  readonly bytes: number;
}

export interface Unwritten {
  readonly path: string;
  readonly message: string;
}

export function writeOutputs(cwd: string, casts: ReadonlyMap<string, string>, texts: readonly { path: string; chunks: string[] }[]): { written: Written[]; failed: Unwritten[] } {
  const written: Written[] = [];
  const failed: Unwritten[] = [];
  const files: [string, string][] = [...casts, ...texts.map((t): [string, string] => [t.path, t.chunks.join('')])];
  for (const [path, text] of files) {
    const r = writeWhole(resolve(cwd, path), text);
    if ('error' in r) failed.push({ path, message: r.error });
    else written.push(r);
  }
  return { written, failed };
}

export function writeWhole(path: string, text: string): Written | { error: string } {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, path);
    return { path, bytes: Buffer.byteLength(text) };
  } catch (e) {
    rmSync(tmp, { force: true });
    return { error: describeIoError(e) };
  }
}

/** Why a path cannot take a file, before anything is recorded: it is a directory, or under a file. */
export function unwritable(path: string): string | undefined {
  try {
    if (statSync(path).isDirectory()) return 'is a directory';
  } catch {
    // not there yet: fine, unless its folder is a file
  }
  try {
    if (!statSync(dirname(path)).isDirectory()) return `${dirname(path)} is not a directory`;
  } catch {
    // a folder that does not exist yet is made when the file is written
  }
  return undefined;
}

function describeIoError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  return (e as Error).message;
}
