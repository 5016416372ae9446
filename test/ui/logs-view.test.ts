// The logs view (l): the selected workload's log, following; / filters with each
// match marked; f stops and starts following; :logs NAME... shows several at once.
import { describe, expect, it } from 'vitest';
import { consoleLog } from '../../src/providers/workload-logs.js';
import { logRows } from '../../src/ui/log-rows.js';
import { controllerFor, press, prompt, typeText } from './helpers.js';

describe('the logs view', () => {
  it('l opens the selected VM’s console log, / keeps the lines holding the text and marks it, f toggles following', () => {
    const ctl = controllerFor();
    press(ctl, '2');
    const selected = ctl.target();
    expect(selected?.type).toBe('workload');
    press(ctl, 'l');
    let o = ctl.state.overlay;
    expect(o?.type).toBe('logs');
    if (o?.type !== 'logs') return;
    expect(o.workloads).toEqual([selected!.id]);
    expect(o.follow).toBe(true);
    press(ctl, '/');
    typeText(ctl, 'reached');
    press(ctl, 'enter');
    o = ctl.state.overlay;
    if (o?.type !== 'logs') throw new Error('closed');
    expect(o.filter).toBe('reached');
    const shown = logRows(ctl.estate, o.workloads, o.filter);
    expect(shown.rows.length).toBeGreaterThan(0);
    for (const r of shown.rows) {
      expect(r.text.toLowerCase()).toContain('reached');
      expect(r.marks.length).toBeGreaterThan(0);
      expect(r.text.slice(r.marks[0][0], r.marks[0][1]).toLowerCase()).toBe('reached');
    }
    press(ctl, 'f');
    expect((ctl.state.overlay as { follow: boolean }).follow).toBe(false);
    press(ctl, 'escape');
    expect(ctl.state.overlay).toBeUndefined();
  });

  it(':logs NAME NAME merges several in time order, each line led by its name; a bad /regex/ says so', () => {
    const ctl = controllerFor();
    prompt(ctl, 'logs web-01 dev-01');
    const o = ctl.state.overlay;
    expect(o?.type).toBe('logs');
    if (o?.type !== 'logs') return;
    const shown = logRows(ctl.estate, o.workloads, '');
    expect(shown.rows.some((r) => / web-01 │ /.test(r.text))).toBe(true);
    expect(shown.rows.some((r) => / dev-01 │ /.test(r.text))).toBe(true);
    expect(logRows(ctl.estate, o.workloads, '/(/').error).toMatch(/^bad \/regex\/: /);
    press(ctl, 'escape');
    prompt(ctl, 'logs nope');
    expect(ctl.state.message?.text).toMatch(/no workload named nope/);
  });

  it('marks a live migration where it began and where it landed: the guest itself writes nothing of it', () => {
    const ctl = controllerFor();
    const from = ctl.estate.sim.host(ctl.estate.sim.workloadRow('web-01')!.host!)!.name;
    const to = ['esx-01', 'esx-02', 'esx-03', 'esx-04'].find((h) => h !== from)!;
    expect(ctl.estate.providers.exec(`govc vm.migrate -host ${to} web-01`).exitCode).toBe(0);
    ctl.estate.sim.advance(5 * 60_000);
    const rows = logRows(ctl.estate, ['web-01'], '── vMotion').rows.map((r) => r.text.replace(/^\d\d:\d\d:\d\d /, ''));
    expect(rows).toEqual([`── vMotion from ${from} begins: the guest runs on and writes nothing of it ──`, `── vMotion done: now on ${to} ──`]);
    // The console itself (virsh console, boot diagnostics) holds only what the guest wrote.
    expect(consoleLog(ctl.estate.sim, 'web-01')!.some((l) => l.text.includes('vMotion'))).toBe(false);
  });

  it('says when a Windows guest has no serial console to show, and when a container’s image output is not known', () => {
    const ctl = controllerFor();
    expect(logRows(ctl.estate, ['ad-01'], '').quiet[0]).toMatch(/^ad-01: no serial console/);
    const api = ctl.estate.sim.workloadViews().find((w) => w.name === 'api')!.id;
    expect(logRows(ctl.estate, [api], '').quiet[0]).toBe(
      'api: empty (the output of node:22-alpine is not known line by line here; nginx 1.20, 1.21, 1.27, redis 7.2, 7.4 and postgres 16 are)',
    );
  });
});
