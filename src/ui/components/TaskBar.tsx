// The line of operations under way (vCenter's Recent Tasks, in one row): the one
// that ends soonest with its bar, phase and time left, and how many more there
// are (:tasks lists them all).
import { Text } from 'ink';
import type { Operation } from '../../core/operations.js';
import { clean } from '../format.js';
import { bar, fraction, progressText } from '../progress.js';
import { color, useTheme } from '../theme.js';

export function TaskBar({ ops, now }: { ops: readonly Operation[]; now: number }) {
  const theme = useTheme();
  const op = ops[0];
  if (!op) return null;
  return (
    <Text wrap="truncate">
      <Text color={color(theme, 'status.pending')}>▸ </Text>
      <Text bold color={color(theme, 'text.primary')}>
        {clean(op.subject)}
      </Text>
      <Text color={color(theme, 'text.secondary')}> {clean(op.title)} </Text>
      <Text color={color(theme, 'chart.cpu')}>{bar(fraction(op, now), 12)}</Text>
      <Text color={color(theme, 'text.primary')}> {progressText(op, now)}</Text>
      {ops.length > 1 ? <Text color={color(theme, 'text.secondary')}>{`   +${ops.length - 1} more (:tasks)`}</Text> : null}
    </Text>
  );
}
