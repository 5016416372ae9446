// Regular expressions a user writes (a tape's Wait and Expect, the console's
// /filter/) run on RE2 (re2js, a JavaScript port of Google's RE2): matching takes
// time linear in the text whatever the pattern, so /(a+)+$/ against a line of a's
// answers at once instead of hanging the player. RE2's syntax is Go's, which is
// what VHS tapes (Go) and k9s filters (Go) are written in; its errors are Go's
// words ("error parsing regexp: missing closing ): `(`").
import { RE2JS } from 're2js';

/** Longer patterns are refused: no screen needs one, and compiling one costs in proportion. */
export const MAX_PATTERN_LENGTH = 1000;

export interface UserRegex {
  readonly source: string;
  test(text: string): boolean;
}

export type CompiledRegex = { readonly ok: true; readonly re: UserRegex } | { readonly ok: false; readonly error: string };

export function compileUserRegex(source: string, options: { ignoreCase?: boolean } = {}): CompiledRegex {
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, error: `a regular expression of at most ${MAX_PATTERN_LENGTH} characters, got ${source.length}` };
  try {
    const re = RE2JS.compile(source, options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    // test() takes RE2's DFA path (no capture groups asked for): the fastest it has.
    return { ok: true, re: { source, test: (text) => re.test(text) } };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
