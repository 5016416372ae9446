// How docker/cli lays out what it prints (cli/command/formatter): tables through
// its tabwriter (formatter.go postFormat: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0),
// so every column but the last is at least 10 wide and 3 wider than its widest
// cell; the last is never padded), Go's strconv.Quote for commands, and
// Ellipsis and TruncateID (displayutils.go).

const MIN_WIDTH = 10;
const PADDING = 3;

/** Display width as the tabwriter counts it: one per character (the simulation prints no wide characters). */
function width(s: string): number {
  return [...s].length;
}

/** A table as `docker ps`, `docker stats` and `docker context ls` print it: header and rows, each line ending in a newline. */
export function dockerTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(MIN_WIDTH, ...lines.map((l) => width(l[i] ?? '') + PADDING)));
  return lines.map((cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i] - width(c)))).join('') + '\n').join('');
}

/** formatter.Ellipsis: at most `max` characters, the last one "…" when cut. */
export function ellipsis(s: string, max: number): string {
  const chars = [...s];
  if (max <= 0) return '';
  if (max === 1) return chars[0] ?? '';
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
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
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x80 && c < 0xa0) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}
