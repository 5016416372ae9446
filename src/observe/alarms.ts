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

/** What a condition has held so far on one object, as an estate file keeps it: since when each vCenter threshold has been
 * passed, or an Azure rule's last minutes (null: the VM reported nothing that minute). */
export interface SavedWatch {
  readonly key: string;
  readonly subjectId: string;
  readonly warningSince?: number;
  readonly criticalSince?: number;
  readonly window?: readonly (number | null)[];
}

/** Everything the monitor saves with an estate. */
export interface AlarmsState {
  readonly nextId: number;
  readonly open: readonly SavedAlarm[];
  readonly watches?: readonly SavedWatch[];
  /** The alert rules users made (az monitor metrics alert create). */
  readonly rules?: readonly AlarmDefinition[];
  /** The alarms that ended lately, the latest first (alarms --all), each with its object's name then. */
  readonly ended?: readonly EndedAlarm[];
}

export type EndedAlarm = SavedAlarm & { readonly subjectName: string; readonly endedAt: number };

const COLOURS: Record<AlarmLevel | 'normal', string> = { normal: 'Green', warning: 'Yellow', critical: 'Red' };

/** A vCenter condition's progress on one object: since when each threshold has been passed without a break. */
interface Since {
  warning?: number;
  critical?: number;
}

/** An Azure rule's last minutes for every cloud VM: `minutes` values a VM (NaN: it reported nothing), one ring position for all. */
interface Window {
  values: Float64Array;
  /** VMs it has room for. */
  room: number;
  /** Minutes written so far. */
  written: number;
}

/** One definition's alarms and what its conditions have held, by the id of the object. */
interface DefState {
  readonly def: AlarmDefinition;
  readonly open: Map<string, Alarm>;
  readonly since: Map<string, Since>;
  readonly window?: Window;
}

export class AlarmMonitor {
  /** The definitions it judges with, the platforms' defaults, each with its state. */
  private readonly states: DefState[] = [...VSPHERE_ALARMS, ...AZURE_RECOMMENDED].map(stateFor);
  private readonly ended: Alarm[] = [];
  private nextId = 1;
  /** Counts every change, for views that redraw on one. */
  version = 0;

  constructor(private readonly sim: SimulationApi) {
    sim.onMinute(() => this.check());
  }

  definitions(): readonly AlarmDefinition[] {
    return this.states.map((s) => s.def);
  }

  definition(key: string): AlarmDefinition | undefined {
    return this.stateOf(key)?.def;
  }

  /** Adds a user's rule (an Azure metric alert rule), or says why not. Its window fills from the next minute. */
  addRule(def: AlarmDefinition): string | undefined {
    if (this.stateOf(def.key)) return `an alert rule "${def.name}" already exists in ${def.resourceGroup ?? 'the estate'}`;
    const st = stateFor({ ...def, custom: true });
    this.states.push(st);
    this.version++;
    // The platform kept the VM's metrics before the rule was made: its first check averages the minutes already there.
    const win = st.window;
    const row = def.scope === undefined ? undefined : this.sim.workloadRow(def.scope);
    if (win && row) {
      const n = def.windowMinutes;
      grow(win, this.sim.workloadCount, n);
      const minutes = row.history(def.metric === 'cpu' ? 'cpu' : 'memory', 'minute').slice(-n);
      const values = def.metric === 'available-memory' ? minutes.map((pct) => Math.round(row.memoryMiB * 1048576 * (1 - pct / 100))) : minutes;
      win.written = values.length;
      for (const [k, v] of values.entries()) win.values[row.index * n + k] = v;
    }
    return undefined;
  }

  /** Removes a user's rule and the alerts it fired, or says why not. */
  removeRule(key: string): string | undefined {
    const st = this.stateOf(key);
    if (!st?.def.custom) return st ? `"${st.def.name}" is a built-in rule` : `no alert rule "${key}"`;
    this.states.splice(this.states.indexOf(st), 1);
    this.version++;
    return undefined;
  }

