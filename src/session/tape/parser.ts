// The tape parser: VHS's grammar, command for command (Output, Set, Type, the
// keys with @time and a count, Ctrl/Alt/Shift chords, Sleep, Wait, Hide, Show,
// Require, Source, Screenshot, Copy, Paste, Env, Subtitle), plus hyperpane's
// Caption, Marker, Expect and Sim. It keeps going after a mistake, so one run
// reports every problem with its file, line and column.

import { formatDurationMs, parseDurationMs } from '../../core/duration.js';
import { table } from '../../core/own.js';
import { checkSim, splitWords } from '../../estate/scenario/syntax.js';
import { type Command, KEY_COMMANDS, type KeyCommand, type Pos, type Problem, type Scope, type Tape } from './ast.js';
import { lex, type Token } from './lexer.js';
import { MAX_COMMANDS, MAX_KEY_DELAY_MS, MAX_REPEAT, MAX_SOURCED_BYTES, MAX_TAPE_KEYS, MAX_WAIT_MS, thousands } from './limits.js';
import { compileTapeRegex } from './regex.js';
import { closestSetting, SETTINGS } from './settings.js';
import { stateTarget } from './state-target.js';

/** Reads a sourced tape: its path as written, relative to the tape that sources it. */
export type SourceReader = (path: string, from: string) => { file: string; text: string } | { error: string };

/** Words that are keywords in VHS, so never bare strings. */
const KEYWORDS = new Set([
  ...KEY_COMMANDS,
  // hyperpane's own commands: a bare word after Type must not swallow them.
  'Caption',
  'Marker',
  'Expect',
  'Sim',
  'Set',
  'Sleep',
  'Type',
  'Ctrl',
  'Alt',
  'Shift',
  'Hide',
  'Require',
  'Show',
  'Output',
  'Wait',
  'Source',
  'Screenshot',
  'Copy',
  'Paste',
  'Env',
  'Subtitle',
  'ms',
  's',
  'm',
  'em',
  'px',
  'true',
  'false',
  ...Object.keys(SETTINGS).filter((s) => !['Cols', 'Rows', 'Seed', 'Estate', 'Speed', 'IdleTimeLimit'].includes(s)),
]);
const COMMAND_WORDS = [
  'Output',
  'Set',
  'Type',
  ...KEY_COMMANDS,
  'Ctrl',
  'Alt',
  'Shift',
  'Sleep',
  'Wait',
  'Hide',
  'Show',
  'Require',
  'Source',
  'Screenshot',
  'Copy',
  'Paste',
  'Env',
  'Subtitle',
  'Caption',
  'Marker',
  'Expect',
  'Sim',
];
/** The units VHS's lexer knows after a time (token.go: MILLISECONDS, SECONDS, MINUTES). */
const TIME_UNITS: readonly string[] = ['ms', 's', 'm'];
const CTRL_KEYS: Readonly<Record<string, string>> = table<string>({
  Enter: 'enter',
  Space: 'space',
  Backspace: 'backspace',
  Left: 'left',
  Right: 'right',
  Up: 'up',
  Down: 'down',
});
const SHIFTED: Readonly<Record<string, string>> = table<string>({
  '[': '{',
  ']': '}',
  '1': '!',
  '2': '@',
  '3': '#',
  '4': '$',
  '5': '%',
  '6': '^',
  '7': '&',
  '8': '*',
  '9': '(',
  '0': ')',
  '-': '_',
  '=': '+',
  ';': ':',
  "'": '"',
  ',': '<',
  '.': '>',
  '/': '?',
  '`': '~',
  '\\': '|',
});

export interface ParseOptions {
  readonly readSource?: SourceReader;
  /** Set when parsing a sourced tape: Source inside it is an error, as in VHS. */
  readonly nested?: boolean;
  /** What the tape has spent of its ceilings so far, shared with the tapes it sources (the ceilings are for the whole). */
  readonly spent?: Spent;
}

