// How numbers read on screen: short, fixed-width friendly, the same on every machine
// (no locale: a tape recorded in Berlin and in Boston must match byte for byte).

import stringWidth from 'string-width';
import { CONTROL_CHARS } from '../core/validate.js';
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

const UNSAFE_ALL = new RegExp(CONTROL_CHARS.source, 'g');

/** Text safe to draw: what the terminal would obey becomes visible (␛ for escape, � for the rest). */
export function clean(text: string): string {
  return CONTROL_CHARS.test(text) ? text.replace(UNSAFE_ALL, (c) => (c === '\t' ? ' ' : c === '\u001b' ? '␛' : '�')) : text;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The cells `text` takes on a terminal: two for wide (CJK, emoji), none for combining marks. */
export function cells(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/** Pads or cuts to exactly `width` cells (an ellipsis marks a cut), wide characters counted as two. */
export function fit(raw: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const text = clean(raw);
  const used = cells(text);
  if (used > width) {
    if (width === 1) return '…';
    if (PRINTABLE_ASCII.test(text)) return `${text.slice(0, width - 1)}…`;
    let out = '';
    let taken = 0;
    for (const { segment } of graphemes.segment(text)) {
      const w = stringWidth(segment);
      if (taken + w > width - 1) break;
      out += segment;
      taken += w;
    }
    return `${out}${' '.repeat(width - 1 - taken)}…`;
  }
  const pad = ' '.repeat(width - used);
  return align === 'right' ? pad + text : text + pad;
}

/** A line broken into pieces of at most `width` cells, never inside a character. */
export function breakCells(line: string, width: number): string[] {
  if (cells(line) <= width) return [line];
  if (PRINTABLE_ASCII.test(line)) return Array.from({ length: Math.ceil(line.length / width) }, (_, i) => line.slice(i * width, (i + 1) * width));
  const out: string[] = [];
  let piece = '';
  let taken = 0;
  for (const { segment } of graphemes.segment(line)) {
    const w = stringWidth(segment);
    if (taken + w > width && piece) {
      out.push(piece);
      piece = '';
      taken = 0;
    }
    piece += segment;
    taken += w;
  }
  if (piece) out.push(piece);
  return out;
}

/**
 * A line wrapped to `width` cells at word boundaries, as a pager or a terminal
 * with word wrap shows it: breaks fall between words (the spaces at a break are
 * dropped), runs of spaces inside a line are kept (columns of a table stay
 * aligned), and only a word longer than a whole line is broken inside it.
 */
export function wrapText(line: string, width: number): string[] {
  if (width < 1 || cells(line) <= width) return [line];
  const out: string[] = [];
  let current = '';
  let used = 0;
  for (const token of line.split(/( +)/)) {
    if (token === '') continue;
    const w = cells(token);
    if (token.startsWith(' ')) {
      // Spaces at the end of a line are dropped when the next word breaks it.
      current += token;
      used += w;
      continue;
    }
    if (used + w > width && current.trim() !== '') {
      out.push(current.trimEnd());
      current = '';
      used = 0;
    }
    if (used + w > width) {
      const pieces = breakCells(current + token, width);
      out.push(...pieces.slice(0, -1));
      current = pieces[pieces.length - 1];
      used = cells(current);
      continue;
    }
    current += token;
    used += w;
  }
  if (current.trim() !== '' || out.length === 0) out.push(current.trimEnd());
  return out;
}

const BLOCKS = ' ▁▂▃▄▅▆▇█';

/** A sparkline of percents (0-100), the last `width` samples, right-aligned. */
export function sparkline(values: readonly number[], width: number): string {
  const tail = values.slice(-width);
  const line = tail.map((v) => BLOCKS[Math.max(0, Math.min(8, Math.round((v / 100) * 8)))]).join('');
  return line.padStart(width, ' ');
}
