// `az -o yaml`: azure-cli prints yaml.safe_dump(result, default_flow_style=False)
// (azure-cli src/azure-cli-core/azure/cli/core/_output.py, AzOutputProducer.format_yaml),
// so this is PyYAML's emitter for JSON-shaped data: keys sorted, block style, empty
// collections in flow style, sequences in a mapping not indented, YAML 1.1 quoting
// ('yes', 'on', '1.0', '12:30' quoted; y, n and 1e3 plain), no allow_unicode (é is
// "\xE9"), plain scalars folded past column 80, "..." after a plain scalar at the root.
// Ported from PyYAML 6.0 emitter.py (analyze_scalar, choose_scalar_style,
// write_plain/write_single_quoted/write_double_quoted, write_indent) and resolver.py.
// Why not the `yaml` npm package: measured against PyYAML 6.0.3 on the same data it
// differed in 16 of 60 scalars (quotes 'y'/'n' keys, folds before column 80, writes
// block literals for multi-line strings, no "..." end marker, unescaped é).
import { pyFloatRepr } from './py-text.js';

type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

const BEST_WIDTH = 80;
const BEST_INDENT = 2;
const BREAKS = '\n\x85\u2028\u2029';
const SPACE_OR_BREAK = '\0 \t\r\n\x85\u2028\u2029';

/** PyYAML resolver.py: the YAML 1.1 implicit types a plain scalar would be read as (Python's re $ also matches before a final newline). */
const IMPLICIT: readonly [string, RegExp][] = [
  ['yYnNtTfFoO', /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\n?$/],
  [
    '-+0123456789.',
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\n?$/,
  ],
  ['-+0123456789', /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)\n?$/],
  ['<', /^(?:<<)\n?$/],
  ['~nN', /^(?:~|null|Null|NULL|)\n?$/],
  [
    '0123456789',
    new RegExp(
      [
        '^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]', // a date
        String.raw`|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?`, // or a date and time
        String.raw`(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\n?$`, // with its time zone
      ].join(''),
    ),
  ],
  ['=', /^(?:=)\n?$/],
  ['!&*', /^(?:!|&|\*)\n?$/],
];

/** Whether a string, written plain, would be read back as a string. */
function resolvesToStr(value: string): boolean {
  if (value === '') return false; // the null resolver matches the empty string
  return !IMPLICIT.some(([first, re]) => first.includes(value[0]) && re.test(value));
}

interface Analysis {
  readonly empty: boolean;
  readonly multiline: boolean;
  readonly allowBlockPlain: boolean;
  readonly allowSingleQuoted: boolean;
}

