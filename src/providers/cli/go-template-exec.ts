// Go's text/template: running a parsed template (text/template/exec.go) on data
// made of JSON-like values, as a CLI hands it. Values as Go's reflection sees
// them: strings, numbers (whole ones print as Go's ints, as the CLIs' typed
// structs hold them), booleans, null (nil), arrays (slices), objects (maps, or
// structs: an object whose keys are all Go field names prints as a struct, {a b},
// any other as a map, map[k:v]), functions (a method, called with the command's
// arguments), and MISSING: a map's missing key (printed "<no value>").
// Builtins as text/template's funcs.go; a CLI adds its own (docker's json, join...).
import { type Arg, type Command, type ControlNode, type Node, type Pipe, parseTemplate, type Template, TemplateParseError } from './go-template-parse.js';

export { TemplateParseError };

/** A map's missing key (Go's invalid reflect.Value): "<no value>" when printed. */
export const MISSING = Symbol('no value');

/** A value's String method (Go's fmt.Stringer): what it prints as; JSON leaves it out. */
export const STRINGER = Symbol('String');

export interface TemplateOptions {
  /** A CLI's own functions, beside the builtins. */
  readonly functions?: Readonly<Record<string, GoFunction>>;
  /**
   * The error for a field a struct (an object with Go field names) does not have; none prints "<no value>",
   * as a map's missing key does. Docker's typed structs refuse one ("can't evaluate field X in type T").
   */
  readonly missingField?: (name: string, struct: Readonly<Record<string, unknown>>) => string | undefined;
}

export type GoFunction = (...args: unknown[]) => unknown;

export class TemplateExecError extends Error {
  /** Whether the message says where (template: :LINE:COL: executing ...), or is a function's own, still to be placed. */
  located = false;
}

/** Go's builtins (funcs.go builtins()), those a CLI's data can use. */
const BUILTINS: Record<string, GoFunction> = {
  and: (...args) => args.find((a) => !truth(a)) ?? args.at(-1),
  or: (...args) => args.find((a) => truth(a)) ?? args.at(-1),
  not: (a) => !truth(a),
  len: (a) => {
    if (typeof a === 'string') return Buffer.byteLength(a);
    if (Array.isArray(a)) return a.length;
    if (isObject(a)) return Object.keys(a).length;
    throw new TemplateExecError(`error calling len: len of type ${typeName(a)}`);
  },
  index: (item, ...keys) => {
    let v = item;
    for (const k of keys) {
      if (Array.isArray(v)) {
        if (typeof k !== 'number' || !Number.isInteger(k))
          throw new TemplateExecError(`error calling index: cannot index slice/array with type ${typeName(k)}`);
        if (k < 0 || k >= v.length) throw new TemplateExecError(`error calling index: index out of range: ${k}`);
        v = v[k];
      } else if (isObject(v)) {
        if (typeof k !== 'string') throw new TemplateExecError(`error calling index: value has type ${typeName(k)}; should be string`);
        // A missing key gives the map's zero value: "" in a map of strings (labels), nil in any other.
        v = Object.hasOwn(v, k) ? v[k] : Object.values(v).every((x) => typeof x === 'string') ? '' : null;
      } else if (v === null || v === undefined || v === MISSING) {
        throw new TemplateExecError('error calling index: index of untyped nil');
      } else {
        throw new TemplateExecError(`error calling index: can't index item of type ${typeName(v)}`);
      }
    }
    return v;
  },
  slice: (item, ...idx) => {
    if (typeof item !== 'string' && !Array.isArray(item)) throw new TemplateExecError(`error calling slice: can't slice item of type ${typeName(item)}`);
    const [from = 0, to = item.length] = idx as number[];
    if (from < 0 || to > item.length || from > to) throw new TemplateExecError(`error calling slice: index out of range: ${Math.max(from, to)}`);
    return item.slice(from, to);
  },
  print: (...args) => sprint(args),
  println: (...args) => `${args.map((a) => format(a)).join(' ')}\n`,
  printf: (fmt, ...args) => sprintf(String(fmt), args),
  eq: (a, ...bs) => bs.some((b) => compare(a, b, 'eq') === 0),
  ne: (a, b) => compare(a, b, 'ne') !== 0,
  lt: (a, b) => compare(a, b, 'lt') < 0,
  le: (a, b) => compare(a, b, 'le') <= 0,
  gt: (a, b) => compare(a, b, 'gt') > 0,
  ge: (a, b) => compare(a, b, 'ge') >= 0,
  html: (...args) => sprint(args).replace(/[<>&'"\0]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' })[c]!),
  js: (...args) =>
    sprint(args).replace(/[\\'"<>&=\n\r]/g, (c) =>
      c === '\\' || c === "'" || c === '"'
        ? `\\${c}`
        : c === '\n'
          ? '\\n'
          : c === '\r'
            ? '\\r'
            : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    ),
  urlquery: (...args) => encodeURIComponent(sprint(args)).replace(/%20/g, '+'),
};

