import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKENS } from '../../src/config/theme-tokens.js';
import { builtInThemesDir, chooseTheme, loadThemes, MONOCHROME } from '../../src/config/themes.js';

describe('themes', () => {
  const builtIn = loadThemes([builtInThemesDir()]);

  it('ships a default dark, a light, a high-contrast and two popular palettes, all valid and complete', () => {
    expect(builtIn.warnings).toEqual([]);
    expect([...builtIn.themes.keys()]).toEqual(
      expect.arrayContaining(['default-dark', 'light', 'high-contrast', 'dracula', 'solarized-dark', 'solarized-light']),
    );
    for (const name of builtIn.themes.keys()) {
      const { theme } = chooseTheme(builtIn, name, false);
      for (const t of TOKENS) expect(theme.color[t], `${name} ${t}`).toMatch(/^(#[0-9a-fA-F]{3,6}|[a-zA-Z]+)$/);
    }
  });

  it('uses no colour at all under NO_COLOR', () => {
    expect(chooseTheme(builtIn, 'dracula', true).theme).toBe(MONOCHROME);
  });

  it('falls back to the default, with a warning, for an unknown name', () => {
    const r = chooseTheme(builtIn, 'neon', false);
    expect(r.theme.name).toBe('default-dark');
    expect(r.warning).toMatch(/^no theme named neon \(themes: /);
  });

  it('reports a bad theme file and keeps going; a user theme fills gaps from the default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-themes-'));
    writeFileSync(join(dir, 'broken.json'), '{ "name": "broken", ');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ name: 'bad', palette: { x: 'chartreuse-ish' }, tokens: { 'status.running': 'nope' } }));
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ name: 'mine', palette: { hot: '#ff0000' }, tokens: { 'status.failed': 'hot' } }));
    const set = loadThemes([builtInThemesDir(), dir]);
    expect(set.warnings.join('\n')).toMatch(/broken\.json: not valid JSON/);
    expect(set.warnings.join('\n')).toMatch(
      /bad\.json: palette\.x: expected a colour like #89b4fa or a name like cyan, got "chartreuse-ish"; tokens\.status\.running: "nope" is neither in the palette nor a colour; skipped/,
    );
    const mine = chooseTheme(set, 'mine', false).theme;
    expect(mine.color['status.failed']).toBe('#ff0000');
    expect(mine.color['status.running']).toBe('#a6e3a1');
  });
});
