// The pane tabs, each with its number key and row count.
import { Box, Text } from 'ink';
import { paneDef, TABS, tabOf } from '../panes/index.js';
import type { PaneId } from '../panes/types.js';
import { color, useTheme } from '../theme.js';

export function Tabs({ active, counts, sortLabel, width }: { active: PaneId; counts: Readonly<Record<string, string>>; sortLabel: string; width: number }) {
  const theme = useTheme();
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate">
        {TABS.map((p, i) => {
          const on = p.id === tabOf(active);
          // The Kubernetes tab names the view it shows when that is not its pods.
          const title = on && p.id !== active ? `${p.title}: ${paneDef(active).title.toLowerCase()}` : p.title;
          return (
            <Text key={p.id}>
              <Text inverse={on && theme.monochrome} bold={on} color={color(theme, on ? 'tab.active' : 'tab.inactive')} underline={on}>
                {` ${i + 1} ${title}`}
                {counts[on ? active : p.id] ? <Text color={color(theme, 'text.secondary')}>{` ${counts[on ? active : p.id]}`}</Text> : null}{' '}
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
