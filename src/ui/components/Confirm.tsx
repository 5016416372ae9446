// A destructive action asks first: what it does, the native command that does the
// same, and Cancel chosen until the user moves to the other button.
import { Box, Text } from 'ink';
import { clean } from '../format.js';
import { color, useTheme } from '../theme.js';

export function Confirm({ title, lines, command, yes, width }: { title: string; lines: readonly string[]; command: string; yes: boolean; width: number }) {
  const theme = useTheme();
  const button = (label: string, on: boolean, danger: boolean) => (
    <Text inverse={on} bold={on} color={color(theme, danger ? 'dialog.danger' : 'text.primary')}>
      {` ${label} `}
    </Text>
  );
  return (
    <Box
      flexDirection="column"
      alignSelf="center"
      width={Math.min(width, 76)}
      borderStyle="double"
      borderColor={color(theme, 'dialog.danger')}
      paddingX={2}
      paddingY={1}
    >
      <Text bold color={color(theme, 'dialog.danger')}>
        {clean(title)}
      </Text>
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines repeat (blank ones, a chart's empty rows): their place is their identity.
        <Text key={i}>{clean(l) || ' '}</Text>
      ))}
      {command ? (
        <Text wrap="wrap">
          <Text color={color(theme, 'text.secondary')}>same as: </Text>
          <Text color={color(theme, 'text.accent')}>{clean(command)}</Text>
        </Text>
      ) : null}
      <Box marginTop={1} gap={2}>
        {button('Cancel', !yes, false)}
        {button('OK', yes, true)}
      </Box>
      <Text color={color(theme, 'text.secondary')}>←/→ choose · enter · y yes · n/esc cancel</Text>
    </Box>
  );
}
