// The footer keeps the selected object's main actions when not every hint fits:
// each hint has its command's rank in the keymap table, and the least important
// give way first. (lazygit marks the bindings its options line shows in the
// binding table, DisplayOnScreen in pkg/gui/types/keybindings.go, and cuts the
// line at the width; k9s's menu, internal/ui/menu.go, shows every hint in
// columns of 7 rows. One line of 80-120 columns has room for neither, hence ranks.)
import { describe, expect, it } from 'vitest';
import { fitHints, type Hint, hints } from '../../src/ui/hints.js';
import { COMMANDS } from '../../src/ui/keymap.js';
import { controllerFor, renderApp } from './helpers.js';

const last = (frame: string) => frame.split('\n').at(-1)!;
const press = (ctl: ReturnType<typeof controllerFor>, ...keys: string[]) => {
  for (const k of keys) ctl.press(k, k.length === 1 ? k : '');
};

describe('fitting hints', () => {
  it('drops the highest ranks first and keeps the order of the rest', () => {
    const h = (key: string, rank: Hint['rank']): Hint => ({ key, label: 'xxxx', rank });
    const all = [h('a', 1), h('b', 5), h('c', 2), h('d', 4), h('e', 3), h('f', 1)];
    expect(fitHints(all, 8 * 6).map((x) => x.key)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(fitHints(all, 8 * 4).map((x) => x.key)).toEqual(['a', 'c', 'e', 'f']);
    expect(fitHints(all, 8 * 2).map((x) => x.key)).toEqual(['a', 'f']);
  });

  it('takes every footer word and rank from the keymap table', () => {
    for (const c of COMMANDS.filter((c) => c.capability || c.host)) expect(c.footer, c.id).toBeDefined();
    const ctl = controllerFor();
    press(ctl, '2');
    const stop = hints(ctl).find((x) => x.key === 'x')!;
    expect(stop).toEqual({ key: 'x', label: 'stop', rank: COMMANDS.find((c) => c.id === 'action.stop')!.footer!.rank });
  });
});

describe('the footer', () => {
  it("keeps a VM's main actions at 120 columns", async () => {
    const app = await renderApp(120, 40);
    await app.type('2');
    const f = last(app.frame());
    for (const h of ['? help', 'x stop', 't snapshot', 'm migrate', ': command', 'q quit']) expect(f).toContain(h);
    // Two spaces between hints, as fitHints counts them (a formatter once took one away).
    expect(f).toMatch(/^\? help {2}\S/);
    expect(f.length).toBeLessThanOrEqual(120);
    app.unmount();
  });

  it('keeps them with the details beside the list, and at 80 columns', async () => {
    const wide = await renderApp(160, 40);
    await wide.type('2\r');
    for (const h of ['Esc back', 'J/K scroll details', 'x stop', 't snapshot', 'm migrate']) expect(last(wide.frame())).toContain(h);
    wide.unmount();
    const narrow = await renderApp(80, 24);
    await narrow.type('2');
    for (const h of ['? help', 'x stop', 't snapshot', 'm migrate', 'q quit']) expect(last(narrow.frame())).toContain(h);
    await narrow.type('4');
    for (const h of ['x stop', 'a deallocate']) expect(last(narrow.frame())).toContain(h);
    await narrow.type('1');
    expect(last(narrow.frame())).toContain('e maintenance');
    narrow.unmount();
  });

  it('says esc stops a command that waits, and closes details first when they are open', () => {
    const ctl = controllerFor();
    press(ctl, ':');
    for (const ch of 'docker run -d --name web nginx') ctl.press(ch === ' ' ? 'space' : ch, ch);
    press(ctl, 'enter');
    expect(ctl.state.running).toBeDefined();
    expect(hints(ctl)).toContainEqual({ key: 'Esc', label: 'stop waiting', rank: 1 });
    press(ctl, '3', 'enter');
    expect(
      hints(ctl)
        .filter((x) => x.key === 'Esc')
        .map((x) => x.label),
    ).toEqual(['back']);
    press(ctl, 'escape');
    expect(ctl.state.detail).toBeUndefined();
    expect(ctl.state.running).toBeDefined();
    press(ctl, 'escape');
    expect(ctl.state.running).toBeUndefined();
  });
});
