// `Screenshot FILE`: the screen now, as text (.txt), with its colours (.ansi), or
// drawn as an SVG picture (.svg, as the README's picture is drawn).
// VHS draws PNGs; drawing text into pixels needs a font renderer hyperpane does
// not carry, so a .png request writes the text screen beside it and says so.

import { RESET } from '../../ui/terminal/escapes.js';
import { colourHex, type SvgOptions, screenSvg } from '../svg.js';
import type { Pos } from '../tape/ast.js';
import { type OutputIntent, type OutputPolicy, outputTarget, type Written, writeOutput } from './outputs.js';
import type { PlaySession } from './session.js';

/** How a screen of this session is drawn as SVG: the theme's text on the background it is made for, at the console's size. */
export function svgLook(s: PlaySession, title: string): SvgOptions {
  const { theme, width, height } = s.controller;
  return {
    // text.inverse is drawn on text's colour: the background the theme is made for (as the README's picture is drawn).
    foreground: colourHex(theme.color['text.primary'] ?? '#cdd6f4'),
    background: colourHex(theme.color['text.inverse'] ?? '#1e1e2e'),
    title,
    width,
    height,
  };
}

/** Writes the screenshot, under the same rules as a tape's other outputs; never over a file an Output line writes. */
export function screenshot(
  policy: OutputPolicy,
  path: string,
  s: PlaySession,
  pos: Pos,
  outputs: ReadonlyMap<string, OutputIntent>,
): Written | { error: string } {
  const lower = path.toLowerCase();
  const name = lower.endsWith('.png') ? `${path.slice(0, -4)}.txt` : path;
  const target = outputTarget(policy, name);
  if ('error' in target) return { error: `Screenshot ${name}: ${target.error}` };
  const taken = outputs.get(target.path);
  if (taken) return { error: `Screenshot ${name}: ${taken.user ? '--record' : `line ${taken.pos.line}`} writes that file` };
  const text = lower.endsWith('.ansi')
    ? `${s.coloured().join('\r\n') + RESET}\r\n`
    : lower.endsWith('.svg')
      ? screenSvg(
          s.coloured(),
          svgLook(
            s,
            name
              .split('/')
              .pop()!
              .replace(/\.svg$/i, ''),
          ),
        )
      : `${s.text(true).join('\n')}\n`;
  const r = writeOutput(policy, { pos, named: name, user: false }, text);
  return 'error' in r ? { error: `Screenshot ${name}: ${r.error}` } : r;
}
