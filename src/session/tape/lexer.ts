// The tape lexer, with VHS's rules: words are bare strings unless they are
// keywords; strings are "..." '...' or `...` and end at the line's end; /.../ is a
// regex that ends at the next slash; {...} is JSON; numbers may have a dot; #
// starts a comment. No escapes anywhere, as in VHS. Lines and columns are 1-based.

export type TokenType = 'word' | 'string' | 'regex' | 'json' | 'number' | 'comment' | 'punct' | 'illegal' | 'eof';

export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly line: number;
  readonly col: number;
  /** A string, regex or JSON that reached the end of its line without closing. */
  readonly unterminated?: boolean;
}

const PUNCT = '@=+%-[]^\\';
const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string) => c >= '0' && c <= '9';
const isWordChar = (c: string) => isLetter(c) || isDigit(c) || c === '.' || c === '-' || c === '_' || c === '/' || c === '%';

export function lex(source: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = source.length;
  const at = (type: TokenType, text: string, start: number, extra: Partial<Token> = {}): Token => ({ type, text, line, col: start - lineStart + 1, ...extra });
  while (i < n) {
    const c = source[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\ufeff') {
      i++;
      continue;
    }
    const start = i;
    if (c === '#') {
      while (i < n && source[i] !== '\n' && source[i] !== '\r') i++;
      out.push(at('comment', source.slice(start + 1, i), start));
      continue;
    }
    if (c === '"' || c === "'" || c === '`' || c === '/') {
      i++;
      while (i < n && source[i] !== c && source[i] !== '\n' && source[i] !== '\r') i++;
      const closed = i < n && source[i] === c;
      out.push(at(c === '/' ? 'regex' : 'string', source.slice(start + 1, i), start, closed ? {} : { unterminated: true }));
      if (closed) i++;
      continue;
    }
    if (c === '{') {
      // JSON runs to the first closing brace, across lines, as VHS reads it.
      let j = i + 1;
      while (j < n && source[j] !== '}') j++;
      const tok = at('json', source.slice(start, Math.min(j + 1, n)), start, j < n ? {} : { unterminated: true });
      for (let k = i; k < j && k < n; k++) {
        if (source[k] === '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      out.push(tok);
      i = Math.min(j + 1, n);
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      while (i < n && (isDigit(source[i]) || source[i] === '.')) i++;
      out.push(at('number', source.slice(start, i), start));
      continue;
    }
    if (isLetter(c) || c === '.') {
      while (i < n && isWordChar(source[i])) i++;
      out.push(at('word', source.slice(start, i), start));
      continue;
    }
    if (PUNCT.includes(c)) {
      i++;
      out.push(at('punct', c, start));
      continue;
    }
    i++;
    out.push(at('illegal', c, start));
  }
  out.push({ type: 'eof', text: '', line, col: i - lineStart + 1 });
  return out;
}
