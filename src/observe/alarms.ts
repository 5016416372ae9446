// The alarm monitor: at the end of each minute of sim time (the rollups'
// minute, Simulation.onMinute) it judges each definition (alarm-definitions.ts)
// on each object it watches, from the minute's average, and writes every change
// of state to the event log in the platform's words. vCenter's alarms go green,
// yellow, red and back, and can be acknowledged or reset to green; Azure's alerts
// fire, resolve after three checks in a row that do not meet the condition, and
// take a user response (New, Acknowledged, Closed). What a condition has held so
// far (since when, the window's minutes) is its own state, saved with the estate,
// so a reloaded estate alarms exactly as the original would.

import { MINUTE_MS } from '../core/duration.js';
import type { SimulationApi, SubjectType } from '../core/index.js';
import {
  type AlarmDefinition,
  type AlarmLevel,
  AZURE_GB,
  AZURE_RECOMMENDED,
  AZURE_RESOLVE_CHECKS,
  AZURE_SEVERITY_NAMES,
  azureLevel,
  VSPHERE_ALARMS,
} from './alarm-definitions.js';

/** Resolved and reset alarms kept for the Alarms view after they end. */
export const KEPT_ENDED = 50;

/** Azure's user response to an alert (Microsoft Learn, "Azure Monitor alerts overview"). */
export type UserResponse = 'New' | 'Acknowledged' | 'Closed';

export interface Alarm {
  /** A number for people to name it by (alarms ack 3), counting up for the estate's life. */
  readonly id: number;
  readonly definition: AlarmDefinition;
  readonly subjectType: Extract<SubjectType, 'host' | 'workload' | 'datastore'>;
  readonly subjectId: string;
  readonly subjectName: string;
  level: AlarmLevel;
  /** The value that last met the condition: a percent, or bytes for Available Memory Bytes. */
  value: number;
  readonly firedAt: number;
  changedAt: number;
  acknowledgedBy?: string;
  acknowledgedAt?: number;
  /** Azure: who closed it, and when (it stays fired until its condition resolves). */
  closedBy?: string;
  closedAt?: number;
  /** When it went back to green or resolved (an alarm kept for the view after it ended). */
  endedAt?: number;
  /** Azure: checks in a row that did not meet the condition. */
  misses: number;
}

/** The alarm as it is saved in an estate file. */
export type SavedAlarm = Omit<Alarm, 'definition' | 'subjectName' | 'endedAt'> & { readonly key: string };

/** What a condition has held so far on one object: since when each vCenter threshold has been passed, an Azure rule's window of minutes. */
export interface Watch {
  warningSince?: number;
  criticalSince?: number;
  /** The last minutes' values, oldest first (null: the object reported nothing that minute). */
  window?: (number | null)[];
}

/** A watch as an estate file keeps it: the definition's key and the object's id with it. */
export type SavedWatch = Watch & { readonly key: string; readonly subjectId: string };

/** Everything the monitor saves with an estate. */
export interface AlarmsState {
  readonly nextId: number;
  readonly open: readonly SavedAlarm[];
  readonly watches?: readonly SavedWatch[];
}

const COLOURS: Record<AlarmLevel | 'normal', string> = { normal: 'Green', warning: 'Yellow', critical: 'Red' };

export class AlarmMonitor {
  /** The definitions it judges with: the platforms' defaults. */
  private readonly defs: readonly AlarmDefinition[] = [...VSPHERE_ALARMS, ...AZURE_RECOMMENDED];
  private readonly open = new Map<string, Alarm>();
  private readonly watches = new Map<string, Watch>();
  private readonly ended: Alarm[] = [];
  private nextId = 1;
  /** Counts every change, for views that redraw on one. */
  version = 0;

  constructor(private readonly sim: SimulationApi) {
    sim.onMinute(() => this.check());
  }

  definitions(): readonly AlarmDefinition[] {
    return this.defs;
  }

  definition(key: string): AlarmDefinition | undefined {
    return this.defs.find((d) => d.key.toLowerCase() === key.toLowerCase());
  }