function analyze(scalar: string): Analysis {
  if (scalar === '') return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true };
  const chars = Array.from(scalar);
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false,
    leadingBreak = false,
    trailingSpace = false,
    trailingBreak = false,
    breakSpace = false,
    spaceBreak = false;
  if (scalar.startsWith('---') || scalar.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  let followedByWhitespace = chars.length === 1 || SPACE_OR_BREAK.includes(chars[1]);
  let previousSpace = false,
    previousBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ('?:'.includes(ch) && followedByWhitespace) blockIndicators = true;
      if (ch === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    if (!(ch === '\n' || (ch >= '\x20' && ch <= '\x7E'))) special = true; // no allow_unicode: anything else is escaped
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = SPACE_OR_BREAK.includes(ch);
    followedByWhitespace = i + 2 >= chars.length || SPACE_OR_BREAK.includes(chars[i + 2]);
  }
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowBlockPlain = allowSingleQuoted = false;
  if (lineBreaks) allowBlockPlain = false;
  if (blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted };
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\0': '0',
  '\x07': 'a',
  '\x08': 'b',
  '\x09': 't',
  '\x0A': 'n',
  '\x0B': 'v',
  '\x0C': 'f',
  '\x0D': 'r',
  '\x1B': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xA0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

/** The emitter's state, as PyYAML keeps it. */
class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  openEnded = false;
  indent: number | null = null;
  private readonly indents: (number | null)[] = [];

  private write(data: string): void {
    this.out += data;
    this.column += Array.from(data).length;
  }

  increaseIndent(flow: boolean, indentless = false): void {
    this.indents.push(this.indent);
    if (this.indent === null) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  popIndent(): void {
    this.indent = this.indents.pop() ?? null;
  }

  lineBreak(): void {
    this.out += '\n';
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
  }

  writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.lineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.out += ' '.repeat(indent - this.column);
      this.column = indent;
    }
  }

  indicator(text: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? text : ` ${text}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
    this.openEnded = false;
  }

  plain(text: string, split: boolean, root: boolean): void {
    if (root) this.openEnded = true;
    if (text === '') return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    let spaces = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = end < text.length ? text[end] : undefined;
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else this.write(text.slice(start, end));
          start = end;
        }
      } else if (ch === undefined || ' \n\x85\u2028\u2029'.includes(ch)) {
        this.write(text.slice(start, end));
        start = end;
      }
      if (ch !== undefined) spaces = ch === ' ';
    }
  }

  singleQuoted(text: string, split: boolean): void {
    this.indicator("'", true);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = end < text.length ? text[end] : undefined;
      if (spaces) {
        if (ch === undefined || ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== text.length) this.writeIndent();
          else this.write(text.slice(start, end));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (text[start] === '\n') this.lineBreak();
          for (const br of text.slice(start, end)) {
            if (br === '\n') this.lineBreak();
            else {
              this.out += br;
              this.whitespace = true;
              this.indention = true;
              this.column = 0;
            }
          }
          this.writeIndent();
          start = end;
        }
      } else if (ch === undefined || ' \n\x85\u2028\u2029'.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(text.slice(start, end));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
    this.indicator("'", false);
  }

  doubleQuoted(source: string, split: boolean): void {
    this.indicator('"', true);
    const text = Array.from(source); // code points, as Python indexes a str
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = end < text.length ? text[end] : undefined;
      if (ch === undefined || '"\\\x85\u2028\u2029\uFEFF'.includes(ch) || !(ch >= '\x20' && ch <= '\x7E')) {
        if (start < end) {
          this.write(text.slice(start, end).join(''));
          start = end;
        }
        if (ch !== undefined) {
          const code = ch.codePointAt(0)!;
          const hex = (n: number) => code.toString(16).toUpperCase().padStart(n, '0');
          this.write(`\\${ESCAPES[ch] ?? (code <= 0xff ? `x${hex(2)}` : code <= 0xffff ? `u${hex(4)}` : `U${hex(8)}`)}`);
          start = end + 1;
        }
      }
      if (end > 0 && end < text.length - 1 && (ch === ' ' || start >= end) && this.column + (end - start) > BEST_WIDTH && split) {
        this.write(`${text.slice(start, end).join('')}\\`);
        if (start < end) start = end;
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (text[start] === ' ') this.write('\\');
      }
    }
    this.indicator('"', false);
  }
}

function scalarText(value: null | boolean | number | string): { text: string; isStr: boolean } {
  if (value === null) return { text: 'null', isStr: false };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', isStr: false };
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { text: '.nan', isStr: false };
    if (!Number.isFinite(value)) return { text: value > 0 ? '.inf' : '-.inf', isStr: false };
    if (Number.isInteger(value)) return { text: String(value), isStr: false };
    const repr = pyFloatRepr(value).toLowerCase();
    return { text: !repr.includes('.') && repr.includes('e') ? repr.replace('e', '.0e') : repr, isStr: false };
  }
  return { text: value, isStr: true };
}

function emitScalar(e: Emitter, value: null | boolean | number | string, simpleKey: boolean, root: boolean): void {
  e.increaseIndent(true);
  const { text, isStr } = scalarText(value);
  const analysis = analyze(text);
  const implicit = !isStr || resolvesToStr(text);
  const split = !simpleKey;
  if (implicit && !(simpleKey && (analysis.empty || analysis.multiline)) && analysis.allowBlockPlain) e.plain(text, split, root);
  else if (analysis.allowSingleQuoted && !(simpleKey && analysis.multiline)) e.singleQuoted(text, split);
  else e.doubleQuoted(text, split);
  e.popIndent();
}

/** PyYAML check_simple_key: a non-empty key on one line, under 128 characters with its tag (!!str, 5). */
function simpleKey(key: string): boolean {
  const a = analyze(key);
  return Array.from(key).length + '!!str'.length < 128 && !a.empty && !a.multiline;
}

function emitNode(e: Emitter, value: Json, ctx: { root?: boolean; mapping?: boolean; simpleKey?: boolean }): void {
  if (value === null || typeof value !== 'object') return emitScalar(e, value, ctx.simpleKey ?? false, ctx.root ?? false);
  if (Array.isArray(value)) {
    const items = value as readonly Json[];
    if (items.length === 0) {
      e.indicator('[', true, true);
      e.increaseIndent(true);
      e.popIndent();
      e.indicator(']', false);
      return;
    }
    e.increaseIndent(false, (ctx.mapping ?? false) && !e.indention);
    for (const item of items) {
      e.writeIndent();
      e.indicator('-', true, false, true);
      emitNode(e, item, {});
    }
    e.popIndent();
    return;
  }
  const record = value as { readonly [k: string]: Json };
  const keys = Object.keys(record).sort(byCodePoint);
  if (keys.length === 0) {
    e.indicator('{', true, true);
    e.increaseIndent(true);
    e.popIndent();
    e.indicator('}', false);
    return;
  }
  e.increaseIndent(false);
  for (const key of keys) {
    e.writeIndent();
    if (simpleKey(key)) {
      emitNode(e, key, { mapping: true, simpleKey: true });
      e.indicator(':', false);
    } else {
      e.indicator('?', true, false, true);
      emitNode(e, key, { mapping: true });
      e.writeIndent();
      e.indicator(':', true, false, true);
    }
    emitNode(e, record[key], { mapping: true });
  }
  e.popIndent();
}

/** Python sorts str keys by code point. */
export function byCodePoint(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** yaml.safe_dump(value, default_flow_style=False), as `az -o yaml` prints it. */
export function safeDump(value: unknown): string {
  const e = new Emitter();
  emitNode(e, value as Json, { root: true });
  // Document end: a line break, then "..." if the document ended on a plain scalar at the root.
  e.indent = null;
  e.writeIndent();
  if (e.openEnded) {
    e.indicator('...', true);
    e.writeIndent();
  }
  return e.out;
}
