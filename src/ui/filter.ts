// The `/` filter: plain text (case-insensitive substring), /regex/, a leading !
// that inverts, and field:value (exact, * as a wildcard, or field:/regex/).
// Terms separated by spaces must all hold. A filter that cannot be read says why
// and filters nothing, so typing never hides rows by accident.

import { compileUserRegex } from '../core/regex.js';
import { wildcardMatch } from '../core/wildcard.js';
import type { PaneDef, RowContext } from './panes/types.js';

export type RowTest = (ctx: RowContext, row: number) => boolean;

/** The most terms a filter takes. */
const MAX_TERMS = 32;

/** `needle`: the filter is one plain word, which the list can look for in a tight loop. */
export type CompiledFilter = { ok: true; test: RowTest | undefined; needle?: string } | { ok: false; error: string };

interface Term {
  negate: boolean;
  field?: string;
  /** The word a plain-text term looks for (lower case); unset for regexes and fields. */
  word?: string;
  match: (text: string) => boolean;
}

export function compileFilter(text: string, pane: PaneDef): CompiledFilter {
  const source = text.trim();
  if (source === '') return { ok: true, test: undefined };
  const terms: Term[] = [];
  const words = splitTerms(source);
  // Every term is tested against every row, at every refresh: a few are a filter, thousands a stall.
  if (words.length > MAX_TERMS) return { ok: false, error: `a filter of at most ${MAX_TERMS} terms, got ${words.length}` };
  for (const word of words) {
    const term = parseTerm(word, pane);
    if ('error' in term) return { ok: false, error: term.error };
    terms.push(term);
  }
  // The pane's searcher is made once per list, not once per row.
  let boundTo: RowContext | undefined;
  let search: (row: number) => string = () => '';
  const test: RowTest = (ctx, row) => {
    if (ctx !== boundTo) {
      boundTo = ctx;
      search = pane.searcher ? pane.searcher(ctx) : (r) => pane.search(ctx, r);
    }
    for (const t of terms) {
      const value = t.field ? pane.fields[t.field](ctx, row) : search(row);
      if (t.match(value) === t.negate) return false;
    }
    return true;
  };
  const needle = terms.length === 1 && !terms[0].negate ? terms[0].word : undefined;
  return { ok: true, test, ...(needle !== undefined ? { needle } : {}) };
}

/** Words split on spaces, except inside /.../ (a regex may hold spaces). */
function splitTerms(source: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < source.length) {
    if (source[i] === ' ') {
      i++;
      continue;
    }
    let j = i;
    const opens = /^(!?(?:[a-z][a-z-]*:)?)\//i.exec(source.slice(i));
    if (opens) {
      // A regex runs to the slash that ends a word.
      let k = i + opens[1].length + 1;
      while (k < source.length && !(source[k] === '/' && source[k - 1] !== '\\' && (k + 1 === source.length || source[k + 1] === ' '))) k++;
      j = Math.min(k + 1, source.length);
    } else while (j < source.length && source[j] !== ' ') j++;
    out.push(source.slice(i, j));
    i = j;
  }
  return out;
}

function parseTerm(word: string, pane: PaneDef): Term | { error: string } {
  let negate = false;
  let rest = word;
  if (rest.startsWith('!')) {
    negate = true;
    rest = rest.slice(1);
  }
  const fieldMatch = /^([a-z][a-z-]*):(.*)$/i.exec(rest);
  let field: string | undefined;
  if (fieldMatch && !rest.startsWith('/')) {
    field = fieldMatch[1].toLowerCase();
    if (!pane.fields[field]) return { error: `no field "${field}" in ${pane.title} (fields: ${Object.keys(pane.fields).join(', ')})` };
    rest = fieldMatch[2];
  }
  if (rest.length >= 2 && rest.startsWith('/') && rest.endsWith('/')) {
    // RE2, as k9s's filters (Go): linear in the text, so no pattern can freeze the list.
    const compiled = compileUserRegex(rest.slice(1, -1), { ignoreCase: true });
    if (!compiled.ok) return { error: `not a regular expression: ${rest} (${compiled.error})` };
    const re = compiled.re;
    // Anchors mean a whole value: without a field, any one word of the row may match
    // (without anchors, a word that matches is a match of the row already).
    const anchored = /[\^$]|\\[AzbB]/.test(re.source);
    return { negate, field, match: field || !anchored ? (t) => re.test(t) : (t) => re.test(t) || t.split(' ').some((w) => re.test(w)) };
  }
  if (rest.startsWith('/')) return { error: `a regular expression needs a closing slash: ${rest}/` };
  const needle = rest.toLowerCase();
  if (field) {
    if (needle.includes('*')) return { negate, field, match: (t) => wildcardMatch(needle, t, { ignoreCase: true, question: false }) };
    return { negate, field, match: (t) => t.toLowerCase() === needle };
  }
  // The pane's search text is lower case already.
  return { negate, word: needle, match: (t) => t.includes(needle) };
}
