// The tour as a person sees it, at the smallest terminal the console takes
// (80x24) and at a common larger one (120x40): every Expect holds; each pause
// names its chapter; and no caption covers a box's lines or names a column that
// is not on the screen (captions.ts). At the tape's own size, and for the
// screencast tapes, demo-tapes.test.ts plays each once and checks the same.
import { describe, expect, it } from 'vitest';
import { pinChalkLevel } from '../../src/session/play/colours.js';
import { playTape } from '../../src/session/play/player.js';
import type { PlaySession } from '../../src/session/play/session.js';
import { formatProblem } from '../../src/session/tape/ast.js';
import { loadTape } from '../../src/session/tape/load.js';
import { TOUR_TAPE } from '../../src/session/tour.js';
import { captionProblems, named } from './captions.js';
import { builtInThemes, DEMO_DIR } from './helpers.js';

describe('the tour, as a person sees it', () => {
  it.each([{ size: { width: 80, height: 24 } }, { size: { width: 120, height: 40 } }])('at $size.width x $size.height', async ({ size }) => {
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
      size,
      observe: (c, s) => {
        session = s;
        if (!s.caption) return;
        problems.push(...captionProblems(s, String(c.pos.line)));
        checked.add(s.caption);
      },
    });
    expect(r.ok, r.failure && `${formatProblem(r.failure)}\n${r.failure.screen.join('\n')}`).toBe(true);
    expect(problems).toEqual([]);
    expect(pauses).toEqual(chapters.map((t, i) => `${i + 1} ${t}`));
    // Every caption of the tour was looked at, and some of them name columns.
    expect(checked.size).toBe(loaded.tape.commands.filter((c) => c.kind === 'caption' && c.text !== '').length);
    expect([...checked].flatMap(named)).toEqual(expect.arrayContaining(['CPU%', 'MEM%', 'MEM ALLOC']));
  });
});