/** A template parsed with the builtins and a CLI's functions; throws TemplateParseError in Go's words. */
export function compileTemplate(text: string, options: TemplateOptions = {}): (data: unknown) => string {
  const funcs = { ...BUILTINS, ...options.functions };
  const template = parseTemplate(text, (name) => Object.hasOwn(funcs, name));
  return (data) => new Exec(template, funcs, options.missingField).run(data);
}

/** Parses and runs `text` on `data`; throws TemplateParseError or TemplateExecError. */
export function runTemplate(text: string, data: unknown, options: TemplateOptions = {}): string {
  return compileTemplate(text, options)(data);
}

class Exec {
  private out = '';
  private readonly vars: { name: string; value: unknown }[][] = [];

  constructor(
    private readonly template: Template,
    private readonly funcs: Readonly<Record<string, GoFunction>>,
    private readonly missingField: ((name: string, struct: Readonly<Record<string, unknown>>) => string | undefined) | undefined,
  ) {}

  run(data: unknown): string {
    this.vars.push([{ name: '$', value: data }]);
    this.list(this.template.root, data);
    return this.out;
  }

  private list(nodes: readonly Node[], dot: unknown): void {
    for (const n of nodes) this.node(n, dot);
  }

  private node(n: Node, dot: unknown): void {
    if (n.kind === 'text') {
      this.out += n.text;
      return;
    }
    if (n.kind === 'action') {
      const value = this.pipe(n.pipe, dot);
      if (n.pipe.decl.length === 0) this.out += format(value);
      return;
    }
    this.vars.push([...this.vars.at(-1)!]);
    try {
      if (n.kind === 'if') {
        if (truth(this.pipe(n.pipe, dot))) this.list(n.list, dot);
        else if (n.elseList) this.list(n.elseList, dot);
      } else if (n.kind === 'with') {
        const v = this.pipe(n.pipe, dot);
        if (truth(v)) this.list(n.list, v);
        else if (n.elseList) this.list(n.elseList, dot);
      } else {
        this.range(n, dot);
      }
    } finally {
      this.vars.pop();
    }
  }

