// Input routing and the effects of keys, on the controller alone: a dialog takes
// keys before the pane, a filter being typed takes letters, actions go through the
// provider, read-only refuses what could lose work.
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../src/config/settings.js';
import { must } from '../core/fixtures.js';
import { controllerFor, press, typeText } from './helpers.js';

describe('navigation', () => {
  it('moves, pages, jumps and switches panes by number and tab', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'j', 'j');
    expect(ctl.state.pane).toBe('vms');
    expect(ctl.selected()?.id).toBe('web-03');
    press(ctl, 'G');
    expect(ctl.selected()?.id).toBe('dockervm-01');
    press(ctl, 'g', 'pagedown');
    expect(ctl.state.panes.vms.cursor).toBe(Math.min(17, ctl.layout().listRows));
    press(ctl, 'tab');
    expect(ctl.state.pane).toBe('containers');
    press(ctl, 'shift+tab', 'shift+tab');
    expect(ctl.state.pane).toBe('hosts');
  });

  it('opens details with enter and goes back with esc', () => {
    const ctl = controllerFor();
    press(ctl, '1', 'enter');
    expect(ctl.state.detail).toEqual({ type: 'host', id: 'esx-01' });
    press(ctl, 'escape');
    expect(ctl.state.detail).toBeUndefined();
  });
});

describe('routing', () => {
  it('gives a dialog the keys before the pane', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'x');
    expect(ctl.state.overlay?.type).toBe('confirm');
    press(ctl, 'j', 'j', '3', 'q');
    expect(ctl.state.panes.vms.cursor).toBe(0);
    expect(ctl.state.pane).toBe('vms');
    expect(ctl.state.quitting).toBe(false);
    press(ctl, 'enter'); // Cancel is chosen
    expect(ctl.state.overlay).toBeUndefined();
    expect(ctl.estate.sim.workload('web-01')?.state).toBe('running');
  });

  it('types into a filter rather than running commands, live', () => {
    const ctl = controllerFor();
    press(ctl, '2', '/');
    typeText(ctl, 'q web');
    expect(ctl.state.quitting).toBe(false);
    expect(ctl.rows().rows.length).toBe(0);
    press(ctl, 'backspace', 'backspace', 'backspace', 'backspace', 'backspace');
    typeText(ctl, 'web');
    expect(ctl.rows().rows.length).toBe(3);
    press(ctl, 'enter');
    expect(ctl.state.panes.vms.filter).toBe('web');
    press(ctl, 'escape');
    expect(ctl.state.panes.vms.filter).toBe('');
  });

  it('puts the old filter back on esc, and refuses to apply one it cannot read', () => {
    const ctl = controllerFor();
    press(ctl, '2', '/');
    typeText(ctl, 'web');
    press(ctl, 'enter', '/');
    typeText(ctl, 'x');
    press(ctl, 'escape');
    expect(ctl.state.panes.vms.filter).toBe('web');
    press(ctl, '/', 'ctrl+u');
    typeText(ctl, 'colour:red');
    press(ctl, 'enter');
    expect(ctl.state.panes.vms.filter).toBe('web');
    expect(ctl.state.message?.text).toMatch(/^filter not applied: no field "colour"/);
  });

  it('always quits on ctrl-c, even from a dialog', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'x', 'ctrl+c');
    expect(ctl.state.quitting).toBe(true);
  });

  it('says when a key does nothing', () => {
    const ctl = controllerFor();
    press(ctl, 'Z');
    expect(ctl.state.message?.text).toBe('Z does nothing here; press ? for the keys');
  });
});

describe('sorting', () => {
  it('sorts by Shift+letter, reverses on a second press, and steps with < >', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'M');
    expect(ctl.state.panes.vms.sort).toEqual({ column: 'memory', desc: true });
    press(ctl, 'M');
    expect(ctl.state.panes.vms.sort).toEqual({ column: 'memory', desc: false });
    press(ctl, 'N');
    expect(ctl.selected()?.id).toBe('ad-01');
    press(ctl, '!');
    expect(ctl.selected()?.id).toBe('web-03');
    press(ctl, '>');
    expect(ctl.state.panes.vms.sort?.column).toBe('state');
  });
});

