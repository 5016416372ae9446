// A labelled sparkline of a percent series with its latest value.
import { Text } from 'ink';
import type { Token } from '../../config/theme-tokens.js';
import { pct, sparkline } from '../format.js';
import { levelTone } from '../panes/tones.js';
import { color, useTheme } from '../theme.js';

export function Sparkline({ label, values, width, token }: { label: string; values: readonly number[]; width: number; token: Token }) {
  const theme = useTheme();
  const last = values[values.length - 1] ?? 0;
  return (
    <Text wrap="truncate">
      <Text color={color(theme, 'text.secondary')}>{label.padEnd(9)}</Text>
      <Text color={color(theme, token)}>{sparkline(values, Math.max(4, width - 15))}</Text>
      <Text color={color(theme, levelTone(last) ?? 'text.primary')}> {pct(last).padStart(4)}</Text>
    </Text>
  );
}
