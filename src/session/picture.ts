// The README's picture of the console (docs/console.svg): the guided tour
// (demo/tour.tape) played on the virtual clock, at its own size (120x36) and
// with the built-in themes only, its Overcommit chapter drawn as an animated SVG
// (as Output FILE.svg draws a tape) up to the moment it checks that esx-01
// reclaims memory (the Hosts pane over esx-01's detail view: live charts, memory
// state, the tour's caption), which stays.
// The tour is a test too, so the picture shows what the console really draws;
// `npm run picture` writes it and test/session/picture.test.ts fails when it is stale.

import { dirname } from 'node:path';
import { builtInThemesDir, chooseTheme, loadThemes, MONOCHROME } from '../config/themes.js';
import { pinChalkLevel } from './play/colours.js';
import type { PlayOptions } from './play/player.js';
import { svgLook } from './play/screenshot.js';
import type { ThemeLookup } from './play/setup.js';
import { animatedSvg } from './svg.js';
import { type Command, formatProblem } from './tape/ast.js';
import { loadTape } from './tape/load.js';
import { uniqueProblems } from './tape/notices.js';
import { TOUR_TAPE } from './tour.js';

/** Where the picture is kept, from the package's root. */
export const PICTURE_PATH = 'docs/console.svg';

/** The chapter the picture plays, from its start to the moment pictured, which stays. */
const PICTURED_CHAPTER = 'Overcommit';

/** The moment pictured: the tour's first Expect of esx-01's memory state (`Expect+Screen /Memory state +(soft|hard|low)/`). */
export function isPictured(c: Command): boolean {
  return c.kind === 'expect' && c.pattern.startsWith('Memory state');
}

/** The picture, as the bytes of an SVG file. */
export async function consolePicture(at: (c: Command) => boolean = isPictured): Promise<string> {
  const loaded = loadTape(TOUR_TAPE);
  if ('error' in loaded) throw new Error(`the tour cannot be read: ${loaded.error}`);
  if (loaded.tape.errors.length > 0) throw new Error(`the tour cannot be read:\n${uniqueProblems(loaded.tape.errors).map(formatProblem).join('\n')}`);
  // Recordings' colour level (truecolor), whatever terminal this runs in.
  await pinChalkLevel();
  const { playTape } = await import('./play/player.js');
  const set = loadThemes([builtInThemesDir()]);
  const themes: ThemeLookup = { names: () => [...set.themes.keys()], resolve: (name) => chooseTheme(set, name, false), monochrome: MONOCHROME };
  let frames: readonly { ms: number; lines: readonly string[] }[] | undefined;
  const options: PlayOptions = {
    tapeDir: dirname(TOUR_TAPE),
    outputs: { root: dirname(TOUR_TAPE), force: false },
    themes,
    writeFiles: false,
    observe: (c, session) => {
      // The chapter's start: from here every frame a viewer sees is kept, as Output FILE.svg keeps them.
      if (c.kind === 'marker' && c.text === PICTURED_CHAPTER) session.addAnimation('picture');
      if (!at(c)) return false;
      session.coloured();
      session.emit();
      frames = session.animations.at(-1)?.frames;
      return true;
    },
  };
  const r = await playTape(loaded.tape, options);
  if (!r.ok) throw new Error(`the tour failed before its picture: ${formatProblem(r.failure!)}`);
  if (!frames || frames.length === 0 || !r.session)
    throw new Error(`the tour never reached its pictured moment (its first Expect+Screen /Memory state/) after its ${PICTURED_CHAPTER} chapter began`);
  const start = frames[0].ms;
  return animatedSvg(
    frames.map((f) => ({ ms: f.ms - start, lines: f.lines })),
    svgLook(r.session, 'hyperpane --demo'),
  );
}
