// text/template's builtins (funcs.go builtins(), Go 1.19-1.25), on the values of
// go-template-values.ts, and the fmt.Sprintf they use. `and` and `or` are here for
// their arity; the executor evaluates their arguments lazily, as Go has since 1.18.
import {
  format,
  formatFloat,
  type GoFunction,
  goCompareStrings,
  goExponent,
  isObject,
  looksLikeStruct,
  MISSING,
  NIL_SLICE,
  TemplateExecError,
  truth,
  typeName,
} from './go-template-values.js';

/** The longest string a function may make (Go would try to make any; a terminal cannot show more). */
const MAX_MADE = 1_000_000;

/** A function that takes `min` to `max` arguments, refusing others in text/template's words. */
export function arity(name: string, min: number, max: number, fn: GoFunction): GoFunction {
  return (...args) => {
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
      throw new TemplateExecError(`wrong number of args for ${name}: want ${want} got ${args.length}`, true);
    }
    return fn(...args);
  };
}

/** An argument Go's function takes as an int. */
export function intArg(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new TemplateExecError(v === null || v === MISSING ? 'invalid value; expected int' : `wrong type for value; expected int; got ${typeName(v)}`, true);
}

/** An argument Go's function takes as a string. */
export function stringArg(v: unknown): string {
  if (typeof v === 'string') return v;
  throw new TemplateExecError(
    v === null || v === MISSING ? 'invalid value; expected string' : `wrong type for value; expected string; got ${typeName(v)}`,
    true,
  );
}

/** Go's builtins, but and/or's laziness (the executor's). */
export const BUILTINS: Readonly<Record<string, GoFunction>> = {
  and: arity('and', 1, Number.POSITIVE_INFINITY, (...args) => args.find((a) => !truth(a)) ?? args.at(-1)),
  or: arity('or', 1, Number.POSITIVE_INFINITY, (...args) => args.find((a) => truth(a)) ?? args.at(-1)),
  not: arity('not', 1, 1, (a) => !truth(a)),
  len: arity('len', 1, 1, (a) => {
    if (typeof a === 'string') return Buffer.byteLength(a);
    if (Array.isArray(a)) return a.length;
    if (isObject(a) && !looksLikeStruct(a)) return Object.keys(a).length;
    throw new TemplateExecError(`len of ${a === null ? 'nil pointer' : `type ${typeName(a)}`}`);
  }),
  index: arity('index', 1, Number.POSITIVE_INFINITY, (item, ...keys) => {
    let v = item;
    for (const k of keys) {
      if (Array.isArray(v) || typeof v === 'string') {
        const i = intArg(k);
        const length = typeof v === 'string' ? Buffer.byteLength(v) : v.length;
        if (i < 0 || i >= length) throw new TemplateExecError(`index out of range: ${i}`);
        v = typeof v === 'string' ? Buffer.from(v)[i] : v[i];
      } else if (isObject(v) && !looksLikeStruct(v)) {
        if (typeof k !== 'string') throw new TemplateExecError(`value has type ${typeName(k)}; should be string`);
        // A missing key gives the map's zero value: "" in a map of strings (labels), nil in any other.
        v = Object.hasOwn(v, k) ? v[k] : Object.values(v).length > 0 && Object.values(v).every((x) => typeof x === 'string') ? '' : MISSING;
      } else if (v === null || v === MISSING) {
        throw new TemplateExecError('index of untyped nil');
      } else {
        throw new TemplateExecError(`can't index item of type ${typeName(v)}`);
      }
    }
    return v;
  }),
  slice: arity('slice', 1, 4, (item, ...idx) => {
    if (typeof item !== 'string' && !Array.isArray(item)) throw new TemplateExecError(`can't slice item of type ${typeName(item)}`);
    if (typeof item === 'string' && idx.length > 2) throw new TemplateExecError('cannot 3-index slice a string');
    // A string by its bytes, as Go's.
    const bytes = typeof item === 'string' ? Buffer.from(item) : undefined;
    const length = bytes ? bytes.length : (item as unknown[]).length;
    const [from = 0, to = length] = idx.map(intArg);
    if (from < 0 || to > length) throw new TemplateExecError(`index out of range: ${from < 0 ? from : to}`);
    if (from > to) throw new TemplateExecError(`invalid slice index: ${from} > ${to}`);
    return bytes ? bytes.subarray(from, to).toString() : (item as unknown[]).slice(from, to);
  }),
  print: (...args) => sprint(args),
  println: (...args) => `${args.map((a) => format(a, true)).join(' ')}\n`,
  printf: arity('printf', 1, Number.POSITIVE_INFINITY, (fmt, ...args) => sprintf(stringArg(fmt), args)),
  eq: arity('eq', 1, Number.POSITIVE_INFINITY, (a, ...bs) => {
    if (bs.length === 0) throw new TemplateExecError('missing argument for comparison');
    return bs.some((b) => equal(a, b));
  }),
  ne: arity('ne', 2, 2, (a, b) => !equal(a, b)),
  lt: arity('lt', 2, 2, (a, b) => order(a, b) < 0),
  le: arity('le', 2, 2, (a, b) => order(a, b) <= 0),
  gt: arity('gt', 2, 2, (a, b) => order(a, b) > 0),
  ge: arity('ge', 2, 2, (a, b) => order(a, b) >= 0),
  html: (...args) => evalArgs(args).replace(/[<>&'"\0]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' })[c]!),
  js: (...args) =>
    evalArgs(args).replace(/[\\'"<>&=\n\r\u2028\u2029]/g, (c) =>
      c === '\\' || c === "'" || c === '"'
        ? `\\${c}`
        : c === '\n'
          ? '\\n'
          : c === '\r'
            ? '\\r'
            : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    ),
  // url.QueryEscape: all but letters, digits and -_.~ escaped, a space as +.
  urlquery: (...args) =>
    [...Buffer.from(evalArgs(args))]
      .map((b) =>
        /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : b === 0x20 ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
      )
      .join(''),
};

