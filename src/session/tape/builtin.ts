// The tapes that come with hyperpane (demo/*.tape), playable by name from any
// directory: `hyperpane play tour` is demo/tour.tape wherever hyperpane is installed.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { packagePath } from '../../config/package-root.js';

export const DEMO_DIR = packagePath('demo');

export function builtInTapes(): string[] {
  try {
    return readdirSync(DEMO_DIR)
      .filter((n) => n.endsWith('.tape'))
      .map((n) => basename(n, '.tape'))
      .sort();
  } catch {
    return [];
  }
}

/** A file that exists is itself; a bare name that is not a file is the built-in tape of that name, if there is one. */
export function resolveTapeArg(arg: string): string {
  if (existsSync(arg) || !/^[\w-]+$/.test(arg)) return arg;
  const builtIn = join(DEMO_DIR, `${arg}.tape`);
  return existsSync(builtIn) ? builtIn : arg;
}
