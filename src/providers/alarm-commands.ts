// hyperpane's own alarm command, the estate's alarms across platforms (govc
// alarms and az monitor show each platform's own):
//   alarms [--all]            the triggered alarms (--all: and those ended lately)
//   alarms ack ID...          acknowledge (vCenter's Acknowledge, Azure's user response Acknowledged)
//   alarms reset ID...        vCenter's Reset to Green; an Azure alert's user response Closed
//   alarms definitions        what each definition watches, its thresholds and interval
// Listing takes --format text|md|csv|json.
import { type AlarmMonitor, alarmValue, severityText, stateText } from '../observe/alarms.js';
import { SIM_EPOCH_MS } from './common.js';
import { failure, output } from './exec-result.js';
import { formatTable, takeFormat } from './plan-format.js';
import type { ExecResult } from './provider.js';

export const ALARMS_USAGE = `usage:
  alarms [--all] [--format text|md|csv|json]   the triggered alarms (--all: and those that ended lately)
  alarms ack ID...                            acknowledge alarms (their actions stop; they stay until cleared)
  alarms reset ID...                          reset vCenter alarms to green, close Azure alerts
  alarms definitions [--format ...]           what each alarm watches`;

/** "2026-01-01 00:12:00", as the log's times read. */
const when = (ms: number | undefined) => (ms === undefined ? '' : new Date(SIM_EPOCH_MS + ms).toISOString().replace('T', ' ').slice(0, 19));

export function alarmsCommand(monitor: AlarmMonitor, words: readonly string[], actor: string): ExecResult {
  const taken = takeFormat(words.slice(1));
  if (typeof taken === 'string') return failure(`alarms: ${taken}`, 2);
  const { format, rest } = taken;
  if (rest.includes('--help') || rest.includes('-h')) return output(ALARMS_USAGE);
  const [verb, ...args] = rest;
  if (verb === 'ack' || verb === 'reset') {
    if (args.length === 0) return failure(`alarms ${verb}: which alarm? (its ID, from "alarms")\n${ALARMS_USAGE}`, 2);
    const ids: number[] = [];
    for (const a of args) {
      if (!/^\d+$/.test(a)) return failure(`alarms ${verb}: "${a}" is not an alarm ID (a number, from "alarms")`, 2);
      ids.push(Number(a));
    }
    const done: string[] = [];
    const problems: string[] = [];
    for (const id of ids) {
      const problem = verb === 'ack' ? monitor.acknowledge(id, actor) : monitor.reset(id, actor);
      if (problem) problems.push(`alarms ${verb}: ${problem}`);
      else done.push(String(id));
    }
    const said = done.length === 0 ? '' : `${verb === 'ack' ? 'acknowledged' : 'reset'} alarm${done.length === 1 ? '' : 's'} ${done.join(', ')}\n`;
    return { exitCode: problems.length > 0 ? 1 : 0, stdout: said, stderr: problems.length > 0 ? `${problems.join('\n')}\n` : '', changed: done.length > 0 };
  }
  if (verb === 'definitions') {
    if (args.length > 0) return failure(`alarms: unexpected "${args[0]}"\n${ALARMS_USAGE}`, 2);
    return output(definitions(monitor, format));
  }
  const all = verb === '--all';
  if (verb !== undefined && !all) return failure(`alarms: unknown "${verb}"\n${ALARMS_USAGE}`, 2);
  if (args.length > 0) return failure(`alarms: unexpected "${args[0]}"\n${ALARMS_USAGE}`, 2);
  const list = [...monitor.triggered(), ...(all ? monitor.endedLately() : [])];
  const count = monitor.count();
  const notes = [`${count.total} triggered, ${count.unacknowledged} not acknowledged`];
  return output(
    formatTable(
      {
        columns: ['ID', 'SEVERITY', 'ALARM', 'OBJECT', 'VALUE', 'TRIGGERED', 'STATE'],
        rows: list.map((a) => [a.id, severityText(a), a.definition.name, a.subjectName, alarmValue(a), when(a.firedAt), stateText(a)]),
        notes,
        json: list.map((a) => ({
          id: a.id,
          alarm: a.definition.name,
          key: a.definition.key,
          family: a.definition.family,
          level: a.level,
          severity: severityText(a),
          objectType: a.subjectType,
          object: a.subjectName,
          value: a.value,
          triggered: when(a.firedAt),
          state: stateText(a),
          ...(a.acknowledgedBy !== undefined ? { acknowledgedBy: a.acknowledgedBy, acknowledged: when(a.acknowledgedAt) } : {}),
          ...(a.endedAt !== undefined ? { ended: when(a.endedAt) } : {}),
        })),
      },
      format,
    ),
  );
}

function definitions(monitor: AlarmMonitor, format: Parameters<typeof formatTable>[1]): string {
  const defs = monitor.definitions();
  const threshold = (d: (typeof defs)[number]) =>
    d.metric === 'connection'
      ? 'not responding: Alert'
      : d.family === 'vsphere'
        ? `${d.metricName} Warning > ${d.warning}%, Alert > ${d.critical}%`
        : `${d.metricName} ${d.above ? '>' : '<'} ${d.metric === 'available-memory' ? `${(d.warning ?? 0) / 1e9} GB` : `${d.warning}%`}`;
  return formatTable(
    {
      columns: ['ALARM', 'PLATFORM', 'WATCHES', 'CONDITION', 'FOR', 'EVERY', 'SEVERITY'],
      rows: defs.map((d) => [
        d.name,
        d.family === 'vsphere' ? 'vCenter' : 'Azure Monitor',
        d.scope ?? (d.target === 'cloud-vm' ? 'cloud VMs' : d.target === 'vm' ? 'VMs' : `${d.target}s`),
        threshold(d),
        d.family === 'vsphere' ? (d.windowMinutes === 0 ? 'at once' : `${d.windowMinutes} min`) : `avg ${d.windowMinutes} min`,
        `${d.everyMinutes} min`,
        d.family === 'vsphere' ? 'Warning, Alert' : `Sev${d.severity}`,
      ]),
      json: defs,
    },
    format,
  );
}
