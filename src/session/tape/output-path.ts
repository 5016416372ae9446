// A tape's Output and Screenshot paths stay inside the output folder (the
// tape's own folder, or play --out DIR): a tape from anywhere must not write
// over the user's files elsewhere. Checked by --check, and again, with links
// followed, before anything is written (session/play/outputs.ts).
import { isAbsolute, normalize, sep } from 'node:path';

/** Why a tape may not name this path (undefined: it may), without touching the disk. */
export function outsideRoot(path: string): string | undefined {
  if (isAbsolute(path) || /^[a-z]:/i.test(path)) return "an output path is relative to the output folder (the tape's folder, or play --out DIR); an absolute path is refused";
  const n = normalize(path);
  if (n === '..' || n.startsWith(`..${sep}`)) return "an output path may not lead out of the output folder (the tape's folder, or play --out DIR)";
  return undefined;
}
