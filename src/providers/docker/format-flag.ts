// docker's --format (docker/cli v29: cli/command/formatter/formatter.go, templates/
// templates.go): "table" and "table TEMPLATE" lay their rows out in docker's
// tabwriter under a header row, "json" is {{json .}}, anything else a template of
// its own; the two-character sequences \t and \n become a tab and a newline, and
// each item's output ends with a newline. The template is Go's text/template with
// docker's functions (json, split, join, title, lower, upper, pad, truncate); the
// header row runs the same template on the column names, those functions but pad
// giving the name back as it is (HeaderFunctions).
import { compileTemplate, type GoFunction, goJson, TemplateExecError, TemplateParseError } from '../cli/go-template-exec.js';
import { dockerTable } from './formatter.js';

/** A function that takes exactly `arity` arguments, refusing others as text/template does. */
function fixed(name: string, arity: number, fn: GoFunction): GoFunction {
  return (...args) => {
    if (args.length !== arity) throw new TemplateExecError(`wrong number of args for ${name}: want ${arity} got ${args.length}`);
    return fn(...args);
  };
}

function str(v: unknown, name: string): string {
  if (typeof v !== 'string') throw new TemplateExecError(`error calling ${name}: wrong type for value; expected string; got ${typeof v}`);
  return v;
}

/** templates.go basicFunctions (v29.0: join takes a []string). */
export const DOCKER_FUNCTIONS: Readonly<Record<string, GoFunction>> = {
  json: fixed('json', 1, (v) => goJson(v)),
  split: fixed('split', 2, (s, sep) => (str(sep, 'split') === '' ? [...str(s, 'split')] : str(s, 'split').split(sep as string))),
  join: fixed('join', 2, (a, sep) => {
    if (!Array.isArray(a) || a.some((x) => typeof x !== 'string')) throw new TemplateExecError('wrong type for value; expected []string; got []interface {}');
    return a.join(str(sep, 'join'));
  }),
  // strings.Title: each letter that follows a non-letter, upper-cased.
  title: fixed('title', 1, (s) => str(s, 'title').replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, before: string, c: string) => before + c.toUpperCase())),
  lower: fixed('lower', 1, (s) => str(s, 'lower').toLowerCase()),
  upper: fixed('upper', 1, (s) => str(s, 'upper').toUpperCase()),
  // padWithSpace: only a string that is not empty is padded.
  pad: fixed('pad', 3, (s, before, after) => (str(s, 'pad') === '' ? '' : ' '.repeat(Number(before)) + s + ' '.repeat(Number(after)))),
  // truncateWithLength: by bytes.
  truncate: fixed('truncate', 2, (s, n) => {
    const bytes = Buffer.from(str(s, 'truncate'));
    return bytes.length < Number(n) ? (s as string) : bytes.subarray(0, Number(n)).toString();
  }),
};

/** HeaderFunctions: the column's name as it is, whatever the function. */
const HEADER_FUNCTIONS: Readonly<Record<string, GoFunction>> = {
  ...DOCKER_FUNCTIONS,
  ...Object.fromEntries(['json', 'split', 'join', 'title', 'lower', 'upper', 'truncate'].map((name) => [name, (v: unknown) => v])),
};

export interface ListFormat {
  readonly table: boolean;
  readonly template: string;
}

/** Format.templateString: what --format asks for ("table" alone is the command's default table). */
export function listFormat(format: string, defaultTable: string): ListFormat {
  if (format === 'json') return { table: false, template: '{{json .}}' };
  const table = format.startsWith('table');
  const body = format === 'table' ? defaultTable.slice('table'.length) : table ? format.slice('table'.length) : format;
  return { table, template: body.replace(/^ +| +$/g, '').replace(/\\t|\\n/g, (e) => (e === '\\t' ? '\t' : '\n')) };
}

/**
 * The items through a format: each one's output and a newline; for a table, under the header row
 * (the template on `header`, the column names; its errors leave it empty) and through the tabwriter.
 * Throws TemplateParseError or TemplateExecError in Go's words.
 */
export function formatList(format: ListFormat, items: readonly unknown[], header: unknown, missingField?: (name: string) => string | undefined): string {
  const row = compileTemplate(format.template, { functions: DOCKER_FUNCTIONS, ...(missingField ? { missingField } : {}) });
  const rows = items.map((item) => `${row(item)}\n`).join('');
  if (!format.table) return rows;
  let head = '';
  try {
    head = compileTemplate(format.template, { functions: HEADER_FUNCTIONS })(header);
  } catch {
    // formatter.go postFormat: the header's error is not checked.
  }
  const text = `${head}\n${rows}`;
  const lines = text.slice(0, -1).split('\n');
  return dockerTable(
    lines[0]!.split('\t'),
    lines.slice(1).map((l) => l.split('\t')),
  );
}

export { TemplateExecError, TemplateParseError };
