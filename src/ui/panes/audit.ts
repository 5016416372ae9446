// Audit: the audit trail, newest first (access/audit.ts), a view of the Events
// tab (:audit). An administrator sees everyone's entries; anyone else their own.

import type { AuditEntry } from '../../access/audit.js';
import { ADMINISTRATORS } from '../../access/directory.js';
import type { Token } from '../../config/theme-tokens.js';
import { simTime } from '../format.js';
import type { PaneDef, RowContext } from './types.js';

/** The entries the user acting may read, newest first. */
function entries(c: RowContext): readonly AuditEntry[] {
  const access = c.estate.providers.access;
  const all = access.audit.entries;
  const mine = access.groupsOf(access.actor).has(ADMINISTRATORS) ? all : all.filter((e) => e.user === access.actor);
  return [...mine].reverse();
}

/** The entries, worked out once per rows call: a pane's cells read them row by row. */
const cache = new WeakMap<RowContext, readonly AuditEntry[]>();
const entry = (c: RowContext, i: number): AuditEntry => {
  let list = cache.get(c);
  if (!list) cache.set(c, (list = entries(c)));
  return list[i];
};
const tone = (e: AuditEntry): Token | undefined => (e.result === 'denied' ? 'severity.critical' : e.result === 'failed' ? 'severity.warn' : undefined);

export const auditPane: PaneDef = {
  id: 'audit',
  title: 'Audit',
  empty: 'No change has been made, and nothing refused, yet.',
  rows: (ctx) => entries(ctx).map((_, i) => i),
  columns: [
    { id: 'time', title: 'TIME', width: 8, drop: 0, sort: 'sort.age', numeric: true, text: (c, i) => simTime(entry(c, i).at), value: (c, i) => entry(c, i).at },
    { id: 'user', title: 'USER', width: 14, drop: 1, sort: 'sort.name', text: (c, i) => entry(c, i).user },
    { id: 'result', title: 'RESULT', width: 9, drop: 0, sort: 'sort.state', text: (c, i) => entry(c, i).result, tone: (c, i) => tone(entry(c, i)) },
    { id: 'command', title: 'COMMAND', width: 40, flex: true, drop: 0, text: (c, i) => entry(c, i).command },
    { id: 'as', title: 'AS', width: 24, drop: 3, text: (c, i) => entry(c, i).as },
    { id: 'object', title: 'OBJECT', width: 24, drop: 2, text: (c, i) => entry(c, i).object },
  ],
  fields: {
    user: (c, i) => entry(c, i).user,
    result: (c, i) => entry(c, i).result,
    command: (c, i) => entry(c, i).command,
    object: (c, i) => entry(c, i).object,
    as: (c, i) => entry(c, i).as,
    id: (c, i) => entry(c, i).correlationId,
  },
  search: (c, i) => {
    const e = entry(c, i);
    return `${e.user} ${e.result} ${e.command} ${e.object} ${e.as} ${e.detail}`.toLowerCase();
  },
  subject: () => undefined,
};
