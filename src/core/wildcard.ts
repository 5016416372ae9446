// Wildcard patterns as people type them: * for any run of characters, ? for one
// (PowerShell's -Name, the console filter's field:value). Matched by a two-
// pointer walk that never backtracks past the last star, so its cost is at most
// the pattern's length times the text's: a pattern built to make a regex engine
// backtrack for ever ("*a*a*a*a*b") is as cheap as any other.

export function wildcardMatch(pattern: string, text: string, options: { ignoreCase?: boolean; question?: boolean } = {}): boolean {
  const p = options.ignoreCase ? pattern.toLowerCase() : pattern;
  const t = options.ignoreCase ? text.toLowerCase() : text;
  const any = options.question ?? true;
  let i = 0;
  let j = 0;
  let star = -1;
  let from = 0;
  while (j < t.length) {
    // A star in the pattern is a star first (a * in the text is just a character to it).
    if (i < p.length && p[i] === '*') {
      star = i++;
      from = j;
    } else if (i < p.length && (p[i] === t[j] || (any && p[i] === '?'))) {
      i++;
      j++;
    } else if (star >= 0) {
      i = star + 1;
      j = ++from;
    } else return false;
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}
