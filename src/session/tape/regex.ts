// Tapes are written for VHS, whose regexes are Go's (RE2); they are run on RE2
// here too (core/regex.ts), so a tape's pattern means what it means in VHS, and
// one that would make a backtracking engine run for ever matches in linear time.
// The one rule of the tape's syntax: a regex ends at its first slash.
import { compileUserRegex, type UserRegex } from '../../core/regex.js';

export type Compiled = { ok: true; re: UserRegex } | { ok: false; error: string };

export function compileTapeRegex(source: string): Compiled {
  if (/(^|[^\\])(\\\\)*\\$/.test(source))
    return {
      ok: false,
      error: `invalid regular expression /${source}/: a tape's regex ends at the first slash, and a slash cannot be escaped (as in VHS): match it with . instead`,
    };
  const r = compileUserRegex(source);
  return r.ok ? r : { ok: false, error: `invalid regular expression /${source}/: ${r.error}` };
}
