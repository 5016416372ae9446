// One saver at a time per file: a lock file beside it (.FILE.lock, holding the
// saver's pid) made with exclusive create. A lock whose process is gone (killed
// mid-save) is taken over; one held by a live process is waited for briefly,
// since a save takes milliseconds, and then reported rather than waited on for ever.
import { closeSync, constants, lstatSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { readHead } from './read.js';
import { basename, dirname, join } from 'node:path';
import { describeFsError } from './errors.js';

/** How long a save waits for another hyperpane's save of the same file. */
const WAIT_MS = 3000;
/** A lock older than this is left from a crash, whatever its pid says (pids are reused). */
const STALE_MS = 60_000;

export type Locked<T> = { ok: true; value: T } | { ok: false; message: string };

export function lockPath(real: string): string {
  return join(dirname(real), `.${basename(real)}.lock`);
}

export function withLock<T>(real: string, run: () => T): Locked<T> {
  const path = lockPath(real);
  const waited = take(path);
  if (waited !== undefined) return { ok: false, message: waited };
  try {
    return { ok: true, value: run() };
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // already gone: nothing to release
    }
  }
}

/** Takes the lock, or says why it could not (undefined: taken). */
function take(path: string): string | undefined {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  const deadline = performance.now() + WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(path, flags, 0o600);
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      return undefined;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A directory where no lock can be made (read-only, say): the save itself will say why.
      if (code !== 'EEXIST') return code === 'EACCES' || code === 'EROFS' || code === 'EPERM' || code === 'ENOENT' ? undefined : describeFsError(e);
    }
    const holder = holderOf(path);
    if (holder === 'stale') {
      try {
        unlinkSync(path);
      } catch {
        // someone else cleared it first
      }
      continue;
    }
    if (performance.now() >= deadline) return `another hyperpane${holder ? ` (pid ${holder})` : ''} is saving it; try again`;
    sleep(20);
  }
}

/** The pid holding the lock, 'stale' when that process is gone (or it is no lock of ours), undefined when unknown. */
function holderOf(path: string): number | 'stale' | undefined {
  try {
    const st = lstatSync(path);
    // A link or a special file there was planted, not made by a save: clear it (unlinking follows nothing).
    if (!st.isFile()) return 'stale';
    if (Date.now() - st.mtimeMs > STALE_MS) return 'stale';
    const pid = Number(readHead(path, 24)?.toString('utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    if (pid === process.pid) return 'stale'; // our own, left by a save that threw
    try {
      process.kill(pid, 0);
      return pid;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : 'stale';
    }
  } catch {
    return undefined;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
