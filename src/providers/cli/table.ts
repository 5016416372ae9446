// Tables in the shapes the real tools print them.

function widths(headers: readonly string[], rows: readonly (readonly string[])[]): number[] {
  return headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));

/** docker ps: columns three spaces apart, no rule. */
export function spacedTable(headers: readonly string[], rows: readonly (readonly string[])[], gap = 3): string {
  const w = widths(headers, rows);
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, w[i] + gap))).join('').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/**
 * virsh's tables (libvirt tools/vsh-table.c vshTablePrint): each cell after a
 * space, padded to its column's width plus 2 but the last, which is not padded
 * even when empty; under the header a rule of each column's width plus 3.
 */
export function virshTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const w = widths(headers, rows);
  const line = (cells: readonly string[]) => cells.map((c, i) => ` ${i === cells.length - 1 ? c : pad(c, w[i] + 2)}`).join('');
  const ruleLength = w.reduce((a, b) => a + b + 3, 0);
  return [line(headers), '-'.repeat(ruleLength), ...rows.map(line)].join('\n');
}

/** az -o table: a rule of dashes under each header, as wide as its column. */
export function ruledTable(headers: readonly string[], rows: readonly (readonly string[])[], gap = 2): string {
  const w = widths(headers, rows);
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, w[i] + gap))).join('').trimEnd();
  const rule = headers.map((_, i) => '-'.repeat(w[i]));
  return [line(headers), line(rule), ...rows.map(line)].join('\n');
}

/** PowerShell's Format-Table: a rule as long as each header, numbers aligned right. */
export function powershellTable(headers: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly boolean[] = []): string {
  const w = widths(headers, rows);
  const cell = (c: string, i: number) => (rightAligned[i] ? ' '.repeat(Math.max(0, w[i] - c.length)) + c : pad(c, w[i]));
  const line = (cells: readonly string[]) => cells.map(cell).join(' ').trimEnd();
  const rule = headers.map((h, i) => cell('-'.repeat(h.length), i));
  return ['', line(headers), rule.join(' ').trimEnd(), ...rows.map(line), ''].join('\n');
}
