// How docker/cli lays out what it prints (cli/command/formatter): tables through
// its tabwriter (formatter.go postFormat: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0),
// so every column but the last is at least 10 wide and 3 wider than its widest
// cell; the last is never padded), Go's strconv.Quote for commands, and
// Ellipsis and TruncateID (displayutils.go).
import stringWidth from 'string-width';
import { goTabwriter } from '../cli/table.js';

const MIN_WIDTH = 10;
const PADDING = 3;

/**
 * A cell's width as docker's tabwriter counts it: docker/cli forked Go's
 * text/tabwriter (cli/command/formatter/tabwriter) to measure cells with
 * go-runewidth's StringWidth rather than count runes, so a wide character such
 * as 東 takes two columns; string-width counts as go-runewidth does.
 */
const width = stringWidth;

/** A table as `docker ps`, `docker stats` and `docker context ls` print it: header and rows, each line ending in a newline. */
export function dockerTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return goTabwriter([headers, ...rows], { minWidth: MIN_WIDTH, padding: PADDING, width });
}

/**
 * displayutils.go charWidth: two columns for a character whose East Asian Width
 * is Wide or Fullwidth (golang.org/x/text/width), one for any other, combining
 * marks included. string-width gives those two and less only to the zero-width ones.
 */
function charWidth(ch: string): number {
  return Math.max(1, stringWidth(ch));
}

/**
 * formatter.Ellipsis: at most `max` columns, the last one "…" when cut; with `max`
 * 1 the first character, however wide. Cut after the last character that ends
 * before the ellipsis's column; when even the first one passes it, docker finds
 * no place to cut and prints the whole string (as its loop does).
 */
export function ellipsis(s: string, max: number): string {
  const chars = [...s];
  if (max <= 0) return '';
  if (max === 1) return chars[0] ?? '';
  const ends: number[] = [];
  let total = 0;
  for (const c of chars) ends.push((total += charWidth(c)));
  if (total <= max) return s;
  for (let i = 0; i + 1 < ends.length; i++) if (ends[i] <= max - 1 && ends[i + 1] > max - 1) return `${chars.slice(0, i + 1).join('')}…`;
  return s;
}

/** stringid.TruncateID: the first 12 hex digits, after any "sha256:". */
export function truncateId(id: string): string {
  const bare = id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
  return bare.slice(0, 12);
}

/** Go's strconv.Quote: double quotes, with \" \\ and control characters escaped as Go writes them. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