describe('actions', () => {
  it('stops a VM after the dialog, which shows the native command', () => {
    const ctl = controllerFor();
    press(ctl, '2', '/');
    typeText(ctl, 'dev-01');
    press(ctl, 'enter', 'x');
    const o = ctl.state.overlay;
    expect(o?.type === 'confirm' && o.command).toBe('virsh shutdown dev-01');
    press(ctl, 'right', 'enter');
    expect(ctl.estate.sim.workload('dev-01')?.state).toBe('stopping');
    expect(ctl.state.message?.text).toMatch(/^dev-01: stop/);
  });

  it('binds an action only where the provider supports it now', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'G', 'u'); // resume a running KVM domain
    expect(ctl.state.overlay).toBeUndefined();
    expect(ctl.state.message).toEqual({ text: 'Resume is not available: dockervm-01 is running', tone: 'error' });
    press(ctl, 'g', 'p'); // vSphere has no pause
    expect(ctl.state.message?.text).toBe('VMware vSphere cannot pause a VM');
    press(ctl, '3', 'z'); // Docker cannot suspend
    expect(ctl.state.message?.text).toMatch(/^Docker.* cannot suspend a container$/);
  });

  it('takes a snapshot with a name, and reverts to it after asking', () => {
    const ctl = controllerFor();
    press(ctl, '2', 't');
    expect(ctl.state.overlay?.type).toBe('form');
    press(ctl, 'ctrl+u');
    typeText(ctl, 'before');
    press(ctl, 'enter');
    expect(ctl.estate.sim.snapshots.of(0).list.map((s) => s.name)).toEqual(['before']);
    press(ctl, 'v');
    expect(ctl.state.overlay?.type).toBe('pick');
    press(ctl, 'enter');
    const o = ctl.state.overlay;
    expect(o?.type === 'confirm' && o.command).toMatch(/snapshot.revert .*before/);
    press(ctl, 'y');
    expect(ctl.state.message?.text).toBe('web-01 reverted to snapshot before');
  });

  it('clones a VM from a form: full or linked, with the native command previewed', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'c');
    const o = ctl.state.overlay;
    if (o?.type !== 'form') throw new Error('no form');
    expect(o.fields.map((f) => f.label)).toEqual(['Name', 'Type', 'Host', 'Power on']);
    expect(o.fields[0].edit.text).toBe('web-01-clone');
    expect(o.preview).toBe('full: copies 40 GiB of disk; same as: govc vm.clone -vm web-01 -on=false web-01-clone');
    press(ctl, 'tab', 'right'); // linked, but web-01 has no snapshot to share
    const linked = ctl.state.overlay;
    expect(linked?.type === 'form' && [linked.previewOk, linked.preview]).toEqual([
      false,
      "a linked clone shares a snapshot's disk: web-01 has none (t takes one)",
    ]);
    typeText(ctl, 'xyz'); // a choice is not typed into
    expect(ctl.state.overlay?.type === 'form' && ctl.state.overlay.fields[1].edit.text).toBe('linked');
    press(ctl, 'left', 'enter');
    expect(ctl.state.overlay).toBeUndefined();
    expect(ctl.state.message?.text).toMatch(/^clone web-01-clone of web-01 on esx-0\d \(ready in \d+ s\)$/);
    expect(ctl.estate.sim.workload('web-01-clone')?.state).toBe('provisioning');
    press(ctl, '/');
    typeText(ctl, 'dockervm');
    press(ctl, 'enter', 'c'); // a running KVM domain: virt-clone wants it shut off
    expect(ctl.state.message?.text).toBe('Clone is not available: dockervm-01 is running');
    press(ctl, '3', 'c');
    expect(ctl.state.message?.text).toMatch(/^Docker.* cannot clone a container$/);
  });

  it('marks a stopped VM as a template with T, and deploys a VM from it in the new form', async () => {
    const ctl = controllerFor();
    press(ctl, '2', 'ctrl+k', 'tab', 'enter'); // force web-01 off
    press(ctl, 'T');
    expect(ctl.state.message?.text).toBe('web-01 is now a template');
    expect(ctl.rows().rows.map((r) => ctl.estate.sim.workloads.records[r].id)).toContain('web-01');
    press(ctl, '/');
    typeText(ctl, 'state:template');
    press(ctl, 'enter');
    expect(ctl.rows().rows).toHaveLength(1);
    press(ctl, 's');
    expect(ctl.state.message?.text).toBe('web-01 is a template: c deploys a VM from it, T makes it a VM again');
    press(ctl, 'escape', 'n');
    const o = ctl.state.overlay;
    if (o?.type !== 'form') throw new Error('no form');
    expect(o.fields.map((f) => f.label)).toContain('From template');
    press(ctl, 'down', 'right');
    const chosen = ctl.state.overlay;
    expect(chosen?.type === 'form' && chosen.preview).toBe('a full clone of web-01: 2 vCPU, 4 GiB, copying 40 GiB of disk');
    press(ctl, 'enter');
    expect(ctl.state.message?.text).toMatch(/^clone vm-01 of web-01 on esx-0\d \(ready in \d+ s\)$/);
  });

  it('puts a host in maintenance mode after asking, and fails and repairs one', () => {
    const ctl = controllerFor();
    press(ctl, '1', 'j', 'e');
    const o = ctl.state.overlay;
    if (o?.type !== 'confirm') throw new Error('no dialog');
    expect([o.title, o.command, o.yes]).toEqual(['Put esx-02 in maintenance mode?', 'govc host.maintenance.enter esx-02', false]);
    expect(o.lines[0]).toBe('Its running VMs move off it first: web-02, db-01.');
    press(ctl, 'y');
    expect(ctl.state.message?.text).toBe('esx-02 is entering maintenance mode');
    expect(ctl.estate.sim.host('esx-02')!.state).toBe('maintenance');
    ctl.estate.sim.advance(300_000);
    expect(ctl.estate.sim.host('esx-02')!.workloads).toBe(0);
    press(ctl, 'e'); // leaving asks nothing
    expect(ctl.estate.sim.host('esx-02')!.state).toBe('connected');
    press(ctl, 'F', 'y');
    expect(ctl.estate.sim.host('esx-02')!.state).toBe('failed');
    press(ctl, 'R');
    expect([ctl.estate.sim.host('esx-02')!.state, ctl.state.message?.text]).toEqual(['connected', 'esx-02 is repaired']);
    press(ctl, '2', 'e');
    expect(ctl.state.message).toEqual({ text: 'Enter or leave maintenance mode: select a host (1 opens the Hosts pane)', tone: 'error' });
  });

  it('runs scenario events from the prompt with :sim, as tapes do', () => {
    const ctl = controllerFor();
    press(ctl, ':');
    typeText(ctl, 'sim fail host kvm-01');
    press(ctl, 'enter');
    expect([ctl.state.message?.text, ctl.estate.sim.host('kvm-01')!.state]).toEqual([':sim fail host kvm-01: done', 'failed']);
    press(ctl, ':');
    typeText(ctl, 'sim fail kvm-02');
    press(ctl, 'enter');
    expect(ctl.state.message).toEqual({ text: ':sim: expected: :sim fail host ID, or :sim fail site ID', tone: 'error' });
    press(ctl, ':');
    typeText(ctl, 'sim recover host esx-09');
    press(ctl, 'enter');
    expect(ctl.state.message).toEqual({ text: ':sim recover: no host named esx-09', tone: 'error' });
  });

  it('shows what is under way in a line of its own, and all of it with :tasks', () => {
    const ctl = controllerFor();
    expect(ctl.tasks()).toEqual([]);
    const rows = ctl.layout().bodyRows;
    press(ctl, '2', 'r', 'tab', 'enter'); // restart web-01
    expect(ctl.tasks().map((t) => [t.subject, t.title])).toEqual([['web-01', 'stopping']]);
    expect(ctl.layout().bodyRows).toBe(rows - 1);
    press(ctl, ':');
    typeText(ctl, 'tasks');
    press(ctl, 'enter');
    const o = ctl.state.overlay;
    expect(o?.type === 'output' && o.lines[0]).toMatch(/^web-01 +stopping +[█░]{12} \d+% · then running · \d+(m\d+)?s left$/);
  });

  it("shows balancing recommendations for a host's cluster with b, and applies them", () => {
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
    expect(o.title).toMatch(/^DRS recommendations for vsphere-prod \(threshold 3: tolerates 0\.150\)$/);
    expect(o.options[0].label).toMatch(/^Apply all \d+$/);
    expect(o.options[1].label).toMatch(/: esx-01 → esx-0[234]$/);
    press(ctl, 'enter');
    expect(ctl.state.message?.text).toMatch(/^\d+ migrations? started to balance vsphere-prod$/);
    expect(sim.migrations.size).toBeGreaterThan(0);
    press(ctl, ':');
    typeText(ctl, 'drs kvm-lab 1');
    press(ctl, 'enter');
    expect(ctl.state.message?.text).toMatch(/^Balancing: kvm-lab needs no moves \(imbalance [\d.]+, threshold 1 tolerates any\)$/);
  });

  it('backs a VM up with B, lists restore points with :backups, and restores one as a new VM', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'B');
    expect(ctl.state.message?.text).toMatch(/^backing web-01 up to backup-east: about \d+ s$/);
    ctl.estate.sim.advance(300_000);
    press(ctl, ':');
    typeText(ctl, 'backups');
    press(ctl, 'enter');
    const o = ctl.state.overlay;
    expect(o?.type === 'output' && o.lines.join('\n')).toMatch(
      /backup-east +at dc-east +40 GiB of 50 TiB used[\s\S]*\nweb-01-1 +web-01 +2026-01-01 01:00:00 +40 GiB +on backup-east/,
    );
    press(ctl, 'escape', ':');
    typeText(ctl, 'restore web-01-1 web-01-old');
    press(ctl, 'enter');
    expect(ctl.state.message?.text).toMatch(/^restoring web-01-1 as web-01-old on esx-0\d$/);
    press(ctl, ':');
    typeText(ctl, 'replicate dev-01 dc-east');
    press(ctl, 'enter');
    expect(ctl.state.message?.text).toMatch(/^no room for a replica of dev-01 at dc-east: /);
  });

  it('live-migrates to a host picked from a list that shows fit and reasons', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'm');
    const o = ctl.state.overlay;
    if (o?.type !== 'pick') throw new Error('no picker');
    expect(o.options.map((x) => x.id).sort()).toEqual(['esx-02', 'esx-03', 'esx-04']);
    // ESXi: CPU admitted up to 32 vCPUs a core, memory without limit (then what the host would have provisioned).
    expect(o.options[0].detail).toMatch(/^fits: [\d.]+ vCPU free and memory \d+% provisioned \(no admission limit\) after$/);
    press(ctl, 'enter');
    expect(ctl.estate.sim.workload('web-01')?.state).toBe('migrating');
    expect(ctl.state.message?.text).toMatch(/^web-01 is migrating to esx-0[234]$/);
  });

  it('offers a host of another cluster with the VM’s disks going to a datastore it mounts (vMotion with storage)', () => {
    const ctl = controllerFor();
    const sim = ctl.estate.sim;
    must(sim.addCluster({ id: 'vsphere-dr', site: 'dc-east', platform: 'vmware' }));
    must(
      sim.addHost(
        ctl.estate.providers.vmware.hostInput({ id: 'esx-09', cluster: 'vsphere-dr', cores: 32, memoryMiB: 256 * 1024, storageMiB: 2 * 1024 * 1024 }),
      ),
    );
    must(sim.addDatastore({ id: 'dr-lun01', medium: 'san', clusters: ['vsphere-dr'], capacityMiB: 1024 * 1024 }));
    // web-01's port group, there too (vMotion checks the network as well).
    expect(ctl.estate.providers.exec('govc host.portgroup.add -host esx-09 -vswitch vSwitch0 -vlan 10 web').exitCode).toBe(0);
    press(ctl, '2', 'm');
    const o = ctl.state.overlay;
    if (o?.type !== 'pick') throw new Error('no picker');
    const dr = o.options.find((x) => x.id === 'esx-09')!;
    expect(dr).toMatchObject({ ok: true, detail: expect.stringMatching(/, its disks to dr-lun01$/) });
    while (ctl.state.overlay?.type === 'pick' && ctl.state.overlay.options[ctl.state.overlay.cursor]?.id !== 'esx-09') press(ctl, 'down');
    press(ctl, 'enter');
    expect(ctl.state.message?.text).toBe('web-01 is migrating to esx-09');
    sim.advance(3_600_000);
    expect(sim.workload('web-01')?.host).toBe('esx-09');
    expect(sim.diskOn('web-01')?.datastore).toBe('dr-lun01');
  });

  it('creates a VM from the new form, after a placement preview', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'n');
    const o = ctl.state.overlay;
    if (o?.type !== 'form') throw new Error('no form');
    expect(o.fields.map((f) => f.label)).toEqual(['Provider', 'Name', 'vCPUs', 'Memory', 'Disk (GiB)', 'Image', 'Host']);
    expect(o.preview).toMatch(/^would go to esx-0\d \(score \d+\)/);
    // A disk bigger than any datastore (ESXi would admit any memory; disk space it cannot make up).
    press(ctl, 'down', 'down', 'down', 'ctrl+u');
    typeText(ctl, '99999');
    const bad = ctl.state.overlay;
    expect(bad?.type === 'form' && bad.previewOk).toBe(false);
    expect(bad?.type === 'form' && bad.preview).toMatch(/^No host can take vm-01/);
    press(ctl, 'enter'); // refused: the form stays, with what was typed
    expect(ctl.state.overlay?.type).toBe('form');
    press(ctl, 'ctrl+u');
    typeText(ctl, '40');
    press(ctl, 'enter');
    expect(ctl.state.overlay).toBeUndefined();
    expect(ctl.estate.sim.workload('vm-01')?.platform).toBe('vmware');
  });

  it('switches the form to another provider with left and right', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'n', 'up', 'left');
    const o = ctl.state.overlay;
    expect(o?.type === 'form' && o.fields.map((f) => f.id)).toEqual(['provider', 'name', 'size', 'group', 'image']);
    expect(o?.type === 'form' && o.preview).toMatch(/^Standard_B2s in \w+: 2 vCPU, 4 GiB/);
  });

  it('refuses what could lose work in read-only mode, and allows looking', () => {
    const ctl = controllerFor(undefined, { readonly: true });
    press(ctl, '2', 'x');
    expect(ctl.state.overlay).toBeUndefined();
    expect(ctl.state.message?.text).toMatch(/^read-only: stop \(shut down\) is not allowed/);
    press(ctl, ':');
    typeText(ctl, 'virsh destroy dev-01');
    press(ctl, 'enter');
    expect(ctl.estate.sim.workload('dev-01')?.state).toBe('running');
    press(ctl, ':');
    typeText(ctl, 'virsh list --all');
    press(ctl, 'enter');
    expect(ctl.state.overlay?.type).toBe('output');
  });
});

