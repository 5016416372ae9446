// One table, four ways to print it, for the planning commands and
// `hyperpane report`: aligned text for a terminal, a Markdown table for a
// document, CSV (RFC 4180 quoting) for a spreadsheet, JSON for a script.
export const FORMATS = ['text', 'md', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** Lines under the table in text and Markdown (totals, what the figures assume). */
  readonly notes?: readonly string[];
  /** What JSON gives instead of the rows: the report's own records, numbers unrounded. */
  readonly json: unknown;
}

export function formatTable(t: Table, format: Format): string {
  if (format === 'json') return `${JSON.stringify(t.json, null, 2)}\n`;
  if (format === 'csv') return `${[t.columns, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
  const notes = t.notes?.length ? `\n${t.notes.join('\n')}\n` : '';
  if (format === 'md') {
    const line = (r: readonly (string | number)[]) => `| ${r.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`;
    return `${[line(t.columns), `|${t.columns.map(() => ' --- ').join('|')}|`, ...t.rows.map(line)].join('\n')}\n${notes}`;
  }
  const widths = t.columns.map((c, i) => Math.max(c.length, ...t.rows.map((r) => String(r[i]).length)));
  const line = (r: readonly (string | number)[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? String(c) : String(c).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return `${[line(t.columns), ...t.rows.map(line)].join('\n')}\n${notes}`;
}

function csvCell(c: string | number): string {
  const s = String(c);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** --format F (or --format=F) among a command's words: the format, the words without it, or a problem. */
export function takeFormat(words: readonly string[]): { format: Format; rest: string[] } | string {
  const rest: string[] = [];
  let format: Format = 'text';
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--format' || w === '-o' || w.startsWith('--format=')) {
      const v = w.startsWith('--format=') ? w.slice(9) : words[++i];
      if (v === undefined || !(FORMATS as readonly string[]).includes(v))
        return `--format is one of ${FORMATS.join(', ')}${v === undefined ? '' : `, not "${v}"`}`;
      format = v as Format;
    } else rest.push(w);
  }
  return { format, rest };
}
