// Estate files on disk. Reading takes only a regular file of a sane size and
// says what is wrong and where. Saving is atomic and checked (src/files): a
// crash, a full disk or a file-size limit leaves the old file or the new one,
// whole, and the previous version is kept as FILE.bak (a file of an older
// format as FILE.vN). Each estate remembers which file it read or last wrote at
// each path, so a file another program changed since is never overwritten
// unless the caller says so.
import { existsSync, lstatSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fail, type Result } from '../core/result.js';
import { realTarget, writeAtomically } from '../files/atomic-write.js';
import type { FileIdentity } from '../files/identity.js';
import { readHead, readTextFile } from '../files/read.js';
import { liveWorkloads } from './counts.js';
import type { Estate } from './estate.js';
import { estateFromJson } from './file-read.js';
import { FORMAT, VERSION } from './file-schema.js';
import { estateFileBytes } from './file-write.js';

/** Larger files are refused before reading (the 100,000-workload preset is about 30 MB). */
export const MAX_ESTATE_BYTES = 512 * 1024 * 1024;

/**
 * The most workloads an estate file holds. Its JSON is one string, and V8 holds
 * no string longer than 2^29 - 24 characters (about 512 MB, MAX_ESTATE_BYTES too);
 * a workload takes about 300 bytes of it (the scale preset: 30 MB for 100,000
 * workloads on 10,000 hosts), 510 once it has run and carries its metrics, more
 * with snapshots, settings and long names: this many leave room for workloads
 * of twice that, and past it a save could fail half-way with V8's "Invalid
 * string length".
 */
export const MAX_SAVED_WORKLOADS = 500_000;

/**
 * Files at least this big take longer than a frame to read (about 80 ms a MB: the
 * scale preset's 30 MB in 2.4 s, `npm run bench`'s load.100k, so a 60 Hz frame's
 * 16 ms is about 200 KB), so opening one is said first.
 */
export const SLOW_LOAD_BYTES = 200 * 1024;

/** The size of the file at `path` in bytes, or undefined if there is none to read. */
export function fileBytes(path: string): number | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

