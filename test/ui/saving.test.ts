// :w in the console: a file this estate did not come from is replaced only after
// the user says so (Cancel chosen); a file another program changed since it was
// read is not replaced unless :w! says so; on the way out nothing is lost.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEstate } from '../../src/cli/open-estate.js';
import { buildScaleEstate } from '../../src/estate/presets/scale.js';
import { runLine } from '../../src/estate/script.js';
import { loadEstate, megabytes, SLOW_LOAD_BYTES, saveEstate } from '../../src/estate/store.js';
import { EstateSaver, SavingNotice, SLOW_SAVE_WORKLOADS } from '../../src/ui/estate-saver.js';
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

describe('a save that takes longer than a frame', () => {
  function bigConsole(file?: string) {
    const estate = buildScaleEstate({ hosts: 128, workloads: SLOW_SAVE_WORKLOADS + 40 });
    const saver = new EstateSaver(estate, file, false);
    const queued: (() => void)[] = [];
    let ctl: ReturnType<typeof controllerFor> | undefined;
    const notice = new SavingNotice(saver, { say: (text, tone) => ctl?.flash(text, tone), later: (fn) => queued.push(fn) });
    ctl = controllerFor(estate, { onSave: (target, options) => notice.save(target, options) });
    return { ctl, saver, notice, queued, estate };
  }

  it('says so on the status line first, and saves once that line is drawn', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hp-w-')), 'big.json');
    const { ctl, queued } = bigConsole();
    typeLine(ctl, `w ${file}`);
    expect(ctl.state.message?.text).toBe(`saving ${file} (${SLOW_SAVE_WORKLOADS + 40} workloads)...`);
    expect(loadEstate(file).ok).toBe(false);
    expect(queued).toHaveLength(1);
    queued.shift()!();
    expect(ctl.state.message?.text).toBe(`saved ${file}`);
    expect(loadEstate(file).ok).toBe(true);
  });

  it('counts the workloads the file will hold: a deleted one is not written, nor counted', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hp-w-')), 'big.json');
    const { ctl, queued, estate } = bigConsole();
    expect(runLine(estate, 'govc vm.destroy vm-000000').exitCode).toBe(0);
    estate.sim.advance(600_000);
    expect(estate.sim.workload('vm-000000')?.state ?? 'deleted').toBe('deleted');
    typeLine(ctl, `w ${file}`);
    expect(ctl.state.message?.text).toBe(`saving ${file} (${SLOW_SAVE_WORKLOADS + 39} workloads)...`);
    queued.shift()!();
    const back = loadEstate(file);
    expect(back.ok && back.value.sim.workloadCount).toBe(SLOW_SAVE_WORKLOADS + 39);
  });

  it('judges a save slow by the workloads it writes, not by deleted slots', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hp-w-')), 'big.json');
    const { ctl, queued, estate, saver } = bigConsole();
    // Delete 41 of them: 899 left, under the threshold, so the save is done at once and says only that it is done.
    const vms = estate.sim
      .workloadViews()
      .filter((w) => w.platform === 'vmware')
      .slice(0, 41);
    for (const vm of vms) expect(runLine(estate, `govc vm.destroy ${vm.name}`).exitCode).toBe(0);
    estate.sim.advance(600_000);
    expect(saver.slow()).toBe(false);
    const before = queued.length;
    typeLine(ctl, `w ${file}`);
    expect(queued.length - before).toBe(0);
    expect(ctl.state.message?.text).toBe(`saved ${file}`);
  });

  it('asks its question before it says it is saving, and autosave says so too', () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-w-'));
    const notes = join(d, 'notes.txt');
    writeFileSync(notes, 'my notes');
    const { ctl, queued } = bigConsole();
    typeLine(ctl, `w ${notes}`);
    expect(ctl.state.overlay).toMatchObject({ type: 'confirm', title: `Replace ${notes}?` });
    expect(queued).toHaveLength(0);
    const own = join(d, 'own.json');
    const { ctl: ctl2, saver, notice, queued: q2, estate } = bigConsole(own);
    expect(runLine(estate, 'virsh shutdown vm-000003').exitCode).toBe(0);
    expect(saver.unsaved()).toBe(true);
    notice.autosave();
    expect(ctl2.state.message?.text).toBe(`autosaving ${own} (${SLOW_SAVE_WORKLOADS + 40} workloads)...`);
    q2.shift()!();
    expect(ctl2.state.message?.text).toBe(`autosaved ${own}`);
    expect(saver.unsaved()).toBe(false);
  });

  it('one at a time: a second :w waits, and quitting or :open does the pending one at once', () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-w-'));
    const own = join(d, 'own.json');
    const other = join(d, 'other.json');
    const { ctl, saver, notice, queued, estate } = bigConsole(own);
    typeLine(ctl, `w ${other}`);
    typeLine(ctl, 'w');
    expect(ctl.state.message?.text).toBe(`saving ${other} (${SLOW_SAVE_WORKLOADS + 40} workloads)...: wait for it to finish`);
    expect(queued).toHaveLength(1);
    // Quitting now: the pending save is done, once, and its answer kept for the shell.
    expect(notice.pending()).toBe(`saving ${other} (${SLOW_SAVE_WORKLOADS + 40} workloads)...`);
    expect(notice.flush()).toEqual({ ok: true, message: `saved ${other}` });
    expect(notice.pending()).toBeUndefined();
    queued.shift()!();
    expect(notice.flush()).toBeUndefined();
    expect(loadEstate(other).ok).toBe(true);
    // :open with a change not saved: said first, then saved, then opened.
    expect(saveEstate(estate, own).ok).toBe(true);
    saver.replace(estate, own);
    expect(runLine(estate, 'virsh shutdown vm-000003').exitCode).toBe(0);
    let opened = 0;
    const answer = notice.beforeOpen(other, () => {
      opened++;
      return { ok: true, message: `opening ${other}` };
    });
    // The file to open is large enough to take a while too (over SLOW_LOAD_BYTES): both are said.
    expect(statSync(other).size).toBeGreaterThanOrEqual(SLOW_LOAD_BYTES);
    expect(answer).toEqual({
      ok: true,
      message: `saving ${own} (${SLOW_SAVE_WORKLOADS + 40} workloads), then opening ${other} (${megabytes(statSync(other).size)})...`,
    });
    expect(opened).toBe(0);
    queued.shift()!();
    expect(opened).toBe(1);
    expect(saver.unsaved()).toBe(false);
  });

  it(':open of a small file after a change of a large estate says the save first', () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-w-'));
    const own = join(d, 'own.json');
    const small = join(d, 'small.json');
    expect(saveEstate(defaultEstate(), small).ok).toBe(true);
    expect(statSync(small).size).toBeLessThan(SLOW_LOAD_BYTES);
    const { saver, notice, queued, estate } = bigConsole();
    expect(saveEstate(estate, own).ok).toBe(true);
    saver.replace(estate, own);
    expect(runLine(estate, 'virsh shutdown vm-000003').exitCode).toBe(0);
    const answer = notice.beforeOpen(small, () => ({ ok: true, message: `opening ${small}` }));
    expect(answer).toEqual({ ok: true, message: `saving ${own} (${SLOW_SAVE_WORKLOADS + 40} workloads) before opening ${small}...` });
    queued.shift()!();
    expect(saver.unsaved()).toBe(false);
  });

  it('opening a large file says so first, from the console and from the command line', () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-open-'));
    const big = join(d, 'big.json');
    expect(saveEstate(buildScaleEstate({ hosts: 256, workloads: 2000 }), big).ok).toBe(true);
    const size = statSync(big).size;
    expect(size).toBeGreaterThanOrEqual(SLOW_LOAD_BYTES);
    // In the console: an estate with nothing to save, then :open of the big file.
    const { notice, queued } = bigConsole();
    let opened = 0;
    const answer = notice.beforeOpen(big, () => {
      opened++;
      return { ok: true, message: `opening ${big}` };
    });
    expect(answer).toEqual({ ok: true, message: `opening ${big} (${megabytes(size)})...` });
    expect(opened).toBe(0);
    queued.shift()!();
    expect(opened).toBe(1);
    // From the command line: told before the read and once it is done.
    const told: (number | undefined)[] = [];
    const r = openEstate({ file: big, reading: (_, bytes) => told.push(bytes) });
    expect(r.ok).toBe(true);
    expect(told).toEqual([size, undefined]);
    expect(megabytes(size)).toMatch(/^\d\.\d MB$/);
  });

  it('a smaller estate saves at once', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hp-w-')), 'small.json');
    const { ctl } = consoleOn(undefined);
    typeLine(ctl, `w ${file}`);
    expect(ctl.state.message?.text).toBe(`saved ${file}`);
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
