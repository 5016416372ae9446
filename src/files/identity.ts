// Which file is at a path now: device, inode, size, and modification and change
// times to the nanosecond. Saving compares the identity a file had when it was read (or last
// saved) with the one it has now, so a file another program replaced meanwhile
// is never overwritten without a word.
import { type BigIntStats, statSync } from 'node:fs';

export interface FileIdentity {
  readonly dev: string;
  readonly ino: string;
  readonly size: string;
  readonly mtimeNs: string;
  /** The change time, which no program can set back (cp -p and touch -r can set the mtime). */
  readonly ctimeNs: string;
}

export function identityOf(st: BigIntStats): FileIdentity {
  return { dev: String(st.dev), ino: String(st.ino), size: String(st.size), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs) };
}

/** The identity of what is at `path` now, or undefined when nothing is. */
export function currentIdentity(path: string): FileIdentity | undefined {
  try {
    return identityOf(statSync(path, { bigint: true }));
  } catch {
    return undefined;
  }
}

export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}
