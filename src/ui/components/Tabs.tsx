// The pane tabs, each with its number key and row count.
import { Box, Text } from 'ink';
import { PANES } from '../panes/index.js';
import type { PaneId } from '../panes/types.js';
import { color, useTheme } from '../theme.js';

export function Tabs({ active, counts, sortLabel, width }: { active: PaneId; counts: Readonly<Record<string, string>>; sortLabel: string; width: number }) {
  const theme = useTheme();
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate">
        {PANES.map((p, i) => {
          const on = p.id === active;
          return (
            <Text key={p.id}>
              <Text inverse={on && theme.monochrome} bold={on} color={color(theme, on ? 'tab.active' : 'tab.inactive')} underline={on}>
                {` ${i + 1} ${p.title}`}
                {counts[p.id] ? <Text color={color(theme, 'text.secondary')}>{` ${counts[p.id]}`}</Text> : null}{' '}
              </Text>
              <Text> </Text>
            </Text>
          );
        })}
      </Text>
      <Text color={color(theme, 'text.secondary')}>{sortLabel}</Text>
    </Box>
  );
}
