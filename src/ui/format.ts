// How numbers read on screen: short, fixed-width friendly, the same on every machine
// (no locale: a tape recorded in Berlin and in Boston must match byte for byte).
import { SIM_EPOCH_MS } from '../providers/common.js';

/** "2026-01-01 01:05:12" */
export function simClock(simMs: number): string {
  return new Date(SIM_EPOCH_MS + simMs).toISOString().replace('T', ' ').slice(0, 19);
}

/** "12:03:44" of a log entry. */
export function simTime(simMs: number): string {
  return new Date(SIM_EPOCH_MS + simMs).toISOString().slice(11, 19);
}

/** "42%" */
export function pct(n: number): string {
  return `${Math.round(n)}%`;
}

/** "3d4h", "2h05m", "4m10s", "12s": k9s-style ages. */
export function age(ms: number | undefined): string {
  if (ms === undefined) return '-';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d${h % 24}h`;
}

/** Memory in the fewest characters: "512M", "8G", "1.5T". */
export function mem(mib: number): string {
  if (mib >= 1024 * 1024) return `${trim(mib / (1024 * 1024))}T`;
  if (mib >= 1024) return `${trim(mib / 1024)}G`;
  return `${Math.round(mib)}M`;
}

function trim(n: number): string {
  const s = n.toFixed(1);
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

/** "$0.0416" for rates, "$12.34" for totals. */
export function money(n: number, digits = 2): string {
  return `$${n.toFixed(digits)}`;
}

/** Pads or cuts to exactly `width` cells (an ellipsis marks a cut). */
/** Text safe to draw: control characters (which a terminal would obey as escapes) become visible as ␛-like marks. */
export function clean(text: string): string {
  return /[\u0000-\u001f\u007f-\u009f]/.test(text) ? text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\t' ? ' ' : c === '\u001b' ? '␛' : '�')) : text;
}

export function fit(raw: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const text = clean(raw);
  if (text.length > width) return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

const BLOCKS = ' ▁▂▃▄▅▆▇█';

/** A sparkline of percents (0-100), the last `width` samples, right-aligned. */
export function sparkline(values: readonly number[], width: number): string {
  const tail = values.slice(-width);
  const line = tail.map((v) => BLOCKS[Math.max(0, Math.min(8, Math.round((v / 100) * 8)))]).join('');
  return line.padStart(width, ' ');
}
