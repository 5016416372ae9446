// az's output formats, as knack prints a command's result (knack/output.py at
// 0.11: format_json, format_table with _TableOutput and tabulate, format_tsv with
// _TsvOutput, format_none; yaml from azure-cli's _output.py, see az-yaml.ts).
// A result of None prints nothing in any format (knack/cli.py invoke).
import stringWidth from 'string-width';
import { byCodePoint, safeDump } from './az-yaml.js';
import { pyFloatRepr, pyStr } from './py-text.js';

/** The formats `--output/-o` takes, in argparse's order (knack OutputProducer._FORMAT_DICT). */
export const OUTPUT_FORMATS = ['json', 'jsonc', 'yaml', 'yamlc', 'table', 'tsv', 'none'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** How a command's result is laid out as a table when no --query is given: a function, or a JMESPath expression. */
export type TableTransformer = ((result: unknown) => unknown) | string;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The result with every object's keys sorted, as Python dicts of a model print in json/yaml (sort_keys). */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (isRecord(value))
    return Object.fromEntries(
      Object.keys(value)
        .sort(byCodePoint)
        .map((k) => [k, sortedKeys(value[k])]),
    );
  return value;
}

/** json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True) + '\n'. */
export function formatJson(value: unknown): string {
  return `${pyJson(value, '')}\n`;
}

function pyJson(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? String(value)
      : Number.isFinite(value)
        ? pyFloatRepr(value)
        : Number.isNaN(value)
          ? 'NaN'
          : value > 0
            ? 'Infinity'
            : '-Infinity';
  if (typeof value === 'string') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + pyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(byCodePoint);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${pyJson(record[k], inner)}`).join(',\n')}\n${indent}}`;
}

/** knack _TableOutput: id, type and etag left out, nested values and None left out, the first letter capitalised. */
function autoTableItem(item: unknown, sortKeys: boolean): Map<string, unknown> {
  const entry = new Map<string, unknown>();
  if (isRecord(item)) {
    const keys = sortKeys ? Object.keys(item).sort(byCodePoint) : Object.keys(item);
    for (const k of keys) {
      if (k === 'id' || k === 'type' || k === 'etag') continue;
      const v = item[k];
      if (v !== null && v !== undefined && typeof v !== 'object') entry.set(k ? k[0].toUpperCase() + k.slice(1) : k, v);
    }
  } else if (Array.isArray(item))
    item.forEach((v, i) => {
      entry.set(`Column${i + 1}`, v);
    });
  else entry.set('Result', item);
  return entry;
}

/**
 * tabulate(rows, headers="keys", tablefmt="simple", disable_numparse=True): the
 * columns are the keys in the order first seen, each as wide as its widest cell
 * and at least its header plus two (tabulate's MIN_PADDING), two spaces apart,
 * a rule of dashes under the header, everything left-aligned, trailing blanks cut.
 * Widths are wcwidth.wcswidth's: tabulate measures with it when wcwidth is
 * installed (its WIDE_CHARS_MODE), and azure-cli's packages pin it
 * (src/azure-cli/requirements.py3.Linux.txt: wcwidth==0.1.7, tabulate==0.8.9),
 * so a wide character such as 東 takes two columns; string-width counts as wcwidth does.
 */
function tabulate(rows: readonly Map<string, unknown>[]): string {
  const headers: string[] = [];
  for (const row of rows) for (const k of row.keys()) if (!headers.includes(k)) headers.push(k);
  if (headers.length === 0) return ''; // nothing left to show: tabulate prints nothing
  const cells = rows.map((row) => headers.map((h) => (row.has(h) ? pyStr(row.get(h)) : '')));
  const widths = headers.map((h, i) => Math.max(stringWidth(h) + 2, ...cells.map((r) => stringWidth(r[i]))));
  const pad = (v: string, w: number) => v + ' '.repeat(Math.max(0, w - stringWidth(v)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => pad(v, widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function formatTable(
  result: unknown,
  transformer: TableTransformer | undefined,
  queryActive: boolean,
  search: (data: unknown, expr: string) => unknown,
): string {
  let data = result;
  if (transformer && !queryActive) data = typeof transformer === 'string' ? search(result, transformer) : transformer(result);
  const list = Array.isArray(data) ? data : [data];
  const sortKeys = !queryActive && !transformer;
  const rows = list.map((item) => autoTableItem(item, sortKeys));
  const text = rows.length > 0 ? tabulate(rows) : '';
  return `${text}\n`;
}

/** knack _TsvOutput: one line per item, tab-separated; a list cell is its length, an object cell is empty, None is "None". */
export function formatTsv(result: unknown): string {
  const list = Array.isArray(result) ? result : [result];
  const cell = (v: unknown) => (Array.isArray(v) ? String(v.length) : isRecord(v) ? '' : pyStr(v));
  return list
    .map((item) => {
      if (Array.isArray(item)) return item.map(cell).join('\t');
      if (isRecord(item)) return Object.values(item).map(cell).join('\t');
      if (typeof item === 'boolean') return item ? 'true' : 'false';
      return cell(item);
    })
    .map((l) => `${l}\n`)
    .join('');
}

export function formatResult(
  format: OutputFormat,
  result: unknown,
  transformer: TableTransformer | undefined,
  queryActive: boolean,
  search: (data: unknown, expr: string) => unknown,
): string {
  if (result === null || result === undefined) return '';
  switch (format) {
    case 'json':
    case 'jsonc': // colour only on a terminal (azure-cli _output.py get_formatter); exec's output is not one
      return formatJson(result);
    case 'yaml':
    case 'yamlc':
      return safeDump(result);
    case 'table':
      return formatTable(result, transformer, queryActive, search);
    case 'tsv':
      return formatTsv(result);
    case 'none':
      return '';
  }
}
