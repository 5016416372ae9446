// Where a tape's recordings go, and writing them. A tape is a script from
// anywhere, so what it names may not reach outside the folder the user chose
// (the tape's own folder, or play --out DIR): no absolute paths, no .. above it,
// no symbolic link that leads out of it. A file already there is replaced only
// if it is what a tape wrote there last (the output record says so) or the user
// said --force; anything else is refused before the tape plays. Files are
// written whole and atomically (src/files), so a reader never sees half a
// recording, and each is reported with its size.
import { lstatSync, mkdirSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { realTarget, writeAtomically } from '../../files/atomic-write.js';
import type { Pos } from '../tape/ast.js';
import { insideFolder, outsideRoot } from '../tape/output-path.js';
import type { OutputRecord } from './output-record.js';

export interface Written {
  readonly path: string;
  readonly bytes: number;
}

/** Where outputs may go, and whether existing files may be replaced. */
export interface OutputPolicy {
  /** The folder the tape's Output and Screenshot paths are relative to, and stay in. */
  readonly root: string;
  /** Replace files that are not earlier outputs (play --force). */
  readonly force: boolean;
  /** What tapes wrote before, to tell an earlier output from a user's own file. */
  readonly record?: OutputRecord;
}

/**
 * The real file a tape's output path stands for under the policy's root, or why
 * it may not be written there: outside the root, through a link that leads out,
 * a directory, or a file that is not an earlier output (unless forced).
 */
export function outputTarget(policy: OutputPolicy, path: string): { path: string } | { error: string } {
  const bad = outsideRoot(path);
  if (bad) return { error: bad };
  return checkTarget(policy, resolve(policy.root, path), true);
}

/** The same checks for a path the user gave on the command line (--record): no root, the rest alike. */
export function userTarget(policy: OutputPolicy, path: string): { path: string } | { error: string } {
  return checkTarget(policy, resolve(path), false);
}

function checkTarget(policy: OutputPolicy, wanted: string, confined: boolean): { path: string } | { error: string } {
  let real: string;
  try {
    real = realTarget(wanted);
  } catch {
    return { error: 'too many symbolic links' };
  }
  if (confined && !insideFolder(policy.root, real)) return { error: `leads out of the output folder ${policy.root} (through a symbolic link)` };
  let st: Stats;
  try {
    st = lstatSync(real);
  } catch {
    return parentProblem(real) ?? { path: real };
  }
  if (st.isDirectory()) return { error: 'is a directory' };
  if (!st.isFile()) return { error: 'is not a regular file' };
  if (!policy.force && !policy.record?.wrote(real)) return { error: 'exists and is not an earlier recording of a tape; play --force replaces it' };
  return { path: real };
}

function parentProblem(path: string): { error: string } | undefined {
  for (let d = dirname(path); dirname(d) !== d; d = dirname(d)) {
    try {
      return lstatSync(d).isDirectory() || lstatSync(d).isSymbolicLink() ? undefined : { error: `${d} is not a directory` };
    } catch {
      // not made yet: it is made when the file is written
    }
  }
  return undefined;
}

/** A file a tape will write: where it was asked for, as named there, and whether the user named it (--record). */
export interface OutputIntent {
  readonly pos: Pos;
  readonly named: string;
  readonly user: boolean;
}

/**
 * Writes one output whole. Its path is checked again now, against the folder it
 * must stay in (a link made while the tape played must not lead it out), and the
 * file is made where it is named, never through a link.
 */
export function writeOutput(policy: OutputPolicy, intent: OutputIntent, text: string): Written | { error: string } {
  const target = intent.user ? userTarget(policy, intent.named) : outputTarget(policy, intent.named);
  if ('error' in target) return target;
  if (!intent.user) {
    try {
      mkdirSync(dirname(target.path), { recursive: true });
    } catch {
      // said by the write below
    }
    const again = outputTarget(policy, intent.named);
    if ('error' in again) return again;
  }
  const r = writeAtomically(target.path, text, { keepPrevious: false, noFollow: true, evenReadOnly: policy.force });
  if (!r.ok) return { error: r.message.replace(/^cannot save [^:]*: /, '') };
  policy.record?.note(r.path, text);
  return { path: r.path, bytes: Buffer.byteLength(text) };
}
