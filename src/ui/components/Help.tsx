// The ? overlay: every command of the keymap by category (what read-only mode
// strips left out), the current pane's sort keys and filter fields, and the
// prompt's app commands. Built from the same tables the input handler reads;
// its rows (keys in a column, descriptions wrapped) come from panels.ts, which
// the scrolling keys read too.
import { Box, Text } from 'ink';
import { clampScroll, PANEL_CHROME, type PanelRow } from '../panels.js';
import { color, useTheme } from '../theme.js';

export function Help({ lines, scroll, rows, width }: { lines: readonly PanelRow[]; scroll: number; rows: number; width: number }) {
  const theme = useTheme();
  const room = Math.max(1, rows - PANEL_CHROME);
  const first = clampScroll(scroll, lines.length, room);
  const shown = lines.slice(first, first + room);
  return (
    <Box flexDirection="column" width={width} height={rows} borderStyle="round" borderColor={color(theme, 'dialog.border')} paddingX={1}>
      <Text bold wrap="truncate" color={color(theme, 'text.accent')}>
        Help — j/k scroll, esc closes {lines.length > room ? `(${first + 1}-${first + shown.length} of ${lines.length})` : ''}
      </Text>
      {shown.map((l, i) =>
        l.heading ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the key is the row of the window; rows are redrawn in place as it scrolls.
          <Text key={i} bold wrap="truncate" color={color(theme, 'header.title')}>
            {l.text}
          </Text>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <Text key={i} wrap="truncate">
            <Text color={color(theme, 'text.accent')}>{l.key}</Text>
            <Text color={color(theme, 'text.primary')}>{l.text}</Text>
          </Text>
        ),
      )}
    </Box>
  );
}