describe('the prompt', () => {
  it('runs native commands into a scrollable panel', () => {
    const ctl = controllerFor();
    press(ctl, ':');
    typeText(ctl, 'docker ps');
    press(ctl, 'enter');
    const o = ctl.state.overlay;
    expect(o?.type === 'output' && o.lines[0]).toMatch(/^CONTAINER ID +IMAGE/);
    // The panel is as tall as the answer: nothing to scroll.
    press(ctl, 'j');
    expect(ctl.state.overlay?.type === 'output' && ctl.state.overlay.scroll).toBe(0);
    press(ctl, 'escape', ':');
    typeText(ctl, 'az vm list');
    press(ctl, 'enter', 'j');
    expect(ctl.state.overlay?.type === 'output' && ctl.state.overlay.scroll).toBe(1);
    press(ctl, 'escape');
    expect(ctl.state.overlay).toBeUndefined();
  });

  it('completes commands, phrases and names, and recalls history', () => {
    const ctl = controllerFor();
    press(ctl, ':');
    typeText(ctl, 'virs');
    press(ctl, 'tab');
    // "domi" is dominfo and domifaddr: "domin" is one.
    typeText(ctl, 'domin');
    press(ctl, 'tab');
    typeText(ctl, 'dev');
    press(ctl, 'tab');
    const o = ctl.state.overlay;
    expect(o?.type === 'prompt' && o.edit.text).toBe('virsh dominfo dev-01 ');
    press(ctl, 'enter', 'escape', ':', 'up');
    const again = ctl.state.overlay;
    expect(again?.type === 'prompt' && again.edit.text).toBe('virsh dominfo dev-01');
  });

  it('runs app commands: speed, pause, theme, a pane, quit', () => {
    const seen: unknown[] = [];
    const ctl = controllerFor(undefined, {
      onSettings: (p) => seen.push(p),
      themes: { names: () => ['default-dark', 'light'], resolve: (name) => ({ theme: { name, color: {} as never, monochrome: false } }) },
    });
    const run = (line: string) => {
      press(ctl, ':');
      typeText(ctl, line);
      press(ctl, 'enter');
    };
    run('speed 60');
    expect(ctl.state.speed).toBe(60);
    run('speed 7');
    expect(ctl.state.message?.text).toBe(':speed takes one of 0, 1, 10, 60, 600 (0 pauses), got 7');
    run('pause');
    expect(ctl.state.speed).toBe(0);
    press(ctl, 'space');
    expect(ctl.state.speed).toBe(60);
    run('theme light');
    expect(ctl.theme.name).toBe('light');
    run('theme neon');
    expect(ctl.state.message?.text).toBe('no theme named neon (themes: default-dark, light)');
    run('events');
    expect(ctl.state.pane).toBe('events');
    expect(seen).toContainEqual({ speed: 60 });
    expect(seen).toContainEqual({ theme: 'light' });
    run('q');
    expect(ctl.state.quitting).toBe(true);
  });

  it(':open and :w hand the file to the console and say what came of it', () => {
    const asked: string[] = [];
    const ctl = controllerFor(undefined, {
      onOpen: (file) => {
        asked.push(`open ${file}`);
        return file.endsWith('.json') ? { ok: true, message: `opening ${file}` } : { ok: false, message: `${file}: not an estate file` };
      },
      onSave: (file) => {
        asked.push(`save ${file ?? '-'}`);
        return { ok: true, message: `saved ${file ?? 'here.json'}` };
      },
    });
    const run = (line: string) => {
      press(ctl, ':');
      typeText(ctl, line);
      press(ctl, 'enter');
    };
    run('open');
    expect(ctl.state.message).toMatchObject({ text: ':open takes an estate file (hyperpane new FILE writes one)', tone: 'error' });
    run('open lab notes.txt');
    expect(ctl.state.message).toMatchObject({ text: 'lab notes.txt: not an estate file', tone: 'error' });
    run('e lab.json');
    expect(ctl.state.message).toMatchObject({ text: 'opening lab.json', tone: 'info' });
    run('w');
    expect(ctl.state.message?.text).toBe('saved here.json');
    expect(asked).toEqual(['open lab notes.txt', 'open lab.json', 'save -']);
    const bare = controllerFor();
    press(bare, ':');
    typeText(bare, 'open lab.json');
    press(bare, 'enter');
    expect(bare.state.message?.text).toBe('opening another estate is not available here');
  });

  it('shows an unknown command the way a shell would', () => {
    const ctl = controllerFor();
    press(ctl, ':');
    typeText(ctl, 'helm list');
    press(ctl, 'enter');
    const o = ctl.state.overlay;
    expect(o?.type === 'output' && o.failed && o.lines[0]).toBe('hyperpane: helm: command not found');
  });
});