/** "65 MB", "1.5 MB": a file's size for a line that says reading it takes a while. */
export function megabytes(bytes: number): string {
  const mb = bytes / 1048576;
  return `${mb >= 10 ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

export function loadEstate(path: string): Result<Estate> {
  const read = readTextFile(path, MAX_ESTATE_BYTES);
  if (!read.ok) {
    if (read.reason === 'directory') return fail('invalid-input', `${path} is a directory, not an estate file`);
    if (read.reason === 'special' || read.reason === 'too-large')
      return fail('invalid-input', `${path}: ${read.message}; an estate file is a regular file of at most ${MAX_ESTATE_BYTES / 1048576} MB`);
    return fail('not-found', `cannot read ${path}: ${read.message}`);
  }
  const text = read.text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail('invalid-input', `${path}: not valid JSON: ${jsonErrorWhere(text, e)}`);
  }
  const estate = estateFromJson(data);
  if (!estate.ok)
    return fail(
      estate.error.code,
      `${path}: ${estate.error.message}`,
      estate.error.details?.map((d) => `${path}: ${d}`),
    );
  remember(estate.value, path, read.identity);
  return estate;
}

export interface SaveOptions {
  /** Replace the file even if another program changed it since this estate read or wrote it, or it is read-only (:w!). */
  readonly force?: boolean;
  /** A file that must not exist yet (a recovery copy): never through a link, never over anything. */
  readonly fresh?: boolean;
}

/** Why a save did not happen: `conflict` when the file changed under us (nothing was written). */
export type SaveFailure = { readonly ok: false; readonly conflict: boolean; readonly message: string };

/**
 * Which file this estate has at `path`: under the file it really is, and under the
 * path as named, so a link pointed elsewhere since is seen as another file.
 */
function remember(estate: Estate, path: string, identity: FileIdentity, real = safeRealTarget(path)): void {
  estate.files.set(real, identity);
  estate.files.set(`named:${resolve(path)}`, identity);
}

export function saveEstate(estate: Estate, path: string, options: SaveOptions = {}): { ok: true; path: string; warning?: string } | SaveFailure {
  const tooBig = tooBigToSave(estate, path);
  if (tooBig) return { ok: false, conflict: false, message: tooBig };
  let bytes: Uint8Array[];
  try {
    bytes = estateFileBytes(estate);
  } catch (e) {
    return { ok: false, conflict: false, message: `cannot save ${path}: ${(e as Error).message}` };
  }
  const real = safeRealTarget(path);
  const expect = options.force ? undefined : (estate.files.get(`named:${resolve(path)}`) ?? estate.files.get(real));
  // Saving over a file of an older format keeps that file whole as FILE.vN, once:
  // FILE.bak is overwritten by the next save, and an older hyperpane cannot read the new one.
  const keepAs = (target: string) => {
    const older = versionOnDisk(target);
    return older !== undefined && older < VERSION && !existsSync(`${target}.v${older}`) ? `${target}.v${older}` : undefined;
  };
  const r = writeAtomically(path, bytes, { expect, keepAs, evenReadOnly: options.force, fresh: options.fresh });
  if (!r.ok) {
    const conflict = r.reason === 'conflict';
    const hint = r.reason === 'read-only' ? ' (:w! replaces it)' : '';
    return { ok: false, conflict, message: conflict ? `${r.message}; not saved over it` : `${r.message}${hint}` };
  }
  remember(estate, path, r.identity, r.path);
  return { ok: true, path: r.path, ...(r.warning ? { warning: r.warning } : {}) };
}

/**
 * Saves to `path`, and when that cannot be done (the file changed under us, the
 * disk is full, the folder is read-only) saves a copy where it can, beside the
 * file or else in the system's temporary folder, so the user's work is never
 * only in a process about to end. The message says what happened and where.
 */
export function saveOrRecover(
  estate: Estate,
  path: string,
  options: SaveOptions = {},
): { ok: true; path: string; message: string; warning?: string } | { ok: false; conflict: boolean; recoveredTo?: string; message: string } {
  // Too big for any file: a copy elsewhere would fail the same way.
  const tooBig = tooBigToSave(estate, path);
  if (tooBig) return { ok: false, conflict: false, message: tooBig };
  const r = saveEstate(estate, path, options);
  if (r.ok) return { ...r, message: `saved ${path}${r.warning ? ` (${r.warning})` : ''}` };
  // A short stem keeps the copy's name within the file system's limit, whatever the file's.
  const stem = [...(basename(path, extname(path)) || 'estate')].slice(0, 100).join('');
  const tag = r.conflict ? 'conflict' : 'unsaved';
  for (const dir of [dirname(resolve(path)), privateTemporaryFolder()]) {
    if (dir === undefined) continue;
    for (let n = 0; n < 100; n++) {
      const copy = join(dir, `${stem}.${tag}-${process.pid}${n ? `-${n}` : ''}.json`);
      if (lexists(copy)) continue;
      const saved = saveEstate(estate, copy, { fresh: true });
      if (saved.ok) return { ok: false, conflict: r.conflict, recoveredTo: copy, message: `${r.message}; this estate was saved as ${copy} instead` };
      break;
    }
  }
  return { ok: false, conflict: r.conflict, message: `${r.message}; no copy could be saved anywhere either` };
}

/** Whether anything, a dangling link included, is at `path`. */
function lexists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A folder of this user's own in the system's temporary folder (others can neither plant links in it nor read it). */
function privateTemporaryFolder(): string | undefined {
  try {
    return mkdtempSync(join(tmpdir(), 'hyperpane-'));
  } catch {
    return undefined;
  }
}

/**
 * What the user should be asked before this estate is saved to `path`: nothing
 * when the file is not there or is one this estate was read from or saved to;
 * otherwise what the file is (another estate, or not an estate at all), since
 * saving replaces it.
 */
export function overwriteQuestion(estate: Estate, path: string): string | undefined {
  const real = safeRealTarget(path);
  if (estate.files.has(real) || !existsSync(real)) return undefined;
  const head = readHead(real, 4096);
  // A folder or a special file is refused by the save itself, asked or not.
  if (!head) return undefined;
  const bak = `${real === resolve(path) ? path : real}.bak`;
  const text = head.toString('utf8');
  if (new RegExp(`"format"\\s*:\\s*"${FORMAT}"`).test(text)) {
    const name = /"name"\s*:\s*"([^"\\\u0000-\u001f]{1,80})"/.exec(text)?.[1];
    return `${path} holds another estate${name ? ` (${name})` : ''}; saving replaces it (it is kept as ${bak}).`;
  }
  return `${path} exists and is not an estate file; saving replaces it (it is kept as ${bak}).`;
}

/** The path a save to `path` really writes (through symbolic links), for remembering which file is which. */
function safeRealTarget(path: string): string {
  try {
    return realTarget(path);
  } catch {
    return resolve(path);
  }
}

/** The format version at the head of an existing estate file (written first), if it says one. */
function versionOnDisk(path: string): number | undefined {
  const head = readHead(path, 4096);
  const m = head ? /"version"\s*:\s*(\d+)/.exec(head.toString('utf8')) : null;
  return m ? Number(m[1]) : undefined;
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

/** Why an estate is too big for a file at `path`, before anything is written; undefined if it is not. */
export function tooBigToSave(estate: Estate, path: string, limit = MAX_SAVED_WORKLOADS): string | undefined {
  const workloads = workloadsToWrite(estate, limit);
  if (workloads <= limit) return undefined;
  return `cannot save ${path}: an estate file holds at most ${limit.toLocaleString('en-US')} workloads and this estate has ${workloads.toLocaleString('en-US')}`;
}

/** Workloads a save would write (deleted ones are not); only an estate with more slots than the limit is counted one by one. */
function workloadsToWrite(estate: Estate, limit: number): number {
  return estate.sim.workloadCount <= limit ? estate.sim.workloadCount : liveWorkloads(estate.sim);
}
