// `Screenshot FILE`: the screen now, as text (.txt) or with its colours (.ansi).
// VHS draws PNGs; drawing text into pixels needs a font renderer hyperpane does
// not carry, so a .png request writes the text screen beside it and says so.
import { resolve } from 'node:path';
import { writeWhole } from './outputs.js';
import type { PlaySession } from './session.js';

export function screenshot(cwd: string, path: string, s: PlaySession): { notice?: string } | { error: string } {
  const lower = path.toLowerCase();
  try {
    if (lower.endsWith('.ansi')) {
      writeWhole(resolve(cwd, path), s.coloured().join('\r\n') + '\u001b[0m\r\n');
      return {};
    }
    const target = lower.endsWith('.png') ? path.slice(0, -4) + '.txt' : path;
    writeWhole(resolve(cwd, target), s.text().join('\n') + '\n');
    return lower.endsWith('.png') ? { notice: `Screenshot ${path}: PNGs are VHS's to draw; wrote the screen as text to ${target}` } : {};
  } catch (e) {
    return { error: `Screenshot ${path}: ${(e as Error).message}` };
  }
}
