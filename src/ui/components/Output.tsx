// The output of a native command (or an error too long for the status line):
// wrapped at word boundaries, as tall as it needs up to the body, scrollable.
import { Box, Text } from 'ink';
import { clean } from '../format.js';
import { clampScroll, PANEL_CHROME } from '../panels.js';
import { color, useTheme } from '../theme.js';

/** `lines`: already wrapped to the panel (outputRows); `rows`: the panel's height (panelHeight). */
export function Output({
  title,
  lines,
  scroll,
  failed,
  rows,
  width,
}: {
  title: string;
  lines: readonly string[];
  scroll: number;
  failed: boolean;
  rows: number;
  width: number;
}) {
  const theme = useTheme();
  const room = Math.max(1, rows - PANEL_CHROME);
  const first = clampScroll(scroll, lines.length, room);
  return (
    <Box
      flexDirection="column"
      width={width}
      height={rows}
      flexShrink={0}
      borderStyle="round"
      borderColor={color(theme, failed ? 'dialog.danger' : 'dialog.border')}
      paddingX={1}
    >
      <Text bold wrap="truncate" color={color(theme, failed ? 'severity.critical' : 'text.accent')}>
        {clean(title)}
        <Text color={color(theme, 'text.secondary')}>
          {lines.length > room ? `  (${first + 1}-${Math.min(lines.length, first + room)} of ${lines.length}, j/k scroll)` : ''}
        </Text>
      </Text>
      {lines.slice(first, first + room).map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the key is the row of the window; rows are redrawn in place as it scrolls.
        <Text key={i} wrap="truncate">
          {l || ' '}
        </Text>
      ))}
    </Box>
  );
}
