// Where a tape's recordings go, and writing them. A tape is a script from
// anywhere, so what it names may not reach outside the folder the user chose
// (the tape's own folder, or play --out DIR): no absolute paths, no .. above it,
// no symbolic link that leads out of it. A file already there is replaced only
// if it is what a tape wrote there last (the output record says so) or the user
// said --force; anything else is refused before the tape plays. Files are
// written whole and atomically (src/files), so a reader never sees half a
// recording, and each is reported with its size.
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { outsideRoot } from '../tape/output-path.js';
import { realTarget, writeAtomically } from '../../files/atomic-write.js';
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
  if (confined) {
    const root = realDir(policy.root);
    const inside = relative(root, realDir(dirname(real)) + sep + 'x');
    if (inside.startsWith('..') || isAbsolute(inside)) return { error: `leads out of the output folder ${policy.root} (through a symbolic link)` };
  }
  let st;
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

/** The real path of a folder as far as it exists, with the rest of the path after it. */
function realDir(dir: string): string {
  const rest: string[] = [];
  let d = resolve(dir);
  for (;;) {
    try {
      return join(realpathSync(d), ...rest.reverse());
    } catch {
      if (dirname(d) === d) return join(d, ...rest.reverse());
      rest.push(d.slice(dirname(d).length).replace(/^[/\\]/, ''));
      d = dirname(d);
    }
  }
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

/** Writes one output whole; `real` comes from outputTarget or userTarget. */
export function writeOutput(policy: OutputPolicy, real: string, text: string): Written | { error: string } {
  const r = writeAtomically(real, text, { keepPrevious: false, makeFolders: true });
  if (!r.ok) return { error: r.message.replace(/^cannot save [^:]*: /, '') };
  policy.record?.note(real, text);
  return { path: real, bytes: Buffer.byteLength(text) };
}
