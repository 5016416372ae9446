// :w in the console: a file this estate did not come from is replaced only after
// the user says so (Cancel chosen); a file another program changed since it was
// read is not replaced unless :w! says so; on the way out nothing is lost.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { loadEstate, saveEstate } from '../../src/estate/store.js';
import { EstateSaver } from '../../src/ui/estate-saver.js';
import { defaultEstate } from '../default-estate.js';
import { controllerFor, renderApp } from './helpers.js';

const typeLine = (ctl: ReturnType<typeof controllerFor>, line: string) => {
  ctl.press(':', ':');
  for (const ch of line) ctl.press(ch === ' ' ? 'space' : ch, ch);
  ctl.press('enter');
};

function consoleOn(file: string | undefined) {
  const estate = file ? (loadEstate(file) as { ok: true; value: ReturnType<typeof defaultEstate> }).value : defaultEstate(1);
  const saver = new EstateSaver(estate, file, false);
  const ctl = controllerFor(estate, { onSave: (target, options) => saver.save(target, options) });
  return { ctl, saver, estate };
}

describe(':w', () => {
  it('asks before replacing a file that is not an estate, and keeps it when cancelled', () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-w-'));
    const notes = join(d, 'notes.txt');
    writeFileSync(notes, 'my notes');
    const { ctl } = consoleOn(undefined);
    typeLine(ctl, `w ${notes}`);
    expect(ctl.state.overlay).toMatchObject({
      type: 'confirm',
      title: `Replace ${notes}?`,
      lines: [`${notes} exists and is not an estate file; saving replaces it (it is kept as ${notes}.bak).`],
      yes: false,
    });
    ctl.press('enter');
    expect(readFileSync(notes, 'utf8')).toBe('my notes');
    typeLine(ctl, `w ${notes}`);
    ctl.press('y', 'y');
    expect(ctl.state.message?.text).toBe(`saved ${notes}`);
    expect(loadEstate(notes).ok).toBe(true);
    expect(readFileSync(`${notes}.bak`, 'utf8')).toBe('my notes');
  });

  it('asks before replacing another estate, and not before saving over its own file', () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-w-'));
    const own = join(d, 'own.json');
    const other = join(d, 'other.json');
    saveEstate(defaultEstate(1), own);
    saveEstate(defaultEstate(2), other);
    const { ctl } = consoleOn(own);
    typeLine(ctl, 'w');
    expect(ctl.state.message?.text).toBe(`saved ${own}`);
    typeLine(ctl, `w ${own}`);
    expect(ctl.state.message?.text).toBe(`saved ${own}`);
    typeLine(ctl, `w ${other}`);
    expect(ctl.state.overlay).toMatchObject({
      type: 'confirm',
      lines: [`${other} holds another estate (hyperpane demo estate); saving replaces it (it is kept as ${other}.bak).`],
    });
    ctl.press('escape');
    typeLine(ctl, `w! ${other}`);
    expect(ctl.state.message?.text).toBe(`saved ${other}`);
  });

  it('does not replace its file after another program changed it, until :w!', () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-w-'));
    const lab = join(d, 'lab.json');
    saveEstate(defaultEstate(1), lab);
    const { ctl, saver, estate } = consoleOn(lab);
    const other = loadEstate(lab);
    if (!other.ok) throw new Error(other.error.message);
    other.value.sim.advance(1000);
    saveEstate(other.value, lab);
    estate.sim.advance(5000);
    typeLine(ctl, 'w');
    expect(ctl.state.message).toEqual({
      tone: 'error',
      text: `${lab} was changed by another program since it was read here; not saved over it: :w! replaces it with this estate, :w FILE saves this one elsewhere`,
    });
    expect(saver.unsaved()).toBe(true);
    ctl.press('escape'); // the long error opened in the panel
    typeLine(ctl, 'w!');
    expect(ctl.state.message?.text).toBe(`saved ${lab}`);
    expect(saver.unsaved()).toBe(false);
    expect((loadEstate(lab) as { ok: true; value: typeof estate }).value.sim.now).toBe(estate.sim.now);
  });

  it('on the way out, an estate its file will not take is saved beside it, and the user told where', () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-w-'));
    const lab = join(d, 'lab.json');
    saveEstate(defaultEstate(1), lab);
    const { saver, estate } = consoleOn(lab);
    writeFileSync(lab, readFileSync(lab, 'utf8').replace('"hyperpane demo estate"', '"edited elsewhere"'));
    estate.sim.advance(1000);
    const r = saver.saveOnExit()!;
    expect(r.ok).toBe(false);
    const copy = /saved as (\S+) instead$/.exec(r.message)![1];
    expect(copy).toMatch(/lab\.conflict-\d+\.json$/);
    expect((loadEstate(copy) as { ok: true; value: typeof estate }).value.sim.now).toBe(estate.sim.now);
    expect(readFileSync(lab, 'utf8')).toContain('"edited elsewhere"');
  });
});

describe(':open and the dialogs', () => {
  it(':open of its own file with a change not yet saved saves first, then reads what it saved', () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-w-'));
    const lab = join(d, 'lab.json');
    saveEstate(defaultEstate(1), lab);
    const { saver, estate } = consoleOn(lab);
    runLine(estate, 'virsh shutdown dev-01');
    const r = saver.open(lab);
    if (!r.ok) throw new Error(r.message);
    expect(r.next.estate.sim.workload('dev-01')!.state).toBe('stopping');
    saver.replace(r.next.estate, r.next.file);
    runLine(saver.estate, 'virsh shutdown monitoring');
    expect(saver.saveOnExit()).toMatchObject({ ok: true });
  });

  it('shows what a file holds, escapes and all, without obeying it', async () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-w-'));
    const other = join(d, 'other.json');
    writeFileSync(other, '{"format": "hyperpane-estate", "name": "x\u202ey\u001b]0;owned\u0007"}');
    const { ctl } = consoleOn(undefined);
    typeLine(ctl, `w ${other}`);
    expect(ctl.state.overlay?.type).toBe('confirm');
    const { frame } = await renderApp(120, 40, { controller: ctl });
    expect(frame()).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
  });
});
