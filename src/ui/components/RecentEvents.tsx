// The last few log entries about one object.
import { Text } from 'ink';
import type { LogEntry } from '../../core/event-log.js';
import { clean, simTime } from '../format.js';
import { severityTone } from '../panes/tones.js';
import { color, useTheme } from '../theme.js';
import { Section } from './Section.js';

export function RecentEvents({ entries }: { entries: readonly LogEntry[] }) {
  const theme = useTheme();
  return (
    <Section title="Recent events">
      {entries.length === 0 ? <Text color={color(theme, 'text.secondary')}>none kept</Text> : null}
      {entries.map((e) => (
        <Text key={e.seq} wrap="truncate">
          <Text color={color(theme, 'text.secondary')}>{simTime(e.at)} </Text>
          <Text color={color(theme, severityTone(e.severity) ?? 'text.primary')}>{clean(e.message)}</Text>
        </Text>
      ))}
    </Section>
  );
}