  /** The alarms triggered now, the worst first, then the oldest. */
  triggered(): Alarm[] {
    return [...this.open.values()].sort((a, b) => rank(b) - rank(a) || a.firedAt - b.firedAt || a.id - b.id);
  }

  /** The alarms that ended lately, the latest first. */
  endedLately(): readonly Alarm[] {
    return this.ended;
  }

  find(id: number): Alarm | undefined {
    return [...this.open.values()].find((a) => a.id === id);
  }

  /** How many are triggered and not acknowledged or closed, and the worst level among them. */
  count(): { readonly total: number; readonly unacknowledged: number; readonly worst?: AlarmLevel } {
    let unacknowledged = 0;
    let worst: AlarmLevel | undefined;
    for (const a of this.open.values()) {
      if (a.acknowledgedBy !== undefined || a.closedBy !== undefined) continue;
      unacknowledged++;
      if (worst !== 'critical') worst = a.level;
    }
    return { total: this.open.size, unacknowledged, ...(worst ? { worst } : {}) };
  }

  /** vCenter's Acknowledge (actions stop, the alarm stays), Azure's user response Acknowledged. */
  acknowledge(id: number, by: string): string | undefined {
    const a = this.find(id);
    if (!a) return `no triggered alarm ${id}`;
    if (a.acknowledgedBy !== undefined) return `alarm ${id} was acknowledged by ${a.acknowledgedBy}`;
    a.acknowledgedBy = by;
    a.acknowledgedAt = this.sim.now;
    this.version++;
    const message =
      a.definition.family === 'vsphere'
        ? `Alarm '${a.definition.name}' on ${a.subjectName} acknowledged by ${by}`
        : `Alert '${a.definition.name}' on ${a.subjectName}: user response changed from New to Acknowledged by ${by}`;
    this.note(a, 'alarm.acknowledged', 'info', message);
    return undefined;
  }

  /**
   * vCenter's "Reset to Green": the alarm ends now (its condition, still true,
   * triggers it again at its next check). Azure's user response Closed: the alert
   * stays fired until its condition resolves, but no longer counts.
   */
  reset(id: number, by: string): string | undefined {
    const a = this.find(id);
    if (!a) return `no triggered alarm ${id}`;
    this.version++;
    if (a.definition.family === 'azure') {
      if (a.closedBy !== undefined) return `alert ${id} was closed by ${a.closedBy}`;
      const was = a.acknowledgedBy !== undefined ? 'Acknowledged' : 'New';
      a.closedBy = by;
      a.closedAt = this.sim.now;
      this.note(a, 'alarm.closed', 'info', `Alert '${a.definition.name}' on ${a.subjectName}: user response changed from ${was} to Closed by ${by}`);
      return undefined;
    }
    this.end(a);
    this.note(a, 'alarm.reset', 'info', `Alarm '${a.definition.name}' on ${a.subjectName} manually reset from ${COLOURS[a.level]} to Green by ${by}`);
    return undefined;
  }

  /** Judges every definition on every object it watches, at the end of a minute. */
  check(): void {
    // The minute just closed: [end - 1 min, end).
    const end = Math.floor(this.sim.now / MINUTE_MS) * MINUTE_MS;
    const seen = new Set<string>();
    for (const def of this.defs) {
      if (!def.enabled) continue;
      const judged = (end / MINUTE_MS) % def.everyMinutes === 0;
      for (const s of this.subjects(def)) {
        const key = keyOf(def, s.id);
        seen.add(key);
        if (def.family === 'vsphere') this.judgeVsphere(def, key, s, end);
        else this.judgeAzure(def, key, s, judged);
      }
    }
    // An object that is gone takes its alarms, and what its conditions held, with it.
    for (const [k, a] of this.open)
      if (!seen.has(k)) {
        this.open.delete(k);
        a.endedAt = this.sim.now;
        this.version++;
      }
    for (const k of this.watches.keys()) if (!seen.has(k)) this.watches.delete(k);
  }

