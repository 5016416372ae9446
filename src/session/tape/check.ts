// What --check finds beyond the grammar: an estate that is neither a preset nor
// a readable estate file, and the VHS features hyperpane accepts but skips (so
// a tape author knows before recording).
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { findTheme } from '../../config/themes.js';
import { PRESETS, presetNames } from '../../estate/presets/index.js';
import { loadEstate } from '../../estate/store.js';
import type { Problem, Tape } from './ast.js';
import { RECORDED_OUTPUT, tapeNotices, uniqueProblems, unknownThemeNotice } from './notices.js';
import { leadsOut, outsideRoot } from './output-path.js';

export function checkTape(tape: Tape, tapeDir: string, themeNames: readonly string[]): { errors: Problem[]; notices: Problem[] } {
  const errors: Problem[] = [...tape.errors];
  const notices: Problem[] = [...tape.notices];
  for (const c of tape.commands) {
    if (c.kind === 'set' && c.name === 'Estate' && !PRESETS[c.value]) {
      const path = isAbsolute(c.value) ? c.value : resolve(tapeDir, c.value);
      if (!existsSync(path))
        errors.push({
          pos: c.valuePos,
          message: `no preset or estate file named ${c.value} (presets: ${presetNames().join(', ')}; files are read relative to the tape)`,
        });
      else {
        const loaded = loadEstate(path);
        if (!loaded.ok) errors.push({ pos: c.valuePos, message: loaded.error.message });
      }
    }
    // What play writes (a .cast or .txt Output, a Screenshot) must stay in the tape's folder, links followed;
    // a VHS-only output (.gif, a frames folder) is skipped by play, so not judged here.
    if ((c.kind === 'output' && RECORDED_OUTPUT.test(c.path)) || c.kind === 'screenshot') {
      const bad = outsideRoot(c.path) ?? leadsOut(tapeDir, c.path.toLowerCase().endsWith('.png') ? `${c.path.slice(0, -4)}.txt` : c.path);
      if (bad) errors.push({ pos: c.pos, message: `${c.kind === 'output' ? 'Output' : 'Screenshot'} ${c.path}: ${bad}` });
    }
    if (c.kind === 'set' && c.name === 'Theme' && findTheme(themeNames, c.value) === undefined)
      notices.push({ pos: c.valuePos, message: unknownThemeNotice(c.value, themeNames) });
  }
  notices.push(...tapeNotices(tape));
  return { errors: uniqueProblems(errors), notices: uniqueProblems(notices) };
}
