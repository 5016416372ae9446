// What the scrolling panels (help, a command's output) hold, wrapped to their
// width: one list of rows that the views draw and the keys scroll through, so
// j/k and G stop at the last row the view shows. Help keeps each key in its own
// column, per section as wide as its longest key, and wraps descriptions under
// their column; output wraps at word boundaries.

import type { Controller } from './controller.js';
import { cells, clean, wrapText } from './format.js';
import { KEY_COMMANDS } from './input/commands.js';
import { APP_COMMANDS } from './input/prompt-commands.js';
import { CATEGORIES, isColumnSort, type Keymap } from './keymap.js';
import { keyLabel } from './keys.js';
import { paneDef } from './panes/index.js';
import type { PaneDef } from './panes/types.js';

import { PANEL_CHROME } from './scroll.js';

export { clampScroll, PANEL_CHROME } from './scroll.js';
/** The text inside a panel: its width less the border and one space of padding each side. */
export const panelInner = (width: number) => Math.max(10, width - 4);

export interface HelpEntry {
  readonly key?: string;
  readonly text: string;
  readonly heading?: boolean;
}

export function helpEntries(keymap: Keymap, pane: PaneDef, readonly: boolean): HelpEntry[] {
  const lines: HelpEntry[] = [];
  for (const category of CATEGORIES) {
    const commands = keymap.commands.filter((c) => c.category === category && !(readonly && KEY_COMMANDS[c.id].changes));
    if (commands.length === 0) continue;
    lines.push({ text: category, heading: true });
    for (const c of commands) {
      // A column sort key says which column of this pane answers it.
      const columnSort = isColumnSort(c.id);
      const column = columnSort ? pane.columns.find((col) => col.sort === c.id) : undefined;
      const note = columnSort ? (column ? ` (here: ${column.title})` : ` (not in ${pane.title})`) : '';
      lines.push({ key: c.keys.map(keyLabel).join(' '), text: `${c.description}${note}${c.dangerous ? '  [asks first]' : ''}` });
    }
  }
  lines.push({ text: `Filter fields in ${pane.title}`, heading: true });
  lines.push({ text: `${Object.keys(pane.fields).join(', ')}   e.g. state:running  !host:esx-01  /web-0[12]/` });
  lines.push({ text: 'Prompt commands (:)', heading: true });
  for (const c of APP_COMMANDS.filter((c) => !(readonly && c.changes))) lines.push({ key: `:${c.name}${c.args ? ` ${c.args}` : ''}`, text: c.description });
  lines.push({ key: ':virsh …', text: 'and every native command: virsh, virt-install, docker, az, govc, Get-VM, Start-VM, Checkpoint-VM …' });
  if (readonly) lines.push({ text: 'Read-only: what changes the estate is hidden and refused; native commands that only look run.', heading: true });
  return lines;
}

export interface PanelRow {
  /** The key column, padded to its width ('' where it is not used). */
  readonly key: string;
  readonly text: string;
  readonly heading?: boolean;
}

/** Help as rows of `width` cells (the panel's inside): keys in a column, descriptions wrapped beside it. */
export function helpRows(entries: readonly HelpEntry[], width: number): PanelRow[] {
  const rows: PanelRow[] = [];
  // A key longer than this goes on a row of its own, its description under it.
  const widest = Math.floor(width * 0.4);
  for (let i = 0; i < entries.length; ) {
    const e = entries[i++];
    if (e.heading) {
      for (const t of wrapText(clean(e.text), width)) rows.push({ key: '', text: t, heading: true });
      continue;
    }
    // The section runs to the next heading; its key column fits its longest key that fits the cap.
    let end = i - 1;
    while (end < entries.length && !entries[end].heading) end++;
    const section = entries.slice(i - 1, end);
    const keyed = section.map((x) => cells(clean(x.key ?? ''))).filter((n) => n > 0 && n <= widest);
    const column = keyed.length > 0 ? Math.max(...keyed) + 2 : 0;
    for (const x of section) {
      const key = clean(x.key ?? '');
      const text = clean(x.text);
      if (!key) {
        for (const t of wrapText(text, width)) rows.push({ key: '', text: t });
        continue;
      }
      if (cells(key) > widest) {
        rows.push({ key, text: '' });
        for (const t of wrapText(text, width - column)) rows.push({ key: ' '.repeat(column), text: t });
        continue;
      }
      wrapText(text, width - column).forEach((t, n) => {
        rows.push({ key: n === 0 ? key + ' '.repeat(column - cells(key)) : ' '.repeat(column), text: t });
      });
    }
    i = end;
  }
  return rows;
}

/** The help panel's rows for the pane in view, at the terminal's width. */
export function helpPanel(ctl: Controller): PanelRow[] {
  return helpRows(helpEntries(ctl.keymap, paneDef(ctl.state.pane), ctl.readonly), panelInner(ctl.width));
}

const wrapped = new WeakMap<readonly string[], { width: number; rows: string[] }>();

/** A command's output as rows of `width` cells, wrapped at word boundaries (once per output and width: keys and frames both ask). */
export function outputRows(lines: readonly string[], width: number): string[] {
  const hit = wrapped.get(lines);
  if (hit?.width === width) return hit.rows;
  const rows = lines.flatMap((l) => wrapText(clean(l), width));
  wrapped.set(lines, { width, rows });
  return rows;
}

/** Rows a panel of `rows` content rows takes in a body of `bodyRows`: its content and chrome, no more. */
export function panelHeight(rows: number, bodyRows: number): number {
  return Math.max(Math.min(bodyRows, PANEL_CHROME + 1), Math.min(bodyRows, rows + PANEL_CHROME));
}
