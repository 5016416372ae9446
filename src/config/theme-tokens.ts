// The semantic tokens components colour themselves with. A theme maps each one to
// a colour (through its palette); components never name a colour themselves.

export const TOKENS = [
  'text.primary',
  'text.secondary',
  'text.accent',
  'text.inverse',
  'border',
  'border.focus',
  'header.title',
  'header.clock',
  'tab.active',
  'tab.inactive',
  'selection.bg',
  'selection.fg',
  'status.running',
  'status.stopped',
  'status.pending',
  'status.paused',
  'status.failed',
  'severity.ok',
  'severity.warn',
  'severity.critical',
  'chart.cpu',
  'chart.memory',
  'dialog.border',
  'dialog.danger',
  'caption.bg',
  'caption.fg',
] as const;
export type Token = (typeof TOKENS)[number];

/** Colours a terminal names: what a palette entry or a token may be besides #rgb or #rrggbb. */
export const NAMED_COLORS = [
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'gray',
  'grey',
  'blackBright',
  'redBright',
  'greenBright',
  'yellowBright',
  'blueBright',
  'magentaBright',
  'cyanBright',
  'whiteBright',
] as const;

export function isColor(value: string): boolean {
  return /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value) || (NAMED_COLORS as readonly string[]).includes(value);
}

/** A theme ready to use: every token resolved to a colour, or undefined for "the terminal's own". */
export interface ResolvedTheme {
  readonly name: string;
  readonly color: Readonly<Record<Token, string | undefined>>;
  /** No colour at all (NO_COLOR): selection and emphasis fall back to inverse and bold. */
  readonly monochrome: boolean;
}
