// govc's alarm commands over the estate's alarm monitor (observe/alarms.ts), in
// govc's words. Sources: govmomi cli/alarm/state.go (`alarms`: a tabwriter
// table, minwidth 2, padding 2, "Alarm Name, Object, Severity, Triggered Time,
// Acknowledged Time, Acknowledged By"; times as Go's time.Stamp; -n matches the
// alarm's name or system name; -ack acknowledges each alarm not yet
// acknowledged, then lists again; declared alarms, -d, are not simulated), alarm/
// manager.go (Object is the entity's "Type:value" reference, its inventory path
// with -l; Severity by status: Normal, Warning, Alert), cli/alarm/info.go
// (`alarm.info`: Name, SystemName, Description, Enabled, a block an alarm),
// govc/test/alarms.bats (no alarm triggered: the header alone).
import type { Alarm } from '../../observe/alarms.js';
import { bool, type ParsedFlags, str } from '../cli/flags.js';
import { goTabwriter, runeCount } from '../cli/table.js';
import { clockOf, MONTHS, SIM_EPOCH_MS } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { VmwareDriver } from './driver.js';
import { type Cmd, hostMoref, usage, vmMoref } from './govc-common.js';
import { govcDatastores } from './govc-storage.js';
import { entityAt, hostEntity, vmEntity } from './inventory-paths.js';

/** Go's time.Stamp, "Jan _2 15:04:05", in simulated time. */
export function goStamp(simMs: number): string {
  const d = new Date(SIM_EPOCH_MS + simMs);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${clockOf(d)}`;
}

/** An alarm's object as vSphere knows it, or undefined when it is not vSphere's (a Hyper-V host, a cloud VM). */
function objectOf(vmw: VmwareDriver, a: Alarm): { readonly moref: string; readonly path: string } | undefined {
  if (a.definition.family !== 'vsphere') return undefined;
  if (a.subjectType === 'host') {
    if (!vmw.hosts().some((h) => h.id === a.subjectId)) return undefined;
    return { moref: `HostSystem:${hostMoref(vmw, a.subjectId)}`, path: hostEntity(vmw, a.subjectId).path };
  }
  if (a.subjectType === 'workload') {
    const vm = vmw.workload(a.subjectId);
    return vm ? { moref: `VirtualMachine:${vmMoref(vmw, vm.id)}`, path: vmEntity(vmw, vm).path } : undefined;
  }
  const all = govcDatastores(vmw);
  const i = all.findIndex((d) => d.id === a.subjectId);
  return i < 0 ? undefined : { moref: `Datastore:datastore-${i + 100}`, path: `/${all[i].dc}/datastore/${all[i].name}` };
}

/** The triggered alarms on PATH and the objects below it ("propagated up the inventory hierarchy"), filtered by -n. */
function triggeredUnder(vmw: VmwareDriver, f: ParsedFlags, path: string): { alarm: Alarm; moref: string; path: string }[] {
  const monitor = vmw.alarms;
  if (!monitor) return [];
  const name = str(f, 'n');
  const under = path === '/' ? '/' : `${path.replace(/\/+$/, '')}/`;
  const out: { alarm: Alarm; moref: string; path: string }[] = [];
  for (const a of monitor.triggered()) {
    if (name !== undefined && a.definition.key !== name && a.definition.name !== name) continue;
    const o = objectOf(vmw, a);
    if (!o || !(o.path === path || o.path.startsWith(under))) continue;
    out.push({ alarm: a, ...o });
  }
  // vCenter lists an entity's triggered alarms oldest first.
  return out.sort((x, y) => x.alarm.firedAt - y.alarm.firedAt || x.alarm.id - y.alarm.id);
}

export const ALARM_COMMANDS: Readonly<Record<string, Cmd>> = {
  alarms: {
    flags: {
      ack: { type: 'boolean' },
      n: { type: 'string' },
      l: { type: 'boolean' },
      dc: { type: 'string', ignored: true },
    },
    usage: 'alarms [OPTIONS] [PATH]',
    run: (vmw, f) => {
      if (f.positionals.length > 1) return usage('alarms', 'alarms [OPTIONS] [PATH]');
      const path = f.positionals[0] ?? '/';
      if (!entityAt(vmw, path)) return failure(`govc: object '${path}' not found`);
      let rows = triggeredUnder(vmw, f, path);
      let changed = false;
      if (bool(f, 'ack')) {
        const by = vmw.access?.actor ?? 'Administrator';
        for (const r of rows)
          if (r.alarm.acknowledgedBy === undefined) {
            vmw.alarms!.acknowledge(r.alarm.id, by);
            changed = true;
          }
        if (changed) vmw.sim.changed();
        rows = triggeredUnder(vmw, f, path);
      }
      const lines = [
        ['Alarm Name', 'Object', 'Severity', 'Triggered Time', 'Acknowledged Time', 'Acknowledged By'],
        ...rows.map((r) => [
          r.alarm.definition.name,
          bool(f, 'l') ? r.path : r.moref,
          r.alarm.level === 'critical' ? 'Alert' : 'Warning',
          goStamp(r.alarm.firedAt),
          r.alarm.acknowledgedAt === undefined ? '' : goStamp(r.alarm.acknowledgedAt),
          r.alarm.acknowledgedBy ?? '',
        ]),
      ];
      return output(goTabwriter(lines, { minWidth: 2, padding: 2, width: runeCount }), changed);
    },
  },
  'alarm.info': {
    flags: { n: { type: 'string', repeat: true }, dc: { type: 'string', ignored: true } },
    usage: 'alarm.info [OPTIONS] PATH',
    run: (vmw, f) => {
      if (f.positionals.length > 1) return usage('alarm.info', 'alarm.info [OPTIONS] PATH');
      const path = f.positionals[0] ?? '/';
      if (!entityAt(vmw, path)) return failure(`govc: object '${path}' not found`);
      const names = f.values.get('n');
      const wanted = Array.isArray(names) ? names : typeof names === 'string' ? [names] : [];
      // vCenter's default alarms are defined on the root folder: an object below it defines none of its own (GetAlarm).
      const defs = (path.replace(/\/+$/, '') === '' ? (vmw.alarms?.definitions() ?? []) : []).filter(
        (d) => d.family === 'vsphere' && (wanted.length === 0 || wanted.some((n) => n === d.key || n === d.name)),
      );
      const lines = defs.flatMap((d) => [
        ['Name:', d.name],
        ['  SystemName:', d.key],
        ['  Description:', d.description],
        ['  Enabled:', String(d.enabled)],
      ]);
      return output(goTabwriter(lines, { minWidth: 2, padding: 2, width: runeCount }));
    },
  },
};
