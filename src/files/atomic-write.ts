// Replacing a file so that a crash, a full disk or a second writer never costs
// the user a file. The new content goes to a temporary file beside the target,
// created exclusively under a name nobody can guess (so a link planted there is
// never followed), written to the last byte, flushed, and read back; only then is
// it renamed over the target, and the directory flushed. The file it replaces
// becomes FILE.bak once the new one is in place. A symbolic link is saved through,
// as editors do: the file it points to (as the kernel finds it) is replaced and the
// link stays. While it saves, the writer holds FILE's lock, so the check that the
// target is still the file the caller last read and the rename that replaces it
// happen with no other hyperpane saving in between.
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { describeFsError } from './errors.js';
import { currentIdentity, type FileIdentity, sameFile } from './identity.js';
import { withLock } from './lock.js';
import { sideName, sidePrefix } from './side-names.js';

export interface WriteOptions {
  /** Keep the file being replaced as FILE.bak (default true). */
  readonly keepPrevious?: boolean;
  /**
   * The file the caller last read or wrote at this path. If something else is
   * there now (another program saved it meanwhile), nothing is written.
   */
  readonly expect?: FileIdentity;
  /** Before the target is replaced, give its current content this second name too (FILE.v1). */
  readonly keepAs?: (real: string) => string | undefined;
  /** Make the folders on the way to the file if they are missing. */
  readonly makeFolders?: boolean;
  /** Replace a file the user may not write (chmod a-w), as vim's :w! does; refused otherwise. */
  readonly evenReadOnly?: boolean;
  /** The file must not exist yet, and is made where it is named: no link at that name is followed. */
  readonly fresh?: boolean;
  /** The file is made where it is named (a link there is refused, not followed). */
  readonly noFollow?: boolean;
}

export type WriteFailure = 'conflict' | 'not-regular' | 'read-only' | 'busy' | 'io';

export type WriteOutcome =
  | { readonly ok: true; readonly path: string; readonly identity: FileIdentity; readonly warning?: string }
  | { readonly ok: false; readonly reason: WriteFailure; readonly message: string };

/**
 * The file a path stands for, as the kernel finds it: itself, or where its chain
 * of symbolic links ends (which may not exist yet). Folders on the way are
 * followed as the kernel follows them (`d/../x` where d is a link is not `x`).
 */
export function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // The file (or the end of its chain of links) is not there yet: walk the links by hand.
  }
  let p = path;
  for (let hops = 0; hops < 40; hops++) {
    const dir = realDirOf(p);
    const full = join(dir, basename(p));
    let st: Stats;
    try {
      st = lstatSync(full);
    } catch {
      return full;
    }
    if (!st.isSymbolicLink()) return full;
    const to = readlinkSync(full);
    p = isAbsolute(to) ? to : join(dir, to);
  }
  const loop = new Error('ELOOP') as NodeJS.ErrnoException;
  loop.code = 'ELOOP';
  throw loop;
}