/** Keys pressed, the clipboard's length, commands and text read: counted across a tape and what it sources. */
interface Spent {
  keys: number;
  copied: number;
  commands: number;
  bytes: number;
}

export function parseTape(source: string, file: string, options: ParseOptions = {}): Tape {
  return new Parser(source, file, options).parse();
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private readonly commands: Command[] = [];
  private readonly errors: Problem[] = [];
  private readonly notices: Problem[] = [];
  private readonly lines: string[];

  private readonly spent: Spent;

  constructor(
    source: string,
    private readonly file: string,
    private readonly options: ParseOptions,
  ) {
    this.spent = options.spent ?? { keys: 0, copied: 0, commands: 0, bytes: 0 };
    this.spent.bytes += source.length;
    this.tokens = lex(source).filter((t) => t.type !== 'comment');
    this.lines = source.split('\n');
    for (const t of this.tokens)
      if (t.unterminated)
        this.notice(t, `${t.type === 'json' ? 'JSON' : t.type} is not closed before the end of the line; read to the line's end, as VHS does`);
  }

  parse(): Tape {
    while (this.cur.type !== 'eof') {
      if (this.spent.commands >= MAX_COMMANDS) {
        this.error(this.cur, `a tape and what it sources hold ${thousands(MAX_COMMANDS)} commands at most; the rest is not read`);
        break;
      }
      const before = this.i;
      const errors = this.errors.length;
      const line = this.cur.line;
      this.command();
      if (this.i === before) this.i++;
      // After a mistake the rest of its line is noise: one error per mistake.
      if (this.errors.length > errors) while (this.tokens[this.i].type !== 'eof' && this.tokens[this.i].line === line) this.i++;
    }
    return { file: this.file, commands: this.commands, errors: this.errors, notices: this.notices };
  }

  // --- tokens ----------------------------------------------------------------

  private get cur(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    const t = this.cur;
    if (t.type !== 'eof') this.i++;
    return t;
  }

  /** Whether the current token is on t's line (an argument of t, not the next command). */
  private sameLine(t: Token): boolean {
    return this.cur.type !== 'eof' && this.cur.line === t.line;
  }

  /** The token after `t` if it is on t's line, else t: where a missing argument is reported. */
  private near(t: Token): Token {
    return this.cur.type !== 'eof' && this.cur.line === t.line ? this.cur : t;
  }

  private pos(t: Token): Pos {
    return { file: this.file, line: t.line, col: t.col };
  }

  private error(t: Token, message: string): void {
    this.errors.push({ pos: this.pos(t), message });
  }

  private notice(t: Token, message: string): void {
    this.notices.push({ pos: this.pos(t), message });
  }

  private isString(t: Token): boolean {
    return t.type === 'string' || (t.type === 'word' && !KEYWORDS.has(t.text));
  }

  private isPunct(t: Token, c: string): boolean {
    return t.type === 'punct' && t.text === c;
  }

  private push(cmd: Command): void {
    this.spent.commands++;
    this.commands.push(cmd);
  }

  // --- commands --------------------------------------------------------------

  private command(): void {
    const t = this.next();
    const pos = this.pos(t);
    if (t.type !== 'word') {
      this.error(t, t.type === 'string' ? `a string on its own is not a command (did you mean Type "${t.text}"?)` : `expected a command, got ${describe(t)}`);
      return;
    }
    if ((KEY_COMMANDS as readonly string[]).includes(t.text)) return this.key(t.text as KeyCommand, pos);
    switch (t.text) {
      case 'Output':
        return this.output(t, pos);
      case 'Set':
        return this.set(t, pos);
      case 'Type':
        return this.type(t, pos);
      case 'Sleep': {
        const ms = this.time(t, MAX_WAIT_MS);
        if (ms !== undefined) this.push({ kind: 'sleep', ms, pos });
        return;
      }
      case 'Ctrl':
        return this.ctrl(t, pos);
      case 'Alt':
      case 'Shift':
        return this.modified(t, pos);
      case 'Hide':
        return this.push({ kind: 'hide', pos });
      case 'Show':
        return this.push({ kind: 'show', pos });
      case 'Paste':
        if (!this.press(t, this.spent.copied)) return;
        return this.push({ kind: 'paste', pos });
      case 'Wait':
      case 'Expect':
        return this.wait(t, pos);
      case 'Require': {
        if (!this.isString(this.cur)) return this.error(this.cur, 'Require expects one program name');
        return this.push({ kind: 'require', program: this.next().text, pos });
      }
      case 'Screenshot':
        return this.screenshot(t, pos);
      case 'Copy':
      case 'Subtitle':
      case 'Caption':
      case 'Marker': {
        const text = this.strings(t);
        if (text === undefined) return;
        if (t.text === 'Copy') {
          this.spent.copied = [...text].length;
          this.push({ kind: 'copy', text, pos });
        } else if (t.text === 'Marker') this.push({ kind: 'marker', text, pos });
        else this.push({ kind: 'caption', text, pos });
        return;
      }
      case 'Env': {
        if (!this.sameLine(t)) return this.error(t, 'Env expects a name and a "value"');
        const name = this.next();
        if (!this.sameLine(t) || !this.isString(this.cur)) return this.error(this.near(t), `Env ${name.text} expects a string value`);
        return this.push({ kind: 'env', name: name.text, value: this.next().text, pos });
      }
      case 'Source':
        return this.source(t);
      case 'Sim':
        return this.sim(t, pos);
      default: {
        const near = COMMAND_WORDS.find((c) => c.toLowerCase() === t.text.toLowerCase());
        this.error(t, `unknown command "${t.text}"${near ? ` (did you mean ${near}?)` : ''}`);
        // Skip the rest of the line: its words belong to the unknown command.
        while (this.cur.type !== 'eof' && this.cur.line === t.line) this.next();
      }
    }
  }

  /**
   * `<number>[ms|s|m]` after `after`; seconds when bare; at most `max`. As VHS
   * reads it (parser.go parseTime): the number and its unit token joined, "s"
   * when there is none, then read as a duration (time.ParseDuration there).
   */
  private time(after: Token, max: number): number | undefined {
    if (this.cur.type !== 'number') {
      this.error(this.near(after), `expected a time after ${after.text} (like 500ms, 2s or 1m)`);
      return undefined;
    }
    const numTok = this.next();
    const unit: Token = this.tokens[this.i];
    const written = numTok.text + (unit.type === 'word' && TIME_UNITS.includes(unit.text) ? this.next().text : 's');
    const value = parseDurationMs(written);
    if (value === undefined) {
      this.error(numTok, `not a number: ${numTok.text}`);
      return undefined;
    }
    if (value > max) {
      const what = after.text !== '@' ? after.text : max === MAX_WAIT_MS ? "Wait's @timeout" : "a key's @delay";
      this.error(numTok, `${what} can be at most ${formatDurationMs(max)}, got ${written}`);
      return undefined;
    }
    return value;
  }

  /** An optional `@<time>`: a key's delay, or Wait's timeout. */
  private speed(max = MAX_KEY_DELAY_MS): number | undefined {
    if (!this.isPunct(this.cur, '@')) return undefined;
    return this.time(this.next(), max);
  }

  /** Counts key presses against the tape's budget; false (with an error) once it is spent. */
  private press(t: Token, keys: number): boolean {
    this.spent.keys += keys;
    if (this.spent.keys <= MAX_TAPE_KEYS) return true;
    this.error(t, `the tape presses more than ${thousands(MAX_TAPE_KEYS)} keys by here; a tape is a screencast, not a load test`);
    return false;
  }

  private key(key: KeyCommand, pos: Pos): void {
    const delayMs = this.speed();
    let repeat = 1;
    if (this.cur.type === 'number') {
      const t = this.next();
      repeat = Number(t.text);
      if (!Number.isInteger(repeat) || repeat < 1 || repeat > MAX_REPEAT) {
        this.error(t, `${key} repeat count must be a whole number from 1 to ${MAX_REPEAT}, got ${t.text}`);
        return;
      }
    }
    if (!this.press(this.tokens[this.i - 1], repeat)) return;
    this.push({ kind: 'key', key, repeat, pos, ...(delayMs === undefined ? {} : { delayMs }) });
  }

  private output(t: Token, pos: Pos): void {
    if (this.cur.type === 'regex') return this.error(this.cur, 'Output expects a file path: quote a path that starts with / ("/tmp/demo.cast")');
    if (!this.isString(this.cur)) return this.error(this.near(t), 'Output expects a file path');
    const path = this.next();
    const ext = extname(path.text);
    if (!ext && !path.text.endsWith('/')) return this.error(path, 'Output expects a file with an extension, or a folder with a trailing slash');
    this.push({ kind: 'output', path: path.text, pos });
  }

  private set(t: Token, pos: Pos): void {
    if (!this.sameLine(t)) return this.error(t, 'Set expects a setting and a value, like Set Cols 120');
    const name = this.next();
    const spec = SETTINGS[name.text];
    if (name.type !== 'word' || !spec) {
      const near = closestSetting(name.text);
      this.error(name.type === 'eof' ? t : name, `unknown setting "${name.text}"${near ? ` (did you mean ${near}?)` : ''}`);
      if (this.cur.line === name.line && this.cur.type !== 'eof') this.next();
      return;
    }
    const valueTok = this.cur;
    // A setting's value is on its own line: the next line is the next command.
    if (!this.sameLine(name)) return this.error(name, `Set ${name.text} expects a value`);
    let value: string;
    switch (name.text) {
      case 'TypingSpeed':
      case 'WaitTimeout': {
        const ms = this.time(name, name.text === 'TypingSpeed' ? MAX_KEY_DELAY_MS : MAX_WAIT_MS);
        if (ms === undefined) return;
        value = String(ms);
        break;
      }
      case 'LoopOffset':
        value = this.next().text;
        if (this.isPunct(this.cur, '%')) this.next();
        break;
      case 'WaitPattern': {
        value = this.next().text;
        const re = compileTapeRegex(value);
        if (!re.ok) return this.error(valueTok, re.error);
        break;
      }
      case 'WindowBar':
        value = this.next().text;
        if (!['', 'Colorful', 'ColorfulRight', 'Rings', 'RingsRight'].includes(value))
          return this.error(valueTok, `${value} is not a valid bar style (Colorful, ColorfulRight, Rings, RingsRight)`);
        break;
      case 'CursorBlink':
        value = this.next().text;
        if (value !== 'true' && value !== 'false') return this.error(valueTok, 'CursorBlink expects true or false');
        break;
      case 'IdleTimeLimit': {
        const ms = this.time(name, MAX_WAIT_MS);
        if (ms === undefined) return;
        value = String(ms / 1000);
        break;
      }
      default:
        if (valueTok.type === 'eof' || valueTok.line !== name.line) return this.error(name, `Set ${name.text} expects a value`);
        value = this.next().text;
        // A negative number lexes as "-" then the number.
        if (valueTok.type === 'punct' && valueTok.text === '-' && this.cur.type === 'number') value += this.next().text;
    }
    const bad = spec.check?.(value);
    if (bad) return this.error(valueTok, bad);
    this.push({ kind: 'set', name: name.text, value, pos, valuePos: this.pos(valueTok) });
  }

  private type(t: Token, pos: Pos): void {
    const delayMs = this.speed();
    if (!this.isString(this.cur)) return this.error(this.near(t), 'Type expects a string, like Type "hello"');
    let text = '';
    while (this.isString(this.cur)) {
      text += this.next().text;
      if (this.isString(this.cur)) text += ' ';
    }
    if (!this.press(t, [...text].length)) return;
    this.push({ kind: 'type', text, pos, ...(delayMs === undefined ? {} : { delayMs }) });
  }

  private strings(t: Token): string | undefined {
    if (!this.isString(this.cur)) {
      this.error(this.near(t), `${t.text} expects a string, like ${t.text} "..."`);
      return undefined;
    }
    const parts: string[] = [];
    while (this.isString(this.cur)) parts.push(this.next().text);
    return parts.join(' ');
  }

  /** Ctrl[+Alt][+Shift]+KEY. */
  private ctrl(t: Token, pos: Pos): void {
    const mods: string[] = [];
    let key: string | undefined;
    let label = 'Ctrl';
    while (this.isPunct(this.cur, '+')) {
      this.next();
      const k = this.next();
      label += `+${k.text}`;
      if ((k.text === 'Alt' || k.text === 'Shift') && key === undefined) {
        mods.push(k.text);
        continue;
      }
      if (key !== undefined) return this.error(k, `Ctrl takes one key after its modifiers, got another: ${k.text}`);
      if (CTRL_KEYS[k.text]) key = CTRL_KEYS[k.text];
      else if (k.type === 'punct' && '-@[]^\\'.includes(k.text)) key = k.text;
      else if ((k.type === 'word' || k.type === 'string' || k.type === 'number') && k.text.length === 1) key = k.text.toLowerCase();
      else
        return this.error(k.type === 'eof' ? t : k, `not a key for Ctrl: ${describe(k)} (a letter, Enter, Space, Backspace, an arrow, or one of - @ [ ] ^ \\)`);
    }
    if (key === undefined) return this.error(t, 'Ctrl expects a key, like Ctrl+C');
    const name = `${mods.includes('Alt') ? 'alt+' : ''}ctrl+${key}`;
    this.push({ kind: 'chord', key: name, input: '', label, pos });
  }

  /** Alt+KEY and Shift+KEY. */
  private modified(t: Token, pos: Pos): void {
    if (!this.isPunct(this.cur, '+')) return this.error(t, `${t.text} expects a key, like ${t.text}+${t.text === 'Shift' ? 'Tab' : 'X'}`);
    this.next();
    const k = this.next();
    const label = `${t.text}+${k.text}`;
    const ok = k.type === 'string' || k.type === 'word' || k.type === 'number' || (k.type === 'punct' && (k.text === '[' || k.text === ']'));
    if (!ok) return this.error(k, `expected a key after ${t.text}+, got ${describe(k)}`);
    if (t.text === 'Alt') {
      const key = k.text === 'Enter' ? 'alt+enter' : k.text === 'Tab' ? 'alt+tab' : `alt+${k.text}`;
      return this.push({ kind: 'chord', key, input: k.text.length === 1 ? k.text : '', label, pos });
    }
    if (k.text === 'Tab') return this.push({ kind: 'chord', key: 'shift+tab', input: '', label, pos });
    if (k.text === 'Enter') return this.push({ kind: 'chord', key: 'enter', input: '', label, pos });
    if ((KEY_COMMANDS as readonly string[]).includes(k.text)) return this.push({ kind: 'chord', key: `shift+${k.text.toLowerCase()}`, input: '', label, pos });
    if (k.text.length !== 1) return this.error(k, `Shift takes one key, got ${k.text}`);
    const shifted = SHIFTED[k.text] ?? k.text.toUpperCase();
    this.push({ kind: 'chord', key: shifted, input: shifted, label, pos });
  }

  /** Wait[+Line|+Screen][@timeout] [/regex/], and Expect[+Line|+Screen] /regex/. */
  private wait(t: Token, pos: Pos): void {
    let scope: Scope = 'Line';
    const scopeGiven = this.isPunct(this.cur, '+');
    if (this.isPunct(this.cur, '+')) {
      this.next();
      const s = this.next();
      if (s.text !== 'Line' && s.text !== 'Screen')
        return this.error(s.type === 'eof' ? t : s, `${t.text}+ expects Line or Screen, got ${s.type === 'word' ? s.text : describe(s)}`);
      scope = s.text;
    }
    const timeoutMs = t.text === 'Wait' ? this.speed(MAX_WAIT_MS) : undefined;
    if (timeoutMs !== undefined && timeoutMs <= 0) return this.error(t, 'Wait expects a positive timeout');
    if (t.text === 'Wait' && this.cur.type === 'word' && this.cur.text === 'State' && this.cur.line === t.line) {
      if (scopeGiven) return this.error(t, 'Wait State looks at the estate, not the screen: it takes no +Line or +Screen');
      return this.stateWait(this.next(), pos, timeoutMs);
    }
    if (t.text === 'Expect' && this.isPunct(this.cur, '@'))
      return this.error(this.cur, 'Expect checks the screen as it is: it takes no timeout (use Wait@10s /re/ to wait)');
    let pattern: string | undefined;
    if (this.cur.type === 'regex') {
      const r = this.next();
      const re = compileTapeRegex(r.text);
      if (!re.ok) return this.error(r, re.error);
      pattern = r.text;
    }
    if (t.text === 'Expect') {
      if (pattern === undefined) return this.error(t, 'Expect expects a /regex/ to find on the screen');
      return this.push({ kind: 'expect', scope, pattern, pos });
    }
    this.push({ kind: 'wait', scope, pos, ...(timeoutMs === undefined ? {} : { timeoutMs }), ...(pattern === undefined ? {} : { pattern }) });
  }

  /**
   * Wait[@timeout] State [TYPE/]NAME STATE (tape/state-target.ts). Its two words are read from the line as written:
   * VHS's lexer would end a word at `*` and take `5/5` for a number and an unclosed regex.
   */
  private stateWait(t: Token, pos: Pos, timeoutMs: number | undefined): void {
    // The line's own tokens: JSON's braces may run on past it, taking lines that are not Wait's.
    const runsOn = this.tokensOfLine(t.line).find((tok) => tok.type === 'json');
    while (this.cur.type !== 'eof' && this.cur.line === t.line) this.next();
    if (runsOn) return this.error(runsOn, 'Wait State takes plain words: a { here is not closed on its line');
    for (let k = this.notices.length - 1; k >= 0; k--)
      if (this.notices[k].pos.line === t.line && this.notices[k].pos.file === this.file) this.notices.splice(k, 1);
    // Its words from the line as written, up to a comment: a quoted word, TYPE//regex/, a /regex/, or a bare word.
    const line = this.lines[t.line - 1].slice(t.col - 1 + t.text.length);
    const rest = line.slice(0, commentAt(line));
    const WORD = /"[^"]*"|'[^']*'|`[^`]*`|[A-Za-z]+\/\/[^/]*\/|\/[^/]*\/|[^\s"'`#]+/g;
    const words = [...rest.matchAll(WORD)].map((m) => m[0]);
    // Whatever the words do not cover (a quote left open) is not silently dropped.
    const leftOver = rest.replace(WORD, '').trim();
    if (leftOver !== '') return this.error(t, `Wait State cannot read ${JSON.stringify(leftOver)}: quote a word with spaces, and close the quote`);
    const unquote = (w: string) => (/^(["'`]).*\1$/.test(w) ? w.slice(1, -1) : w);
    const [selector, state, extra] = words.map(unquote);
    if (selector === undefined) return this.error(this.near(t), 'Wait State expects [TYPE/]NAME then a STATE, like Wait State pod/web-app-* Running');
    if (state === undefined) return this.error(this.near(t), `Wait State ${selector} expects the STATE to wait for, like Running`);
    if (extra !== undefined) return this.error(t, `Wait State takes [TYPE/]NAME and a STATE, then nothing more: got ${extra}`);
    const target = stateTarget(selector, state);
    if (typeof target === 'string') return this.error(t, target);
    this.push({ kind: 'wait-state', target, pos, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  }

  /** The tokens that start on a line, from the one at hand. */
  private tokensOfLine(line: number): Token[] {
    const out: Token[] = [];
    for (let k = this.i; k < this.tokens.length && this.tokens[k].line === line; k++) out.push(this.tokens[k]);
    return out;
  }

  private screenshot(t: Token, pos: Pos): void {
    if (!this.isString(this.cur))
      return this.error(
        this.near(t),
        this.cur.type === 'regex' ? 'Screenshot expects a file path: quote a path that starts with /' : 'Screenshot expects a file path',
      );
    const path = this.next();
    const ext = extname(path.text);
    if (!['.png', '.txt', '.ansi', '.svg'].includes(ext)) return this.error(path, `Screenshot expects a .png file (or .txt, .ansi, .svg), got ${path.text}`);
    this.push({ kind: 'screenshot', path: path.text, pos });
  }

  private source(t: Token): void {
    if (!this.isString(this.cur)) return this.error(t, 'Source expects the path of a .tape file');
    const path = this.next();
    if (extname(path.text) !== '.tape') return this.error(path, `Source expects a file with the .tape extension, got ${path.text}`);
    if (this.options.nested) return this.error(t, 'a sourced tape cannot Source another (VHS forbids nested Source)');
    const read = this.options.readSource?.(path.text, this.file);
    if (!read) return this.error(path, 'Source is not available here');
    if ('error' in read) return this.error(path, read.error);
    if (this.spent.bytes + read.text.length > MAX_SOURCED_BYTES)
      return this.error(path, `a tape and what it sources hold ${MAX_SOURCED_BYTES / 1048576} MB of text at most; this Source goes past that`);
    if (read.text.length === 0) return this.error(path, `source tape ${path.text} is empty`);
    const inner = parseTape(read.text, read.file, { ...this.options, nested: true, spent: this.spent });
    this.errors.push(...inner.errors);
    this.notices.push(...inner.notices);
    // The sourced tape's Output lines would overwrite this tape's recordings: VHS drops them too.
    // (They were counted against the shared ceilings as the sourced tape was read.)
    for (const c of inner.commands) if (c.kind !== 'output') this.commands.push(c);
  }

  private sim(t: Token, pos: Pos): void {
    // Sim takes the rest of its line, as words (quotes keep spaces).
    const raw = this.lines[t.line - 1] ?? '';
    const rest = withoutComment(raw.slice(t.col - 1 + t.text.length));
    while (this.cur.type !== 'eof' && this.cur.line === t.line) this.next();
    const words = splitWords(rest.trim());
    if ('error' in words) return this.error(t, `Sim: ${words.error}`);
    const bad = checkSim(words);
    if (bad) return this.error(t, bad);
    this.push({ kind: 'sim', words, pos });
  }
}

/** A line's text up to a # that starts a comment (one outside quotes, after a space). */
function withoutComment(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) return text.slice(0, i);
  }
  return text;
}

function extname(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

function describe(t: Token): string {
  if (t.type === 'eof') return 'the end of the tape';
  if (t.type === 'string') return `the string "${t.text}"`;
  if (t.type === 'regex') return `the regex /${t.text}/`;
  return `"${t.text}"`;
}

/** Where a comment starts on a line (a # outside quotes and a /regex/ that starts a word, as the lexer reads it), or its length. */
function commentAt(line: string): number {
  let quote: string | undefined;
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`' || (c === '/' && (k === 0 || /\s/.test(line[k - 1]) || line[k - 1] === '/'))) quote = c;
    else if (c === '#') return k;
  }
  return line.length;
}
