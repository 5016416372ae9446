// Replacing a file so that a crash, a full disk or a second writer never costs
// the user a file. The new content goes to a temporary file beside the target,
// created exclusively under a name nobody can guess (so a link planted there is
// never followed), written to the last byte, flushed, and read back; only then
// is it renamed over the target, and the directory flushed. The previous file
// may be kept as FILE.bak, itself replaced atomically. A symbolic link is saved
// through, as editors do: the file it points to is replaced and the link stays.
// While it saves, the writer holds FILE's lock, so the check that the target is
// still the file the caller last read and the rename that replaces it happen
// with no other hyperpane saving in between.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, copyFileSync, mkdirSync, fchmodSync, fstatSync, fsyncSync, linkSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describeFsError } from './errors.js';
import { currentIdentity, sameFile, type FileIdentity } from './identity.js';
import { withLock } from './lock.js';

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
}

export type WriteFailure = 'conflict' | 'not-regular' | 'busy' | 'io';

export type WriteOutcome = { readonly ok: true; readonly path: string; readonly identity: FileIdentity } | { readonly ok: false; readonly reason: WriteFailure; readonly message: string };

/** The file a path stands for: itself, or where its chain of symbolic links ends (which may not exist yet). */
export function realTarget(path: string): string {
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return p;
    }
    if (!st.isSymbolicLink()) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  const loop = new Error('ELOOP') as NodeJS.ErrnoException;
  loop.code = 'ELOOP';
  throw loop;
}

export function writeAtomically(path: string, data: string | Uint8Array, options: WriteOptions = {}): WriteOutcome {
  let real: string;
  try {
    real = realTarget(path);
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
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const locked = withLock(real, () => replace(real, shown, bytes, options));
  return locked.ok ? locked.value : { ok: false, reason: 'busy', message: `cannot save ${shown}: ${locked.message}` };
}

function replace(real: string, shown: string, bytes: Buffer, options: WriteOptions): WriteOutcome {
  let mode = 0o644;
  let exists = false;
  try {
    const st = statSync(real);
    if (!st.isFile()) return { ok: false, reason: 'not-regular', message: `cannot save ${shown}: ${st.isDirectory() ? 'it is a directory' : 'it is not a regular file'}` };
    exists = true;
    mode = st.mode & 0o7777;
  } catch {
    // nothing there yet
  }
  if (options.expect) {
    const now = currentIdentity(real);
    if (now && !sameFile(now, options.expect)) {
      return { ok: false, reason: 'conflict', message: `${shown} was changed by another program since it was read here` };
    }
  }
  sweepStaleTemporaries(real);
  const dir = dirname(real);
  let tmp: string | undefined;
  let fd: number | undefined;
  try {
    ({ fd, tmp } = createTemporary(real, mode));
    writeAll(fd, bytes);
    fsyncSync(fd);
    verify(fd, bytes);
    closeSync(fd);
    fd = undefined;
    const second = exists && options.keepAs ? options.keepAs(real) : undefined;
    if (second) secondName(real, second);
    if (exists && options.keepPrevious !== false) secondName(real, `${real}.bak`);
    renameSync(tmp, real);
    tmp = undefined;
    syncDirectory(dir);
    const identity = currentIdentity(real);
    if (!identity) throw new Error('the saved file vanished as it was saved');
    return { ok: true, path: real, identity };
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    if (tmp !== undefined) {
      try {
        unlinkSync(tmp);
      } catch {
        // not created
      }
    }
    return { ok: false, reason: 'io', message: `cannot save ${shown}: ${describeFsError(e)}` };
  }
}

/** A new file beside `real`: created exclusively, never through a link, under a name nobody can guess. */
function createTemporary(real: string, mode: number): { fd: number; tmp: string } {
  const flags = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  for (let attempt = 0; ; attempt++) {
    const tmp = join(dirname(real), `.${basename(real)}.tmp-${process.pid}-${randomBytes(8).toString('hex')}`);
    try {
      const fd = openSync(tmp, flags, mode);
      // The umask may have narrowed the mode: the new file gets the old one's.
      fchmodSync(fd, mode);
      return { fd, tmp };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 8) throw e;
    }
  }
}

/** write(2) may take fewer bytes than asked (a full disk, a file-size limit): go on until all are written, or fail. */
function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    const n = writeSync(fd, bytes, offset, bytes.length - offset, offset);
    if (n <= 0) {
      const short = new Error('short write') as NodeJS.ErrnoException;
      short.code = 'ENOSPC';
      throw short;
    }
    offset += n;
  }
}

/** Reads back what was written: the size and every byte must be what was meant. */
function verify(fd: number, bytes: Buffer): void {
  const bad = (why: string) => Object.assign(new Error(`the written file does not read back whole (${why})`), { code: 'EIO' });
  if (fstatSync(fd).size !== bytes.length) throw bad(`${fstatSync(fd).size} of ${bytes.length} bytes`);
  const chunk = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(1, bytes.length)));
  for (let at = 0; at < bytes.length; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, bytes.length - at), at);
    if (n <= 0) throw bad(`ended at byte ${at}`);
    if (!chunk.subarray(0, n).equals(bytes.subarray(at, at + n))) throw bad(`differs near byte ${at}`);
    at += n;
  }
}

/** Gives `path`'s content the name `to` in one step, replacing what `to` was. */
function secondName(path: string, to: string): void {
  const side = join(dirname(path), `.${basename(path)}.bak-${process.pid}-${randomBytes(8).toString('hex')}`);
  try {
    linkSync(path, side);
  } catch {
    // No hard links here (some network and FAT file systems): a copy, which never overwrites.
    copyFileSync(path, side, constants.COPYFILE_EXCL);
  }
  renameSync(side, to);
}

/** Removes the side files of saves killed part-way (their process is gone). */
function sweepStaleTemporaries(real: string): void {
  const prefixes = [`.${basename(real)}.tmp-`, `.${basename(real)}.bak-`];
  let names: string[];
  try {
    names = readdirSync(dirname(real)).filter((n) => prefixes.some((p) => n.startsWith(p)));
  } catch {
    return;
  }
  for (const n of names) {
    const pid = Number(/^\.[^]*\.(?:tmp|bak)-(\d+)(?:-[0-9a-f]+)?$/.exec(n)?.[1]);
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
