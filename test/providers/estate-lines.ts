// Lines run against an estate as `hyperpane exec` runs them, for the providers' tests: one that must succeed
// quietly, one that must fail with a code, and the rule a reach answer names.
import { expect } from 'vitest';
import type { Estate } from '../../src/estate/estate.js';
import { runLine } from '../../src/estate/script.js';

/** Its stdout; it must exit 0 with nothing on stderr. */
export function ok(e: Estate, line: string): string {
  const r = runLine(e, line);
  expect(r.stderr, line).toBe('');
  expect(r.exitCode, line).toBe(0);
  return r.stdout;
}

/** Its stderr, trimmed; it must exit with `code`. */
export function err(e: Estate, line: string, code = 1): string {
  const r = runLine(e, line);
  expect(r.exitCode, line).toBe(code);
  return r.stderr.trimEnd();
}

/** What a `reach` line says decided it. */
export const decided = (e: Estate, line: string) => /decided by: (.*)/.exec(runLine(e, line).stdout)?.[1];
