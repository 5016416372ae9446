// Read-only mode (--readonly) is enforced in one place, input/dispatch.ts: these
// tests walk everything a person can run from the console (every command of the
// keymap, every app command of the prompt, every changing and every looking
// native command of the five vocabularies) in a read-only console and find the
// estate as it was; and show that each command refused there does act in a
// console that is not read-only, so the walk proves something.
import { describe, expect, it } from 'vitest';
import type { Estate } from '../../src/estate/estate.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runSim } from '../../src/estate/scenario/run.js';
import { isReadOnlyCommand } from '../../src/providers/access/looking.js';
import { waitOut } from '../../src/providers/blocking.js';
import type { Controller } from '../../src/ui/controller.js';
import { hints } from '../../src/ui/hints.js';
import { KEY_COMMANDS } from '../../src/ui/input/commands.js';
import { APP_COMMANDS } from '../../src/ui/input/prompt-commands.js';
import { COMMANDS, type Command, Keymap } from '../../src/ui/keymap.js';
import { keyLabel } from '../../src/ui/keys.js';
import { helpEntries } from '../../src/ui/panels.js';
import { paneDef } from '../../src/ui/panes/index.js';
import { defaultEstate } from '../default-estate.js';
import { LOOKING, MUTATING } from '../providers/native-lines.js';
import { controllerFor, press, prompt } from './helpers.js';

const text = (e: Estate) => JSON.stringify(estateToFile(e));

/** A line that sets a case up, as `hyperpane exec` runs it: a command waited out until it returns, or `sleep Nm`. */
function setUp(estate: Estate, line: string): void {
  const sleep = /^sleep (\d+)m$/.exec(line);
  if (sleep) return void estate.sim.advance(Number(sleep[1]) * 60_000);
  const r = estate.providers.exec(line);
  expect(r.exitCode, `${line}: ${r.stderr}`).toBe(0);
  if (r.blocking) expect(waitOut(estate.sim, r.blocking), `${line} returns`).toBeDefined();
}

const CHANGING = COMMANDS.filter((c) => KEY_COMMANDS[c.id].changes);
const LOOKS = COMMANDS.filter((c) => !KEY_COMMANDS[c.id].changes);
/** The panes with something to act on, and how many of their rows each walk tries. */
const PANES = ['1', '2', '3', '4'];
const ROWS = 8;

/** Puts the cursor on each of the first rows (all of them: `rows` Infinity) of each pane in turn. */
function* everywhere(ctl: Controller, most = ROWS): Generator<string> {
  for (const pane of PANES) {
    press(ctl, 'escape', pane);
    const rows = Math.min(most, ctl.rows().rows.length);
    for (let row = 0; row < rows; row++) {
      press(ctl, 'g', ...Array<string>(row).fill('j'));
      yield `${ctl.state.pane} row ${row}`;
    }
  }
}

describe('read-only mode refuses, in one place, whatever changes the estate', () => {
  it('declares what each command of the keymap does to the estate: every action on a workload or host changes it', () => {
    const acts = (c: Command) => c.category === 'Actions' || c.capability !== undefined || c.host === true;
    expect(CHANGING.map((c) => c.id)).toEqual(COMMANDS.filter(acts).map((c) => c.id));
  });

  it('refuses every key command that changes the estate, on every kind of row, before anything opens', () => {
    const estate = defaultEstate(1);
    const before = text(estate);
    const version = estate.sim.version;
    const ctl = controllerFor(estate, { readonly: true });
    for (const where of everywhere(ctl)) {
      for (const c of CHANGING) {
        press(ctl, c.keys[0]);
        expect(ctl.state.message?.text, `${c.id} on ${where}`).toMatch(/^read-only: .* is not allowed \(started with --readonly\)$/);
        expect(ctl.state.overlay, `${c.id} on ${where}`).toBeUndefined();
        // What would confirm a dialog, choose in a picker or submit a form reaches nothing.
        press(ctl, 'y', 'enter', 'escape');
      }
    }
    expect(estate.sim.version).toBe(version);
    expect(text(estate)).toBe(before);
  });

  it('refuses nothing that the same key does in a console that is not read-only (the walk above proves something)', () => {
    for (const c of CHANGING) {
      const estate = defaultEstate(1);
      // Everything in the built-in estate runs: VMs shut off (to start, to make a template of), one paused (to resume), a snapshot (to revert to), a host failed (to repair).
      for (const line of [
        'virsh destroy dev-01',
        'govc vm.power -off batch-01',
        'sleep 2m',
        'virsh suspend ci-runner-01',
        'virsh snapshot-create-as monitoring s1',
      ])
        setUp(estate, line);
      expect(runSim(estate, ['fail', 'host', 'esx-01'])).toBeUndefined();
      const ctl = controllerFor(estate);
      let acted = false;
      for (const _ of everywhere(ctl, Infinity)) {
        const version = estate.sim.version;
        press(ctl, c.keys[0]);
        // It opened its dialog, picker or form, changed the estate, or answered without an error (a balanced cluster needs no moves).
        if (ctl.state.overlay || estate.sim.version !== version || ctl.state.message?.tone === 'info') {
          acted = true;
          break;
        }
      }
      expect(acted, `${c.id} acts somewhere in a console that is not read-only`).toBe(true);
    }
  });

  it('lets every key command that only looks run, and none of them changes the estate', () => {
    const estate = defaultEstate(1);
    const before = text(estate);
    const version = estate.sim.version;
    const ctl = controllerFor(estate, { readonly: true });
    for (const where of everywhere(ctl)) {
      for (const c of LOOKS.filter((c) => c.id !== 'quit')) {
        press(ctl, c.keys[0]);
        expect(ctl.state.message?.text ?? '', `${c.id} on ${where}`).not.toMatch(/^read-only/);
        press(ctl, 'escape', 'escape');
      }
    }
    press(ctl, 'q');
    expect(ctl.state.quitting).toBe(true);
    expect(estate.sim.version).toBe(version);
    expect(text(estate)).toBe(before);
  });

  it('hides from the footer and from help what it refuses', () => {
    const refusedKeys = new Set(CHANGING.map((c) => keyLabel(c.keys[0])));
    const offered = (ctl: Controller) => {
      const keys = new Set<string>();
      for (const _ of everywhere(ctl)) for (const h of hints(ctl)) keys.add(h.key);
      return [...keys].filter((k) => refusedKeys.has(k));
    };
    expect(offered(controllerFor(defaultEstate(1), { readonly: true }))).toEqual([]);
    expect(offered(controllerFor(defaultEstate(1))).length).toBeGreaterThan(5);
    const help = helpEntries(new Keymap(), paneDef('vms'), true).map((e) => e.text);
    for (const c of CHANGING)
      expect(
        help.some((t) => t === c.description || t === `${c.description}  [asks first]`),
        c.id,
      ).toBe(false);
    for (const c of APP_COMMANDS.filter((c) => c.changes)) expect(help, c.name).not.toContain(c.description);
    expect(help).toContain(LOOKS[0].description);
  });
});

