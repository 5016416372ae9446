// A titled block of "key  value" lines, the detail view's building block.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { clean } from '../format.js';
import { color, useTheme } from '../theme.js';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold color={color(theme, 'text.accent')}>
        {title}
      </Text>
      {children}
    </Box>
  );
}

export function Field({ name, value, tone }: { name: string; value: string; tone?: Parameters<typeof color>[1] }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      <Text color={color(theme, 'text.secondary')}>{name.padEnd(16)}</Text>
      <Text color={color(theme, tone ?? 'text.primary')}>{clean(value)}</Text>
    </Text>
  );
}
