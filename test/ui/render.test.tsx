// Frames of the whole app at several terminal sizes, driven through stdin as a
// terminal would drive it.
import { describe, expect, it } from 'vitest';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';
import { renderApp } from './helpers.js';

const lines = (frame: string) => frame.split('\n');

describe('the screen', () => {
  it('shows the header, the tabs, the hosts with their columns and the footer at 120x40', async () => {
    const app = await renderApp(120, 40);
    const f = app.frame();
    expect(lines(f)[0]).toMatch(/^hyperpane ▸ hyperpane demo estate +2026-01-01 01:00:00 ▶ 1x$/);
    // The cloud VMs' $0.442/h and their five P4 OS disks' 5 x $5.28/730.
    // The one alarm: Azure Monitor's recommended Available Memory Bytes < 1 GB on the 1 GiB jumpbox (Standard_B1s).
    expect(lines(f)[1]).toBe('Hosts 12/12 up · VMs 18/18 running · Containers 8/8 · Cloud VMs 5/5 · $0.478/h · 1 alarm');
    expect(lines(f)[2]).toMatch(/^ 1 Hosts 12 {3}2 VMs {3}3 Containers {3}4 Cloud {3}5 Events/);
    expect(lines(f)[3]).toMatch(/^NAME +HYPERVISOR CLUSTER +STATE +CPU% +MEM% VCPU:CORE MEM ALLOC +POWER +VMS$/);
    expect(f).toMatch(/\nesx-01 +ESXi +vsphere-prod +connected +\d+% +\d+% +\d\.\d:1 +\d+% +\d+ W +2\n/);
    expect(lines(f)).toHaveLength(40);
    expect(lines(f)[39]).toMatch(/^\? help .* q quit$/);
    app.unmount();
  });

  it('says in the header when the estate runs slower than the speed asked for', async () => {
    const app = await renderApp(120, 40);
    app.controller.setSpeed(600);
    app.controller.setPace(151.4);
    await new Promise((r) => setImmediate(r));
    expect(lines(app.frame())[0]).toMatch(/▶ 600x \(runs at 151x\)$/);
    app.controller.setPace(undefined);
    await new Promise((r) => setImmediate(r));
    expect(lines(app.frame())[0]).toMatch(/▶ 600x$/);
    app.unmount();
  });

  it('drops the least useful columns at 80 columns', async () => {
    const app = await renderApp(80, 24);
    const header = lines(app.frame())[3];
    expect(header).toMatch(/^NAME +CLUSTER +STATE +CPU% +MEM% MEM ALLOC +VMS$/);
    expect(header).not.toContain('VCPU:CORE');
    for (const l of lines(app.frame())) expect(l.length).toBeLessThanOrEqual(80);
    app.unmount();
  });

  it('says it is too small below 80x24, and redraws when the terminal grows', async () => {
    const app = await renderApp(70, 20);
    expect(app.frame()).toContain('too small: have 70x20, need 80x24');
    await app.resize(100, 30);
    expect(app.frame()).toContain('NAME');
    expect(app.frame()).not.toContain('too small');
    app.unmount();
  });

  it('takes keys as a terminal sends them, several in one read', async () => {
    const app = await renderApp(120, 40);
    await app.type('2jj\r');
    expect(app.controller.state.detail).toEqual({ type: 'workload', id: 'web-03' });
    await app.type('\u001b');
    await app.type('\u001b[B'); // down arrow
    expect(app.controller.selected()?.id).toBe('app-01');
    app.unmount();
  });
});

describe('the detail view', () => {
  it('sits beside the list on a wide terminal, with sparklines and an ink-table', async () => {
    // Built, not a copy loaded from a file: an estate file keeps no metric history, and the sparklines draw it.
    const app = await renderApp(160, 50, { estate: buildDefaultEstate(1) });
    await app.type('\r');
    const f = app.frame();
    expect(f).toMatch(/\nesx-01 .*│ esx-01 ESXi host connected/);
    expect(f).toMatch(/│ CPU +[ ▁▂▃▄▅▆▇█]*[▁▂▃▄▅▆▇█][ ▁▂▃▄▅▆▇█]* +\d+%/);
    expect(f).toContain('Capacity = (total - reserved) x ratio');
    expect(f).toMatch(/│ ┌─+┬/);
    // ESXi admits VMs beyond physical memory: no ratio limits it.
    expect(f).toMatch(/│ │ Memory +│ 256 GiB │ 0 MiB +│ no limit +│ no limit +│ \d+ GiB +│/);
    app.unmount();
  });

  it('goes below the list on a narrower terminal, and takes the whole body on a short one', async () => {
    const below = await renderApp(120, 40);
    await below.type('2\r');
    const f = lines(below.frame());
    expect(f[3]).toMatch(/^NAME +STATE/);
    expect(f.findIndex((l) => l.includes('web-01 vSphere VM poweredOn'))).toBeGreaterThan(5);
    below.unmount();
    const full = await renderApp(100, 26);
    await full.type('2\r');
    expect(lines(full.frame())[3]).toMatch(/^╭/);
    expect(full.frame()).toContain('web-01 vSphere VM poweredOn');
    full.unmount();
  });

  it("shows a workload's snapshots and recent events", async () => {
    const app = await renderApp(160, 60);
    await app.type('2t');
    await app.type('\r');
    await app.type('\r');
    const f = app.frame();
    expect(f).toMatch(/Snapshots \(1\)/);
    expect(f).toMatch(/│ \* web-01-snap-1 +│ 01:00:00 +│ running +│ yes +│/);
    expect(f).toMatch(/Recent events[\s\S]*Snapshot web-01-snap-1/i);
    app.unmount();
  });
});

describe('overlays', () => {
  it('shows help built from the keymap, and the prompt with completions', async () => {
    const app = await renderApp(120, 40);
    await app.type('?');
    expect(app.frame()).toMatch(/Help — j\/k scroll, esc closes/);
    expect(app.frame()).toMatch(/Ctrl-F PgDn +Page down/);
    await app.type('\u001b');
    await app.type(':vir\t');
    expect(lines(app.frame())[38]).toBe(':vir    virsh  virt-clone  virt-install');
    app.unmount();
  });

  it('asks before a destructive action, Cancel first, with the native command', async () => {
    const app = await renderApp(120, 40);
    await app.type('4x');
    const f = app.frame();
    expect(f).toMatch(/Stop shop-web-1\?/);
    expect(f).toMatch(/same as: az vm stop -g shop-rg -n shop-web-1/);
    expect(f).toMatch(/Cancel {4}OK/);
    app.unmount();
  });
});
