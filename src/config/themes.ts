// Loading themes: the built-in ones in the package's themes/ folder, then the
// user's own in the config directory (which may replace a built-in by name). A
// file that does not check out becomes a warning, never a crash. Theme files name
// themes in lowercase (theme-schema.ts); a name asked for (--theme, the settings,
// :theme, a tape's Set Theme) matches whatever its case: VHS's users write
// "Dracula", as VHS's theme list spells it, for the theme named dracula here.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readTextFile } from '../files/read.js';
import { packagePath } from './package-root.js';
import { type ThemeFile, themeFile } from './theme-schema.js';
import { type ResolvedTheme, TOKENS, type Token } from './theme-tokens.js';
import { formatIssues } from './zod-issues.js';

export const DEFAULT_THEME = 'default-dark';
const MAX_THEME_BYTES = 256 * 1024;

/** The package's own themes/ folder. */
export function builtInThemesDir(): string {
  return packagePath('themes');
}

export interface ThemeSet {
  readonly themes: ReadonlyMap<string, ThemeFile>;
  readonly warnings: readonly string[];
}

export function loadThemes(dirs: readonly string[]): ThemeSet {
  const themes = new Map<string, ThemeFile>();
  const warnings: string[] = [];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort();
    } catch {
      continue; // no such folder: nothing to load from it
    }
    for (const f of files) {
      const path = join(dir, f);
      const loaded = loadThemeFile(path);
      if (!loaded.ok) warnings.push(loaded.error);
      else themes.set(loaded.theme.name, loaded.theme);
    }
  }
  return { themes, warnings };
}

export function loadThemeFile(path: string): { ok: true; theme: ThemeFile } | { ok: false; error: string } {
  const read = readTextFile(path, MAX_THEME_BYTES);
  if (!read.ok) return { ok: false, error: `theme ${path}: ${read.message}; skipped` };
  try {
    const data: unknown = JSON.parse(read.text);
    const parsed = themeFile.safeParse(data);
    if (!parsed.success) return { ok: false, error: `theme ${path}: ${formatIssues(parsed.error.issues).join('; ')}; skipped` };
    return { ok: true, theme: parsed.data };
  } catch (e) {
    return { ok: false, error: `theme ${path}: ${e instanceof SyntaxError ? `not valid JSON (${e.message})` : (e as Error).message}; skipped` };
  }
}

/** A theme's tokens resolved through its palette, over the base theme's for any it leaves out. */
export function resolveTheme(theme: ThemeFile, base?: ThemeFile): ResolvedTheme {
  const color = {} as Record<Token, string | undefined>;
  for (const token of TOKENS) {
    const own = theme.tokens[token];
    const baseToken = base?.tokens[token];
    const value =
      own !== undefined ? (ownEntry(theme.palette, own) ?? own) : baseToken !== undefined ? (ownEntry(base!.palette, baseToken) ?? baseToken) : undefined;
    color[token] = value;
  }
  return { name: theme.name, color, monochrome: false };
}

/** A palette entry by name, only if the palette has it itself ("toString" is a name, not Object's method). */
function ownEntry(palette: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.hasOwn(palette, name) ? palette[name] : undefined;
}

/** NO_COLOR: nothing coloured; emphasis by bold and inverse alone. */
export const MONOCHROME: ResolvedTheme = {
  name: 'monochrome',
  color: Object.fromEntries(TOKENS.map((t) => [t, undefined])) as Record<Token, undefined>,
  monochrome: true,
};

/**
 * The name of the theme `wanted` asks for: the one spelled exactly so, else the one
 * that differs only in case, or in spaces for dashes ("Solarized Dark", as VHS's
 * theme list writes it, is solarized-dark).
 */
export function findTheme(names: Iterable<string>, wanted: string): string | undefined {
  const loose = (name: string) => name.toLowerCase().replace(/ +/g, '-');
  const want = loose(wanted);
  let found: string | undefined;
  for (const name of names) {
    if (name === wanted) return name;
    if (found === undefined && loose(name) === want) found = name;
  }
  return found;
}

/** What is said when no theme has the name asked for: the names there are. */
export function noSuchTheme(wanted: string, names: Iterable<string>): string {
  return `no theme named ${wanted} (themes: ${[...names].join(', ') || 'none'})`;
}

/** Picks the theme to use, with a warning when the one asked for is not there. */
export function chooseTheme(set: ThemeSet, name: string | undefined, noColor: boolean): { theme: ResolvedTheme; warning?: string } {
  if (noColor) return { theme: MONOCHROME };
  const base = set.themes.get(DEFAULT_THEME);
  const wanted = name ?? DEFAULT_THEME;
  const found = findTheme(set.themes.keys(), wanted);
  if (found !== undefined) return { theme: resolveTheme(set.themes.get(found)!, base) };
  const fallback = base ? resolveTheme(base) : MONOCHROME;
  return { theme: fallback, warning: `${noSuchTheme(wanted, set.themes.keys())}; using ${fallback.name}` };
}
