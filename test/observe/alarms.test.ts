// The alarm monitor (observe/alarms.ts) on the built-in estate, driven by the
// virtual clock: vCenter's VM CPU usage alarm (yellow above 75%, red above 90%,
// each held 5 minutes: vim.alarm.MetricAlarmExpression's yellowInterval and
// redInterval), its reset when usage falls back, acknowledgement (AcknowledgeAlarm:
// the alarm stays, its actions stop), Azure Monitor's Percentage CPU rule (average
// over 5 minutes above 80, resolved after three checks that do not meet it), the
// host connection alarm, and govc alarms' table (govmomi cli/alarm/state.go).
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';

const MIN = 60_000;

function estate() {
  const e = buildDefaultEstate(1);
  return { e, sim: e.sim, alarms: e.providers.alarms };
}

const on = (alarms: ReturnType<typeof estate>['alarms'], key: string, id: string) =>
  alarms.triggered().find((a) => a.definition.key === key && a.subjectName === id);

describe('vCenter metric alarms', () => {
  it('a VM busy above 90% goes yellow, then red once that has held 5 minutes, and green again when it falls back', () => {
    const { e: built, sim, alarms } = estate();
    const messages = () =>
      sim.log
        .all()
        .filter((x) => x.kind === 'alarm.status' && x.subjectId === 'web-01')
        .map((x) => x.message);
    expect(sim.setLoad('web-01', 0.97).ok).toBe(true);
    sim.advance(3 * MIN);
    expect(on(alarms, 'alarm.VmCPUUsageAlarm', 'web-01')).toBeUndefined(); // not yet held for 5 minutes
    sim.advance(5 * MIN);
    const a = on(alarms, 'alarm.VmCPUUsageAlarm', 'web-01')!;
    expect(a.level).toBe('critical');
    expect(messages()[0]).toMatch(/^Alarm 'Virtual machine CPU usage' on web-01 changed from Green to Red \(CPU Usage = 9\d%\)$/);
    // Acknowledged: it stays, marked, and the header no longer counts it as unacknowledged.
    expect(alarms.acknowledge(a.id, 'admin')).toBeUndefined();
    expect(on(alarms, 'alarm.VmCPUUsageAlarm', 'web-01')!.acknowledgedBy).toBe('admin');
    expect(alarms.acknowledge(a.id, 'admin')).toMatch(/was acknowledged by admin/);
    sim.setLoad('web-01', 0.05);
    sim.advance(3 * MIN);
    expect(on(alarms, 'alarm.VmCPUUsageAlarm', 'web-01')).toBeUndefined();
    expect(messages().at(-1)).toBe("Alarm 'Virtual machine CPU usage' on web-01 changed from Red to Green");
    expect(alarms.endedLately()[0].id).toBe(a.id);
    // The ended alarm goes with the estate's file (alarms --all lists it after a reload), and numbering goes on after it.
    const e = estateFromJson(JSON.parse(JSON.stringify(estateToFile(built))));
    if (!e.ok) throw new Error(e.error.message);
    expect(e.value.providers.alarms.endedLately().map((x) => ({ ...x, definition: x.definition.key }))).toEqual(
      alarms.endedLately().map((x) => ({ ...x, definition: x.definition.key })),
    );
    expect(e.value.providers.alarms.save().nextId).toBe(alarms.save().nextId);
  });

  it('a VM between 75% and 90% is yellow (Warning), and a failed host is red at the next minute', () => {
    const { sim, alarms } = estate();
    sim.setLoad('web-01', 0.82);
    sim.advance(8 * MIN);
    expect(on(alarms, 'alarm.VmCPUUsageAlarm', 'web-01')?.level).toBe('warning');
    expect(sim.setHostState('esx-03', 'failed').ok).toBe(true);
    sim.advance(MIN);
    expect(on(alarms, 'alarm.HostConnectionStateAlarm', 'esx-03')?.level).toBe('critical');
  });

  it('runs the same on every run: the same load gives the same alarms at the same times', () => {
    const run = () => {
      const { sim } = estate();
      sim.setLoad('web-01', 0.95);
      sim.advance(20 * MIN);
      return sim.log
        .all()
        .filter((x) => x.kind.startsWith('alarm.'))
        .map((x) => `${x.at} ${x.message}`);
    };
    const first = run();
    expect(first.length).toBeGreaterThan(0);
    expect(run()).toEqual(first);
  });

  it('govc alarms lists them as govc does, and -ack acknowledges them as the user acting', () => {
    const { e, sim } = estate();
    sim.setLoad('web-01', 0.97);
    sim.advance(10 * MIN);
    const r = e.providers.exec('govc alarms');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Alarm Name +Object +Severity +Triggered Time +Acknowledged Time +Acknowledged By$/);
    expect(lines.find((l) => l.startsWith('Virtual machine CPU usage'))).toMatch(/VirtualMachine:vm-\d+ +Alert +Jan {2}1 \d\d:\d\d:00\s*$/);
    const acked = e.providers.exec('govc alarms -ack -n alarm.VmCPUUsageAlarm');
    expect(acked.changed).toBe(true);
    expect(acked.stdout).toMatch(/Alert +Jan {2}1 \d\d:\d\d:00 +Jan {2}1 \d\d:\d\d:00 +admin/);
    // -l: the inventory path; a path narrows the list to what is under it.
    expect(e.providers.exec('govc alarms -l /dc-east').stdout).toContain('/dc-east/vm/web-01');
    expect(e.providers.exec('govc alarms /dc-west').stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(e.providers.exec('govc alarms /nowhere').stderr).toBe("govc: object '/nowhere' not found\n");
  });
});