  private judgeVsphere(def: AlarmDefinition, key: string, s: Subject, end: number): void {
    const value = s.value();
    if (value === undefined) return; // nothing measured: the state stands
    const beyond = (threshold: number | undefined) => threshold !== undefined && (def.above ? value > threshold : value < threshold);
    // Since when each threshold has been passed without a break, counted from the start of the minute it was first passed in.
    const w = this.watches.get(key) ?? {};
    const from = end - MINUTE_MS;
    if (beyond(def.warning)) w.warningSince ??= from;
    else delete w.warningSince;
    if (beyond(def.critical)) w.criticalSince ??= from;
    else delete w.criticalSince;
    if (w.warningSince === undefined && w.criticalSince === undefined) this.watches.delete(key);
    else this.watches.set(key, w);
    const held = (since: number | undefined) => since !== undefined && end - since >= def.windowMinutes * MINUTE_MS;
    const was = this.open.get(key);
    // A state is entered when its condition has held for the interval, and left when the value falls back past its threshold.
    let level: AlarmLevel | undefined = held(w.criticalSince) ? 'critical' : held(w.warningSince) ? 'warning' : undefined;
    if (was?.level === 'critical' && beyond(def.critical)) level = 'critical';
    if (was && level === undefined && beyond(def.warning)) level = 'warning';
    if (level === (was?.level ?? undefined)) {
      if (was) was.value = value;
      return;
    }
    const message = `Alarm '${def.name}' on ${s.name} changed from ${COLOURS[was?.level ?? 'normal']} to ${COLOURS[level ?? 'normal']}`;
    if (level === undefined) {
      this.end(was!);
      this.note(was!, 'alarm.status', 'info', message);
      return;
    }
    const a = was ?? this.start(def, key, s, level, value);
    if (was) {
      // An acknowledgement lasts until the alarm has been green again (AcknowledgeAlarm: "until the alarm's next distinct occurrence").
      was.level = level;
      was.changedAt = this.sim.now;
      was.value = value;
    }
    this.version++;
    const reading = def.metric === 'connection' ? '' : ` (${def.metricName} = ${Math.round(value)}%)`;
    this.note(a, 'alarm.status', level === 'critical' ? 'critical' : 'warning', `${message}${reading}`);
  }

  private judgeAzure(def: AlarmDefinition, key: string, s: Subject, judged: boolean): void {
    // Every minute goes into the window; the rule is judged at its frequency on the window's average.
    const w = this.watches.get(key) ?? { window: [] };
    const window = w.window ?? [];
    window.push(s.value() ?? null);
    if (window.length > def.windowMinutes) window.splice(0, window.length - def.windowMinutes);
    w.window = window;
    this.watches.set(key, w);
    if (!judged) return;
    const points = window.filter((v): v is number => v !== null);
    const threshold = def.warning ?? 0;
    const average = points.length > 0 ? points.reduce((x, y) => x + y, 0) / points.length : undefined;
    const met = average !== undefined && (def.above ? average > threshold : average < threshold);
    const was = this.open.get(key);
    if (was) {
      if (met) {
        was.misses = 0;
        was.value = average;
        return;
      }
      was.misses++;
      if (was.misses < AZURE_RESOLVE_CHECKS) return;
      this.end(was);
      this.note(was, 'alarm.resolved', 'info', `Alert '${def.name}' on ${s.name} resolved: ${condition(def, average)}`);
      return;
    }
    if (!met) return;
    const level = azureLevel(def.severity ?? 2);
    const a = this.start(def, key, s, level, average);
    this.version++;
    this.note(a, 'alarm.fired', level, `Alert '${def.name}' (Sev${def.severity}) fired on ${s.name}: ${condition(def, average)}`);
  }

  private start(def: AlarmDefinition, key: string, s: Subject, level: AlarmLevel, value: number): Alarm {
    const a: Alarm = {
      id: this.nextId++,
      definition: def,
      subjectType: s.type,
      subjectId: s.id,
      subjectName: s.name,
      level,
      value,
      firedAt: this.sim.now,
      changedAt: this.sim.now,
      misses: 0,
    };
    this.open.set(key, a);
    return a;
  }

