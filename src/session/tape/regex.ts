// Tapes are written for VHS, whose regexes are Go's (RE2). JavaScript reads
// most of them the same; the differences that matter in practice are leading
// flag groups like (?i) and the \A \z anchors, translated here. Anything else
// JavaScript cannot read is an error the tape author sees at --check time.

export type Compiled = { ok: true; re: RegExp } | { ok: false; error: string };

export function compileTapeRegex(source: string): Compiled {
  let body = source;
  let flags = '';
  const lead = /^\(\?([imsU]+)\)/.exec(body);
  if (lead) {
    body = body.slice(lead[0].length);
    for (const f of lead[1]) if (f !== 'U' && !flags.includes(f)) flags += f;
    if (lead[1].includes('U')) return { ok: false, error: `the ungreedy flag (?U) has no JavaScript equivalent: write lazy quantifiers (*?) instead` };
  }
  if (/(^|[^\\])(\\\\)*\\$/.test(body)) return { ok: false, error: `invalid regular expression /${source}/: a tape's regex ends at the first slash, and a slash cannot be escaped (as in VHS): match it with . instead` };
  body = body.replace(/\\A/g, '^').replace(/\\z/g, '$');
  try {
    return { ok: true, re: new RegExp(body, flags) };
  } catch (e) {
    return { ok: false, error: `invalid regular expression /${source}/: ${(e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')}` };
  }
}
