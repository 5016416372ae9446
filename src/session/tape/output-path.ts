// A tape's Output and Screenshot paths stay inside the output folder (the
// tape's own folder, or play --out DIR): a tape from anywhere must not write
// over the user's files elsewhere. Checked by --check, and again, with links
// followed, before anything is written (session/play/outputs.ts).
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { realTarget } from '../../files/atomic-write.js';

/** Why a tape may not name this path (undefined: it may), without touching the disk. */
export function outsideRoot(path: string): string | undefined {
  if (isAbsolute(path) || /^[a-z]:[\\/]/i.test(path))
    return "an output path is relative to the output folder (the tape's folder, or play --out DIR); an absolute path is refused";
  const n = normalize(path);
  if (n === '..' || n.startsWith(`..${sep}`)) return "an output path may not lead out of the output folder (the tape's folder, or play --out DIR)";
  return undefined;
}

/** Whether the file at `real` (links followed) lies inside `root` (its links followed too). */
export function insideFolder(root: string, real: string): boolean {
  const inside = relative(realDir(root), `${realDir(dirname(real)) + sep}x`);
  return !(inside.startsWith('..') || isAbsolute(inside));
}

/** Why a tape's output path leads out of its folder through a link there now (undefined: it does not). */
export function leadsOut(root: string, path: string): string | undefined {
  let real: string;
  try {
    real = realTarget(resolve(root, path));
  } catch {
    return 'too many symbolic links';
  }
  return insideFolder(root, real) ? undefined : `leads out of the output folder ${root} (through a symbolic link)`;
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
