// The logs view: one or more workloads' logs in time order, as tall as the body,
// the newest at the bottom while it follows; the filter's matches marked.
import { Box, Text } from 'ink';
import type { LogRow } from '../log-rows.js';
import { PANEL_CHROME } from '../scroll.js';
import { color, useTheme } from '../theme.js';

export function LogView({
  title,
  rows,
  first,
  status,
  height,
  width,
}: {
  title: string;
  rows: readonly LogRow[];
  /** The first row shown. */
  first: number;
  /** What the title line says after the title: follow, the filter, the counts. */
  status: string;
  height: number;
  width: number;
}) {
  const theme = useTheme();
  const room = Math.max(1, height - PANEL_CHROME);
  const inner = Math.max(10, width - 4);
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0} borderStyle="round" borderColor={color(theme, 'dialog.border')} paddingX={1}>
      <Text bold wrap="truncate" color={color(theme, 'text.accent')}>
        {title}
        <Text color={color(theme, 'text.secondary')}>{status}</Text>
      </Text>
      {rows.slice(first, first + room).map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the key is the row of the window; rows are redrawn in place as it scrolls.
        <Text key={i} wrap="truncate">
          {marked(r, inner, color(theme, 'text.accent'))}
        </Text>
      ))}
    </Box>
  );
}

/** The row cut to the panel, its matches shown inverse. */
function marked(r: LogRow, width: number, accent: string | undefined): React.ReactNode {
  const text = r.text.length > width ? r.text.slice(0, width) : r.text;
  if (r.marks.length === 0) return text || ' ';
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [a, b] of r.marks) {
    if (a >= text.length) break;
    if (a > at) parts.push(text.slice(at, a));
    parts.push(
      <Text key={a} inverse color={accent}>
        {text.slice(a, Math.min(b, text.length))}
      </Text>,
    );
    at = Math.min(b, text.length);
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