  /** The rules users made, in the order they were made. */
  rules(): AlarmDefinition[] {
    return this.states.filter((s) => s.def.custom).map((s) => s.def);
  }

  private stateOf(key: string): DefState | undefined {
    const k = key.toLowerCase();
    return this.states.find((s) => s.def.key.toLowerCase() === k);
  }

  private *allOpen(): Generator<Alarm> {
    for (const s of this.states) yield* s.open.values();
  }

  /** The alarms triggered now, the worst first, then the oldest. */
  triggered(): Alarm[] {
    return [...this.allOpen()].sort((a, b) => rank(b) - rank(a) || a.firedAt - b.firedAt || a.id - b.id);
  }

  /** The alarms that ended lately, the latest first. */
  endedLately(): readonly Alarm[] {
    return this.ended;
  }

  find(id: number): Alarm | undefined {
    for (const a of this.allOpen()) if (a.id === id) return a;
    return undefined;
  }

  /** How many are triggered and not acknowledged or closed, and the worst level among them. */
  count(): { readonly total: number; readonly unacknowledged: number; readonly worst?: AlarmLevel } {
    let total = 0;
    let unacknowledged = 0;
    let worst: AlarmLevel | undefined;
    for (const a of this.allOpen()) {
      total++;
      if (a.acknowledgedBy !== undefined || a.closedBy !== undefined) continue;
      unacknowledged++;
      if (worst !== 'critical') worst = a.level;
    }
    return { total, unacknowledged, ...(worst ? { worst } : {}) };
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

  /** Judges every definition on every object it watches, at the end of a minute (one pass over hosts, one over workloads). */
  check(): void {
    const sim = this.sim;
    // The minute just closed: [end - 1 min, end).
    const end = Math.floor(sim.now / MINUTE_MS) * MINUTE_MS;
    const minute = end / MINUTE_MS;
    const on = (target: AlarmDefinition['target']) => this.states.filter((s) => s.def.enabled && s.def.target === target);
    const hostStates = on('host');
    const host = sim.hostCursor();
    for (let h = 0; h < sim.hostCount; h++) {
      host.at(h);
      if (host.removed || host.platform === 'azure') continue;
      const failed = host.state === 'failed';
      for (const st of hostStates) {
        // A failed host measures nothing: its usage is nought (its connection alarm says what is wrong).
        const value = st.def.metric === 'connection' ? (failed ? 1 : 0) : failed ? 0 : host.lastMinute(st.def.metric === 'memory' ? 'memory' : 'cpu');
        if (value !== undefined) this.judgeVsphere(st, 'host', host.id, () => host.name, value, end);
      }
    }
    for (const st of on('datastore'))
      for (const d of sim.datastoreFill()) this.judgeVsphere(st, 'datastore', d.id, () => d.id, d.capacityMiB > 0 ? (100 * d.usedMiB) / d.capacityMiB : 0, end);
    const vmStates = on('vm');
    const cloudStates = on('cloud-vm');
    for (const st of cloudStates) grow(st.window!, sim.workloadCount, st.def.windowMinutes);
    const row = sim.workloadCursor();
    for (let w = 0; w < sim.workloadCount; w++) {
      row.at(w);
      const kind = row.kind;
      if (kind === 'container') continue;
      const state = row.state;
      if (state === 'deleted' || row.template) continue;
      const running = state === 'running' || state === 'migrating';
      if (kind === 'vm') {
        // A powered-off VM's usage is nought in vCenter.
        for (const st of vmStates) {
          const value = running ? (row.lastMinute(st.def.metric === 'memory' ? 'memory' : 'cpu') ?? 0) : 0;
          this.judgeVsphere(st, 'workload', row.id, () => row.name, value, end);
        }
        continue;
      }
      for (const st of cloudStates) {
        if (st.def.scope !== undefined && row.id !== st.def.scope) continue;
        // A cloud VM that is not running reports no metrics at all.
        const pct = running ? row.lastMinute(st.def.metric === 'cpu' ? 'cpu' : 'memory') : undefined;
        const value = pct === undefined ? Number.NaN : st.def.metric === 'available-memory' ? Math.round(row.memoryMiB * 1048576 * (1 - pct / 100)) : pct;
        const win = st.window!;
        win.values[w * st.def.windowMinutes + (win.written % st.def.windowMinutes)] = value;
        if (minute % st.def.everyMinutes === 0) this.judgeAzure(st, row.id, () => row.name, aggregate(win, w, st.def));
      }
    }
    for (const st of cloudStates) st.window!.written++;
    // An object that is gone takes its alarms, and what its conditions held, with it.
    for (const st of this.states) {
      const type = subjectTypeOf(st.def);
      for (const [id, a] of st.open)
        if (this.nameOf(type, id) === undefined) {
          st.open.delete(id);
          a.endedAt = sim.now;
          this.version++;
        }
      for (const id of st.since.keys()) if (this.nameOf(type, id) === undefined) st.since.delete(id);
    }
  }

  private judgeVsphere(st: DefState, type: Alarm['subjectType'], id: string, name: () => string, value: number, end: number): void {
    const def = st.def;
    const beyond = (threshold: number | undefined) => threshold !== undefined && (def.above ? value > threshold : value < threshold);
    const overWarning = beyond(def.warning);
    const overCritical = beyond(def.critical);
    // Most objects, most minutes: nothing passed, nothing open, nothing held. No lookup needed when the definition has neither.
    if (!overWarning && !overCritical && (st.open.size === 0 || !st.open.has(id)) && (st.since.size === 0 || !st.since.has(id))) return;
    // Since when each threshold has been passed without a break, counted from the start of the minute it was first passed in.
    const w = st.since.get(id) ?? {};
    const from = end - MINUTE_MS;
    if (overWarning) w.warning ??= from;
    else delete w.warning;
    if (overCritical) w.critical ??= from;
    else delete w.critical;
    if (w.warning === undefined && w.critical === undefined) st.since.delete(id);
    else st.since.set(id, w);
    const held = (since: number | undefined) => since !== undefined && end - since >= def.windowMinutes * MINUTE_MS;
    const was = st.open.get(id);
    // A state is entered when its condition has held for the interval, and left when the value falls back past its threshold.
    let level: AlarmLevel | undefined = held(w.critical) ? 'critical' : held(w.warning) ? 'warning' : undefined;
    if (was?.level === 'critical' && overCritical) level = 'critical';
    if (was && level === undefined && overWarning) level = 'warning';
    if (level === (was?.level ?? undefined)) {
      if (was) was.value = value;
      return;
    }
    const subject = was?.subjectName ?? name();
    const message = `Alarm '${def.name}' on ${subject} changed from ${COLOURS[was?.level ?? 'normal']} to ${COLOURS[level ?? 'normal']}`;
    if (level === undefined) {
      this.end(was!);
      this.note(was!, 'alarm.status', 'info', message);
      return;
    }
    const a = was ?? this.start(st, type, id, subject, level, value);
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

  private judgeAzure(st: DefState, id: string, name: () => string, average: number | undefined): void {
    const def = st.def;
    const threshold = def.warning ?? 0;
    const met =
      average !== undefined &&
      (def.above
        ? average > threshold || (def.inclusive === true && average === threshold)
        : average < threshold || (def.inclusive === true && average === threshold));
    const was = st.open.get(id);
    if (was) {
      if (met) {
        was.misses = 0;
        was.value = average;
        return;
      }
      was.misses++;
      if (was.misses < AZURE_RESOLVE_CHECKS) return;
      this.end(was);
      this.note(was, 'alarm.resolved', 'info', `Alert '${def.name}' on ${was.subjectName} resolved: ${condition(def, average)}`);
      return;
    }
    if (!met) return;
    const level = azureLevel(def.severity ?? 2);
    const a = this.start(st, 'workload', id, name(), level, average);
    this.version++;
    this.note(a, 'alarm.fired', level, `Alert '${def.name}' (Sev${def.severity}) fired on ${a.subjectName}: ${condition(def, average)}`);
  }

  private start(st: DefState, type: Alarm['subjectType'], id: string, name: string, level: AlarmLevel, value: number): Alarm {
    const a: Alarm = {
      id: this.nextId++,
      definition: st.def,
      subjectType: type,
      subjectId: id,
      subjectName: name,
      level,
      value,
      firedAt: this.sim.now,
      changedAt: this.sim.now,
      misses: 0,
    };
    st.open.set(id, a);
    return a;
  }

  private end(a: Alarm): void {
    this.stateOf(a.definition.key)?.open.delete(a.subjectId);
    a.endedAt = this.sim.now;
    this.ended.unshift(a);
    if (this.ended.length > KEPT_ENDED) this.ended.length = KEPT_ENDED;
    this.version++;
  }

  private note(a: Alarm, kind: string, severity: 'info' | AlarmLevel, message: string): void {
    this.sim.log.append({ kind, subjectType: a.subjectType, subjectId: a.subjectId, severity, message });
  }

  /** What is saved with the estate: the open alarms, what each condition has held so far, and the next number. */
  save(): AlarmsState {
    const watches: SavedWatch[] = [];
    const open: SavedAlarm[] = [];
    for (const st of this.states) {
      const type = subjectTypeOf(st.def);
      // What is on an object gone since the last check (a VM deleted) is not written: it would not be there on reading.
      for (const a of st.open.values())
        if (this.nameOf(type, a.subjectId) !== undefined) {
          const { definition, subjectName: _, endedAt: __, ...rest } = a;
          open.push({ key: definition.key, ...rest });
        }
      for (const [id, w] of st.since)
        if (this.nameOf(type, id) !== undefined)
          watches.push({
            key: st.def.key,
            subjectId: id,
            ...(w.warning !== undefined ? { warningSince: w.warning } : {}),
            ...(w.critical !== undefined ? { criticalSince: w.critical } : {}),
          });
      const win = st.window;
      if (!win) continue;
      const n = st.def.windowMinutes;
      const kept = Math.min(win.written, n);
      const row = this.sim.workloadCursor();
      // A rule on one VM keeps a window for that VM alone: only its row is read.
      const only = st.def.scope === undefined ? undefined : this.sim.workloadRow(st.def.scope)?.index;
      for (let w = only ?? 0; w < (only !== undefined ? only + 1 : Math.min(win.room, this.sim.workloadCount)); w++) {
        if (w >= win.room) break;
        const values = Array.from({ length: kept }, (_, k) => win.values[w * n + ((win.written - kept + k) % n)]);
        if (values.every((v) => Number.isNaN(v))) continue;
        row.at(w);
        if (row.state === 'deleted') continue;
        watches.push({ key: st.def.key, subjectId: row.id, window: values.map((v) => (Number.isNaN(v) ? null : v)) });
      }
    }
    const rules = this.rules();
    const ended = this.ended.map(({ definition, ...rest }) => ({ key: definition.key, ...rest, endedAt: rest.endedAt ?? this.sim.now }));
    return {
      nextId: this.nextId,
      open,
      ...(watches.length > 0 ? { watches } : {}),
      ...(rules.length > 0 ? { rules } : {}),
      ...(ended.length > 0 ? { ended } : {}),
    };
  }

  /** Puts a saved state back, or says what in it does not hold together. */
  load(saved: AlarmsState): string | undefined {
    for (const r of saved.rules ?? []) {
      const problem = this.addRule(r);
      if (problem) return problem;
    }
    for (const s of saved.open) {
      const st = this.stateOf(s.key);
      if (!st) return `alarm ${s.id}: no alarm definition "${s.key}"`;
      const name = this.nameOf(s.subjectType, s.subjectId);
      // An object taken out of the file by hand took its alarms with it, as one that goes does (check).
      if (name === undefined) continue;
      if (st.open.has(s.subjectId)) return `alarm ${s.id}: "${st.def.name}" on ${name} is listed twice`;
      const { key: _, ...rest } = s;
      st.open.set(s.subjectId, { ...rest, definition: st.def, subjectName: name });
    }
    for (const { key, subjectId, warningSince, criticalSince, window } of saved.watches ?? []) {
      const st = this.stateOf(key);
      if (!st) return `watch of ${subjectId}: no alarm definition "${key}"`;
      if (warningSince !== undefined || criticalSince !== undefined)
        st.since.set(subjectId, {
          ...(warningSince !== undefined ? { warning: warningSince } : {}),
          ...(criticalSince !== undefined ? { critical: criticalSince } : {}),
        });
      const w = this.sim.workloadRow(subjectId)?.index;
      if (!window || !st.window || w === undefined) continue;
      const n = st.def.windowMinutes;
      if (window.length > n) return `watch of ${subjectId}: a window of ${window.length} minutes, "${key}" averages ${n}`;
      const win = st.window;
      grow(win, this.sim.workloadCount, n);
      // Every VM's minutes are written together: the file's windows end at the same minute.
      win.written = Math.max(win.written, window.length);
      for (const [k, v] of window.entries()) win.values[w * n + ((win.written - window.length + k) % n)] = v ?? Number.NaN;
    }
    if ((saved.ended?.length ?? 0) > KEPT_ENDED) return `${saved.ended!.length} ended alarms, more than the ${KEPT_ENDED} kept`;
    this.ended.length = 0;
    for (const e of saved.ended ?? []) {
      const st = this.stateOf(e.key);
      if (!st) return `alarm ${e.id}: no alarm definition "${e.key}"`;
      const { key: _, ...rest } = e;
      this.ended.push({ ...rest, definition: st.def });
    }
    let next = Math.max(saved.nextId, 1);
    for (const a of [...saved.open, ...(saved.ended ?? [])]) next = Math.max(next, a.id + 1);
    this.nextId = next;
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

/** Room in a window for `count` VMs; the new ones' minutes are unknown (NaN) until written. */
function grow(win: Window, count: number, minutes: number): void {
  if (count <= win.room) return;
  const room = Math.max(count, Math.ceil(win.room * 1.25));
  const values = new Float64Array(room * minutes).fill(Number.NaN);
  values.set(win.values);
  win.values = values;
  win.room = room;
}

/** A VM's minutes written, aggregated as the rule says (NaN ones left out), or undefined when it reported none. */
function aggregate(win: Window, w: number, def: AlarmDefinition): number | undefined {
  const minutes = def.windowMinutes;
  const kept = Math.min(win.written + 1, minutes);
  let sum = 0;
  let n = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < kept; k++) {
    const v = win.values[w * minutes + ((win.written - k + minutes) % minutes)];
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (n === 0) return undefined;
  return def.aggregation === 'Minimum' ? min : def.aggregation === 'Maximum' ? max : sum / n;
}

function stateFor(def: AlarmDefinition): DefState {
  return {
    def,
    open: new Map(),
    since: new Map(),
    ...(def.family === 'azure' ? { window: { values: new Float64Array(0), room: 0, written: 0 } } : {}),
  };
}

const subjectTypeOf = (def: AlarmDefinition): Alarm['subjectType'] => (def.target === 'host' ? 'host' : def.target === 'datastore' ? 'datastore' : 'workload');

const rank = (a: Alarm) => (a.level === 'critical' ? 2 : 1) * (a.acknowledgedBy === undefined && a.closedBy === undefined ? 2 : 1);

/** "Average Percentage CPU 86.4 > 80 over 5 minutes", as the alert's condition reads. */
export function condition(def: AlarmDefinition, value: number | undefined): string {
  const op = `${def.above ? '>' : '<'}${def.inclusive ? '=' : ''}`;
  const shown = (v: number) => (def.metric === 'available-memory' ? `${(v / AZURE_GB).toFixed(2)} GB` : Number.isInteger(v) ? String(v) : v.toFixed(1));
  const now = value === undefined ? 'no data' : shown(value);
  return `${def.aggregation ?? 'Average'} ${def.metricName} ${now} ${op} ${shown(def.warning ?? 0)} over ${def.windowMinutes} minute${def.windowMinutes === 1 ? '' : 's'}`;
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
