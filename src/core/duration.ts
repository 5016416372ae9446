// Durations as people write them (tapes, Sim lines, the prompt): a number with ms, s or m (VHS), seconds when
// bare; Sim also takes h ("Sim advance 2h").
import { table } from './own.js';

const UNIT_MS: Readonly<Record<string, number>> = table<number>({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 });

/** "500ms" -> 500, "2s" -> 2000, "1.5" -> 1500, "2h" -> 7200000; undefined if not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNIT_MS[m[2] ?? 's']);
}

export function unitMs(unit: string): number | undefined {
  return UNIT_MS[unit];
}

/**
 * The most simulated time one command may move the clock on (exec's sleep, a
 * tape's Sim advance): a year, enough to see a year's bill, and bounded work
 * (a tick a second: a year of the built-in estate is about two minutes here).
 */
export const MAX_ADVANCE_MS = 365 * 24 * 3_600_000;

/** "1h", "2d 3h", "45s": the two largest units of a duration. */
export function formatDurationMs(ms: number): string {
  const units: [string, number][] = [['y', 365.25 * 86_400_000], ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]];
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
