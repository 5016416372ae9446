// Every `Set` a tape may hold: VHS's own and hyperpane's additions, what each
// takes, and which of VHS's make no sense here (fonts, padding, the window bar)
// so that they are accepted and ignored with a notice.
import { table } from '../../core/own.js';

/** What hyperpane does with a setting. */
export type SettingUse = 'used' | 'ignored';

export interface SettingSpec {
  readonly use: SettingUse;
  /** Only at the top of the tape (before the first other command); later ones are ignored, as VHS ignores them. */
  readonly topOnly: boolean;
  /** What the value must be, or undefined for anything. */
  readonly check?: (value: string) => string | undefined;
  /** Why it is ignored, for the notice. */
  readonly why?: string;
}

const positiveInt =
  (what: string, max = 100_000) =>
  (v: string) =>
    /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max ? undefined : `${what} must be a whole number from 1 to ${max}, got ${v}`;
const positive = (what: string) => (v: string) => (Number.isFinite(Number(v)) && Number(v) > 0 ? undefined : `${what} must be a number above 0, got ${v}`);
const look = 'the look of a video VHS renders; hyperpane draws the terminal itself';

export const SETTINGS: Readonly<Record<string, SettingSpec>> = table<SettingSpec>({
  // VHS settings hyperpane uses.
  Width: { use: 'used', topOnly: true, check: positiveInt('Width') },
  Height: { use: 'used', topOnly: true, check: positiveInt('Height') },
  TypingSpeed: { use: 'used', topOnly: false },
  WaitTimeout: { use: 'used', topOnly: false },
  WaitPattern: { use: 'used', topOnly: false },
  // A recording plays from a hundredth of its speed to a hundred times it (times stay finite and sane).
  PlaybackSpeed: {
    use: 'used',
    topOnly: true,
    check: (v) =>
      Number.isFinite(Number(v)) && Number(v) >= 0.01 && Number(v) <= 100 ? undefined : `PlaybackSpeed must be a number from 0.01 to 100, got ${v}`,
  },
  Theme: { use: 'used', topOnly: false },
  // Read only to turn a pixel Width/Height into columns and rows.
  FontSize: { use: 'used', topOnly: true, check: positive('FontSize') },
  Padding: { use: 'used', topOnly: true, check: (v) => (/^\d+(\.\d+)?$/.test(v) ? undefined : `Padding must be a number of pixels, 0 or more, got ${v}`) },
  LineHeight: { use: 'used', topOnly: true, check: positive('LineHeight') },
  // VHS settings with no meaning here.
  Shell: { use: 'ignored', topOnly: true, why: 'there is no shell: the tape drives hyperpane directly' },
  FontFamily: { use: 'ignored', topOnly: true, why: look },
  LetterSpacing: { use: 'ignored', topOnly: true, why: look },
  Framerate: { use: 'ignored', topOnly: true, why: 'an asciicast has no frame rate: each change is an event' },
  LoopOffset: { use: 'ignored', topOnly: true, why: 'a GIF setting' },
  MarginFill: { use: 'ignored', topOnly: true, why: look },
  Margin: { use: 'ignored', topOnly: true, why: look },
  WindowBar: { use: 'ignored', topOnly: true, why: look },
  WindowBarSize: { use: 'ignored', topOnly: true, why: look },
  BorderRadius: { use: 'ignored', topOnly: true, why: look },
  CursorBlink: { use: 'ignored', topOnly: true, why: 'the console hides the cursor' },
  SubtitleFontSize: { use: 'ignored', topOnly: true, why: look },
  SubtitleFontFamily: { use: 'ignored', topOnly: true, why: look },
  SubtitleColor: { use: 'ignored', topOnly: true, why: 'captions take their colours from the theme' },
  SubtitleBackground: { use: 'ignored', topOnly: true, why: 'captions take their colours from the theme' },
  SubtitlePosition: { use: 'ignored', topOnly: true, why: 'captions sit above the footer' },
  SubtitlePadding: { use: 'ignored', topOnly: true, why: look },
  SubtitleBorderRadius: { use: 'ignored', topOnly: true, why: look },
  // hyperpane's own.
  Cols: { use: 'used', topOnly: true, check: positiveInt('Cols', 1000) },
  Rows: { use: 'used', topOnly: true, check: positiveInt('Rows', 1000) },
  Seed: {
    use: 'used',
    topOnly: true,
    check: (v) => (/^\d+$/.test(v) && Number(v) <= 4294967295 ? undefined : `Seed must be a whole number from 0 to 4294967295, got ${v}`),
  },
  Estate: { use: 'used', topOnly: true },
  Speed: {
    use: 'used',
    topOnly: false,
    check: (v) => (['0', '1', '10', '60', '600'].includes(v) ? undefined : `Speed must be 0 (paused), 1, 10, 60 or 600, got ${v}`),
  },
  IdleTimeLimit: { use: 'used', topOnly: true, check: positive('IdleTimeLimit') },
  // Who acts from here on (access/policy.ts actAs): only an administrator may act as another user.
  User: {
    use: 'used',
    topOnly: false,
    check: (v) =>
      /^[A-Za-z][A-Za-z0-9._-]{0,63}$/.test(v)
        ? undefined
        : `User must be a user's name (a letter, then letters, digits, dots, dashes or underscores), got ${v}`,
  },
});

/** The setting closest in spelling, for "did you mean". */
export function closestSetting(name: string): string | undefined {
  if (name.length < 3) return undefined;
  const lower = name.toLowerCase();
  return Object.keys(SETTINGS).find((s) => s.toLowerCase() === lower) ?? Object.keys(SETTINGS).find((s) => s.toLowerCase().startsWith(lower.slice(0, 4)));
}