describe('Azure Monitor alerts', () => {
  it('Percentage CPU fires when the 5-minute average passes 80 (Sev3), and resolves after three checks under it', () => {
    const { sim, alarms } = estate();
    // A cloud VM's id is its resource id; its name is what people use.
    const api = sim.workloadViews().find((w) => w.name === 'shop-api')!.id;
    sim.setLoad(api, 0.95);
    sim.advance(12 * MIN);
    const a = on(alarms, 'Percentage CPU', 'shop-api')!;
    expect(a.level).toBe('warning');
    expect(sim.log.all().find((x) => x.kind === 'alarm.fired' && x.subjectId === api)?.message).toMatch(
      /^Alert 'Percentage CPU' \(Sev3\) fired on shop-api: Average Percentage CPU 9\d\.\d > 80 over 5 minutes$/,
    );
    // Closed by a user: it stays fired (its condition holds) but no longer counts as unacknowledged.
    const before = alarms.count().unacknowledged;
    expect(alarms.reset(a.id, 'admin')).toBeUndefined();
    expect(alarms.count().unacknowledged).toBe(before - 1);
    sim.setLoad(api, 0.05);
    sim.advance(10 * MIN); // two checks that do not meet it
    expect(on(alarms, 'Percentage CPU', 'shop-api')).toBeDefined();
    sim.advance(10 * MIN);
    expect(on(alarms, 'Percentage CPU', 'shop-api')).toBeUndefined();
  });
});

describe('the alarms command', () => {
  it('lists, acknowledges by ID and says what is wrong with a bad ID', () => {
    const { e, sim } = estate();
    sim.setLoad('web-01', 0.97);
    sim.advance(10 * MIN);
    const list = e.providers.exec('alarms');
    expect(list.stdout).toMatch(/^ID +SEVERITY +ALARM +OBJECT +VALUE +TRIGGERED +STATE$/m);
    const id = /^(\d+) +Alert +Virtual machine CPU usage +web-01/m.exec(list.stdout)?.[1];
    expect(id).toBeDefined();
    const ack = e.providers.exec(`alarms ack ${id}`);
    expect(ack).toMatchObject({ exitCode: 0, changed: true });
    expect(e.providers.exec('alarms').stdout).toMatch(new RegExp(`^${id} .*Acknowledged by admin`, 'm'));
    expect(e.providers.exec('alarms ack x').stderr).toMatch(/"x" is not an alarm ID/);
    expect(e.providers.exec('alarms ack 999').stderr).toMatch(/no triggered alarm 999/);
    expect(JSON.parse(e.providers.exec('alarms --format json').stdout)[0]).toHaveProperty('alarm');
  });
});

