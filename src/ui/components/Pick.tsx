// A list to choose from (a migration target with its fit or the reasons it
// cannot take the workload; a snapshot to revert to), and the native command
// the choice under the cursor stands for.
import { Box, Text } from 'ink';
import { cells, clean, fit } from '../format.js';
import type { PickOption } from '../state.js';
import { color, useTheme } from '../theme.js';

export function Pick({
  title,
  options,
  cursor,
  command,
  rows,
  width,
}: {
  title: string;
  options: readonly PickOption[];
  cursor: number;
  command?: string;
  rows: number;
  width: number;
}) {
  const theme = useTheme();
  const said = command ? `same as: ${clean(command)}` : '';
  const saidRows = said ? Math.ceil(cells(said) / Math.max(1, width - 4)) : 0;
  const room = Math.max(1, rows - 4 - saidRows);
  const top = Math.max(0, Math.min(cursor - Math.floor(room / 2), options.length - room));
  const label = Math.min(24, Math.max(...options.map((o) => o.label.length), 4) + 2);
  return (
    <Box flexDirection="column" width={width} height={rows} borderStyle="round" borderColor={color(theme, 'dialog.border')} paddingX={1}>
      <Text bold color={color(theme, 'text.accent')}>
        {clean(title)}
      </Text>
      {options.length === 0 ? <Text color={color(theme, 'text.secondary')}>nothing to choose from</Text> : null}
      {options.slice(top, top + room).map((o, i) => {
        const on = top + i === cursor;
        return (
          <Text key={o.id} wrap="truncate" inverse={on}>
            <Text color={color(theme, o.ok ? 'severity.ok' : 'severity.critical')}>{o.ok ? '✓ ' : '✗ '}</Text>
            <Text bold={on} color={color(theme, 'text.primary')}>
              {fit(o.label, label)}
            </Text>
            <Text color={color(theme, o.ok ? 'text.secondary' : 'severity.warn')}>{clean(o.detail)}</Text>
          </Text>
        );
      })}
      {said ? (
        <Text wrap="wrap">
          <Text color={color(theme, 'text.secondary')}>same as: </Text>
          <Text color={color(theme, 'text.accent')}>{said.slice('same as: '.length)}</Text>
        </Text>
      ) : null}
      <Text color={color(theme, 'text.secondary')}>j/k move · enter choose · esc cancel</Text>
    </Box>
  );
}