  private end(a: Alarm): void {
    this.open.delete(keyOf(a.definition, a.subjectId));
    a.endedAt = this.sim.now;
    this.ended.unshift(a);
    if (this.ended.length > KEPT_ENDED) this.ended.length = KEPT_ENDED;
    this.version++;
  }

  private note(a: Alarm, kind: string, severity: 'info' | AlarmLevel, message: string): void {
    this.sim.log.append({ kind, subjectType: a.subjectType, subjectId: a.subjectId, severity, message });
  }

  /** The objects a definition watches, each with a reader of its value for the minute just closed. */
  private *subjects(def: AlarmDefinition): Generator<Subject> {
    const sim = this.sim;
    if (def.target === 'host') {
      const row = sim.hostCursor();
      for (let h = 0; h < sim.hostCount; h++) {
        row.at(h);
        if (row.removed || row.platform === 'azure') continue;
        if (def.metric === 'connection') {
          const down = row.state === 'failed' ? 1 : 0;
          yield { type: 'host', id: row.id, name: row.name, value: () => down };
          continue;
        }
        // A failed host measures nothing: its usage is nought, and its usage alarms end (its connection alarm says what is wrong).
        const series = def.metric === 'memory' ? 'memory' : 'cpu';
        const up = row.state !== 'failed';
        yield { type: 'host', id: row.id, name: row.name, value: () => (up ? row.recentMinutes(series, 1)[0] : 0) };
      }
      return;
    }
    if (def.target === 'datastore') {
      for (const d of sim.datastoreFill()) {
        const pct = d.capacityMiB > 0 ? (d.usedMiB / d.capacityMiB) * 100 : 0;
        yield { type: 'datastore', id: d.id, name: d.id, value: () => pct };
      }
      return;
    }
    const kind = def.target === 'vm' ? 'vm' : 'cloud-vm';
    const row = sim.workloadCursor();
    for (let w = 0; w < sim.workloadCount; w++) {
      row.at(w);
      if (row.kind !== kind || row.state === 'deleted' || row.template) continue;
      if (def.scope !== undefined && row.name !== def.scope) continue;
      const running = row.state === 'running' || row.state === 'migrating';
      const memoryBytes = row.memoryMiB * 1024 * 1024;
      const series = def.metric === 'cpu' ? 'cpu' : 'memory';
      const minute = () => row.recentMinutes(series, 1)[0];
      // A powered-off VM's usage is nought in vCenter; a cloud VM that is not running reports no metrics at all.
      const value =
        def.family === 'vsphere'
          ? () => (running ? minute() : 0)
          : def.metric === 'available-memory'
            ? () => (running ? Math.round(memoryBytes * (1 - (minute() ?? 0) / 100)) : undefined)
            : () => (running ? minute() : undefined);
      yield { type: 'workload', id: row.id, name: row.name, value };
    }
  }

  /** What is saved with the estate: the open alarms, what each condition has held so far, and the next number. */
  save(): AlarmsState {
    // What is on an object gone since the last check (a VM deleted) is not written: it would not be there on reading.
    const watches = [...this.watches]
      .map(([k, w]) => {
        const [key, subjectId] = k.split('\u0000');
        return { key, subjectId, ...w, ...(w.window ? { window: [...w.window] } : {}) };
      })
      .filter((w) => {
        const def = this.definition(w.key);
        return def !== undefined && this.nameOf(subjectTypeOf(def), w.subjectId) !== undefined;
      });
    return {
      nextId: this.nextId,
      open: [...this.open.values()]
        .filter((a) => this.nameOf(a.subjectType, a.subjectId) !== undefined)
        .map(({ definition, subjectName: _, endedAt: __, ...rest }) => ({ key: definition.key, ...rest })),
      ...(watches.length > 0 ? { watches } : {}),
    };
  }

