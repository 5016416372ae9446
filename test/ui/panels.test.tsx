// The scrolling panels: help keeps each key in its own column and wraps long
// descriptions under theirs, scrolling at 80x24; a command's output wraps at
// word boundaries and takes the rows it needs, the list staying in view under it.
import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/ui/format.js';
import { Keymap } from '../../src/ui/keymap.js';
import { helpEntries, helpPanel, helpRows } from '../../src/ui/panels.js';
import { paneDef } from '../../src/ui/panes/index.js';
import { controllerFor, renderApp } from './helpers.js';

const lines = (frame: string) => frame.split('\n');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('wrapText', () => {
  it('breaks between words, keeps spaces inside a line, and breaks inside a word only when it is longer than a line', () => {
    expect(wrapText('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrapText('a  b   c', 20)).toEqual(['a  b   c']);
    expect(wrapText('Name:   dev-01 and more words', 14)).toEqual(['Name:   dev-01', 'and more words']);
    expect(wrapText('x abcdefghijklmnop y', 6)).toEqual(['x', 'abcdef', 'ghijkl', 'mnop y']);
    expect(wrapText('東京 データ センター', 6)).toEqual(['東京', 'データ', 'センタ', 'ー']);
    expect(wrapText('', 5)).toEqual(['']);
  });
});

describe('help', () => {
  it('keeps every key in its own column: a long key never runs into its description', () => {
    const rows = helpRows(helpEntries(new Keymap(), paneDef('vms'), false), 76);
    const drs = rows.find((r) => r.key.startsWith(':drs'))!;
    expect(drs.key).toMatch(/^:drs CLUSTER \[THRESHOLD\] {2,}$/);
    expect(drs.text).toMatch(/^balancing recommendations/);
    for (const r of rows) expect(r.key.length + r.text.length).toBeLessThanOrEqual(76);
  });

  it('wraps long descriptions under their column rather than cutting them', () => {
    const entries = helpEntries(new Keymap(), paneDef('vms'), false);
    const rows = helpRows(entries, 76);
    const all = squash(rows.map((r) => `${r.key} ${r.text}`).join(' '));
    for (const e of entries) expect(all).toContain(squash(`${e.key ?? ''} ${e.text}`));
    const sim = rows.findIndex((r) => r.key.startsWith(':sim'));
    expect(rows[sim + 1].key).toBe(' '.repeat(rows[sim].key.length));
    expect(rows[sim + 1].text.length).toBeGreaterThan(0);
  });

  it('scrolls at 80x24, stops at its last row, and k after G moves at once', async () => {
    const app = await renderApp(80, 24);
    await app.type('?');
    const total = helpPanel(app.controller).length;
    expect(app.frame()).toMatch(new RegExp(`Help — j/k scroll, esc closes \\(1-16 of ${total}\\)`));
    for (const l of lines(app.frame())) expect(l.length).toBeLessThanOrEqual(80);
    await app.type('G');
    expect(app.frame()).toContain(`(${total - 15}-${total} of ${total})`);
    expect(app.frame()).toMatch(/│ +Checkpoint-VM …/);
    await app.type('k');
    expect(app.frame()).toContain(`(${total - 16}-${total - 1} of ${total})`);
    await app.type('g');
    expect(app.frame()).toContain(`(1-16 of ${total})`);
    app.unmount();
  });
});

describe('command output', () => {
  it('takes the rows a one-line answer needs, the list staying in view under it', async () => {
    const app = await renderApp(120, 40);
    await app.type(':govc vm.power -s web-01\r');
    const f = lines(app.frame());
    expect(f[3]).toMatch(/^╭─+╮$/);
    expect(f[4]).toMatch(/^│ \$ govc vm\.power -s web-01 +│$/);
    expect(f[5]).toMatch(/^│ Shutdown guest VirtualMachine:vm-\d+\.\.\. OK +│$/);
    expect(f[6]).toMatch(/^╰─+╯$/);
    expect(f[7]).toMatch(/^NAME +HYPERVISOR/);
    expect(f[8]).toMatch(/^esx-01 /);
    app.unmount();
  });

  it('wraps a wide table at word boundaries (docker ps at 80 columns)', async () => {
    const app = await renderApp(80, 24);
    await app.type(':docker ps\r');
    const o = app.controller.state.overlay;
    if (o?.type !== 'output') throw new Error('no output');
    const shown = new Set(
      lines(app.frame())
        .filter((l) => l.startsWith('│'))
        .flatMap((l) => l.slice(1, -1).trim().split(/\s+/)),
    );
    for (const word of o.lines.slice(0, 5).join(' ').split(/\s+/).filter(Boolean)) expect(shown).toContain(word);
    app.unmount();
  });

  it('wraps a long answer at word boundaries (a command not found, with its hint)', async () => {
    const app = await renderApp(80, 24);
    await app.type(':vmrun list\r');
    const o = app.controller.state.overlay;
    if (o?.type !== 'output') throw new Error('no output');
    const body = lines(app.frame())
      .filter((l) => l.startsWith('│'))
      .slice(1);
    const words = o.lines.join(' ').split(/\s+/).filter(Boolean);
    expect(body.flatMap((l) => l.slice(1, -1).trim().split(/\s+/))).toEqual(words);
    app.unmount();
  });

  it('wraps long lines at word boundaries, never cutting a word or a line', async () => {
    const ctl = controllerFor(undefined, { width: 80, height: 24 });
    const app = await renderApp(80, 24, { controller: ctl });
    const words = Array.from({ length: 40 }, (_, i) => `reason${i}`);
    ctl.flash(`could not do it: ${words.join(' ')}`, 'error');
    await new Promise((r) => setImmediate(r));
    const body = lines(app.frame()).filter((l) => l.startsWith('│'));
    const text = body.map((l) => l.slice(2, -1).trim()).join(' ');
    expect(text).toContain(`could not do it: ${words.join(' ')}`);
    for (const l of body) expect(l.length).toBe(80);
    app.unmount();
  });
});
