// What a tape is told, it is told once, and theme names match whatever their
// case: VHS documents its themes as "Dracula", "Solarized Dark" and so on, and
// its users type them so.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInThemesDir, chooseTheme, loadThemes } from '../../src/config/themes.js';
import { formatProblem } from '../../src/session/tape/ast.js';
import { checkTape } from '../../src/session/tape/check.js';
import { loadTape } from '../../src/session/tape/load.js';
import { runPromptLine } from '../../src/ui/input/prompt-commands.js';
import { builtInThemes, play } from './helpers.js';

const THEMES = 'default-dark, dracula, high-contrast, light, solarized-dark, solarized-light';

function tapes(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hyperpane-notices-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('notices', () => {
  it('a tape sourced twice: each of its notices once, in --check and in play', async () => {
    const dir = tapes({
      'inner.tape': 'Set FontFamily "Fira Code"\nScrollUp\nSleep 100ms\n',
      'outer.tape': 'Set Shell zsh\nType "2"\nSource inner.tape\nSource inner.tape\nSleep 1s\n',
    });
    const loaded = loadTape(join(dir, 'outer.tape'));
    if ('error' in loaded) throw new Error(loaded.error);
    const expected = [
      `${join(dir, 'outer.tape')}:1:1: Set Shell: there is no shell: the tape drives hyperpane directly (ignored)`,
      `${join(dir, 'inner.tape')}:1:1: Set FontFamily: the look of a video VHS renders; hyperpane draws the terminal itself (ignored)`,
      `${join(dir, 'inner.tape')}:2:1: ScrollUp scrolls a terminal's scrollback; the console has none (ignored)`,
    ].map((l) => l.replace(`${process.cwd()}/`, ''));
    expect(checkTape(loaded.tape, dir, builtInThemes().names()).notices.map(formatProblem)).toEqual(expected);
    const { playTape } = await import('../../src/session/play/player.js');
    const played = await playTape(loaded.tape, { tapeDir: dir, outputs: { root: dir, force: false }, themes: builtInThemes(), writeFiles: false });
    expect(played.ok).toBe(true);
    expect(played.notices.map(formatProblem)).toEqual(expected);
  });

  it('a theme no name matches: one notice listing the themes there are, in --check and in play alike', async () => {
    const r = await play('Set Theme "Neon"\nSleep 1\nSet Theme "Neon"\nSleep 1');
    expect(r.notices.map((n) => `${n.pos.line}:${n.pos.col}: ${n.message}`)).toEqual([
      `1:11: no theme named Neon (themes: ${THEMES}): ignored`,
      `3:11: no theme named Neon (themes: ${THEMES}): ignored`,
    ]);
    const dir = tapes({ 't.tape': 'Set Theme "Neon"\nSleep 1\n' });
    const loaded = loadTape(join(dir, 't.tape'));
    if ('error' in loaded) throw new Error(loaded.error);
    expect(checkTape(loaded.tape, dir, builtInThemes().names()).notices.map((n) => n.message)).toEqual([`no theme named Neon (themes: ${THEMES}): ignored`]);
  });
});

describe('theme names match whatever their case', () => {
  it('Set Theme "Dracula" (as VHS spells it) picks dracula, at the top and later, with no notice', async () => {
    const top = await play('Set Theme "Dracula"\nSleep 1');
    expect([top.session!.controller.theme.name, top.notices]).toEqual(['dracula', []]);
    const later = await play('Sleep 1\nSet Theme "Solarized Light"\nSleep 1');
    expect([later.session!.controller.theme.name, later.notices]).toEqual(['solarized-light', []]);
    const dir = tapes({ 't.tape': 'Set Theme "Dracula"\nSleep 1\n' });
    const loaded = loadTape(join(dir, 't.tape'));
    if ('error' in loaded) throw new Error(loaded.error);
    expect(checkTape(loaded.tape, dir, builtInThemes().names()).notices).toEqual([]);
  });

  it(':theme in the console, --theme and the settings file', async () => {
    const r = await play('Sleep 1');
    const ctl = r.session!.controller;
    runPromptLine(ctl, 'theme Light');
    expect([ctl.theme.name, ctl.state.message?.text]).toEqual(['light', 'theme light']);
    runPromptLine(ctl, 'theme neon');
    expect([ctl.theme.name, ctl.state.message]).toEqual(['light', { text: `no theme named neon (themes: ${THEMES})`, tone: 'error' }]);
    const set = loadThemes([builtInThemesDir()]);
    expect(chooseTheme(set, 'High-Contrast', false)).toEqual({ theme: expect.objectContaining({ name: 'high-contrast' }) });
    expect(chooseTheme(set, 'neon', false).warning).toBe(`no theme named neon (themes: ${THEMES}); using default-dark`);
  });
});
