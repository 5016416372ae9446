// Go's text/template, the part the platforms' CLIs hand their users (`docker ps
// --format`, `docker inspect -f`): the parser. It follows text/template/parse
// (lex.go, parse.go, node.go): text and {{actions}} with their trim markers
// ("{{- " and " -}}"), comments, pipelines of commands joined by "|", fields
// (.A.B), variables ($x, $), functions, string, raw-string, number, bool and nil
// constants, parenthesised pipelines, and if / range / with, each with else (and
// else if / else with), declarations ($x := , $k, $v := in range). Not here:
// define, template and block (no CLI flag can name a second template), and break
// and continue. Errors read as Go's: "template: :LINE: MESSAGE".

export type Arg =
  | { readonly kind: 'field'; readonly pos: number; readonly names: readonly string[] }
  | { readonly kind: 'dot'; readonly pos: number }
  | { readonly kind: 'variable'; readonly pos: number; readonly name: string; readonly names: readonly string[] }
  | { readonly kind: 'function'; readonly pos: number; readonly name: string }
  | { readonly kind: 'string'; readonly pos: number; readonly value: string; readonly text: string }
  | { readonly kind: 'number'; readonly pos: number; readonly value: number; readonly text: string }
  | { readonly kind: 'bool'; readonly pos: number; readonly value: boolean }
  | { readonly kind: 'nil'; readonly pos: number }
  | { readonly kind: 'pipe'; readonly pos: number; readonly pipe: Pipe; readonly names: readonly string[] };

export interface Command {
  readonly pos: number;
  readonly args: readonly Arg[];
}

export interface Pipe {
  readonly pos: number;
  /** $x := (or $k, $v := in a range). */
  readonly decl: readonly string[];
  /** `=` rather than `:=`: an assignment to variables already declared. */
  readonly assign: boolean;
  readonly cmds: readonly Command[];
}

export interface ControlNode {
  readonly kind: 'if' | 'range' | 'with';
  readonly pos: number;
  readonly pipe: Pipe;
  readonly list: readonly Node[];
  readonly elseList: readonly Node[] | undefined;
}

export type Node = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'action'; readonly pos: number; readonly pipe: Pipe } | ControlNode;

export interface Template {
  /** The template's text, for the line and column of an error. */
  readonly text: string;
  readonly root: readonly Node[];
}

export class TemplateParseError extends Error {}

type Tok =
  | { t: 'text'; pos: number; v: string }
  | { t: 'open' | 'close' | 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma' | 'dot' | 'eof'; pos: number; v: string }
  | { t: 'field' | 'variable' | 'identifier' | 'string' | 'rawstring' | 'char' | 'number' | 'bool' | 'nil' | 'keyword' | 'space'; pos: number; v: string };

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

/** Go's lexer: the template cut into text and the tokens of its actions. */
function lex(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const line = (pos: number) => 1 + (text.slice(0, pos).match(/\n/g)?.length ?? 0);
  const fail = (pos: number, message: string): never => {
    throw new TemplateParseError(`template: :${line(pos)}: ${message}`);
  };
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      out.push({ t: 'text', pos: i, v: text.slice(i) });
      break;
    }
    let body = open + 2;
    let textEnd = open;
    // "{{- " trims the white space before the action (the space after the dash is what tells it from a negative number).
    if (text[body] === '-' && ' \t\r\n'.includes(text[body + 1] ?? '')) {
      body += 2;
      while (textEnd > i && ' \t\r\n'.includes(text[textEnd - 1]!)) textEnd--;
    }
    if (textEnd > i) out.push({ t: 'text', pos: i, v: text.slice(i, textEnd) });
    // A comment: {{/* ... */}}, nothing else in the action.
    const afterSpace = body + (text.slice(body).match(/^\s*/)?.[0].length ?? 0);
    if (text.startsWith('/*', afterSpace)) {
      const end = text.indexOf('*/', afterSpace + 2);
      if (end < 0) fail(open, 'unclosed comment');
      let close = end + 2;
      let trimRight = false;
      const rest = text.slice(close);
      const m = /^([ \t\r\n]+-)?\}\}/.exec(rest);
      if (!m) fail(open, 'comment ends before closing delimiter');
      if (m![1]) trimRight = true;
      close += m![0].length;
      i = close;
      if (trimRight) while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
      continue;
    }
    out.push({ t: 'open', pos: open, v: '{{' });
    i = lexAction(text, body, out, fail);
  }
  out.push({ t: 'eof', pos: text.length, v: '' });
  return out;
}