describe('alarms in an estate file', () => {
  it('a reloaded estate keeps its alarms, acknowledgements and half-held conditions, and raises the next at the same minute', () => {
    const { e, sim, alarms } = estate();
    sim.setLoad('web-01', 0.97);
    sim.setLoad('app-01', 0.97);
    sim.advance(8 * MIN);
    const first = on(alarms, 'alarm.VmCPUUsageAlarm', 'web-01')!;
    alarms.acknowledge(first.id, 'admin');
    // app-01 was loaded later: its condition has held 2 minutes when the file is written.
    sim.setLoad('app-01', 0.05);
    sim.advance(2 * MIN);
    sim.setLoad('app-01', 0.97);
    sim.advance(2 * MIN + 30_000);
    const copy = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!copy.ok) throw new Error(copy.error.message);
    const back = copy.value.providers.alarms;
    expect(on(back, 'alarm.VmCPUUsageAlarm', 'web-01')).toMatchObject({ id: first.id, acknowledgedBy: 'admin', level: 'critical' });
    for (const x of [e, copy.value]) x.sim.advance(5 * MIN);
    const fired = (x: typeof e) =>
      x.sim.log
        .all()
        .filter((l) => l.kind === 'alarm.status' && l.subjectId === 'app-01')
        .map((l) => `${l.at} ${l.message}`);
    expect(fired(copy.value)).toEqual(fired(e));
    expect(on(back, 'alarm.VmCPUUsageAlarm', 'app-01')?.id).toBe(on(alarms, 'alarm.VmCPUUsageAlarm', 'app-01')?.id);
  });

  it('keeps a condition half held before any alarm has fired, so the copy raises it at the same minute', () => {
    const { e, sim } = estate();
    expect(e.providers.alarms.save().nextId).toBe(2); // the jumpbox's memory alert is the one so far
    sim.setLoad('app-02', 0.97);
    sim.advance(2 * MIN + 30_000);
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    expect(file.providers.alarms.watches.some((w: { subjectId: string }) => w.subjectId === 'app-02')).toBe(true);
    const copy = estateFromJson(file);
    if (!copy.ok) throw new Error(copy.error.message);
    for (const x of [e, copy.value]) x.sim.advance(6 * MIN);
    const red = (x: typeof e) => x.sim.log.all().find((l) => l.kind === 'alarm.status' && l.subjectId === 'app-02')?.at;
    expect(red(copy.value)).toBeDefined();
    expect(red(copy.value)).toBe(red(e));
  });

  it('keeps each host’s minute and hour history, and says what is wrong with a damaged one', () => {
    const { e, sim } = estate();
    sim.advance(30 * MIN);
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    const copy = estateFromJson(file);
    if (!copy.ok) throw new Error(copy.error.message);
    expect(copy.value.sim.hostRow('esx-01')!.history('cpu', 'minute')).toEqual(sim.hostRow('esx-01')!.history('cpu', 'minute'));
    expect(copy.value.sim.hostRow('esx-01')!.history('cpu', 'coarse')).toEqual(sim.hostRow('esx-01')!.history('cpu', 'coarse'));
    file.history.host['esx-01'].minutes = 'not base64!';
    const bad = estateFromJson(file);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/history\.host\.esx-01\.minutes: not base64 of 16-bit samples/);
  });
});
