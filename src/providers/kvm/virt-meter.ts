// The progress meter virt-install and virt-clone print as they allocate disks and
// create the domain, as its last line reads when the step is done.
// Source: virt-manager virtinst/_progresspriv.py (TextMeter._do_end: the text
// padded to the room left of an 80-column line, " | %5sB" (or " |       " when
// nothing was counted), "  MM:SS" and five spaces; format_number, format_time).
// The meter opens its line with a carriage return; a line of its own here.

/** Terminal width the meter lays out for (what it falls back to without a terminal). */
const WIDTH = 80;

/** format_number: 1024 steps, "%.1f" under 9.95, else "%.0f", then " " and the prefix ("20 G"). */
export function formatNumber(bytes: number): string {
  const symbols = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
  let n = bytes;
  let depth = 0;
  while (n > 999 && depth < symbols.length - 1) {
    n /= 1024;
    depth++;
  }
  const shown = depth === 0 ? String(Math.trunc(n)) : n < 9.95 ? n.toFixed(1) : n.toFixed(0);
  return `${shown} ${symbols[depth]}`;
}

/** The meter's last line for a step that counted `bytes` (undefined: nothing counted) over `ms`. */
export function meterLine(text: string, bytes: number | undefined, ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const time = `  ${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  const size = bytes === undefined ? ` | ${' '.repeat(5)} ` : ` | ${formatNumber(bytes).padStart(5)}B`;
  const room = WIDTH - size.length - time.length - 5;
  // "%-*.*s": Python cuts and pads by code points (a 🐳 is one), not by UTF-16 units or columns.
  const kept = [...text].slice(0, room);
  return `${kept.join('')}${' '.repeat(room - kept.length)}${size}${time}${' '.repeat(5)}\n`;
}
