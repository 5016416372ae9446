// Events: the one log, newest first.

import { simTime } from '../format.js';
import { severityTone } from './tones.js';
import type { PaneDef, RowContext } from './types.js';

const entry = (c: RowContext, i: number) => c.events[i];

export const eventsPane: PaneDef = {
  id: 'events',
  title: 'Events',
  empty: 'Nothing has happened yet.',
  rows: (ctx) => ctx.events.map((_, i) => i),
  columns: [
    {
      id: 'time',
      title: 'TIME',
      width: 8,
      drop: 0,
      sort: 'sort.age',
      numeric: true,
      text: (c, i) => simTime(entry(c, i).at),
      value: (c, i) => entry(c, i).seq,
    },
    {
      id: 'severity',
      title: 'LEVEL',
      width: 8,
      drop: 2,
      sort: 'sort.state',
      text: (c, i) => entry(c, i).severity,
      tone: (c, i) => severityTone(entry(c, i).severity),
    },
    { id: 'subject', title: 'OBJECT', width: 16, drop: 1, sort: 'sort.name', text: (c, i) => entry(c, i).subjectId },
    { id: 'kind', title: 'KIND', width: 20, drop: 3, sort: 'sort.platform', text: (c, i) => entry(c, i).kind },
    {
      id: 'message',
      title: 'MESSAGE',
      width: 70,
      flex: true,
      drop: 0,
      text: (c, i) => entry(c, i).message,
      tone: (c, i) => severityTone(entry(c, i).severity),
    },
  ],
  fields: {
    level: (c, i) => entry(c, i).severity,
    severity: (c, i) => entry(c, i).severity,
    kind: (c, i) => entry(c, i).kind,
    object: (c, i) => entry(c, i).subjectId,
    name: (c, i) => entry(c, i).subjectId,
    host: (c, i) => (entry(c, i).subjectType === 'host' ? entry(c, i).subjectId : ''),
    type: (c, i) => entry(c, i).subjectType,
  },
  search: (c, i) => `${entry(c, i).subjectId} ${entry(c, i).kind} ${entry(c, i).message}`.toLowerCase(),
  subject: (c, i) => {
    const e = entry(c, i);
    return e.subjectType === 'host' || e.subjectType === 'workload' ? { type: e.subjectType, id: e.subjectId } : undefined;
  },
};