/** funcs.go evalArgs, for html, js and urlquery: one string as it is, else fmt.Sprint with a nil argument as "<no value>". */
function evalArgs(args: readonly unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null || a === MISSING ? '<no value>' : a)));
}

/** fmt.Sprint: spaces between operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += format(a, true);
  });
  return out;
}

const isNil = (v: unknown) => v === null || v === MISSING || v === undefined || (Array.isArray(v) && NIL_SLICE in v);

/** eq and ne (funcs.go eq): basic kinds of one kind; nil equal only to nil, without an error. */
function equal(a: unknown, b: unknown): boolean {
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  const basic = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
  if (!basic(a) || !basic(b)) throw new TemplateExecError(`incompatible types for comparison`);
  if (typeof a !== typeof b || (typeof a === 'number' && Number.isInteger(a) !== Number.isInteger(b as number)))
    throw new TemplateExecError(`incompatible types for comparison`);
  return a === b;
}

/** lt, le, gt, ge: numbers or strings of one kind. */
function order(a: unknown, b: unknown): number {
  const ordered = (x: unknown) => typeof x === 'string' || typeof x === 'number';
  if (!ordered(a) || !ordered(b)) throw new TemplateExecError(`invalid type for comparison`);
  if (typeof a !== typeof b || (typeof a === 'number' && Number.isInteger(a) !== Number.isInteger(b as number)))
    throw new TemplateExecError(`incompatible types for comparison`);
  if (a === b) return 0;
  if (typeof a === 'string') return goCompareStrings(a, b as string);
  return (a as number) < (b as number) ? -1 : 1;
}

/** strconv.Quote: Go's escapes, \xNN for other bytes below 0x80 that do not print, printable Unicode kept. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const named: Record<string, string> = {
      '\x07': '\\a',
      '\b': '\\b',
      '\f': '\\f',
      '\n': '\\n',
      '\r': '\\r',
      '\t': '\\t',
      '\v': '\\v',
      '"': '\\"',
      '\\': '\\\\',
    };
    if (named[ch]) out += named[ch];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/u.test(ch))
      out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** x with p decimals, as strconv rounds its exact binary value: to nearest, an exact half to even (2.5 -> "2", 0.45 -> "0.5"). */
function fixed(x: number, p: number): string {
  const digits = Math.min(p, 100);
  let s = x.toFixed(digits);
  // toFixed rounds an exact half up; Go to even. The exact expansion says whether x is one.
  const exact = Math.abs(x).toFixed(100).split('.')[1] ?? '';
  if (digits < 99 && exact[digits] === '5' && /^0*$/.test(exact.slice(digits + 1))) {
    const kept = Math.trunc(Math.abs(x) * 10 ** digits);
    if (kept % 2 === 0) s = `${x < 0 ? '-' : ''}${(kept / 10 ** digits).toFixed(digits)}`;
  }
  return digits < p ? s + '0'.repeat(p - digits) : s;
}

