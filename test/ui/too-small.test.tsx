// Below the minimum size only the notice is drawn, so no key but quit may act:
// keys typed blind must not reach the list, the prompt, the filter or a dialog
// that was open when the terminal shrank (a blind y would stop a VM).
import { describe, expect, it } from 'vitest';
import { controllerFor, renderApp } from './helpers.js';

const press = (ctl: ReturnType<typeof controllerFor>, ...keys: string[]) => {
  for (const k of keys) ctl.press(k, k.length === 1 ? k : k === 'space' ? ' ' : '');
};

describe('a terminal below the minimum size', () => {
  it('takes no key but quit: no hidden dialog, prompt, filter, pane change or clock change', () => {
    const ctl = controllerFor();
    press(ctl, '2');
    ctl.resize(70, 20);
    press(ctl, 'x', 'y', 'enter', ':', 'j', '/', '3', 'space', '+', 'ctrl+d', 't', 'n', '?', 'escape');
    expect(ctl.state.overlay).toBeUndefined();
    expect(ctl.state.filterEdit).toBeUndefined();
    expect(ctl.state.pane).toBe('vms');
    expect(ctl.state.panes.vms.cursor).toBe(0);
    expect(ctl.state.speed).toBe(1);
    expect(ctl.estate.sim.workload('web-01')?.state).toBe('running');
    ctl.resize(120, 40);
    expect(ctl.state.overlay).toBeUndefined();
    press(ctl, 'x');
    expect(ctl.state.overlay?.type).toBe('confirm');
  });

  it('keeps a dialog open when it shrank as it was: a blind y or enter does nothing', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'x', 'right'); // OK chosen, then the window shrinks
    const before = ctl.state.overlay;
    ctl.resize(79, 40);
    press(ctl, 'y', 'enter', 'left', 'escape', 'n');
    expect(ctl.state.overlay).toBe(before);
    expect(ctl.estate.sim.workload('web-01')?.state).toBe('running');
    ctl.resize(80, 24);
    press(ctl, 'escape');
    expect(ctl.state.overlay).toBeUndefined();
    expect(ctl.estate.sim.workload('web-01')?.state).toBe('running');
  });

  it('types nothing into an open prompt, form or filter', () => {
    const ctl = controllerFor();
    press(ctl, ':');
    ctl.resize(120, 10);
    press(ctl, 'v', 'i', 'enter');
    expect(ctl.state.overlay).toMatchObject({ type: 'prompt', edit: { text: '' } });
    ctl.resize(120, 40);
    press(ctl, 'escape', '2', 't');
    ctl.resize(60, 40);
    press(ctl, 'ctrl+u', 'enter');
    expect(ctl.state.overlay).toMatchObject({ type: 'form', fields: [{ edit: { text: 'web-01-snap-1' } }] });
    expect(ctl.estate.sim.snapshots.of(ctl.estate.sim.workloads.indexOf('web-01')!).list).toHaveLength(0);
    ctl.resize(120, 40);
    press(ctl, 'escape', '/');
    ctl.resize(60, 40);
    press(ctl, 'w', 'enter');
    expect(ctl.state.filterEdit?.edit.text).toBe('');
  });

  it('still quits with q (or ctrl-c), whatever is open', () => {
    for (const key of ['q', 'ctrl+c']) {
      const ctl = controllerFor();
      press(ctl, ':');
      ctl.resize(70, 20);
      press(ctl, key);
      expect(ctl.state.quitting).toBe(true);
    }
  });

  it('says what waits behind the notice, and the quit key the settings give', async () => {
    const app = await renderApp(120, 40);
    await app.type('2x');
    await app.resize(70, 20);
    expect(app.frame()).toContain('too small: have 70x20, need 80x24');
    expect(app.frame()).toContain('press q to quit');
    expect(app.frame()).toContain('"Stop web-01?" stays open, as it was, until then');
    await app.type('y\r');
    await app.resize(120, 40);
    expect(app.frame()).toMatch(/Stop web-01\?/);
    expect(app.controller.estate.sim.workload('web-01')?.state).toBe('running');
    app.unmount();
  });
});
