// Go values as text/template sees them, made of the JSON-like data a CLI hands
// it: strings, numbers (a whole one is an int, as the CLIs' typed structs hold
// them; any other a float64), booleans, null (a nil pointer; a nil slice where
// marked), arrays (slices), objects (a struct, or a map where marked or where its
// keys are not all Go field names), functions (methods) and MISSING (a map's
// missing key). How fmt prints them, how encoding/json writes them, and their
// truth, as text/template's exec.go, fmt and encoding/json do.

/** A map's missing key (Go's invalid reflect.Value): "<no value>" when printed. */
export const MISSING = Symbol('no value');

/** A value's String method (Go's fmt.Stringer): what it prints as; JSON leaves it out. */
export const STRINGER = Symbol('String');

/**
 * Marks a value whose MarshalJSON is json.Marshal's (docker's formatter contexts, reflect.go marshalMap): its
 * strings come out HTML-escaped (\u003c, \u003e, \u0026) even through an encoder that does not escape.
 */
export const MARSHALS_ESCAPED = Symbol('MarshalJSON');

/** Marks an object that is a Go map, whatever its keys look like (labels named Env or Tier). */
export const GO_MAP = Symbol('map');

/** Marks an empty array that is a nil slice: printed [], marshalled null. */
export const NIL_SLICE = Symbol('nil slice');

export type GoFunction = (...args: unknown[]) => unknown;

export class TemplateExecError extends Error {
  /** Whether the message says where (template: :LINE:COL: executing ...), or is a function's own, still to be placed. */
  located = false;

  /**
   * A function's own error is placed at its whole command and said as "error calling NAME: ..."; a wrong
   * number or type of arguments (text/template's check before the call) at the function's name, as it is.
   */
  constructor(
    message: string,
    readonly arguments_ = false,
  ) {
    super(message);
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A struct: an object not marked as a map whose keys are all Go's exported field names (an empty object is a map). */
export function looksLikeStruct(v: Record<string, unknown>): boolean {
  if (GO_MAP in v) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => /^[A-Z][A-Za-z0-9_]*$/.test(k));
}

/** text/template's truth: false, 0, nil, an empty string, slice or map are false; a struct is true. */
export function truth(v: unknown): boolean {
  if (v === MISSING || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0 || looksLikeStruct(v) || STRINGER in v;
  return true;
}

/** The Go type a value would have, for errors. */
export function typeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isObject(v)) return looksLikeStruct(v) ? 'struct' : 'map[string]interface {}';
  return 'interface {}';
}

/** fmt's %v of a value, as {{.}} prints it; `nested` inside a slice, map or struct. */
export function format(v: unknown, nested = false): string {
  if (v === MISSING || v === undefined) return nested ? '<nil>' : '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'function') return nested ? '<func>' : '<no value>';
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

/** A whole number as Go prints an int; any other as %v prints a float64 (strconv's shortest 'g': exponent from 1e+06 on). */
export function formatNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? n.toFixed(0) : formatFloat(n);
}

/** A float64 as %v and %g print it: the shortest digits, in exponent form below 1e-04 and from 1e+06 on. */
export function formatFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  return exp < -4 || exp >= 6 ? goExponent(n.toExponential()) : String(n);
}

/** JavaScript's 1.5e+6 as Go writes it: 1.5e+06 (two digits of exponent at least). */
export function goExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Go's string order: by bytes (UTF-8), not UTF-16 code units. */
export function goCompareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * encoding/json's Marshal with SetEscapeHTML(false), as docker's json function: compact; a struct's
 * fields in their order, a map's keys sorted; control characters as \u00XX but \n \r \t, and
 * U+2028 and U+2029 escaped; a method or a missing value left out of an object, null elsewhere.
 */
export function goJson(v: unknown, escapeHtml = false): string {
  if (v === null || v === undefined || v === MISSING || typeof v === 'function') return 'null';
  if (typeof v === 'string') return goJsonString(v, escapeHtml);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : goJsonFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return NIL_SLICE in v ? 'null' : `[${v.map((x) => goJson(x, escapeHtml)).join(',')}]`;
  if (isObject(v)) {
    const escaping = escapeHtml || MARSHALS_ESCAPED in v;
    const keys = Object.keys(v).filter((k) => typeof v[k] !== 'function' && v[k] !== undefined && v[k] !== MISSING);
    if (!looksLikeStruct(v)) keys.sort(goCompareStrings);
    return `{${keys.map((k) => `${goJsonString(k, escaping)}:${goJson(v[k], escaping)}`).join(',')}}`;
  }
  return 'null';
}

/** encoding/json's float64: 'f' form, or 'e' below 1e-6 and from 1e21 on (e-07, not e-7, is cut to e-7). */
function goJsonFloat(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  const abs = Math.abs(n);
  return abs !== 0 && (abs < 1e-6 || abs >= 1e21) ? n.toExponential().replace(/e([+-])0?(\d)/, 'e$1$2') : String(n);
}

function goJsonString(s: string, escapeHtml: boolean): string {
  return `"${s.replace(escapeHtml ? /[\u0000-\u001f"\\\u2028\u2029<>&]/g : /[\u0000-\u001f"\\\u2028\u2029]/g, (c) => {
    if (c === '"' || c === '\\') return `\\${c}`;
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  })}"`;
}