/** fmt.Sprintf, the verbs a template uses: %v %s %d %q %t %f %e %g %x %X %c %%, with flags, width and precision. */
export function sprintf(fmt: string, args: readonly unknown[]): string {
  let n = 0;
  const out = fmt.replace(
    /%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])?/g,
    (_whole, flags: string, width: string | undefined, prec: string | undefined, verb: string | undefined) => {
      if (verb === undefined) return '%!(NOVERB)';
      if (verb === '%') return '%';
      if ((width !== undefined && Number(width) > MAX_MADE) || (prec !== undefined && Number(prec) > MAX_MADE)) return '%!(NOVERB)';
      if (n >= args.length) return `%!${verb}(MISSING)`;
      const a = args[n++];
      const bad = () => (isNil(a) ? `%!${verb}(<nil>)` : `%!${verb}(${typeName(a)}=${format(a, true)})`);
      let s: string;
      switch (verb) {
        case 'v':
          s = format(a, true);
          break;
        case 's':
          s = typeof a === 'string' ? a : isNil(a) ? bad() : format(a, true);
          if (prec !== undefined && typeof a === 'string') s = [...s].slice(0, Number(prec)).join('');
          break;
        case 'd':
          s = typeof a === 'number' && Number.isInteger(a) ? a.toFixed(0) : bad();
          if (flags.includes('+') && typeof a === 'number' && a >= 0) s = `+${s}`;
          break;
        case 'q':
          s = typeof a === 'string' ? goQuote(a) : typeof a === 'number' && Number.isInteger(a) ? `'${safeChar(a)}'` : bad();
          break;
        case 't':
          s = typeof a === 'boolean' ? String(a) : bad();
          break;
        case 'f':
        case 'e':
        case 'g':
          if (typeof a !== 'number') s = bad();
          else if (verb === 'f') s = fixed(a, prec === undefined ? 6 : Number(prec));
          else if (verb === 'e') s = goExponent(a.toExponential(Math.min(prec === undefined ? 6 : Number(prec), 100)));
          else if (prec === undefined) s = formatFloat(a);
          else s = goG(a, Math.max(1, Number(prec)));
          if (flags.includes('+') && typeof a === 'number' && a >= 0) s = `+${s}`;
          break;
        case 'x':
        case 'X': {
          const hex = typeof a === 'number' && Number.isInteger(a) ? a.toString(16) : typeof a === 'string' ? Buffer.from(a).toString('hex') : undefined;
          s = hex === undefined ? bad() : verb === 'X' ? hex.toUpperCase() : hex;
          break;
        }
        case 'c':
          s = typeof a === 'number' && Number.isInteger(a) ? safeChar(a) : bad();
          break;
        default:
          s = bad();
      }
      const w = width === undefined ? 0 : Number(width);
      if ([...s].length >= w) return s;
      const pad = (flags.includes('0') && !flags.includes('-') ? '0' : ' ').repeat(w - [...s].length);
      if (flags.includes('-')) return s + pad;
      return pad[0] === '0' && /^[+-]/.test(s) ? s[0] + pad + s.slice(1) : pad + s;
    },
  );
  // fmt's arguments no verb took.
  const extra = args.slice(n).map((a) => (isNil(a) ? '<nil>' : `${typeName(a)}=${format(a, true)}`));
  return extra.length > 0 ? `${out}%!(EXTRA ${extra.join(', ')})` : out;
}

/** A code point as a character, U+FFFD for one that is not (fmt's %c). */
function safeChar(cp: number): string {
  return cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
}

/** %.Ng: N significant digits, trailing zeros dropped, exponent form when the exponent is below -4 or at least N. */
function goG(x: number, digits: number): string {
  if (x === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(Math.min(digits, 100))))));
  if (exp < -4 || exp >= digits) return goExponent(x.toExponential(Math.min(digits - 1, 100)).replace(/\.?0+e/, 'e'));
  return Number(x.toPrecision(Math.min(digits, 100))).toString();
}
