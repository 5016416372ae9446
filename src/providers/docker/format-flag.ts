// docker's --format (docker/cli v29: cli/command/formatter/formatter.go, templates/
// templates.go): "table" and "table TEMPLATE" lay their rows out in docker's
// tabwriter under a header row, "json" is {{json .}}, anything else a template of
// its own; the two-character sequences \t and \n become a tab and a newline, and
// each item's output ends with a newline. The template is Go's text/template with
// docker's functions (json, split, join, title, lower, upper, pad, truncate); the
// header row runs the same template on the column names, those functions but pad
// giving the name back as it is (HeaderFunctions).
import { compileTemplate, TemplateExecError, TemplateParseError } from '../cli/go-template-exec.js';
import { arity, intArg, stringArg } from '../cli/go-template-funcs.js';
import { type GoFunction, goJson, MARSHALS_ESCAPED } from '../cli/go-template-values.js';
import type { ExecResult } from '../provider.js';
import { dockerTable } from './formatter.js';

/** The longest string pad may make (Go would try to make any; a terminal cannot show more). */
const MAX_PAD = 1_000_000;

function repeatCount(n: unknown): number {
  const count = intArg(n);
  if (count < 0) throw new TemplateExecError('strings: negative Repeat count');
  if (count > MAX_PAD) throw new TemplateExecError('strings: Repeat output length overflow');
  return count;
}

/** templates.go basicFunctions (v29.0: join takes a []string). */
export const DOCKER_FUNCTIONS: Readonly<Record<string, GoFunction>> = {
  json: arity('json', 1, 1, (v) => goJson(v)),
  split: arity('split', 2, 2, (s, sep) => (stringArg(sep) === '' ? [...stringArg(s)] : stringArg(s).split(sep as string))),
  join: arity('join', 2, 2, (a, sep) => {
    if (a === null) return '';
    if (!Array.isArray(a) || a.some((x) => typeof x !== 'string')) throw new TemplateExecError('wrong type for value; expected []string; got []interface {}');
    return a.join(stringArg(sep));
  }),
  // strings.Title: each letter that follows a non-letter, upper-cased.
  title: arity('title', 1, 1, (s) => stringArg(s).replace(/(^|[^\p{L}\p{N}_])(\p{L})/gu, (_, before: string, c: string) => before + c.toUpperCase())),
  lower: arity('lower', 1, 1, (s) => stringArg(s).toLowerCase()),
  upper: arity('upper', 1, 1, (s) => stringArg(s).toUpperCase()),
  // padWithSpace: only a string that is not empty is padded.
  pad: arity('pad', 3, 3, (s, before, after) => {
    const [b, a] = [repeatCount(before), repeatCount(after)];
    return stringArg(s) === '' ? '' : ' '.repeat(b) + (s as string) + ' '.repeat(a);
  }),
  // truncateWithLength: by bytes.
  truncate: arity('truncate', 2, 2, (s, n) => {
    const bytes = Buffer.from(stringArg(s));
    const length = intArg(n);
    return bytes.length < length ? (s as string) : bytes.subarray(0, Math.max(0, length)).toString();
  }),
};

/** HeaderFunctions: the column's name as it is, whatever the function (each takes a string, as docker's do). */
const HEADER_FUNCTIONS: Readonly<Record<string, GoFunction>> = {
  ...DOCKER_FUNCTIONS,
  ...Object.fromEntries(
    (
      [
        ['json', 1],
        ['split', 2],
        ['join', 2],
        ['title', 1],
        ['lower', 1],
        ['upper', 1],
        ['truncate', 2],
      ] as const
    ).map(([name, n]) => [name, arity(name, n, n, (v) => stringArg(v))]),
  ),
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
  // formatter.go postFormat: the header's error is not checked; what it wrote before failing stays.
  const head = compileTemplate(format.template, { functions: HEADER_FUNCTIONS }).partial(header);
  const text = `${head}\n${rows}`;
  const lines = text.slice(0, -1).split('\n');
  return dockerTable(
    lines[0]!.split('\t'),
    lines.slice(1).map((l) => l.split('\t')),
  );
}

export { TemplateExecError, TemplateParseError };

/**
 * A formatter context (formatter/reflect.go): its fields in sorted order, as its json writes them (a map); Label,
 * a method, out of the json; and its MarshalJSON's HTML escaping.
 */
export function goContext(fields: Readonly<Record<string, unknown>>, labels?: Readonly<Record<string, string>> | null): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const key of Object.keys(fields).sort()) context[key] = fields[key];
  // Label only where the context has it (containers, networks, volumes; labels undefined: none).
  if (labels !== undefined)
    Object.defineProperty(context, 'Label', {
      value: (name: unknown) => (labels && typeof name === 'string' && Object.hasOwn(labels, name) ? labels[name] : ''),
      enumerable: false,
    });
  Object.defineProperty(context, MARSHALS_ESCAPED, { value: true });
  return context;
}

/** A context's Labels: k=v joined by commas (in key order here; Go's map order is random before v29.5). */
export function labelsText(labels: Readonly<Record<string, string>> | null): string {
  return labels
    ? Object.keys(labels)
        .sort()
        .map((k) => `${k}=${labels[k]}`)
        .join(',')
    : '';
}

/** The header row's data (SubHeaderContext): the column names; a Label's is its last dotted part, - and _ as spaces. */
export function headerContext(headers: Readonly<Record<string, string>>): Record<string, unknown> {
  const header: Record<string, unknown> = { ...headers };
  Object.defineProperty(header, 'Label', {
    value: (name: unknown) => String(name).split('.').at(-1)!.replace(/[-_]/g, ' '),
    enumerable: false,
  });
  return header;
}

export interface ListSpec {
  /** The context's Go type, for a field it has not (*formatter.volumeContext). */
  readonly type: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly defaultTable: string;
}

/** A list command's --format output (network ls, volume ls, images): its errors as formatter.go's, exit 1. */
export function formattedList(format: string, items: readonly unknown[], spec: ListSpec): ExecResult {
  // The raw layouts (NewImageFormat's, network's and volume's newFormat) are not simulated: said, not printed as "raw".
  if (format === 'raw')
    return { exitCode: 1, stdout: '', stderr: 'hyperpane: --format raw is not simulated; --format json, table or a template are\n', changed: false };
  try {
    const stdout = formatList(
      listFormat(format, spec.defaultTable),
      items,
      headerContext(spec.headers),
      (name) => `can't evaluate field ${name} in type ${spec.type}`,
    );
    return { exitCode: 0, stdout, stderr: '', changed: false };
  } catch (e) {
    if (e instanceof TemplateParseError || e instanceof TemplateExecError)
      return { exitCode: 1, stdout: '', stderr: `template parsing error: ${e.message}\n`, changed: false };
    throw e;
  }
}
