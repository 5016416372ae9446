// The Capacity view (o) and its outlook, and the Alarms view (:alarms), from keys
// alone: the busiest cluster first, when it runs out, the consolidation sample
// packed onto two hosts by enter then y, and an alarm acknowledged by enter then y.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEstate } from '../../src/estate/store.js';
import { cells, controllerFor, press, prompt } from './helpers.js';

function sample() {
  const r = loadEstate(join(import.meta.dirname, '../../demo/consolidation.json'));
  if (!r.ok) throw new Error(r.error.message);
  r.value.sim.advance(10 * 60_000);
  return r.value;
}

describe('the Capacity view', () => {
  it('lists the clusters busiest first with when each runs out, under the Hosts tab', () => {
    const ctl = controllerFor();
    press(ctl, 'o');
    expect(ctl.state.pane).toBe('capacity');
    const rows = cells(ctl);
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(['vsphere-prod', 'hyperv-app', 'kvm-lab', 'docker-east']));
    // Busiest first: each row's share of usable capacity is no larger than the one above it.
    const shares = rows.map((r) => Number.parseInt(r[6]!, 10));
    expect([...shares].sort((a, b) => b - a)).toEqual(shares);
    expect(rows[0][8]).toMatch(/^in \d|not on this trend|now/);
  });

  it('enter on the consolidation sample shows the chart and the plan, and y applies it: eight hosts become two', () => {
    const ctl = controllerFor(sample());
    press(ctl, 'o', 'enter');
    const o = ctl.state.overlay;
    expect(o?.type).toBe('confirm');
    if (o?.type !== 'confirm') return;
    expect(o.title).toBe('Consolidate rack-a: 6 live migrations?');
    expect(o.command).toBe('consolidate rack-a --apply');
    expect(o.lines.join('\n')).toMatch(/after +█+.*2 hosts/);
    expect(o.lines.some((l) => l.includes('│') && l.includes('─'))).toBe(true); // the chart and its usable line
    press(ctl, 'y');
    ctl.estate.sim.advance(5 * 60_000);
    const running = ctl.estate.sim.hostViews().filter((h) => h.workloads > 0);
    expect(running).toHaveLength(2);
  });

  it('at 80x24 the outlook keeps its head and its plan and leaves out the chart, so the dialog fits', () => {
    const ctl = controllerFor(sample(), { width: 80, height: 24 });
    press(ctl, 'o', 'enter');
    const o = ctl.state.overlay;
    if (o?.type !== 'confirm') throw new Error(`no dialog: ${o?.type}`);
    expect(o.lines.some((l) => l.includes('│'))).toBe(false);
    expect(o.lines.join('\n')).toMatch(/after +█+.* 2 hosts/);
    // Its rows (a line of text wraps at 70) and the dialog's ten fit the body.
    const rows = o.lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 70)), 0);
    expect(rows + 10).toBeLessThanOrEqual(ctl.layout().bodyRows);
  });

  it('a second outlook while moves still wait says a consolidation is under way', () => {
    const ctl = controllerFor(sample());
    press(ctl, 'o', 'enter', 'y', 'enter');
    const o = ctl.state.overlay;
    expect(o?.type).toBe('output');
    if (o?.type === 'output') expect(o.lines.join('\n')).toMatch(/a consolidation is under way \(\d moves? waiting for a migration slot\)/);
  });
});

describe('the Power view', () => {
  it('shows each site’s draw and monthly cost with a bar against the costliest, as `power` reports them', () => {
    const ctl = controllerFor();
    prompt(ctl, 'power');
    expect(ctl.state.pane).toBe('power');
    const rows = cells(ctl);
    const report = JSON.parse(ctl.estate.providers.exec('power --format json').stdout) as { site: string; costPerMonth: number }[];
    expect(rows.map((r) => r[0])).toEqual(report.map((s) => s.site));
    for (const [i, s] of report.entries()) expect(rows[i].at(-1)).toMatch(new RegExp(`[█▏▎▍▌▋▊▉░]+ \\$${s.costPerMonth.toFixed(2).replace('.', '\\.')}$`));
    // The costliest site's bar is full.
    const top = Math.max(...report.map((s) => s.costPerMonth));
    expect(rows[report.findIndex((s) => s.costPerMonth === top)].at(-1)).toMatch(/^█{12} /);
  });
});

describe('the planning commands at the prompt', () => {
  it(':power opens the view; with options it prints the command’s table', () => {
    const ctl = controllerFor();
    prompt(ctl, 'power --format csv');
    expect(ctl.state.pane).not.toBe('power');
    const o = ctl.state.overlay;
    expect(o?.type === 'output' && o.lines[0]).toMatch(/^SITE,KIND,HOSTS,/);
  });
});

describe('the Alarms view', () => {
  it('lists the triggered alarms; enter then y acknowledges one, and the header counts it as acknowledged', () => {
    const ctl = controllerFor();
    ctl.estate.sim.setLoad('web-01', 0.97);
    ctl.estate.sim.advance(8 * 60_000);
    prompt(ctl, 'alarms');
    expect(ctl.state.pane).toBe('alarms');
    const rows = cells(ctl);
    const at = rows.findIndex((r) => r.includes('Virtual machine CPU usage') && r.includes('web-01'));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(rows[at]).toContain('Alert');
    for (let i = 0; i < at; i++) press(ctl, 'j');
    press(ctl, 'enter', 'y');
    // Acknowledged, it sorts below those that are not.
    expect(
      cells(ctl)
        .find((r) => r.includes('web-01'))!
        .join(' '),
    ).toMatch(/Acknowledged by administrator/);
    expect(ctl.totals().alarms.unacknowledged).toBe(ctl.totals().alarms.total - 1);
  });

  it('keeps its rows right when an alarm goes with its VM between two frames of the clock alone', () => {
    const ctl = controllerFor(undefined, { wallClock: () => 0 });
    ctl.estate.sim.setLoad('web-01', 0.97);
    ctl.estate.sim.advance(8 * 60_000);
    prompt(ctl, 'alarms');
    expect(cells(ctl).some((r) => r.includes('web-01'))).toBe(true);
    expect(ctl.estate.providers.exec('govc vm.destroy web-01').exitCode).toBe(0);
    ctl.estate.sim.advance(2 * 60_000);
    expect(() => cells(ctl)).not.toThrow();
    expect(cells(ctl).some((r) => r.includes('web-01') && !r.join(' ').includes('Cleared'))).toBe(false);
  });
});
