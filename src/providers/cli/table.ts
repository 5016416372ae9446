// Tables in the shapes the real tools print them, each measuring a cell's width
// as its tool does (a wide character such as 東 takes two columns in each).
import stringWidth from 'string-width';

/** Each column's width: its widest cell, the header's included, measured by `width`. */
function widths(headers: readonly string[], rows: readonly (readonly string[])[], width: (s: string) => number): number[] {
  return headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
}

/**
 * virsh's tables (libvirt tools/vsh-table.c vshTablePrint): each cell after a
 * space, padded to its column's width plus 2 but the last, which is not padded
 * even when empty; under the header a rule of each column's width plus 3. A
 * cell's width is the sum of wcwidth() over its characters (vshTableSafeEncode),
 * which string-width follows: two for East Asian wide, none for combining marks
 * and zero-width spaces (libvirt tests/vshtabletest.c testUnicode and friends).
 */
export function virshTable(headers: readonly string[], rows: readonly (readonly string[])[], quiet = false): string {
  // Under --quiet the header is neither printed nor measured (vshTableGetColumnsWidths skips it when !header).
  const w = quiet ? headers.map((_, i) => Math.max(0, ...rows.map((r) => stringWidth(r[i] ?? '')))) : widths(headers, rows, stringWidth);
  const line = (cells: readonly string[]) => cells.map((c, i) => ` ${c}${i === cells.length - 1 ? '' : ' '.repeat(w[i] - stringWidth(c) + 2)}`).join('');
  const ruleLength = w.reduce((a, b) => a + b + 3, 0);
  return (quiet ? rows.map(line) : [line(headers), '-'.repeat(ruleLength), ...rows.map(line)]).join('\n');
}

/**
 * The cells a string takes as PowerShell's formatter counts them (PowerShell
 * src/System.Management.Automation/FormatAndOutput/common/ILineOutput.cs,
 * DisplayCells.CharLengthInBufferCells; the console host's
 * ConsoleControl.LengthInBufferCells is the same table): each UTF-16 unit one
 * cell, two in the East Asian wide ranges below (Markus Kuhn's wcwidth.c); no
 * zero widths, and a character outside the BMP is two units of one cell each.
 */
function powershellCells(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const wide =
      c >= 0x1100 &&
      (c <= 0x115f || // Hangul Jamo initial consonants
        c === 0x2329 ||
        c === 0x232a ||
        (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) || // CJK ... Yi
        (c >= 0xac00 && c <= 0xd7a3) || // Hangul syllables
        (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
        (c >= 0xfe10 && c <= 0xfe19) || // vertical forms
        (c >= 0xfe30 && c <= 0xfe6f) || // CJK compatibility forms
        (c >= 0xff00 && c <= 0xff60) || // fullwidth forms
        (c >= 0xffe0 && c <= 0xffe6));
    n += wide ? 2 : 1;
  }
  return n;
}

/** `s` padded with spaces to `cells` as PowerShell counts them. */
function powershellPad(s: string, cells: number): string {
  return s + ' '.repeat(Math.max(0, cells - powershellCells(s)));
}

/** PowerShell's list view (Format-List): each property padded to the longest name, " : ", its value; an empty one ends at the colon. */
export function powershellList(rows: readonly (readonly [string, string])[]): string {
  const w = Math.max(...rows.map(([k]) => powershellCells(k)));
  return rows.map(([k, v]) => `${powershellPad(k, w)} :${v === '' ? '' : ` ${v}`}`).join('\n');
}

/** PowerShell's Format-Table: a rule as long as each header, numbers aligned right, widths in PowerShell's cells. */
export function powershellTable(headers: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly boolean[] = []): string {
  const w = widths(headers, rows, powershellCells);
  const cell = (c: string, i: number) => (rightAligned[i] ? ' '.repeat(Math.max(0, w[i] - powershellCells(c))) + c : powershellPad(c, w[i]));
  const line = (cells: readonly string[]) => cells.map(cell).join(' ').trimEnd();
  // The rule under each header is as many dashes as the header takes cells (TableWriter.GenerateHeader).
  const rule = headers.map((h, i) => cell('-'.repeat(powershellCells(h)), i));
  return ['', line(headers), rule.join(' ').trimEnd(), ...rows.map(line), ''].join('\n');
}

/**
 * Go's text/tabwriter (its format(): a column is aligned over each block of
 * consecutive lines that have a cell in it, a line without one ending the
 * block), as the Go CLIs configure it: a cell is padded to its block's widest
 * plus `padding`, at least `minWidth`; a line's last cell (after its last tab)
 * is never padded. docker/cli measures cells with go-runewidth (its fork of
 * tabwriter), kubectl with Go's own, which counts runes (k8s.io/cli-runtime
 * printers/tabwriter.go: minwidth 6, padding 3; describe: minwidth 0, padding 2).
 */
export function goTabwriter(
  lines: readonly (readonly string[])[],
  options: { readonly minWidth: number; readonly padding: number; readonly width: (s: string) => number },
): string {
  const out: string[] = lines.map(() => '');
  const widths: number[] = [];
  const emit = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let text = '';
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        text += j < cells.length - 1 && j < widths.length ? c + ' '.repeat(Math.max(0, widths[j] - options.width(c))) : c;
      }
      out[i] = text;
    }
  };
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      emit(start, i);
      const blockStart = i;
      let width = options.minWidth;
      for (; i < line1 && column < lines[i].length - 1; i++) width = Math.max(width, options.width(lines[i][column]) + options.padding);
      widths.push(width);
      format(blockStart, i);
      widths.pop();
      start = i;
      i--;
    }
    emit(start, line1);
  };
  format(0, lines.length);
  return out.map((l) => `${l}\n`).join('');
}

/** Runes, as Go's utf8.RuneCountInString counts them. */
export function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
