// Playing tapes in tests: parsed from text, played on the virtual clock with the
// built-in themes and colours pinned, recorded to memory (no files).
import { fileURLToPath } from 'node:url';
import { builtInThemesDir, chooseTheme, loadThemes, MONOCHROME } from '../../src/config/themes.js';
import { pinChalkLevel } from '../../src/session/play/colours.js';
import { type PlayOptions, type PlayResult, playTape } from '../../src/session/play/player.js';
import type { ThemeLookup } from '../../src/session/play/setup.js';
import { formatProblem } from '../../src/session/tape/ast.js';
import { readSource } from '../../src/session/tape/load.js';
import { parseTape } from '../../src/session/tape/parser.js';

export const DEMO_DIR = fileURLToPath(new URL('../../demo', import.meta.url));

export function builtInThemes(): ThemeLookup {
  const set = loadThemes([builtInThemesDir()]);
  return { names: () => [...set.themes.keys()], resolve: (name) => chooseTheme(set, name, false), monochrome: MONOCHROME };
}

/** Plays a tape given as text; the recording is in `cast`. */
export async function play(text: string, options: Partial<PlayOptions> = {}, file = 'test.tape'): Promise<PlayResult & { cast: string }> {
  await pinChalkLevel();
  const tape = parseTape(text, file, { readSource });
  if (tape.errors.length > 0) throw new Error(tape.errors.map(formatProblem).join('\n'));
  const r = await playTape(tape, {
    tapeDir: DEMO_DIR,
    outputs: { root: process.cwd(), force: false },
    themes: builtInThemes(),
    writeFiles: false,
    record: 'test.cast',
    recordOnlyInMemory: true,
    ...options,
  });
  return { ...r, cast: r.casts.get(options.record ?? 'test.cast') ?? '' };
}
