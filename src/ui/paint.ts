// Colours text the way Ink's <Text color> does, for strings the app styles
// itself: a table row is one pre-coloured string, not a <Text> per cell, so a
// frame of 45 rows is 45 text nodes for Ink to lay out, not 450.
import chalk from 'chalk';

type Style = (text: string) => string;

const RGB = /^rgb\(\s?(\d+),\s?(\d+),\s?(\d+)\s?\)$/;
const ANSI256 = /^ansi256\(\s?(\d+)\s?\)$/;
const styles = new Map<string, Style>();
const asIs: Style = (text) => text;

/** A colour as themes give it (a name, #hex, rgb(...), ansi256(...)), as the foreground. */
function foreground(color: string): Style {
  let style = styles.get(color);
  if (style) return style;
  const rgb = RGB.exec(color);
  const ansi = ANSI256.exec(color);
  if (color.startsWith('#')) style = chalk.hex(color);
  else if (rgb) style = chalk.rgb(Number(rgb[1]), Number(rgb[2]), Number(rgb[3]));
  else if (ansi) style = chalk.ansi256(Number(ansi[1]));
  else if (color in chalk && typeof (chalk as unknown as Record<string, unknown>)[color] === 'function')
    style = (chalk as unknown as Record<string, Style>)[color];
  // Ink leaves a colour it does not know alone.
  else style = asIs;
  styles.set(color, style);
  return style;
}

/** `text` in `color` (undefined: the terminal's own colour, the text as it is). */
export function paint(text: string, color: string | undefined): string {
  return color === undefined || text === '' ? text : foreground(color)(text);
}
