// The tour as a person sees it, at the smallest terminal the console takes
// (80x24), at a common larger one (120x40) and at the tape's own size: every
// Expect holds; each pause names its chapter; a caption never covers a box's
// lines (it sits inside a detail view or dialog, or over plain rows); and a
// column a caption names (MEM%, MEM ALLOC, ...) is on the screen while it shows.
// The screencast tapes keep the same two rules at their own sizes.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pinChalkLevel } from '../../src/session/play/colours.js';
import { playTape } from '../../src/session/play/player.js';
import { stripAnsi } from '../../src/session/play/screen.js';
import type { PlaySession } from '../../src/session/play/session.js';
import { formatProblem } from '../../src/session/tape/ast.js';
import { loadTape } from '../../src/session/tape/load.js';
import { TOUR_TAPE } from '../../src/session/tour.js';
import { PANES } from '../../src/ui/panes/index.js';
import { builtInThemes, DEMO_DIR } from './helpers.js';

/** Column titles as the panes head them, capitals only (pane names like VMs are words, not columns). */
const COLUMNS = [...new Set(PANES.flatMap((p) => p.columns.map((c) => c.title)))].filter((t) => t === t.toUpperCase());
const BOX = /[\u2500-\u257f]/;

function named(caption: string): string[] {
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

describe('the tour, as a person sees it', () => {
  it.each([{ size: { width: 80, height: 24 } }, { size: { width: 120, height: 40 } }, { size: undefined }])(
    "at $size.width x $size.height (none: the tape's own)",
    async ({ size }) => {
      const loaded = loadTape(TOUR_TAPE);
      if ('error' in loaded) throw new Error(loaded.error);
      const chapters = loaded.tape.commands.flatMap((c) => (c.kind === 'marker' ? [c.text] : []));
      await pinChalkLevel();
      let session: PlaySession | undefined;
      const problems: string[] = [];
      const pauses: string[] = [];
      const checked = new Set<string>();
      const live = {
        write: () => {},
        pace: async () => {},
        marker: async (text: string) => {
          const screen = session!.text().join('\n');
          const i = chapters.indexOf(text) + 1;
          pauses.push(
            screen.includes(`Chapter ${i} of ${chapters.length}: ${text}`) && screen.includes('any key goes on') ? `${i} ${text}` : `${i} ${text}: not shown`,
          );
          return 'continue' as const;
        },
        interrupted: () => undefined,
      };
      const r = await playTape(loaded.tape, {
        tapeDir: DEMO_DIR,
        outputs: { root: DEMO_DIR, force: false },
        themes: builtInThemes(),
        writeFiles: false,
        live,
        ...(size ? { size } : {}),
        observe: (c, s) => {
          session = s;
          if (!s.caption) return;
          const where = `${c.pos.line}: ${s.caption}`;
          for (const box of coveredBoxes(s)) problems.push(`${where}: ${box}`);
          const under = s.beneath.map(stripAnsi).join('\n');
          for (const column of named(s.caption)) if (!under.includes(column)) problems.push(`${where}: ${column} is not on the screen`);
          checked.add(s.caption);
        },
      });
      expect(r.ok, r.failure && `${formatProblem(r.failure)}\n${r.failure.screen.join('\n')}`).toBe(true);
      expect(problems).toEqual([]);
      expect(pauses).toEqual(chapters.map((t, i) => `${i + 1} ${t}`));
      // Every caption of the tour was looked at, and some of them name columns.
      expect(checked.size).toBe(loaded.tape.commands.filter((c) => c.kind === 'caption' && c.text !== '').length);
      expect([...checked].flatMap(named)).toEqual(expect.arrayContaining(['CPU%', 'MEM%', 'MEM ALLOC']));
    },
  );
});

describe("the screencast tapes' captions", () => {
  const tapes = readdirSync(DEMO_DIR)
    .filter((f) => f.endsWith('.tape') && f !== 'tour.tape')
    .sort();
  it.each(tapes)('%s: no box covered, every column named on the screen', async (name) => {
    const loaded = loadTape(join(DEMO_DIR, name));
    if ('error' in loaded) throw new Error(loaded.error);
    await pinChalkLevel();
    const problems: string[] = [];
    const r = await playTape(loaded.tape, {
      tapeDir: DEMO_DIR,
      outputs: { root: DEMO_DIR, force: false },
      themes: builtInThemes(),
      writeFiles: false,
      observe: (c, s) => {
        if (!s.caption) return;
        for (const box of coveredBoxes(s)) problems.push(`${c.pos.line}: ${box}`);
        const under = s.beneath.map(stripAnsi).join('\n');
        for (const column of named(s.caption)) if (!under.includes(column)) problems.push(`${c.pos.line}: ${s.caption}: ${column} is not on the screen`);
      },
    });
    expect(r.ok, r.failure && formatProblem(r.failure)).toBe(true);
    expect([...new Set(problems)]).toEqual([]);
  });
});
