// The output of a native command, scrollable.
import { Box, Text } from 'ink';
import { breakCells, clean } from '../format.js';
import React from 'react';
import { color, useTheme } from '../theme.js';

export function Output({ title, lines, scroll, failed, rows, width }: { title: string; lines: readonly string[]; scroll: number; failed: boolean; rows: number; width: number }) {
  const theme = useTheme();
  const room = Math.max(1, rows - 3);
  // Long lines wrap rather than lose their ends.
  const inner = Math.max(10, width - 4);
  lines = lines.flatMap((l) => breakCells(clean(l), inner));
  const first = Math.min(scroll, Math.max(0, lines.length - room));
  return (
    <Box flexDirection="column" width={width} height={rows} borderStyle="round" borderColor={color(theme, failed ? 'dialog.danger' : 'dialog.border')} paddingX={1}>
      <Text bold wrap="truncate" color={color(theme, failed ? 'severity.critical' : 'text.accent')}>
        {clean(title)}
        <Text color={color(theme, 'text.secondary')}>{lines.length > room ? `  (${first + 1}-${Math.min(lines.length, first + room)} of ${lines.length}, j/k scroll)` : ''}</Text>
      </Text>
      {lines.slice(first, first + room).map((l, i) => (
        <Text key={i} wrap="truncate">
          {l || ' '}
        </Text>
      ))}
    </Box>
  );
}
