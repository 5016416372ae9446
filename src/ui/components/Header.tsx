// Two lines on top: the estate, the clock and its speed, the lock in read-only
// mode; then the totals and the alerts.
import { Box, Text } from 'ink';
import type { Speed } from '../../config/settings.js';
import type { Token } from '../../config/theme-tokens.js';
import { money, simClock } from '../format.js';
import { color, useTheme } from '../theme.js';
import type { Totals } from '../totals.js';

export interface HeaderProps {
  readonly name: string;
  readonly now: number;
  readonly speed: Speed;
  /** The speed the estate really runs at, when slower than asked. */
  readonly behind?: number;
  readonly totals: Totals;
  readonly readonly: boolean;
  /** Who acts, when it is not the estate's administrator (--as, :as). */
  readonly actor?: string;
  readonly width: number;
}

export function Header({ name, now, speed, behind, totals, readonly, actor, width }: HeaderProps) {
  const theme = useTheme();
  const t = totals;
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between">
        <Text wrap="truncate">
          <Text bold color={color(theme, 'header.title')}>
            hyperpane
          </Text>
          <Text color={color(theme, 'text.secondary')}> ▸ </Text>
          <Text bold color={color(theme, 'text.primary')}>
            {name}
          </Text>
          {actor ? <Text color={color(theme, 'text.accent')}> as {actor}</Text> : null}
          {readonly ? <Text color={color(theme, 'severity.warn')}> 🔒 read-only</Text> : null}
        </Text>
        <Text>
          <Text color={color(theme, 'header.clock')}>{simClock(now)}</Text>
          <Text> </Text>
          {speed === 0 ? (
            <Text inverse color={color(theme, 'status.paused')}>
              {' PAUSED '}
            </Text>
          ) : (
            <Text color={color(theme, 'text.accent')}>
              ▶ {speed}x{behind !== undefined ? <Text color={color(theme, 'severity.warn')}> (runs at {behind}x)</Text> : null}
            </Text>
          )}
        </Text>
      </Box>
      <Text wrap="truncate" color={color(theme, 'text.secondary')}>
        Hosts{' '}
        <Text color={color(theme, 'text.primary')}>
          {t.hostsUp}/{t.hosts}
        </Text>{' '}
        up · VMs{' '}
        <Text color={color(theme, 'text.primary')}>
          {t.vms.running}/{t.vms.total}
        </Text>{' '}
        running · Containers{' '}
        <Text color={color(theme, 'text.primary')}>
          {t.containers.running}/{t.containers.total}
        </Text>{' '}
        · Cloud VMs{' '}
        <Text color={color(theme, 'text.primary')}>
          {t.cloud.running}/{t.cloud.total}
        </Text>{' '}
        · <Text color={color(theme, 'text.primary')}>{money(t.costPerHour, 3)}/h</Text>
        {' · '}
        {t.alarms.total > 0 ? (
          <Text bold={t.alarms.unacknowledged > 0} color={color(theme, alarmTone(t))}>
            {t.alarms.total} alarm{t.alarms.total === 1 ? '' : 's'}
            {t.alarms.unacknowledged < t.alarms.total ? ` (${t.alarms.total - t.alarms.unacknowledged} acknowledged)` : ''}
          </Text>
        ) : (
          <Text color={color(theme, 'severity.ok')}>no alarms</Text>
        )}
        {t.failed > 0 ? (
          <Text bold color={color(theme, 'severity.critical')}>
            {' · '}
            {t.failed} failed
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}

/** Red while an alarm at Alert is not acknowledged, yellow for a Warning, grey when all are acknowledged. */
function alarmTone(t: Totals): Token {
  if (t.alarms.worst === 'critical') return 'severity.critical';
  if (t.alarms.worst === 'warning') return 'severity.warn';
  return 'text.secondary';
}