describe('the prompt in read-only mode', () => {
  /** A line for each app command that changes the estate. */
  const CHANGING_LINES: Record<string, string> = {
    drs: 'drs vsphere-prod',
    backup: 'backup web-01',
    restore: 'restore web-01-1',
    replicate: 'replicate web-01 site-b',
    failover: 'failover web-01-replica',
    sim: 'sim fail host esx-01',
  };

  it('names a line for every app command that changes the estate', () => {
    expect(
      APP_COMMANDS.filter((c) => c.changes)
        .map((c) => c.name)
        .sort(),
    ).toEqual(Object.keys(CHANGING_LINES).sort());
  });

  it.each(Object.entries(CHANGING_LINES))('refuses :%s before it runs', (name, line) => {
    const estate = defaultEstate(1);
    const before = text(estate);
    const ctl = controllerFor(estate, { readonly: true });
    prompt(ctl, line);
    expect(ctl.state.message?.text).toBe(`read-only: :${name} is not allowed (started with --readonly)`);
    press(ctl, 'y', 'enter');
    expect(text(estate)).toBe(before);
  });

  it('runs the app commands that only look, and the estate stays as it was', () => {
    const estate = defaultEstate(1);
    const before = text(estate);
    const ctl = controllerFor(estate, { readonly: true });
    for (const c of APP_COMMANDS.filter((c) => !c.changes && c.name !== 'quit')) {
      prompt(ctl, `${c.name}${c.name === 'speed' ? ' 10' : c.name === 'backups' ? ' web-01' : ''}`);
      expect(ctl.state.message?.text ?? '', c.name).not.toMatch(/^read-only/);
      press(ctl, 'escape');
    }
    expect(text(estate)).toBe(before);
  });

  for (const [platform, cases] of Object.entries(MUTATING)) {
    it.each(cases.map((c) => [Array.isArray(c) ? c.join(' · ') : c, Array.isArray(c) ? c : [c]]))(
      `refuses ${platform}: %s, and the estate is unchanged`,
      (_, lines) => {
        const estate = defaultEstate(1);
        for (const setup of lines.slice(0, -1)) setUp(estate, setup);
        const line = lines[lines.length - 1];
        expect(isReadOnlyCommand(line), line).toBe(false);
        const before = text(estate);
        const ctl = controllerFor(estate, { readonly: true });
        prompt(ctl, line);
        expect(ctl.state.message?.text).toBe('read-only: only commands that look and do not change are allowed (started with --readonly)');
        expect(ctl.state.running).toBeUndefined();
        expect(text(estate)).toBe(before);
      },
    );
  }

  it.each(LOOKING)('runs %s, which changes nothing', (line) => {
    const estate = defaultEstate(1);
    const before = text(estate);
    const ctl = controllerFor(estate, { readonly: true });
    prompt(ctl, line);
    expect(ctl.state.message?.text ?? '', line).not.toMatch(/^read-only/);
    const o = ctl.state.overlay;
    // Its answer opens in the panel; an answer with nothing to print is said in the status line.
    expect(o ? o.type === 'output' && !o.failed : ctl.state.message?.text === `done: ${line}`, line).toBe(true);
    expect(text(estate)).toBe(before);
  });
});

describe('kubectl in read-only mode', () => {
  it("finds kubectl's verb as kubectl does, past its flags and their values", () => {
    for (const line of [
      'kubectl -n get delete namespace t1',
      'kubectl --namespace top cordon docker-01',
      'kubectl --context get delete deployment web',
      'kubectl delete pod x',
      'kubectl rollout undo deploy/x',
      'kubectl config use-context lab',
    ])
      expect(isReadOnlyCommand(line), line).toBe(false);
    for (const line of [
      'kubectl get pods',
      'kubectl -n kube-system get pods',
      'kubectl rollout status deploy/x',
      'kubectl config get-contexts',
      'kubectl describe pod x',
      'kubectl logs deploy/web-app --tail 5',
    ])
      expect(isReadOnlyCommand(line), line).toBe(true);
  });
});
