// What the command-line modes share: writing to the terminal (every message may
// hold text a user put in, so what a terminal would obey is shown instead, see
// core/visible.ts), printing a usage error the same way, and reading standard
// input whole, within a bound.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { visibleText } from '../core/visible.js';

export function writeOut(text: string): void {
  process.stdout.write(visibleText(text));
}

export function writeErr(text: string): void {
  process.stderr.write(visibleText(text));
}

export function usageError(command: string, message: string): number {
  writeErr(`hyperpane${command ? ` ${command}` : ''}: ${message}\nRun hyperpane ${command ? `${command} ` : ''}--help for usage.\n`);
  return 2;
}

/** More standard input than any script of command lines: refused rather than held in memory. */
export const MAX_STDIN_BYTES = 64 * 1024 * 1024;

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > MAX_STDIN_BYTES) throw new StdinTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class StdinTooLarge extends Error {
  constructor() {
    super(`standard input is more than ${MAX_STDIN_BYTES / 1048576} MB; give the command lines as a file of at most that`);
  }
}

/** A command's arguments read by parseArgs (its options, then positionals), or what is wrong with them in its words. */
export function readArgs<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    return (e as Error).message.replace(/\. To specify a positional argument.*$/, '');
  }
}
