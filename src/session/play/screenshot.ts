// `Screenshot FILE`: the screen now, as text (.txt) or with its colours (.ansi).
// VHS draws PNGs; drawing text into pixels needs a font renderer hyperpane does
// not carry, so a .png request writes the text screen beside it and says so.
import { resolve } from 'node:path';
import { writeWhole } from './outputs.js';
import type { PlaySession } from './session.js';

/** Writes the screenshot; returns why it could not, or undefined. */
export function screenshot(cwd: string, path: string, s: PlaySession): string | undefined {
  const lower = path.toLowerCase();
  const target = lower.endsWith('.png') ? path.slice(0, -4) + '.txt' : path;
  const text = lower.endsWith('.ansi') ? s.coloured().join('\r\n') + '\u001b[0m\r\n' : s.text(true).join('\n') + '\n';
  const r = writeWhole(resolve(cwd, target), text);
  return 'error' in r ? `Screenshot ${target}: ${r.error}` : undefined;
}