/** The folder a path is in, resolved as the kernel resolves it (links and .. in order). */
function realDirOf(path: string): string {
  const dir = dirname(path);
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

/** `data` is text (written as UTF-8), bytes, or bytes in pieces written one after another (a big file need not be copied into one). */
export function writeAtomically(path: string, data: string | Uint8Array | readonly Uint8Array[], options: WriteOptions = {}): WriteOutcome {
  if (/[\\/]$/.test(path) || ['.', '..'].includes(basename(path)))
    return { ok: false, reason: 'not-regular', message: `cannot save ${path}: give a file name, not a folder` };
  let real: string;
  try {
    real = options.fresh || options.noFollow ? join(realDirOf(path), basename(path)) : realTarget(path);
  } catch (e) {
    return { ok: false, reason: 'io', message: `cannot save ${path}: ${describeFsError(e)}` };
  }
  const shown = real === resolve(path) ? path : `${path} (→ ${real})`;
  if (options.makeFolders) {
    try {
      mkdirSync(dirname(real), { recursive: true });
    } catch (e) {
      return { ok: false, reason: 'io', message: `cannot save ${shown}: ${describeFsError(e)}` };
    }
  }
  const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const bytes = typeof data === 'string' ? [Buffer.from(data, 'utf8')] : Array.isArray(data) ? data.map(asBuffer) : [asBuffer(data as Uint8Array)];
  const locked = withLock(real, () => replace(real, shown, bytes, options));
  return locked.ok ? locked.value : { ok: false, reason: 'busy', message: `cannot save ${shown}: ${locked.message}` };
}

function replace(real: string, shown: string, bytes: readonly Buffer[], options: WriteOptions): WriteOutcome {
  if (options.fresh) {
    try {
      lstatSync(real);
      return { ok: false, reason: 'io', message: `cannot save ${shown}: something is there already` };
    } catch {
      // nothing there: as it must be
    }
  }
  if (options.noFollow) {
    try {
      if (lstatSync(real).isSymbolicLink()) return { ok: false, reason: 'not-regular', message: `cannot save ${shown}: it is a symbolic link` };
    } catch {
      // nothing there
    }
  }
  let mode: number | undefined;
  try {
    const st = statSync(real);
    if (!st.isFile())
      return { ok: false, reason: 'not-regular', message: `cannot save ${shown}: ${st.isDirectory() ? 'it is a directory' : 'it is not a regular file'}` };
    mode = st.mode & 0o7777;
  } catch {
    // nothing there yet
  }
  if (mode !== undefined && !options.evenReadOnly && !writable(real))
    return { ok: false, reason: 'read-only', message: `cannot save ${shown}: it is read-only` };
  if (options.expect) {
    const now = currentIdentity(real);
    if (now && !sameFile(now, options.expect))
      return { ok: false, reason: 'conflict', message: `${shown} was changed by another program since it was read here` };
  }
  sweepStaleTemporaries(real);
  const dir = dirname(real);
  let tmp: string | undefined;
  let side: string | undefined;
  let fd: number | undefined;
  let warning: string | undefined;
  try {
    ({ fd, tmp } = createTemporary(real, mode));
    writeAll(fd, bytes);
    fsyncSync(fd);
    verify(fd, bytes);
    closeSync(fd);
    fd = undefined;
    const exists = mode !== undefined;
    const second = exists && options.keepAs ? options.keepAs(real) : undefined;
    if (second) renameSync(secondName(real), second);
    // The old file keeps a second name until the new one is in its place; then it becomes FILE.bak.
    if (exists && options.keepPrevious !== false) side = secondName(real);
    renameSync(tmp, real);
    tmp = undefined;
    if (side) {
      try {
        renameSync(side, `${real}.bak`);
        side = undefined;
      } catch (e) {
        warning = `the previous version could not be kept as ${basename(real)}.bak (${describeFsError(e)})`;
      }
    }
    syncDirectory(dir);
    const identity = currentIdentity(real);
    if (!identity) throw new Error('the saved file vanished as it was saved');
    return { ok: true, path: real, identity, ...(warning ? { warning } : {}) };
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    return { ok: false, reason: 'io', message: `cannot save ${shown}: ${describeFsError(e)}` };
  } finally {
    for (const leftover of [tmp, side]) {
      if (leftover === undefined) continue;
      try {
        unlinkSync(leftover);
      } catch {
        // not made
      }
    }
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A new file beside `real`: created exclusively, never through a link, under a
 * name nobody can guess. It takes the mode of the file it replaces; a new file's
 * is what the user's umask leaves of rw-rw-rw-.
 */
function createTemporary(real: string, mode: number | undefined): { fd: number; tmp: string } {
  const flags = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  for (let attempt = 0; ; attempt++) {
    const tmp = join(dirname(real), sideName(real, 'tmp', `${process.pid}-${randomBytes(8).toString('hex')}`));
    try {
      const fd = openSync(tmp, flags, mode ?? 0o666);
      if (mode !== undefined) fchmodSync(fd, mode);
      return { fd, tmp };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 8) throw e;
    }
  }
}

/** write(2) may take fewer bytes than asked (a full disk, a file-size limit): go on until all are written, or fail. */
function writeAll(fd: number, pieces: readonly Buffer[]): void {
  let at = 0;
  for (const bytes of pieces) {
    let offset = 0;
    while (offset < bytes.length) {
      const n = writeSync(fd, bytes, offset, bytes.length - offset, at + offset);
      if (n <= 0) {
        const short = new Error('short write') as NodeJS.ErrnoException;
        short.code = 'ENOSPC';
        throw short;
      }
      offset += n;
    }
    at += bytes.length;
  }
}

/** Reads back what was written: the size and every byte must be what was meant. */
function verify(fd: number, pieces: readonly Buffer[]): void {
  const bad = (why: string) => Object.assign(new Error(`the written file does not read back whole (${why})`), { code: 'EIO' });
  const total = pieces.reduce((sum, b) => sum + b.length, 0);
  if (fstatSync(fd).size !== total) throw bad(`${fstatSync(fd).size} of ${total} bytes`);
  const chunk = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(1, total)));
  let start = 0;
  for (const bytes of pieces) {
    for (let at = 0; at < bytes.length; ) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, bytes.length - at), start + at);
      if (n <= 0) throw bad(`ended at byte ${start + at}`);
      if (!chunk.subarray(0, n).equals(bytes.subarray(at, at + n))) throw bad(`differs near byte ${start + at}`);
      at += n;
    }
    start += bytes.length;
  }
}

/** A second name for `path`'s content, beside it: a hard link, or a copy where links are not allowed. */
function secondName(path: string): string {
  const side = join(dirname(path), sideName(path, 'bak', `${process.pid}-${randomBytes(8).toString('hex')}`));
  try {
    linkSync(path, side);
  } catch {
    // No hard links here (some network and FAT file systems): a copy, which never overwrites.
    copyFileSync(path, side, constants.COPYFILE_EXCL);
  }
  return side;
}

/** Removes the side files of saves killed part-way (their process is gone). Only names of that exact shape. */
function sweepStaleTemporaries(real: string): void {
  const shapes = (['tmp', 'bak'] as const).map((k) => sidePrefix(real, k));
  let names: string[];
  try {
    names = readdirSync(dirname(real));
  } catch {
    return;
  }
  for (const n of names) {
    const prefix = shapes.find((p) => n.startsWith(`${p}-`));
    if (!prefix) continue;
    const m = /^(\d+)-[0-9a-f]{16}$/.exec(n.slice(prefix.length + 1));
    const pid = m ? Number(m[1]) : NaN;
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isRunning(pid)) continue;
    try {
      unlinkSync(join(dirname(real), n));
    } catch {
      // another process swept it first
    }
  }
}

export function isRunning(pid: number): boolean {
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
    // Some file systems cannot fsync a directory; the rename is still atomic.
  }
}
