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