  private range(n: ControlNode, dot: unknown): void {
    const v = this.pipe({ ...n.pipe, decl: [] }, dot);
    const each = (key: unknown, value: unknown) => {
      const scope = this.vars.at(-1)!;
      if (n.pipe.decl.length === 1) this.set(scope, n.pipe.decl[0]!, value, n.pipe.assign);
      if (n.pipe.decl.length === 2) {
        this.set(scope, n.pipe.decl[0]!, key, n.pipe.assign);
        this.set(scope, n.pipe.decl[1]!, value, n.pipe.assign);
      }
      this.list(n.list, value);
    };
    let any = false;
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) each(i, x);
      any = v.length > 0;
    } else if (isObject(v)) {
      // Go ranges over a map in its keys' sorted order.
      const keys = Object.keys(v).sort(goCompareStrings);
      for (const k of keys) each(k, v[k]);
      any = keys.length > 0;
    } else if (typeof v === 'number' && Number.isInteger(v)) {
      for (let i = 0; i < v; i++) each(i, i);
      any = v > 0;
    } else if (v !== null && v !== undefined && v !== MISSING) {
      throw this.error(n.pos, `{{range ${pipeText(n.pipe, this.template.text)}}}`, `range can't iterate over ${format(v)}`);
    }
    if (!any && n.elseList) this.list(n.elseList, dot);
  }

  private set(scope: { name: string; value: unknown }[], name: string, value: unknown, assign: boolean): void {
    if (assign) {
      for (let s = this.vars.length - 1; s >= 0; s--) {
        const found = this.vars[s]!.findLast((v) => v.name === name);
        if (found) found.value = value;
      }
    } else {
      scope.push({ name, value });
    }
  }

  private pipe(p: Pipe, dot: unknown): unknown {
    let value: unknown = MISSING;
    let first = true;
    for (const cmd of p.cmds) {
      value = this.command(cmd, dot, first ? undefined : { value });
      first = false;
    }
    for (const name of p.decl) this.set(this.vars.at(-1)!, name, value, p.assign);
    return value;
  }

  /** One command: a function or method called with its arguments (and the value piped in, last), or a value. */
  private command(cmd: Command, dot: unknown, piped: { value: unknown } | undefined): unknown {
    const [head, ...rest] = cmd.args;
    const args = () => [...rest.map((a) => this.arg(a, dot)), ...(piped ? [piped.value] : [])];
    if (head!.kind === 'function') {
      try {
        return this.funcs[head!.name]!(...args());
      } catch (e) {
        if (e instanceof TemplateExecError && !e.located) throw this.error(head!.pos, head!.name, e.message);
        throw e;
      }
    }
    if (head!.kind === 'field' || (head!.kind === 'variable' && head!.names.length > 0) || (head!.kind === 'pipe' && head!.names.length > 0)) {
      const base = head!.kind === 'field' ? dot : head!.kind === 'variable' ? this.variable(head!.name) : this.pipe(head!.pipe, dot);
      return this.fields(base, head!.names, head!.pos, argText(head!, this.template.text), rest.length > 0 || piped ? args : undefined);
    }
    if (rest.length > 0 || piped)
      throw this.error(head!.pos, argText(head!, this.template.text), `can't give argument to non-function ${argText(head!, this.template.text)}`);
    return this.arg(head!, dot);
  }

  private arg(a: Arg, dot: unknown): unknown {
    switch (a.kind) {
      case 'dot':
        return dot;
      case 'field':
        return this.fields(dot, a.names, a.pos, argText(a, this.template.text), undefined);
      case 'variable':
        return this.fields(this.variable(a.name), a.names, a.pos, argText(a, this.template.text), undefined);
      case 'pipe':
        return this.fields(this.pipe(a.pipe, dot), a.names, a.pos, argText(a, this.template.text), undefined);
      case 'function':
        return this.funcs[a.name]!();
      case 'string':
      case 'number':
      case 'bool':
        return a.value;
      case 'nil':
        return null;
    }
  }

  private variable(name: string): unknown {
    return this.vars.at(-1)!.findLast((v) => v.name === name)!.value;
  }

  /** .A.B on a value; the last one called as a method when it is one and there are arguments. */
  private fields(base: unknown, names: readonly string[], pos: number, text: string, args: (() => unknown[]) | undefined): unknown {
    let v = base;
    for (const [i, name] of names.entries()) {
      if (v === MISSING || v === undefined) return MISSING;
      if (v === null) throw this.error(pos, text, `nil pointer evaluating interface {}.${name}`);
      if (!isObject(v)) throw this.error(pos, text, `can't evaluate field ${name} in type ${typeName(v)}`);
      const next = Object.hasOwn(v, name) ? v[name] : MISSING;
      const refused = next === MISSING && looksLikeStruct(v) ? this.missingField?.(name, v) : undefined;
      if (refused) throw this.error(pos, text, refused);
      if (typeof next === 'function') {
        const last = i === names.length - 1;
        v = (next as GoFunction)(...(last && args ? args() : []));
        continue;
      }
      if (i === names.length - 1 && args) throw this.error(pos, text, `${name} has arguments but cannot be invoked as function`);
      v = next;
    }
    return v;
  }

  /** Go's execution error: template: :LINE:COL: executing "" at <NODE>: MESSAGE. */
  private error(pos: number, node: string, message: string): TemplateExecError {
    const before = this.template.text.slice(0, pos);
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = line === 1 ? pos : pos - before.lastIndexOf('\n') - 1;
    const error = new TemplateExecError(`template: :${line}:${col}: executing "" at <${node}>: ${message}`);
    error.located = true;
    return error;
  }
}

