// What a caption may not do, checked after every command of a played tape: cover
// a box's lines (it sits inside a detail view or dialog, or over plain rows), or
// name a column (MEM%, MEM ALLOC, ...) that is not on the screen while it shows.
import { stripAnsi } from '../../src/session/play/screen.js';
import type { PlaySession } from '../../src/session/play/session.js';
import { PANES } from '../../src/ui/panes/index.js';

/** Column titles as the panes head them, capitals only (pane names like VMs are words, not columns). */
const COLUMNS = [...new Set(PANES.flatMap((p) => p.columns.map((c) => c.title)))].filter((t) => t === t.toUpperCase());
const BOX = /[\u2500-\u257f]/;

/** The column titles a caption names. */
export function named(caption: string): string[] {
  return COLUMNS.filter((t) => new RegExp(`(^|[^A-Za-z0-9%/:])${t.replace(/[%/:]/g, '\\$&')}($|[^A-Za-z0-9%/:])`).test(caption));
}

/** Box characters of the frame under the caption that the screen does not show where they were. */
function coveredBoxes(s: PlaySession): string[] {
  const screen = s.coloured().map(stripAnsi);
  const beneath = s.beneath.map(stripAnsi);
  const out: string[] = [];
  beneath.forEach((row, r) => {
    const seen = [...(screen[r] ?? '')];
    [...row].forEach((ch, x) => {
      if (BOX.test(ch) && seen[x] !== ch) out.push(`row ${r} col ${x}: ${ch} covered by ${seen[x] ?? 'nothing'}`);
    });
  });
  return out;
}

/** What is wrong with the caption on the screen now (none when no caption shows), each prefixed by `where`. */
export function captionProblems(s: PlaySession, where: string): string[] {
  if (!s.caption) return [];
  const problems = coveredBoxes(s).map((box) => `${where}: ${box}`);
  const under = s.beneath.map(stripAnsi).join('\n');
  for (const column of named(s.caption)) if (!under.includes(column)) problems.push(`${where}: ${s.caption}: ${column} is not on the screen`);
  return problems;
}
