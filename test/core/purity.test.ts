// The core must stay pure and deterministic: no wall clock, no Math.random, no
// I/O, no UI. This reads its sources and fails on any of them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../src/core');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FORBIDDEN: [RegExp, string][] = [
  [/Math\.random\s*\(/, 'Math.random()'],
  [/Date\.now\s*\(/, 'Date.now()'],
  [/new Date\s*\(/, 'new Date()'],
  [/performance\.now\s*\(/, 'performance.now()'],
  [/from ['"](node:)?(fs|fs\/promises|child_process|net|http|https|os|process)['"]/, 'an I/O module'],
  [/from ['"](ink|react)['"]/, 'a UI library'],
  [/process\./, 'process'],
  [/setTimeout|setInterval|setImmediate/, 'a real timer'],
  [/localeCompare|toLocale|Intl\./, 'locale-dependent formatting'],
];

describe('the core is pure', () => {
  for (const file of files(CORE)) {
    it(`${file.slice(CORE.length + 1)} uses no clock, randomness, I/O or locale`, () => {
      const text = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
      for (const [pattern, what] of FORBIDDEN) expect(pattern.test(text), `${what} in ${file}`).toBe(false);
    });
  }
});
