// Reading a file a user names (an estate, settings, a theme, a tape): only a
// regular file, never more bytes than the caller allows, and never a wait. A
// device such as /dev/zero reports size 0 and reads for ever, and opening a FIFO
// blocks until someone writes to it, so the file is opened without blocking,
// checked for what it is on the open descriptor (a link is followed once, by the
// open itself), and the cap is enforced on the bytes actually read.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { describeFsError } from './errors.js';
import { type FileIdentity, identityOf } from './identity.js';

export type ReadFailure = 'missing' | 'directory' | 'special' | 'too-large' | 'unreadable';

export type ReadOutcome =
  | { readonly ok: true; readonly text: string; readonly identity: FileIdentity }
  | { readonly ok: false; readonly reason: ReadFailure; readonly message: string };

// Windows has neither flag; there a FIFO cannot be named by path anyway.
const NO_WAIT = (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * The whole text of a regular file of at most `maxBytes` bytes (UTF-8). The
 * message says why not, without the path: the caller puts it in its own words.
 * With `byBom`, a file that starts with a UTF-16 byte-order mark is read as
 * UTF-16 (what Windows PowerShell 5.1's > and Out-File write), and a UTF-8 one's
 * mark is left off.
 */
export function readTextFile(path: string, maxBytes: number, byBom = false): ReadOutcome {
  const r = readFileBytes(path, maxBytes);
  return r.ok ? { ok: true, text: byBom ? decodeByBom(r.bytes) : r.bytes.toString('utf8'), identity: r.identity } : r;
}

function decodeByBom(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('utf8');
}

/** The first bytes of a regular file, up to `bytes` (a format check that must not read a whole file). */
export function readHead(path: string, bytes: number): Buffer | undefined {
  const r = readFileBytes(path, bytes, true);
  return r.ok ? r.bytes : undefined;
}

function readFileBytes(
  path: string,
  maxBytes: number,
  headOnly = false,
): { ok: true; bytes: Buffer; identity: FileIdentity } | { ok: false; reason: ReadFailure; message: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NO_WAIT);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { ok: false, reason: 'directory', message: 'it is a directory' };
    return { ok: false, reason: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable', message: describeFsError(e) };
  }
  try {
    const st = fstatSync(fd, { bigint: true });
    if (st.isDirectory()) return { ok: false, reason: 'directory', message: 'it is a directory' };
    if (!st.isFile()) return { ok: false, reason: 'special', message: `it is not a regular file (${kindOf(st)})` };
    if (!headOnly && st.size > BigInt(maxBytes)) return { ok: false, reason: 'too-large', message: tooLarge(Number(st.size), maxBytes) };
    // The size was read before the bytes: a file that grows meanwhile is cut at the cap, and refused.
    // One buffer the file's size and a byte (to see its end in one read), not the cap: a megabyte for each
    // read of a small settings file was a sixth of the settings fuzz suite's time, most of it collecting
    // garbage; and reading a large file in pieces and joining them copied it twice (a 68 MB estate: 550 ms).
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(Number(st.size) + 1, 1 << 16)));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) break;
        // The file grew (or reported no size, as /proc files do): a larger buffer, up to the cap and a byte.
        const larger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(larger, 0, 0, total);
        buffer = larger;
      }
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > maxBytes) {
      if (headOnly) return { ok: true, bytes: buffer.subarray(0, maxBytes), identity: identityOf(st) };
      return { ok: false, reason: 'too-large', message: tooLarge(total, maxBytes) };
    }
    return { ok: true, bytes: buffer.subarray(0, total), identity: identityOf(st) };
  } catch (e) {
    return { ok: false, reason: 'unreadable', message: describeFsError(e) };
  } finally {
    closeSync(fd);
  }
}

function kindOf(st: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

function tooLarge(bytes: number, max: number): string {
  return `it is ${sizeWords(bytes)}${bytes > max ? '' : ' or more'}; the most taken is ${sizeWords(max)}`;
}

function sizeWords(bytes: number): string {
  if (bytes >= 1048576) return `${Math.round(bytes / 1048576)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
