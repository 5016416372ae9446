// Running a script of native command lines against an estate, as `hyperpane exec`
// does: each line in order, answered as the real command would answer it, and
// returning when the real one would (simulated time passes meanwhile: after
// `docker run -d`, the next line sees the container running). Three words of its
// own: `sleep DURATION` moves the simulated clock on, `as USER` acts as another
// user from there on (access/policy.ts actAs), and `#` starts a comment.

import { advanceProblem } from '../core/advance-limits.js';
import { MAX_ADVANCE_MS, parseDurationMs } from '../core/duration.js';
import { returned } from '../providers/blocking.js';
import type { ExecResult } from '../providers/provider.js';
import type { Estate } from './estate.js';

export interface LineResult extends ExecResult {
  readonly line: string;
  /** A placement the line asked for found no host: why, host by host, worked out when asked for. */
  readonly refused?: Refused;
}

export interface Refused {
  readonly message: string;
  /** "esx-01: Incompatible hypervisor: ...", one line per reason per host. */
  readonly perHost: () => readonly string[];
}

/** A line reads standard input when it names it as a file (kubectl apply -f -). */
export function readsStdin(line: string): boolean {
  return /(^|\s)(-f|--filename)(=|\s+)-(\s|$)/.test(line);
}

export function runLine(estate: Estate, line: string, stdin?: string): LineResult {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { line, exitCode: 0, stdout: '', stderr: '', changed: false };
  const sleep = /^sleep(?:\s+(.*))?$/.exec(trimmed);
  if (sleep) {
    const ms = sleepMs(sleep[1] ?? '');
    if (ms === undefined || ms > MAX_ADVANCE_MS)
      return {
        line,
        exitCode: 2,
        stdout: '',
        stderr: `sleep: give a duration of simulated time up to a year, like 90, 90s, 5m, 2h or 1h 30m (got ${JSON.stringify(sleep[1] ?? '')})\n`,
        changed: false,
      };
    const problem = advanceProblem(estate.sim, ms);
    if (problem) return { line, exitCode: 2, stdout: '', stderr: `sleep: ${problem}\n`, changed: false };
    estate.sim.advance(ms);
    return { line, exitCode: 0, stdout: '', stderr: '', changed: ms > 0 };
  }
  const as = /^as(?:\s+(\S*))?\s*$/.exec(trimmed);
  if (as) {
    const problem = as[1] ? estate.providers.access.actAs(as[1]) : 'give a user: as NAME';
    return problem
      ? { line, exitCode: 2, stdout: '', stderr: `as: ${problem}\n`, changed: false }
      : { line, exitCode: 0, stdout: '', stderr: '', changed: false };
  }
  const before = estate.sim.lastRefusal?.seq;
  const r = returned(estate.sim, estate.providers.exec(trimmed, stdin));
  const refusal = estate.sim.lastRefusal;
  if (!refusal || refusal.seq === before) return { line, ...r };
  const perHost = () => refusal.rejections().flatMap((h) => h.reasons.map((x) => `${h.host}: ${x.message}`));
  return { line, ...r, refused: { message: refusal.message, perHost } };
}

/** sleep's operands, summed as coreutils sleep sums them ("sleep 1h 30m"; src/sleep.c); undefined if there are none or one is not a duration. */
function sleepMs(operands: string): number | undefined {
  const words = operands
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  let ms = 0;
  for (const w of words) {
    const one = parseDurationMs(w);
    if (one === undefined) return undefined;
    ms += one;
  }
  return words.length > 0 ? ms : undefined;
}

export function runScript(
  estate: Estate,
  lines: readonly string[],
  each: (r: LineResult) => void = () => {},
  stdin?: string,
): { results: LineResult[]; changed: boolean; exitCode: number } {
  const results: LineResult[] = [];
  let exitCode = 0;
  for (const line of lines) {
    const r = runLine(estate, line, stdin);
    results.push(r);
    each(r);
    if (r.exitCode !== 0) exitCode = r.exitCode;
  }
  return { results, changed: results.some((r) => r.changed), exitCode };
}