/** The tokens of one action, from `start` to its "}}"; returns where the text after it starts. */
function lexAction(text: string, start: number, out: Tok[], fail: (pos: number, message: string) => never): number {
  let i = start;
  let parens = 0;
  for (;;) {
    if (i >= text.length) fail(start, 'unclosed action');
    const c = text[i]!;
    // " -}}" trims the white space after the action.
    if (' \t\r\n'.includes(c)) {
      const trim = /^[ \t\r\n]+-\}\}/.exec(text.slice(i));
      if (trim) {
        out.push({ t: 'close', pos: i + trim[0].length - 2, v: '}}' });
        let j = i + trim[0].length;
        while (j < text.length && ' \t\r\n'.includes(text[j]!)) j++;
        return j;
      }
      let j = i;
      while (j < text.length && ' \t\r\n'.includes(text[j]!)) j++;
      out.push({ t: 'space', pos: i, v: text.slice(i, j) });
      i = j;
      continue;
    }
    if (text.startsWith('}}', i)) {
      if (parens > 0) fail(i, 'unclosed left paren');
      out.push({ t: 'close', pos: i, v: '}}' });
      return i + 2;
    }
    if (c === '|') {
      out.push({ t: 'pipe', pos: i, v: c });
      i++;
    } else if (c === '(') {
      parens++;
      out.push({ t: 'lparen', pos: i, v: c });
      i++;
    } else if (c === ')') {
      if (--parens < 0) fail(i, `unexpected right paren`);
      out.push({ t: 'rparen', pos: i, v: c });
      i++;
    } else if (c === ':' && text[i + 1] === '=') {
      out.push({ t: 'declare', pos: i, v: ':=' });
      i += 2;
    } else if (c === '=') {
      out.push({ t: 'assign', pos: i, v: '=' });
      i++;
    } else if (c === ',') {
      out.push({ t: 'comma', pos: i, v: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') j++;
        if (text[j] === '\n') fail(i, 'unterminated quoted string');
        j++;
      }
      if (j >= text.length) fail(i, 'unterminated quoted string');
      out.push({ t: 'string', pos: i, v: text.slice(i, j + 1) });
      i = j + 1;
    } else if (c === '`') {
      const j = text.indexOf('`', i + 1);
      if (j < 0) fail(i, 'unterminated raw quoted string');
      out.push({ t: 'rawstring', pos: i, v: text.slice(i, j + 1) });
      i = j + 1;
    } else if (c === "'") {
      const m = /^'(\\.|[^\\'\n])+'/.exec(text.slice(i));
      if (!m) fail(i, 'unterminated character constant');
      out.push({ t: 'char', pos: i, v: m![0] });
      i += m![0].length;
    } else if (c === '$') {
      const m = /^\$[\p{L}_\d]*/u.exec(text.slice(i))!;
      out.push({ t: 'variable', pos: i, v: m[0] });
      i += m[0].length;
      atTerminator(text, i, fail);
    } else if (c === '.') {
      const m = /^\.[\p{L}_][\p{L}_\d]*/u.exec(text.slice(i));
      if (m) {
        out.push({ t: 'field', pos: i, v: m[0] });
        i += m[0].length;
        atTerminator(text, i, fail);
      } else if (/^\.\d/.test(text.slice(i))) {
        const n = /^[.\d]+(?:[eE][+-]?\d+)?/.exec(text.slice(i))!;
        out.push({ t: 'number', pos: i, v: n[0] });
        i += n[0].length;
      } else {
        out.push({ t: 'dot', pos: i, v: '.' });
        i++;
      }
    } else if (/[+\-\d]/.test(c)) {
      const m = /^[+-]?(?:0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?\d*(?:[eE][+-]?\d+)?)i?/.exec(text.slice(i));
      if (!m || m[0] === '') fail(i, `bad number syntax: "${text.slice(i, i + 1)}"`);
      if (m![0] === '+' || m![0] === '-') fail(i, `illegal number syntax: "${m![0]}"`);
      out.push({ t: 'number', pos: i, v: m![0] });
      i += m![0].length;
    } else if (/[\p{L}_]/u.test(c)) {
      const m = /^[\p{L}_][\p{L}_\d]*/u.exec(text.slice(i))!;
      const word = m[0];
      const t = KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'identifier';
      out.push({ t, pos: i, v: word });
      i += word.length;
    } else {
      const cp = text.codePointAt(i)!;
      if (cp < 0x7f && cp >= 0x20) fail(i, `unexpected ${goQuoteRune(c)} in operand`);
      fail(i, `unrecognized character in action: ${goRune(cp)}`);
    }
  }
}

