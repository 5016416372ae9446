// `Require PROGRAM`: the tape needs a program. Only checked, never run: hyperpane
// itself and every command word its estate answers are there; anything else must
// be an executable file on PATH.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Estate } from '../../estate/estate.js';

/** Why the program is missing, or undefined if it is there. */
export function requireProgram(program: string, estate: Estate): string | undefined {
  if (program === 'hyperpane' || estate.providers.forCommand(program)) return undefined;
  if (program.includes('/') || program.includes('\\')) return `Require ${program}: give a program name, not a path`;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, program);
    try {
      accessSync(path, constants.X_OK);
      if (statSync(path).isFile()) return undefined;
    } catch {
      // not in this directory
    }
  }
  return `Require ${program}: not found on PATH (this tape needs it)`;
}
