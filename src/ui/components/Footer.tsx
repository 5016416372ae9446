// The bottom line: the keys that work here, the most important first to stay
// when they do not all fit (see fitHints).
import { Text } from 'ink';
import { fitHints, type Hint } from '../hints.js';
import { color, useTheme } from '../theme.js';

export function Footer({ hints, width }: { hints: readonly Hint[]; width: number }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      {fitHints(hints, width).map((h) => (
        <Text key={`${h.key}${h.label}`}>
          <Text bold color={color(theme, 'text.accent')}>
            {h.key}
          </Text>
          <Text color={color(theme, 'text.secondary')}>{` ${h.label}  `}</Text>
        </Text>
      ))}
    </Text>
  );
}
