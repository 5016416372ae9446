// A line being typed that is wider than its room scrolls sideways to keep the
// cursor in view, as readline does in horizontal-scroll mode (readline display.c,
// rl_redisplay: past the right edge the window moves so the cursor sits
// two-thirds across; before the left edge back to a multiple of a third; '<' and
// '>' mark text hidden on either side).
import { describe, expect, it } from 'vitest';
import { lineView, marginFor } from '../../src/ui/line-view.js';
import { renderApp } from './helpers.js';

const shown = (v: ReturnType<typeof lineView>) => `${v.before}[${v.at}]${v.after}`;
const lines = (frame: string) => frame.split('\n');

describe('the window over a line', () => {
  it('keeps the whole line in view while it fits, the cursor block included', () => {
    expect(shown(lineView({ text: 'virsh list', cursor: 10 }, 20))).toBe('virsh list[ ]');
    expect(marginFor(18, 19, 20, 0)).toBe(0);
  });

  it('moves only when the cursor would leave it, as readline does', () => {
    // room 30: a third is 10; past column 28 the cursor goes to two-thirds across.
    expect(marginFor(29, 35, 30, 0)).toBe(9);
    expect(marginFor(28, 40, 30, 0)).toBe(0);
    // Moving back within the window keeps it; before its left edge, back to a multiple of a third.
    expect(marginFor(12, 40, 30, 9)).toBe(9);
    expect(marginFor(9, 40, 30, 9)).toBe(0);
    expect(marginFor(25, 60, 30, 30)).toBe(20);
  });

  it('marks text hidden to the left with < and to the right with >', () => {
    const text = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const end = lineView({ text, cursor: text.length }, 20);
    expect(end.margin).toBe(24);
    expect(shown(end)).toBe('<z0123456789[ ]');
    const home = lineView({ text, cursor: 0, margin: end.margin }, 20);
    expect(shown(home)).toBe('[a]bcdefghijklmnopqrs>');
    const middle = lineView({ text, cursor: 20, margin: 0 }, 20);
    expect(shown(middle)).toBe('<jklmnopqrst[u]vwxyz0>');
  });

  it('counts wide characters as two columns and never splits one', () => {
    const v = lineView({ text: '東京東京東京東京東京', cursor: 10 }, 10);
    expect(v.margin).toBe(14);
    expect(shown(v)).toBe('< 東京[ ]');
    // A wide character the edge cuts shows as a space (here under the >); a mark over a wide one keeps its two columns.
    expect(shown(lineView({ text: 'ab東京東京東京東京', cursor: 0, margin: 0 }, 7))).toBe('[a]b東京>');
    expect(shown(lineView({ text: 'ab東京東京東京東京', cursor: 0, margin: 0 }, 6))).toBe('[a]b東> ');
  });
});

describe('lines wider than the terminal', () => {
  it('the : prompt scrolls sideways and keeps the cursor in view at 80 columns', async () => {
    const app = await renderApp(80, 24);
    const long = `govc vm.clone -vm web-01 -on=false -host esx-02 -ds datastore1 -folder /dc-east/vm/staging/long ${'x'.repeat(30)}`;
    await app.type(`:${long}`);
    const status = () => lines(app.frame())[22];
    expect(status().length).toBeLessThanOrEqual(80);
    expect(status()).toMatch(/^:<.*x{30}$/);
    await app.type('\u0001'); // ctrl-a: home
    expect(status()).toMatch(/^:govc vm\.clone -vm web-01 .*>$/);
    expect(status().length).toBe(80);
    await app.type('\u0005'); // ctrl-e: end
    expect(status()).toMatch(/^:<.*x{30}$/);
    app.unmount();
  });

  it('the / filter scrolls the same way', async () => {
    const app = await renderApp(80, 24);
    await app.type(`2/${'web'.repeat(40)}`);
    const status = lines(app.frame())[22];
    expect(status).toMatch(/^\/<(web)+/);
    expect(status.length).toBeLessThanOrEqual(80);
    app.unmount();
  });

  it('a form field scrolls within its room', async () => {
    const app = await renderApp(80, 24);
    await app.type(`2t\u0015${'snap'.repeat(30)}`);
    const row = lines(app.frame()).find((l) => l.includes('› Name'))!;
    expect(row).toMatch(/› Name {12}<(snap|nap|ap|p)(snap)+ *│?/);
    expect(row.length).toBeLessThanOrEqual(80);
    const o = app.controller.state.overlay;
    expect(o?.type === 'form' && o.preview.endsWith('snap')).toBe(true);
    app.unmount();
  });
});