describe('settings', () => {
  it('keeps history in the settings file through conf', async () => {
    const dir = `${process.env.TMPDIR ?? '/tmp'}/hp-settings-${process.pid}`;
    process.env.HYPERPANE_CONFIG_DIR = dir;
    const { store } = SettingsStore.open();
    await store.set({ history: ['virsh list'] });
    expect(SettingsStore.open().store.get().history).toEqual(['virsh list']);
    delete process.env.HYPERPANE_CONFIG_DIR;
  });
});

describe('what an action takes with it', () => {
  it('deleting or stopping the VM a Docker host runs in says the host and its containers go too', () => {
    const ctl = controllerFor();
    press(ctl, '2', 'G');
    expect(ctl.selected()?.id).toBe('dockervm-01');
    press(ctl, 'ctrl+d');
    expect(ctl.state.overlay).toMatchObject({
      type: 'confirm',
      title: 'Delete dockervm-01?',
      lines: ['It runs the Docker host docker-vm-01 and its 4 containers: they are deleted with it.'],
    });
    press(ctl, 'escape', 'x');
    expect(ctl.state.overlay).toMatchObject({ type: 'confirm', lines: ['It runs the Docker host docker-vm-01 and its 4 containers: they go down with it.'] });
  });
});

describe(':sim advance in the live console', () => {
  it('hands the jump to the clock, shows it, and esc stops it', () => {
    const jumps: number[] = [];
    let stopped = 0;
    const ctl = controllerFor(undefined, {
      onJump: (ms) => jumps.push(ms),
      onJumpStop: () => {
        stopped++;
        return { done: 3_600_000, total: 30 * 86_400_000 };
      },
    });
    ctl.press(':', ':');
    for (const ch of 'sim advance 720h') ctl.press(ch === ' ' ? 'space' : ch, ch);
    ctl.press('enter');
    expect(jumps).toEqual([720 * 3_600_000]);
    expect(ctl.state.jump).toEqual({ done: 0, total: 720 * 3_600_000 });
    expect(ctl.state.message?.text).toBe('advancing the clock 30d · esc stops');
    ctl.press('escape');
    expect(stopped).toBe(1);
    expect(ctl.state.jump).toBeUndefined();
    expect(ctl.state.message?.text).toBe('jump stopped after 1h of 30d');
  });
});
