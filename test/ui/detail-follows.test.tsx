// With the details beside the list (wide terminals) or below it, j/k, the arrows,
// g/G and paging move in the list as in k9s and the details follow the selection;
// J/K scroll the details (lazygit's keys for its main panel, docs/keybindings/
// Keybindings_en.md "Scroll down main window: shift+j"). With the details taking
// the whole body, j/k scroll them as k9s's describe view does.
import { describe, expect, it } from 'vitest';
import { controllerFor, renderApp } from './helpers.js';

const press = (ctl: ReturnType<typeof controllerFor>, ...keys: string[]) => {
  for (const k of keys) ctl.press(k, k.length === 1 ? k : k === 'space' ? ' ' : '');
};

describe('details beside or below the list', () => {
  for (const [width, height, placement] of [
    [160, 40, 'side'],
    [120, 40, 'below'],
  ] as const) {
    it(`moves in the list and the details follow (${placement})`, () => {
      const ctl = controllerFor(undefined, { width, height });
      press(ctl, '2', 'enter');
      expect(ctl.layout().detail?.placement).toBe(placement);
      press(ctl, 'j', 'down');
      expect(ctl.selected()?.id).toBe('web-03');
      expect(ctl.state.detail).toEqual({ type: 'workload', id: 'web-03' });
      press(ctl, 'k');
      expect(ctl.state.detail?.id).toBe('web-02');
      press(ctl, 'G');
      expect(ctl.state.detail?.id).toBe('dockervm-01');
      press(ctl, 'g', 'pagedown');
      expect(ctl.state.detail?.id).toBe(ctl.selected()?.id);
      expect(ctl.state.panes.vms.cursor).toBeGreaterThan(0);
      expect(ctl.state.detailScroll).toBe(0);
    });
  }

  it('scrolls the details with J/K, back to their top when the selection moves', () => {
    const ctl = controllerFor(undefined, { width: 160, height: 40 });
    press(ctl, '2', 'enter', 'J', 'J', 'J', 'K');
    expect(ctl.state.detailScroll).toBe(2);
    expect(ctl.state.panes.vms.cursor).toBe(0);
    press(ctl, 'j');
    expect(ctl.state.detailScroll).toBe(0);
  });

  it('follows a filter typed with the details open, and the actions apply to what they show', () => {
    const ctl = controllerFor(undefined, { width: 160, height: 40 });
    press(ctl, '2', 'enter', '/');
    for (const ch of 'dev') press(ctl, ch);
    expect(ctl.state.detail?.id).toBe('dev-01');
    press(ctl, 'enter', 'x');
    const o = ctl.state.overlay;
    expect(o?.type === 'confirm' && o.title).toBe('Stop dev-01?');
  });

  it('closes the details with esc before clearing the filter', () => {
    const ctl = controllerFor(undefined, { width: 160, height: 40 });
    press(ctl, '2', '/', 'w', 'e', 'b', 'enter', 'enter', 'escape');
    expect(ctl.state.detail).toBeUndefined();
    expect(ctl.state.panes.vms.filter).toBe('web');
  });

  it('draws the selection moving in the list while the details follow it', async () => {
    const app = await renderApp(160, 40);
    await app.type('2\rjj');
    expect(app.frame()).toMatch(/│ web-03 vSphere VM poweredOn/);
    app.unmount();
  });
});

describe('details taking the whole body', () => {
  it("j/k scroll them, as in k9s's describe view", () => {
    const ctl = controllerFor(undefined, { width: 100, height: 26 });
    press(ctl, '2', 'enter');
    expect(ctl.layout().detail?.placement).toBe('full');
    press(ctl, 'j', 'j', 'J');
    expect(ctl.state.detailScroll).toBe(3);
    expect(ctl.state.detail?.id).toBe('web-01');
    press(ctl, 'k', 'g');
    expect(ctl.state.detailScroll).toBe(0);
  });
});