/** lex.go atTerminator: what may follow a field or a variable; anything else is a bad character. */
function atTerminator(text: string, i: number, fail: (pos: number, message: string) => never): void {
  const c = text[i];
  if (c === undefined || ' \t\r\n.,|:()'.includes(c) || text.startsWith('}}', i)) return;
  fail(i, `bad character ${goRune(text.codePointAt(i)!)}`);
}

/** Go's %#U: U+007D '}' (the character itself only when printable). */
function goRune(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{L}\p{N}\p{P}\p{S}\p{Zs}]/u.test(String.fromCodePoint(cp)) ? `${hex} '${String.fromCodePoint(cp)}'` : hex;
}

/** Go's %q of one character, as the lexer's errors show it. */
function goQuoteRune(c: string): string {
  return `"${c === '"' || c === '\\' ? `\\${c}` : c}"`;
}

/** Parses a template; throws TemplateParseError in Go's words. */
export function parseTemplate(text: string, isFunction: (name: string) => boolean): Template {
  return { text, root: new Parser(text, lex(text), isFunction).parse() };
}

/** How deep parentheses and if/range/with may nest (text/template's maxExpressionDepth is 10,000; here the stack sets it). */
const MAX_DEPTH = 500;

/** How many arguments a command may have (Go sets no limit; each is a frame of the call here). */
const MAX_ARGS = 10_000;

class Parser {
  private i = 0;
  private depth = 0;
  private readonly vars: string[][] = [['$']];

  constructor(
    private readonly text: string,
    private readonly toks: readonly Tok[],
    private readonly isFunction: (name: string) => boolean,
  ) {}

  parse(): Node[] {
    const { list, end } = this.list();
    if (end) this.fail(end.pos, `unexpected {{${end.v}}}`);
    return list;
  }

  private fail(pos: number, message: string): never {
    const line = 1 + (this.text.slice(0, pos).match(/\n/g)?.length ?? 0);
    throw new TemplateParseError(`template: :${line}: ${message}`);
  }

  private peek(skipSpace = true): Tok {
    let j = this.i;
    while (skipSpace && this.toks[j]!.t === 'space') j++;
    return this.toks[j]!;
  }

  private next(skipSpace = true): Tok {
    while (skipSpace && this.toks[this.i]!.t === 'space') this.i++;
    return this.toks[this.i++]!;
  }

  /** Nodes until {{end}} or {{else}} (returned as `end`, its action consumed up to the keyword) or the end. */
  private list(): { list: Node[]; end?: Tok } {
    const list: Node[] = [];
    for (;;) {
      const t = this.next(false);
      if (t.t === 'eof') {
        this.i--;
        return { list };
      }
      if (t.t === 'text') {
        list.push({ kind: 'text', text: t.v });
        continue;
      }
      // An action.
      const first = this.peek();
      if (first.t === 'keyword') {
        if (first.v === 'end' || first.v === 'else') {
          this.next();
          return { list, end: first };
        }
        this.next();
        if (first.v === 'if' || first.v === 'range' || first.v === 'with') list.push(this.control(first.v, first.pos));
        else this.fail(first.pos, `hyperpane: {{${first.v}}} is not simulated`);
        continue;
      }
      const pipe = this.pipeline('command', false);
      list.push({ kind: 'action', pos: first.pos, pipe });
    }
  }

