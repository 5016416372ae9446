// The README's picture of the console (docs/console.svg): the guided tour
// (demo/tour.tape) played on the virtual clock, at its own size (120x36) and
// with the built-in themes only, up to the moment its Overcommit chapter checks
// that esx-01 reclaims memory (the Hosts pane over esx-01's detail view: live
// charts, memory state, the tour's caption), and that screen drawn as an SVG.
// The tour is a test too, so the picture shows what the console really draws;
// `npm run picture` writes it and test/session/picture.test.ts fails when it is stale.

import { dirname } from 'node:path';
import { builtInThemesDir, chooseTheme, loadThemes, MONOCHROME } from '../config/themes.js';
import { pinChalkLevel } from './play/colours.js';
import type { PlayOptions } from './play/player.js';
import type { ThemeLookup } from './play/setup.js';
import { colourHex, screenSvg } from './svg.js';
import { type Command, formatProblem } from './tape/ast.js';
import { loadTape } from './tape/load.js';
import { uniqueProblems } from './tape/notices.js';
import { TOUR_TAPE } from './tour.js';

/** Where the picture is kept, from the package's root. */
export const PICTURE_PATH = 'docs/console.svg';

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
  let screen: readonly string[] | undefined;
  const options: PlayOptions = {
    tapeDir: dirname(TOUR_TAPE),
    outputs: { root: dirname(TOUR_TAPE), force: false },
    themes,
    writeFiles: false,
    observe: (c, session) => {
      if (!at(c)) return false;
      screen = session.coloured();
      return true;
    },
  };
  const r = await playTape(loaded.tape, options);
  if (!r.ok) throw new Error(`the tour failed before its picture: ${formatProblem(r.failure!)}`);
  if (!screen || !r.session) throw new Error('the tour never reached its pictured moment (its first Expect+Screen /Memory state/)');
  const { controller } = r.session;
  const theme = controller.theme;
  return screenSvg(screen, {
    // The terminal's own colours: the theme's text and the background it is made for (text.inverse is drawn on text's colour).
    foreground: colourHex(theme.color['text.primary'] ?? '#cdd6f4'),
    background: colourHex(theme.color['text.inverse'] ?? '#1e1e2e'),
    title: 'hyperpane --demo',
    width: controller.width,
    height: controller.height,
  });
}
