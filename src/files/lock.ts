// One saver at a time per file: a lock file beside it (holding the saver's pid)
// made with exclusive create. A lock whose process is gone (killed mid-save) is
// taken over; one held by a live process is waited for briefly, since a save
// takes milliseconds, and then reported rather than waited on for ever. Taking a
// stale lock over moves it aside under a name of its own first, so two savers that
// both found it stale cannot both go on; a saver removes only the lock it made.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, lstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeFsError } from './errors.js';
import { readHead } from './read.js';
import { sideName } from './side-names.js';

/** How long a save waits for another hyperpane's save of the same file. */
const WAIT_MS = 3000;
/** A lock older than this is left from a crash, whatever its pid says (pids are reused). */
const STALE_MS = 10 * 60_000;
/**
 * A lock with no pid in it this long after it was made was left by a crash between
 * making and writing it. Longer than WAIT_MS on purpose: a live saver stalled that
 * long between the two (a loaded machine, a stopped process) must not lose its lock,
 * or both would save and one save be lost (a review reproduced it at 1 s); a save
 * started right after such a crash is told the file is busy, and the next succeeds.
 */
const EMPTY_STALE_MS = 5000;

export type Locked<T> = { ok: true; value: T } | { ok: false; message: string };

export function lockPath(real: string): string {
  return join(dirname(real), sideName(real, 'lock'));
}

export function withLock<T>(real: string, run: () => T): Locked<T> {
  const path = lockPath(real);
  const token = randomBytes(8).toString('hex');
  const taken = take(path, token);
  if (taken !== undefined && taken !== true) return { ok: false, message: taken };
  try {
    return { ok: true, value: run() };
  } finally {
    // Only the lock this saver made (its token inside): another may have taken a stale one over meanwhile.
    try {
      if (taken === true && lstatSync(path).isFile() && readHead(path, 64)?.toString('utf8') === lockText(token)) unlinkSync(path);
    } catch {
      // already gone: nothing to release
    }
  }
}

/** What a lock file holds: the saver's pid, then a token only it knows. */
function lockText(token: string): string {
  return `${process.pid} ${token}\n`;
}

/** Takes the lock: true, undefined where no lock can be made (a read-only folder), or why it could not. */
function take(path: string, token: string): true | undefined | string {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  const deadline = performance.now() + WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(path, flags, 0o600);
      try {
        writeSync(fd, lockText(token));
        return true;
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A folder where no lock can be made (read-only, say): the save itself will say why.
      if (code !== 'EEXIST') return code === 'EACCES' || code === 'EROFS' || code === 'EPERM' || code === 'ENOENT' ? undefined : describeFsError(e);
    }
    const holder = holderOf(path);
    if (holder.kind === 'blocked') return `${path} is in the way of the save's lock (${holder.what}); remove it`;
    if (holder.kind === 'stale') {
      const cleared = clearStale(path, holder.ino);
      if (cleared !== undefined) return `the lock ${path} is in the way and cannot be removed (${cleared}); remove it if no hyperpane is saving`;
    } else if (performance.now() >= deadline) return `another hyperpane${holder.pid ? ` (pid ${holder.pid})` : ''} is saving it; try again`;
    else sleep(20);
    if (performance.now() >= deadline + WAIT_MS) return `the lock ${path} keeps coming back; try again`;
  }
}

type Holder = { kind: 'live'; pid?: number } | { kind: 'stale'; ino: number | bigint; text: string } | { kind: 'blocked'; what: string };

/** Who holds the lock: a live process, or nobody any more (its inode, to take over exactly that one). */
function holderOf(path: string): Holder {
  try {
    const st = lstatSync(path);
    // A link there was not made by a save (a planted one is cleared: unlinking follows nothing);
    // a folder or a special file is the user's, and only reported.
    if (st.isSymbolicLink()) return { kind: 'stale', ino: st.ino, text: '' };
    if (!st.isFile()) return { kind: 'blocked', what: st.isDirectory() ? 'a folder' : 'a special file' };
    const age = Date.now() - st.mtimeMs;
    const text = readHead(path, 64)?.toString('utf8') ?? '';
    const stale = { kind: 'stale', ino: st.ino, text } as const;
    if (age > STALE_MS) return stale;
    if (text.trim() === '') return age > EMPTY_STALE_MS ? stale : { kind: 'live' };
    const pid = Number(text.trim().split(' ')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return stale;
    if (pid === process.pid) return stale; // ours, from a save that threw (or a reused pid)
    try {
      process.kill(pid, 0);
      return { kind: 'live', pid };
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM' ? { kind: 'live', pid } : stale;
    }
  } catch {
    // gone meanwhile: the next attempt takes it
    return { kind: 'live' };
  }
}

/**
 * Moves a stale lock aside under a name of its own, then removes it, if it is still
 * the one found stale; a live lock moved by mistake (made meanwhile) is put back.
 * Returns why it could not be removed, or undefined.
 */
function clearStale(path: string, ino: number | bigint): string | undefined {
  const aside = `${path}.stale-${randomBytes(6).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : describeFsError(e);
  }
  try {
    const st = lstatSync(aside);
    if (st.ino !== ino) {
      // Made by another saver after this one looked: give it back.
      try {
        renameSync(aside, path);
      } catch {
        // it cannot be put back: it is its maker's lock no more, and that save finds it gone at release
      }
      return undefined;
    }
    unlinkSync(aside);
    return undefined;
  } catch (e) {
    return describeFsError(e);
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
