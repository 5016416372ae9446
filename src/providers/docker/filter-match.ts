// moby daemon/internal/filters parse.go Match, as ps --filter name= and id= and
// volume ls --filter name= use it: the text itself, or an unanchored regular
// expression that finds it (RE2, Go's syntax; one that does not compile matches
// nothing). Compiled once, for a list's every item.
import { compileUserRegex } from '../../core/regex.js';

export function filterMatcher(value: string): (text: string) => boolean {
  const compiled = compileUserRegex(value);
  const re = compiled.ok ? compiled.re : undefined;
  return (text) => text === value || (re?.test(text) ?? false);
}
