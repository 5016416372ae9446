// Alarms: the triggered alarms, the worst and oldest first, then those that ended
// lately (observe/alarms.ts), a view of the Events tab (:alarms). Enter on one
// acknowledges it, as `alarms ack ID` does; the header counts them.

import type { Token } from '../../config/theme-tokens.js';
import { type Alarm, alarmValue, severityText, stateText } from '../../observe/alarms.js';
import { simTime } from '../format.js';
import type { PaneDef, RowContext } from './types.js';

/** The alarms the user acting may see: on the objects the panes show them. */
function alarms(c: RowContext): readonly Alarm[] {
  const p = c.estate.providers;
  const seen = p.visibility();
  const mine = (a: Alarm) => !seen || a.subjectType === 'datastore' || (a.subjectType === 'host' ? seen.hosts : seen.workloads).has(a.subjectId);
  return [...p.alarms.triggered(), ...p.alarms.endedLately()].filter(mine);
}

const cache = new WeakMap<RowContext, readonly Alarm[]>();
export const alarmAt = (c: RowContext, i: number): Alarm => {
  let list = cache.get(c);
  if (!list) cache.set(c, (list = alarms(c)));
  return list[i];
};

function tone(a: Alarm): Token | undefined {
  if (a.endedAt !== undefined) return 'text.secondary';
  if (a.acknowledgedBy !== undefined || a.closedBy !== undefined) return undefined;
  return a.level === 'critical' ? 'severity.critical' : 'severity.warn';
}

export const alarmsPane: PaneDef = {
  id: 'alarms',
  title: 'Alarms',
  empty: 'No alarm is triggered: every host, VM and datastore is within its thresholds.',
  rows: (ctx) => alarms(ctx).map((_, i) => i),
  caption: (ctx) => {
    const n = ctx.estate.providers.alarms.count();
    return `${n.total} triggered, ${n.unacknowledged} not acknowledged`;
  },
  columns: [
    { id: 'id', title: 'ID', width: 4, drop: 3, numeric: true, text: (c, i) => String(alarmAt(c, i).id), value: (c, i) => alarmAt(c, i).id },
    {
      id: 'severity',
      title: 'SEVERITY',
      width: 18,
      drop: 1,
      sort: 'sort.state',
      text: (c, i) => severityText(alarmAt(c, i)),
      value: (c, i) => (alarmAt(c, i).level === 'critical' ? 2 : 1),
      tone: (c, i) => tone(alarmAt(c, i)),
    },
    { id: 'alarm', title: 'ALARM', width: 28, drop: 0, sort: 'sort.group', text: (c, i) => alarmAt(c, i).definition.name, tone: (c, i) => tone(alarmAt(c, i)) },
    { id: 'object', title: 'OBJECT', width: 16, drop: 0, sort: 'sort.name', text: (c, i) => alarmAt(c, i).subjectName },
    { id: 'value', title: 'VALUE', width: 14, drop: 2, align: 'right', text: (c, i) => alarmValue(alarmAt(c, i)) },
    {
      id: 'triggered',
      title: 'TRIGGERED',
      width: 9,
      drop: 2,
      sort: 'sort.age',
      numeric: true,
      text: (c, i) => simTime(alarmAt(c, i).firedAt),
      value: (c, i) => alarmAt(c, i).firedAt,
    },
    { id: 'state', title: 'STATE', width: 24, flex: true, drop: 0, text: (c, i) => stateText(alarmAt(c, i)), tone: (c, i) => tone(alarmAt(c, i)) },
  ],
  fields: {
    alarm: (c, i) => alarmAt(c, i).definition.name,
    object: (c, i) => alarmAt(c, i).subjectName,
    name: (c, i) => alarmAt(c, i).subjectName,
    severity: (c, i) => severityText(alarmAt(c, i)),
    level: (c, i) => alarmAt(c, i).level,
    state: (c, i) => stateText(alarmAt(c, i)),
    id: (c, i) => String(alarmAt(c, i).id),
  },
  search: (c, i) => {
    const a = alarmAt(c, i);
    return `${a.definition.name} ${a.definition.key} ${a.subjectName} ${severityText(a)} ${stateText(a)}`.toLowerCase();
  },
  subject: (c, i) => {
    const a = alarmAt(c, i);
    return a.subjectType === 'host' || a.subjectType === 'workload' ? { type: a.subjectType, id: a.subjectId } : undefined;
  },
};
