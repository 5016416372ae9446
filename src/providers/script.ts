// Running a script of native command lines against an estate, as `hyperpane exec`
// does: each line in order, answered as the real command would answer it. Two
// words of its own: `sleep DURATION` moves the simulated clock on (commands such
// as az vm create return at once, like --no-wait), and `#` starts a comment.
import type { Estate } from '../estate/estate.js';
import type { ExecResult } from './provider.js';
import { MAX_ADVANCE_MS, parseDurationMs } from '../core/duration.js';
import { advanceProblem } from '../core/advance-limits.js';

export interface LineResult extends ExecResult {
  readonly line: string;
}


export function runLine(estate: Estate, line: string): LineResult {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { line, exitCode: 0, stdout: '', stderr: '', changed: false };
  const sleep = /^sleep(?:\s+(.*))?$/.exec(trimmed);
  if (sleep) {
    const ms = parseDurationMs(sleep[1] ?? '');
    if (ms === undefined || ms > MAX_ADVANCE_MS) return { line, exitCode: 2, stdout: '', stderr: `sleep: give a duration of simulated time up to a year, like 90, 90s, 5m or 2h (got ${JSON.stringify(sleep[1] ?? '')})\n`, changed: false };
    const problem = advanceProblem(estate.sim, ms);
    if (problem) return { line, exitCode: 2, stdout: '', stderr: `sleep: ${problem}\n`, changed: false };
    estate.sim.advance(ms);
    return { line, exitCode: 0, stdout: '', stderr: '', changed: ms > 0 };
  }
  return { line, ...estate.providers.exec(trimmed) };
}

export function runScript(estate: Estate, lines: readonly string[], each: (r: LineResult) => void = () => {}): { results: LineResult[]; changed: boolean; exitCode: number } {
  const results: LineResult[] = [];
  let exitCode = 0;
  for (const line of lines) {
    const r = runLine(estate, line);
    results.push(r);
    each(r);
    if (r.exitCode !== 0) exitCode = r.exitCode;
  }
  return { results, changed: results.some((r) => r.changed), exitCode };
}
