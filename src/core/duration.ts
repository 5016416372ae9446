// Durations as people write them, parsed and printed in one place: tapes (Sleep,
// @delay), Sim advance, exec's sleep, the prompt's :sim and :replicate.
//
// One grammar for all of them, the union of the two tools they imitate:
// - Go's time.ParseDuration, which VHS hands a tape's times to: a sequence of
//   decimal numbers each with a unit, "1h30m", ".5m", "1.5h", "5.s" (go/src/time/format.go);
// - coreutils sleep: NUMBER[SUFFIX] with s, m, h or d, seconds when bare, the
//   number a floating point one (".5m", "0.5m"; coreutils src/sleep.c).
// So: one bare number (seconds), or number-and-unit parts run together, the
// units ms, s, m, h and d. What neither tool takes is refused: a part without a
// unit after another ("1h30"), a sign, an exponent.
import { table } from './own.js';

const UNIT_MS: Readonly<Record<string, number>> = table<number>({ ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 });

/** A decimal number as Go and strtod read it: "5", "5.", "5.25", ".25". */
const NUMBER = String.raw`(?:\d+\.?\d*|\.\d+)`;
const BARE = new RegExp(`^${NUMBER}$`);
const PARTS = new RegExp(`^(?:${NUMBER}(?:ms|s|m|h|d))+$`);
const PART = new RegExp(`(${NUMBER})(ms|s|m|h|d)`, 'g');

/** "500ms" -> 500, "2s" -> 2000, "1.5" -> 1500, "2h" -> 7200000, "1h30m" -> 5400000, "1d" -> 86400000; undefined if not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const t = text.trim();
  if (BARE.test(t)) return Math.round(Number(t) * 1000);
  if (!PARTS.test(t)) return undefined;
  let ms = 0;
  for (const [, n, unit] of t.matchAll(PART)) ms += Number(n) * UNIT_MS[unit];
  return Math.round(ms);
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/**
 * The most simulated time one command may move the clock on (exec's sleep, a
 * tape's Sim advance): a year, enough to see a year's bill, and bounded work
 * (a tick a second: a year of the built-in estate is about two minutes here).
 */
export const MAX_ADVANCE_MS = 365 * 24 * 3_600_000;

/** "1h", "2d 3h", "45s": the two largest units of a duration. */
export function formatDurationMs(ms: number): string {
  const units: [string, number][] = [
    ['y', 365.25 * 86_400_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  const parts: string[] = [];
  let left = Math.max(0, Math.round(ms));
  for (const [name, size] of units) {
    if (left >= size || (parts.length === 0 && name === 's')) {
      const n = Math.floor(left / size);
      parts.push(`${n}${name}`);
      left -= n * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** "01:02:03", hours uncapped ("100:00:00"): a duration that lines up in a column, as `hyperpane --summary` prints the clock and its log. */
export function formatClockMs(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}
