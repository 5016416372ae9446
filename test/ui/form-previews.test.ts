// Every form's and picker's preview is made from what it holds now: the native
// command shown ("same as: ...") follows the name being typed and the choice
// under the cursor. Commands as the real tools spell them: govmomi
// govc/USAGE.md (snapshot.create -vm VM NAME, vm.migrate -host HOST VM,
// vm.clone -vm VM NAME), libvirt docs/manpages/virsh.rst (snapshot-create-as
// DOMAIN NAME, snapshot-revert DOMAIN SNAPSHOT), Microsoft Learn: Checkpoint-VM.
import { describe, expect, it } from 'vitest';
import { pickCommand } from '../../src/ui/input/pick-preview.js';
import { must } from '../core/fixtures.js';
import { controllerFor, press, renderApp, typeText } from './helpers.js';

const shown = (ctl: ReturnType<typeof controllerFor>) => {
  const o = ctl.state.overlay;
  if (o?.type !== 'pick') throw new Error('no picker');
  return pickCommand(ctl, o);
};
const form = (ctl: ReturnType<typeof controllerFor>) => {
  const o = ctl.state.overlay;
  if (o?.type !== 'form') throw new Error(`no form: ${o?.type}`);
  return o;
};

describe('form previews', () => {
  it("the snapshot form's native command follows the name typed", () => {
    const ctl = controllerFor();
    press(ctl, '2', 't');
    expect(form(ctl).preview).toBe('same as: govc snapshot.create -vm web-01 web-01-snap-1');
    press(ctl, 'ctrl+u');
    typeText(ctl, 'before-patch');
    expect(form(ctl).preview).toBe('same as: govc snapshot.create -vm web-01 before-patch');
    expect(form(ctl).previewOk).toBe(true);
    typeText(ctl, ' 2');
    expect(form(ctl).preview).toBe("same as: govc snapshot.create -vm web-01 'before-patch 2'");
    press(ctl, 'ctrl+u');
    expect(form(ctl)).toMatchObject({ preview: 'Name: required', previewOk: false });
  });

  it("says each platform's own snapshot command as the name changes", () => {
    const ctl = controllerFor();
    press(ctl, '2', '/');
    typeText(ctl, 'ad-01');
    press(ctl, 'enter', 't', 'ctrl+u');
    typeText(ctl, 'pre');
    expect(form(ctl).preview).toBe('same as: Checkpoint-VM -Name ad-01 -SnapshotName pre');
    press(ctl, 'escape', '/', 'ctrl+u');
    typeText(ctl, 'dev-01');
    press(ctl, 'enter', 't', 'ctrl+u');
    typeText(ctl, 'pre');
    expect(form(ctl).preview).toBe('same as: virsh snapshot-create-as dev-01 pre');
  });

  it("the clone form's command follows its name and choices, quoted as typed", () => {
    const ctl = controllerFor();
    press(ctl, '2', 'c', 'ctrl+u');
    typeText(ctl, 'web copy');
    expect(form(ctl).preview).toBe("full: copies 40 GiB of disk; same as: govc vm.clone -vm web-01 -on=false 'web copy'");
    press(ctl, 'down', 'right');
    expect(form(ctl).preview).toMatch(/^a linked clone shares a snapshot's disk: web-01 has none/);
  });
});

describe('picker previews', () => {
  it('the migration picker shows the command for the host under the cursor', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'm');
    const at = () => {
      const o = ctl.state.overlay;
      if (o?.type !== 'pick') throw new Error('no picker');
      return o.options[o.cursor].id;
    };
    const first = at();
    expect(shown(ctl)).toBe(`govc vm.migrate -host ${first} web-01`);
    press(ctl, 'j');
    expect(shown(ctl)).toBe(`govc vm.migrate -host ${at()} web-01`);
    expect(at()).not.toBe(first);
  });

  it('draws the command under the list', async () => {
    const app = await renderApp(120, 40);
    await app.type('2m');
    expect(app.frame()).toMatch(/same as: govc vm\.migrate -host esx-0\d web-01/);
    await app.type('j');
    const o = app.controller.state.overlay;
    expect(o?.type === 'pick' && app.frame()).toContain(`same as: govc vm.migrate -host ${o?.type === 'pick' ? o.options[1].id : ''} web-01`);
    app.unmount();
  });

  it('the revert picker shows the command for the snapshot under the cursor', () => {
    const ctl = controllerFor();
    const sim = ctl.estate.sim;
    press(ctl, '2', '/');
    typeText(ctl, 'dev-01');
    press(ctl, 'enter');
    for (const name of ['one', 'two']) {
      press(ctl, 't', 'ctrl+u');
      typeText(ctl, name);
      press(ctl, 'enter');
      sim.advance(60_000);
    }
    press(ctl, 'v');
    expect(shown(ctl)).toBe('virsh snapshot-revert dev-01 two');
    press(ctl, 'j');
    expect(shown(ctl)).toBe('virsh snapshot-revert dev-01 one');
  });

  it('the balancing picker shows the move under the cursor, and says how many "all" makes', () => {
    const ctl = controllerFor();
    const sim = ctl.estate.sim;
    for (const id of ['web-01', 'app-02']) must(sim.setLoad(id, 1));
    for (let i = 0; i < 4; i++) ctl.estate.providers.exec(`govc vm.create -c 8 -m 16384 -host esx-01 hot-${i}`);
    sim.advance(300_000);
    for (let i = 0; i < 4; i++) must(sim.setLoad(`hot-${i}`, 1));
    sim.advance(5_000);
    press(ctl, '1', 'b');
    const o = ctl.state.overlay;
    if (o?.type !== 'pick' || o.purpose !== 'balance') throw new Error('no recommendations');
    const m = o.moves[0];
    const more = o.moves.length > 1 ? ` (and ${o.moves.length - 1} more like it, one per move)` : '';
    expect(shown(ctl)).toBe(`govc vm.migrate -host ${m.to} ${m.workload}${more}`);
    press(ctl, 'j');
    expect(shown(ctl)).toBe(`govc vm.migrate -host ${m.to} ${m.workload}`);
  });
});