function argText(a: Arg, text: string): string {
  if (a.kind === 'field') return `.${a.names.join('.')}`;
  if (a.kind === 'variable') return [a.name, ...a.names].join('.');
  if (a.kind === 'pipe') return `(${pipeText(a.pipe, text)})${a.names.map((n) => `.${n}`).join('')}`;
  return text.slice(a.pos).split(/[\s|)}]/)[0] ?? '';
}

function pipeText(p: Pipe, text: string): string {
  return p.cmds.map((c) => c.args.map((a) => argText(a, text)).join(' ')).join(' | ');
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** text/template's truth: false, 0, nil, an empty string, slice or map are false. */
export function truth(v: unknown): boolean {
  if (v === MISSING || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0 || looksLikeStruct(v);
  return true;
}

/** An object whose keys are all Go's exported field names: a struct (an empty one is a map, which is falsy). */
export function looksLikeStruct(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => /^[A-Z][A-Za-z0-9_]*$/.test(k));
}

/** The Go type a value would have, for errors. */
function typeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isObject(v)) return 'map[string]interface {}';
  return 'interface {}';
}

/** fmt's %v of a value, as {{.}} prints it. */
export function format(v: unknown, nested = false): string {
  if (v === MISSING || v === undefined) return nested ? '<nil>' : '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && STRINGER in v) return (v as { [STRINGER]: () => string })[STRINGER]();
  if (Array.isArray(v)) return `[${v.map((x) => format(x, true)).join(' ')}]`;
  if (isObject(v)) {
    if (looksLikeStruct(v))
      return `{${Object.values(v)
        .map((x) => format(x, true))
        .join(' ')}}`;
    return `map[${Object.keys(v)
      .sort(goCompareStrings)
      .map((k) => `${k}:${format(v[k], true)}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** A whole number as Go prints an int; any other as %v prints a float64 (strconv 'g', shortest). */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return n.toFixed(0);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split('e');
    const sign = e!.startsWith('-') ? '-' : '+';
    return `${m}e${sign}${e!.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return String(n);
}

/** fmt.Sprint: spaces between operands when neither is a string. */
function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += format(a);
  });
  return out;
}

/** fmt.Sprintf, the verbs a template uses: %v %s %d %q %t %f %e %g %x %X %c %%, with flags, width and precision. */
export function sprintf(fmt: string, args: readonly unknown[]): string {
  let n = 0;
  return fmt.replace(
    /%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g,
    (_whole, flags: string, width: string | undefined, prec: string | undefined, verb: string) => {
      if (verb === '%') return '%';
      if (n >= args.length) return `%!${verb}(MISSING)`;
      const a = args[n++];
      let s: string;
      switch (verb) {
        case 'v':
        case 's':
          s = format(a);
          if (prec !== undefined && verb === 's') s = [...s].slice(0, Number(prec)).join('');
          break;
        case 'd':
          s = typeof a === 'number' && Number.isInteger(a) ? a.toFixed(0) : `%!d(${typeName(a)}=${format(a)})`;
          if (flags.includes('+') && typeof a === 'number' && a >= 0) s = `+${s}`;
          break;
        case 'q':
          s = typeof a === 'string' ? JSON.stringify(a) : `%!q(${typeName(a)}=${format(a)})`;
          break;
        case 't':
          s = typeof a === 'boolean' ? String(a) : `%!t(${typeName(a)}=${format(a)})`;
          break;
        case 'f':
        case 'e':
        case 'g':
          if (typeof a !== 'number') s = `%!${verb}(${typeName(a)}=${format(a)})`;
          else if (verb === 'f') s = a.toFixed(prec === undefined ? 6 : Number(prec));
          else if (verb === 'e') s = a.toExponential(prec === undefined ? 6 : Number(prec)).replace(/e([+-])(\d)$/, 'e$10$2');
          else s = formatNumber(a);
          break;
        case 'x':
        case 'X': {
          const hex = typeof a === 'number' && Number.isInteger(a) ? a.toString(16) : Buffer.from(format(a)).toString('hex');
          s = verb === 'X' ? hex.toUpperCase() : hex;
          break;
        }
        case 'c':
          s = typeof a === 'number' ? String.fromCodePoint(a) : `%!c(${typeName(a)}=${format(a)})`;
          break;
        default:
          return `%!${verb}(${typeName(a)}=${format(a)})`;
      }
      const w = width === undefined ? 0 : Number(width);
      if ([...s].length >= w) return s;
      const pad = (flags.includes('0') && !flags.includes('-') && 'dfegxX'.includes(verb) ? '0' : ' ').repeat(w - [...s].length);
      if (flags.includes('-')) return s + pad;
      return pad[0] === '0' && /^[+-]/.test(s) ? s[0] + pad + s.slice(1) : pad + s;
    },
  );
}

/** eq, ne, lt...: basic kinds only, as funcs.go compares them. */
function compare(a: unknown, b: unknown, name: string): number {
  const basic = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
  if (name === 'eq' || name === 'ne') {
    if ((a === null || a === MISSING) && (b === null || b === MISSING)) return 0;
    if (!basic(a) || !basic(b)) {
      if (a === null || b === null) return 1;
      throw new TemplateExecError(`error calling ${name}: incompatible types for comparison`);
    }
  } else if (!basic(a) || !basic(b) || typeof a === 'boolean') {
    throw new TemplateExecError(`error calling ${name}: invalid type for comparison`);
  }
  if (typeof a !== typeof b) throw new TemplateExecError(`error calling ${name}: incompatible types for comparison`);
  if (a === b) return 0;
  if (typeof a === 'string') return goCompareStrings(a, b as string);
  if (typeof a === 'boolean') return 1;
  return (a as number) < (b as number) ? -1 : 1;
}

/** Go's string order: by bytes (UTF-8), not UTF-16 code units. */
function goCompareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * encoding/json's Marshal with SetEscapeHTML(false), as docker's json function: compact; a struct's
 * fields in their order, a map's keys sorted; control characters as \\u00XX but \\n \\r \\t, and
 * U+2028 and U+2029 escaped; a method or a missing value left out of an object, null elsewhere.
 */
export function goJson(v: unknown): string {
  if (v === null || v === undefined || v === MISSING || typeof v === 'function') return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => goJson(x)).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).filter((k) => typeof v[k] !== 'function' && v[k] !== undefined && v[k] !== MISSING);
    if (!looksLikeStruct(v)) keys.sort(goCompareStrings);
    return `{${keys.map((k) => `${goJsonString(k)}:${goJson(v[k])}`).join(',')}}`;
  }
  return 'null';
}

function goJsonString(s: string): string {
  return `"${s.replace(/[\u0000-\u001f"\\\u2028\u2029]/g, (c) => {
    if (c === '"' || c === '\\') return `\\${c}`;
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  })}"`;
}
