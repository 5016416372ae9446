// The names of the files a save makes beside FILE: its lock, its temporary file,
// the second name the old file takes on its way to FILE.bak. Hidden (a leading
// dot), and short whatever FILE's name: a name near the file system's 255-byte
// limit would otherwise leave no room for the suffix, and the save would fail.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';

/** The longest base name used as it is; longer ones are replaced by a hash of themselves. */
const MAX_PLAIN = 100;

export function sideName(real: string, kind: 'lock' | 'tmp' | 'bak', unique = ''): string {
  const base = basename(real);
  const stem = Buffer.byteLength(base) <= MAX_PLAIN ? base : `hp-${createHash('sha256').update(base).digest('hex').slice(0, 16)}`;
  return `.${stem}.${kind}${unique ? `-${unique}` : ''}`;
}

/** What a side file's name starts with, for the sweep of those a killed save left. */
export function sidePrefix(real: string, kind: 'tmp' | 'bak'): string {
  return sideName(real, kind, '');
}