  /** Puts a saved state back, or says what in it does not hold together. */
  load(saved: AlarmsState): string | undefined {
    for (const s of saved.open) {
      const def = this.definition(s.key);
      if (!def) return `alarm ${s.id}: no alarm definition "${s.key}"`;
      const name = this.nameOf(s.subjectType, s.subjectId);
      // An object taken out of the file by hand took its alarms with it, as one that goes does (check).
      if (name === undefined) continue;
      const key = keyOf(def, s.subjectId);
      if (this.open.has(key)) return `alarm ${s.id}: "${def.name}" on ${name} is listed twice`;
      const { key: _, ...rest } = s;
      this.open.set(key, { ...rest, definition: def, subjectName: name });
    }
    for (const { key, subjectId, ...w } of saved.watches ?? []) {
      const def = this.definition(key);
      if (!def) return `watch of ${subjectId}: no alarm definition "${key}"`;
      this.watches.set(keyOf(def, subjectId), { ...w, ...(w.window ? { window: [...w.window] } : {}) });
    }
    this.nextId = Math.max(saved.nextId, ...saved.open.map((a) => a.id + 1), 1);
    this.version++;
    return undefined;
  }

  /** An object's name, or undefined when it is not (or no longer) in the estate. */
  private nameOf(type: Alarm['subjectType'], id: string): string | undefined {
    if (type === 'host') return this.sim.host(id)?.name;
    if (type === 'workload') {
      const w = this.sim.workload(id);
      return w && w.state !== 'deleted' ? w.name : undefined;
    }
    return this.sim.datastoreFill().some((d) => d.id === id) ? id : undefined;
  }
}

interface Subject {
  readonly type: Alarm['subjectType'];
  readonly id: string;
  readonly name: string;
  /** Its value for the minute just closed (a percent, or bytes), or undefined when it reported none. */
  value(): number | undefined;
}

const subjectTypeOf = (def: AlarmDefinition): Alarm['subjectType'] => (def.target === 'host' ? 'host' : def.target === 'datastore' ? 'datastore' : 'workload');

const keyOf = (def: AlarmDefinition, subjectId: string) => `${def.key}\u0000${subjectId}`;

const rank = (a: Alarm) => (a.level === 'critical' ? 2 : 1) * (a.acknowledgedBy === undefined && a.closedBy === undefined ? 2 : 1);

/** "Average Percentage CPU 86.4 > 80 over 5 minutes", as the alert's condition reads. */
export function condition(def: AlarmDefinition, value: number | undefined): string {
  const op = def.above ? '>' : '<';
  const shown = (v: number) => (def.metric === 'available-memory' ? `${(v / AZURE_GB).toFixed(2)} GB` : Number.isInteger(v) ? String(v) : v.toFixed(1));
  const now = value === undefined ? 'no data' : shown(value);
  return `Average ${def.metricName} ${now} ${op} ${shown(def.warning ?? 0)} over ${def.windowMinutes} minute${def.windowMinutes === 1 ? '' : 's'}`;
}

/** An alarm's level as its platform says it: vCenter's Warning or Alert, Azure's Sev3 Informational. */
export function severityText(a: Alarm): string {
  if (a.definition.family === 'vsphere') return a.level === 'critical' ? 'Alert' : 'Warning';
  const sev = a.definition.severity ?? 2;
  return `Sev${sev} ${AZURE_SEVERITY_NAMES[sev]}`;
}

/** An alarm's state as a person reads it: triggered, acknowledged (by whom), closed, or ended. */
export function stateText(a: Alarm): string {
  if (a.endedAt !== undefined) return a.definition.family === 'azure' ? 'Resolved' : 'Cleared';
  if (a.closedBy !== undefined) return `Closed by ${a.closedBy}`;
  if (a.acknowledgedBy !== undefined) return `Acknowledged by ${a.acknowledgedBy}`;
  return a.definition.family === 'azure' ? 'Fired' : 'Triggered';
}

/** The value an alarm last saw, as its metric reads: "93%", "0.76 GB", "not responding". */
export function alarmValue(a: Alarm): string {
  if (a.definition.metric === 'connection') return 'not responding';
  return a.definition.metric === 'available-memory' ? `${(a.value / AZURE_GB).toFixed(2)} GB` : `${Math.round(a.value)}%`;
}