  /** if / range / with: its pipeline, its list, an else list; else if and else with nest as Go's parser does. */
  private control(kind: 'if' | 'range' | 'with', pos: number): Node {
    if (++this.depth > MAX_DEPTH) this.fail(pos, 'max expression depth exceeded');
    this.vars.push([...this.vars.at(-1)!]);
    const pipe = this.pipeline(kind, kind === 'range');
    const { list, end } = this.list();
    if (!end) this.fail(this.text.length, 'unexpected EOF');
    let elseList: Node[] | undefined;
    if (end!.v === 'else') {
      const after = this.peek();
      if ((kind === 'if' && after.v === 'if') || (kind === 'with' && after.v === 'with')) {
        // {{else if ...}}: an if inside the else, sharing this one's {{end}}.
        this.next();
        elseList = [this.control(kind, after.pos)];
      } else {
        this.expect('close', 'else');
        const rest = this.list();
        if (!rest.end) this.fail(this.text.length, 'unexpected EOF');
        if (rest.end!.v !== 'end') this.fail(rest.end!.pos, `expected end; found {{${rest.end!.v}}}`);
        this.expect('close', 'end');
        elseList = rest.list;
      }
    } else {
      this.expect('close', 'end');
    }
    this.vars.pop();
    this.depth--;
    return { kind, pos, pipe, list, elseList };
  }

  private expect(t: Tok['t'], context: string): void {
    const tok = this.next();
    if (tok.t !== t) this.fail(tok.pos, `unexpected ${describe(tok)} in ${context}`);
  }

  /** A pipeline up to "}}" (or ")" when `inParens`): declarations, then commands joined by "|". */
  private pipeline(context: string, rangeDecl: boolean, inParens = false): Pipe {
    const start = this.peek().pos;
    const decl: string[] = [];
    let assign = false;
    // $x := ..., or $k, $v := ... in a range.
    const save = this.i;
    const v = this.peek();
    if (v.t === 'variable') {
      this.next();
      const after = this.peek();
      if (after.t === 'declare' || after.t === 'assign') {
        this.next();
        decl.push(v.v);
        assign = after.t === 'assign';
      } else if (after.t === 'comma' && rangeDecl) {
        this.next();
        const second = this.next();
        if (second.t !== 'variable') this.fail(second.pos, `range can only initialize variables`);
        const op = this.next();
        if (op.t !== 'declare' && op.t !== 'assign') this.fail(op.pos, `expected := or = in range`);
        decl.push(v.v, second.v);
        assign = op.t === 'assign';
      } else {
        this.i = save;
      }
    }
    if (assign) for (const name of decl) if (!this.vars.at(-1)!.includes(name)) this.fail(v.pos, `undefined variable "${name}"`);
    const cmds: Command[] = [];
    for (;;) {
      const t = this.peek();
      if (t.t === 'close' && !inParens) {
        this.next();
        break;
      }
      if (t.t === 'rparen' && inParens) {
        this.next();
        break;
      }
      if (t.t === 'eof') this.fail(t.pos, 'unclosed action');
      cmds.push(this.command());
      const sep = this.peek();
      if (sep.t === 'pipe') {
        this.next();
      } else if (!(sep.t === 'close' && !inParens) && !(sep.t === 'rparen' && inParens)) {
        this.fail(sep.pos, `unexpected ${describe(sep)} in operand`);
      }
    }
    if (cmds.length === 0) this.fail(start, `missing value for ${context}`);
    // Declared variables are seen from here to the {{end}} of the list they are in.
    if (!assign) this.vars.at(-1)!.push(...decl);
    return { pos: start, decl, assign, cmds };
  }

  private command(): Command {
    const pos = this.peek().pos;
    const args: Arg[] = [];
    for (;;) {
      const t = this.peek(false);
      if (t.t === 'space') {
        this.next(false);
        continue;
      }
      if (t.t === 'close' || t.t === 'rparen' || t.t === 'pipe') break;
      if (args.length > 0 && this.toks[this.i - 1]!.t !== 'space' && t.t !== 'field') this.fail(t.pos, `unexpected ${describe(t)} in operand`);
      args.push(this.operand());
      if (args.length > MAX_ARGS) this.fail(t.pos, `hyperpane: a command here takes at most ${MAX_ARGS} arguments`);
    }
    if (args.length === 0) this.fail(pos, 'empty command');
    return { pos, args };
  }

