// Before a tape's first action: its settings say which estate (a preset or a
// file, and the seed), how big the terminal is, which theme and how fast the
// clock runs. A VHS tape's Width and Height are pixels; big numbers are read as
// pixels and turned into columns and rows the way VHS's terminal would lay them.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Speed } from '../../config/settings.js';
import type { ResolvedTheme } from '../../config/theme-tokens.js';
import { findTheme } from '../../config/themes.js';
import type { Estate } from '../../estate/estate.js';
import { PRESETS, presetNames } from '../../estate/presets/index.js';
import { loadEstate } from '../../estate/store.js';
import { readManifest } from '../../files/read-manifest.js';
import type { Command, Problem } from '../tape/ast.js';
import { unknownThemeNotice } from '../tape/notices.js';

export interface ThemeLookup {
  names(): string[];
  resolve(name: string): { theme: ResolvedTheme; warning?: string };
  readonly monochrome: ResolvedTheme;
}

export interface Setup {
  readonly estate: Estate;
  readonly width: number;
  readonly height: number;
  readonly theme: ResolvedTheme;
  readonly speed: Speed;
  readonly idleTimeLimit: number;
}

export const DEFAULT_COLS = 120;
export const DEFAULT_ROWS = 36;
/** VHS's defaults, for reading pixel sizes. */
const VHS_FONT_SIZE = 22;
const VHS_PADDING = 60;
const CELL_WIDTH_EM = 0.6;
const CELL_HEIGHT_EM = 1.2;
/** The most columns or rows a tape's terminal may have (as Set Cols and Rows allow). */
const MAX_CELLS = 1000;
const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

export type SetupResult = { ok: true; value: Setup; notices: Problem[] } | { ok: false; error: Problem };

/** The settings before the first action, applied. */
export function setUp(top: readonly Command[], tapeDir: string, themes: ThemeLookup, noColor: boolean, defaultTheme = 'default-dark'): SetupResult {
  const notices: Problem[] = [];
  const set = new Map<string, Extract<Command, { kind: 'set' }>>();
  for (const c of top) if (c.kind === 'set') set.set(c.name, c);
  const num = (name: string) => (set.has(name) ? Number(set.get(name)!.value) : undefined);

  let width = num('Cols') ?? DEFAULT_COLS;
  let height = num('Rows') ?? DEFAULT_ROWS;
  const fontSize = num('FontSize') ?? VHS_FONT_SIZE;
  const padding = num('Padding') ?? VHS_PADDING;
  const lineHeight = num('LineHeight') ?? 1;
  const w = num('Width');
  const h = num('Height');
  if (w !== undefined && !set.has('Cols')) {
    width = w >= 400 ? clamp(Math.floor((w - 2 * padding) / (fontSize * CELL_WIDTH_EM)), 20, MAX_CELLS) : w;
    if (w >= 400)
      notices.push({
        pos: set.get('Width')!.pos,
        message: `Set Width ${w} reads as pixels, as in VHS: ${width} columns at FontSize ${fontSize} (Set Cols N gives columns directly)`,
      });
  }
  if (h !== undefined && !set.has('Rows')) {
    height = h >= 200 ? clamp(Math.floor((h - 2 * padding) / (fontSize * CELL_HEIGHT_EM * lineHeight)), 5, MAX_CELLS) : h;
    if (h >= 200)
      notices.push({
        pos: set.get('Height')!.pos,
        message: `Set Height ${h} reads as pixels, as in VHS: ${height} rows at FontSize ${fontSize} (Set Rows N gives rows directly)`,
      });
  }

  let theme = themes.resolve(defaultTheme).theme;
  const t = set.get('Theme');
  if (noColor) theme = themes.monochrome;
  else if (t) {
    const name = findTheme(themes.names(), t.value);
    if (name !== undefined) theme = themes.resolve(name).theme;
    else notices.push({ pos: t.valuePos, message: unknownThemeNotice(t.value, themes.names()) });
  }

  const seed = num('Seed') ?? 1;
  const e = set.get('Estate');
  let estate: Estate;
  if (!e || PRESETS[e.value]) {
    estate = PRESETS[e?.value ?? 'default'].build(seed);
  } else {
    const path = isAbsolute(e.value) ? e.value : resolve(tapeDir, e.value);
    if (!existsSync(path))
      return {
        ok: false,
        error: {
          pos: e.valuePos,
          message: `no preset or estate file named ${e.value} (presets: ${presetNames().join(', ')}; files are read relative to the tape)`,
        },
      };
    const loaded = loadEstate(path);
    if (!loaded.ok) return { ok: false, error: { pos: e.valuePos, message: loaded.error.message } };
    estate = loaded.value;
    if (set.has('Seed')) notices.push({ pos: set.get('Seed')!.pos, message: 'Set Seed applies to presets; an estate file carries its own seed' });
  }
  // A manifest a tape names (kubectl apply -f web-app.yaml) is read relative to the tape, as its estate file is.
  estate.providers.kubernetes.readFile = (file) => readManifest(isAbsolute(file) ? file : resolve(tapeDir, file));
  estate.providers.kvm.readFile = estate.providers.kubernetes.readFile;
  return {
    ok: true,
    value: { estate, width, height, theme, speed: (num('Speed') ?? 1) as Speed, idleTimeLimit: num('IdleTimeLimit') ?? 5 },
    notices,
  };
}