  /** One operand: a term, then any fields after it (.A.B on a variable or a parenthesised pipeline). */
  private operand(): Arg {
    const t = this.next(false);
    switch (t.t) {
      case 'field': {
        const chained = this.fields();
        return { kind: 'field', pos: chained.pos ?? t.pos, names: [t.v.slice(1), ...chained.names] };
      }
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'variable': {
        if (!this.vars.at(-1)!.includes(t.v)) this.fail(t.pos, `undefined variable "${t.v}"`);
        const chained = this.fields();
        return { kind: 'variable', pos: chained.pos ?? t.pos, name: t.v, names: chained.names };
      }
      case 'identifier':
        if (!this.isFunction(t.v)) this.fail(t.pos, `function "${t.v}" not defined`);
        return { kind: 'function', pos: t.pos, name: t.v };
      case 'string':
        return { kind: 'string', pos: t.pos, value: unquote(t.v, () => this.fail(t.pos, `bad syntax: ${t.v}`)), text: t.v };
      case 'rawstring':
        return { kind: 'string', pos: t.pos, value: t.v.slice(1, -1), text: t.v };
      case 'char': {
        const value = unquote(`"${t.v.slice(1, -1).replace(/"/g, '\\"')}"`, () => this.fail(t.pos, `malformed character constant: ${t.v}`));
        return { kind: 'number', pos: t.pos, value: value.codePointAt(0)!, text: t.v };
      }
      case 'number': {
        const value = goNumber(t.v);
        if (value === undefined) this.fail(t.pos, `illegal number syntax: "${t.v}"`);
        return { kind: 'number', pos: t.pos, value: value!, text: t.v };
      }
      case 'bool':
        return { kind: 'bool', pos: t.pos, value: t.v === 'true' };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      case 'lparen': {
        if (++this.depth > MAX_DEPTH) this.fail(t.pos, 'max expression depth exceeded');
        const pipe = this.pipeline('parenthesized pipeline', false, true);
        this.depth--;
        const chained = this.fields();
        return { kind: 'pipe', pos: chained.pos ?? t.pos, pipe, names: chained.names };
      }
      default:
        return this.fail(t.pos, `unexpected ${describe(t)} in operand`);
    }
  }

  /** Fields chained straight after an operand (no space between), and where the first of them starts. */
  private fields(): { names: string[]; pos?: number } {
    const names: string[] = [];
    const pos = this.toks[this.i]!.t === 'field' ? this.toks[this.i]!.pos : undefined;
    while (this.toks[this.i]!.t === 'field') names.push(this.toks[this.i++]!.v.slice(1));
    return pos === undefined ? { names } : { names, pos };
  }
}

/** How Go's parser names a token in its errors. */
function describe(t: Tok): string {
  if (t.t === 'close') return '"}}"';
  if (t.t === 'eof') return 'EOF';
  if (t.t === 'keyword') return `<${t.v}>`;
  return `"${t.v}"`;
}

/** A Go interpreted string literal's value (strconv.Unquote). */
function unquote(literal: string, bad: () => never): string {
  try {
    // Go's escapes are JSON's, plus \a \v \' \x.. \u.... \U........ and octal.
    const body = literal.slice(1, -1).replace(/\\([abfnrtv'\\"]|x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|[0-7]{3})|\\/g, (_m, e: string | undefined) => {
      if (e === undefined) throw new Error('bad escape');
      const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', "'": "'", '\\': '\\', '"': '"' };
      if (simple[e] !== undefined) return simple[e]!;
      if (e[0] === 'x') return String.fromCharCode(Number.parseInt(e.slice(1), 16));
      if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(Number.parseInt(e.slice(1), 16));
      return String.fromCharCode(Number.parseInt(e, 8));
    });
    return body;
  } catch {
    return bad();
  }
}

/** A Go number constant's value (ints in any base, floats), or undefined if Go would refuse it. */
function goNumber(text: string): number | undefined {
  if (text.endsWith('i')) return undefined;
  const clean = text.replace(/_/g, '');
  if (/^[+-]?0[xX][\da-fA-F]+$/.test(clean)) return Number.parseInt(clean.replace(/0[xX]/, ''), 16) * (clean.startsWith('-') ? -1 : 1);
  if (/^[+-]?0[oO][0-7]+$/.test(clean)) return Number.parseInt(clean.replace(/0[oO]/, ''), 8) * (clean.startsWith('-') ? -1 : 1);
  if (/^[+-]?0[0-7]+$/.test(clean)) return Number.parseInt(clean.replace(/^[+-]?0/, ''), 8) * (clean.startsWith('-') ? -1 : 1);
  if (/^[+-]?0[bB][01]+$/.test(clean)) return Number.parseInt(clean.replace(/0[bB]/, ''), 2) * (clean.startsWith('-') ? -1 : 1);
  const n = Number(clean);
  return Number.isFinite(n) && clean !== '' ? n : undefined;
}
