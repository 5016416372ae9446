import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { gib, tib } from '../../src/core/units.js';
import { tokenize } from '../../src/providers/cli/tokenize.js';
import { VmwareDriver } from '../../src/providers/vmware/driver.js';

function vcenter(memGiB = 256) {
  const sim = new Simulation({ seed: 6 });
  sim.addSite({ id: 'dc-east', kind: 'datacenter' });
  sim.addCluster({ id: 'prod', site: 'dc-east', platform: 'vmware', ha: { kind: 'percentage', cpuPct: 25, memoryPct: 25 } });
  const vmw = new VmwareDriver(sim);
  for (const id of ['esx-01', 'esx-02']) sim.addHost(vmw.hostInput({ id, cluster: 'prod', cores: 32, memoryMiB: gib(memGiB), storageMiB: tib(4) }));
  // A VMFS LUN both hosts mount: VMs on it vMotion (memory only), and DRS moves them.
  sim.addDatastore({ id: 'lun01', medium: 'san', clusters: ['prod'], capacityMiB: tib(10) });
  const run = (line: string) => {
    const t = tokenize(line);
    if (!t.ok) throw new Error(t.error);
    return vmw.exec(t.words);
  };
  return { sim, vmw, run };
}

describe('govc', () => {
  it('creates, lists, inspects and powers VMs', () => {
    const { sim, run } = vcenter();
    expect(run('govc vm.create -c 2 -m 4096 -g ubuntu64Guest -disk 40GB -on=false -ds datastore1 web-01').exitCode).toBe(0);
    expect(run('govc ls /dc-east/vm').stdout).toBe('/dc-east/vm/web-01\n');
    sim.advance(60_000);
    expect(run('govc vm.info web-01').stdout).toMatch(
      new RegExp(
        [
          String.raw`^Name: +web-01\n`,
          String.raw` {2}Path: +\/dc-east\/vm\/web-01\n`,
          String.raw` {2}UUID: +[0-9a-f-]{36}\n`,
          String.raw` {2}Guest name: +Ubuntu Linux \(64-bit\)\n`,
          String.raw` {2}Memory: +4096MB\n`,
          String.raw` {2}CPU: +2 vCPU\(s\)\n`,
          String.raw` {2}Power state: +poweredOff\n`,
        ].join(''),
      ),
    );
    expect(run('govc vm.power -on web-01').stdout).toMatch(/^Powering on VirtualMachine:vm-\d+\.\.\. OK\n$/);
    const again = run('govc vm.power -on web-01');
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('The attempted operation cannot be performed in the current state (Powered on).');
    expect(run('govc ls /dc-east/host/prod').stdout).toBe('/dc-east/host/prod/esx-01\n/dc-east/host/prod/esx-02\n/dc-east/host/prod/Resources\n');
  });

  it('takes snapshots with memory by default and draws the tree', () => {
    const { sim, run } = vcenter();
    run('govc vm.create -c 1 -m 2048 -g debian12_64Guest db');
    sim.advance(300_000);
    run('govc snapshot.create -vm db base');
    run('govc snapshot.create -vm db -m=false patched');
    run('govc snapshot.revert -vm db base');
    run('govc snapshot.create -vm db branch');
    expect(run('govc snapshot.tree -vm db -c').stdout).toBe('base\n  patched\n  branch .\n');
    const snaps = sim.snapshots.of(sim.workloads.indexOf('db')!).list;
    expect(snaps.map((s) => s.withMemory)).toEqual([true, false, true]);
    expect(run('govc snapshot.remove -vm db patched').exitCode).toBe(0);
    expect(run('govc snapshot.revert -vm db nope').stderr).toBe('govc: snapshot "nope" not found\n');
  });

  it('vMotions a running VM to another host', () => {
    const { sim, run } = vcenter();
    run('govc vm.create -c 2 -m 8192 -host esx-01 -ds lun01 app');
    sim.advance(300_000);
    expect(run('govc vm.migrate -host esx-02 app').exitCode).toBe(0);
    expect(sim.workload('app')!.state).toBe('migrating');
    sim.advance(120_000);
    expect(sim.workload('app')!.host).toBe('esx-02');
  });

  it('moves a VM on a host’s own datastore only with its disk (vMotion with storage, -ds naming the target’s)', () => {
    const { sim, run } = vcenter();
    run('govc vm.create -c 2 -m 8192 -disk 20GB -ds datastore1 local');
    sim.advance(300_000);
    expect(sim.workload('local')!.host).toBe('esx-01');
    expect(run('govc vm.migrate -host esx-02 local').exitCode).toBe(1);
    expect(run('govc vm.migrate -host esx-01 -ds "datastore1 (1)" local').stderr).toBe('govc: esx-01 does not mount datastore datastore1 (1)\n');
    expect(run('govc vm.migrate -ds "datastore1 (1)" local').exitCode).toBe(0);
    // 20 GiB over 10 Gb/s, then the memory: a minute or so.
    sim.advance(120_000);
    expect(sim.workload('local')!.host).toBe('esx-02');
    expect(sim.host('esx-02')!.allocated.diskMiB).toBe(gib(20));
    expect(sim.host('esx-01')!.allocated.diskMiB).toBe(0);
  });

  it("shows each host's memory state by minFree", () => {
    const { sim, run } = vcenter(64);
    // minFree of 64 GB: 899 MB + 1% of 36 GB = 1268 MB. ESXi powers on 70 GB of VMs on 64 GB.
    const info = run('govc host.info -host esx-01').stdout;
    expect(info).toContain('Memory state:    high (minFree 1268 MB)');
    for (let i = 0; i < 7; i++) run(`govc vm.create -c 1 -m 10240 -host esx-01 big-${i}`);
    sim.advance(300_000);
    // Configured beyond the host is not what counts: what the guests hold is.
    expect(run('govc host.info -host esx-01').stdout).toContain('Memory state:    high');
    for (let i = 0; i < 7; i++) sim.setLoad(`big-${i}`, 0.2, 0.95);
    sim.advance(10_000);
    expect(run('govc host.info -host esx-01').stdout).toMatch(
      /Memory state: {4}(soft|hard|low) \(minFree 1268 MB; (ballooning|compression and swapping|blocking)\)/,
    );
  });

  it('keeps HA admission control: a power-on that eats the reserve is refused', () => {
    const { sim, run } = vcenter(64);
    // 25% of the cluster's 2 x 64 GB is kept free: at most 96 GB of VMs powered on.
    for (let i = 0; i < 9; i++) run(`govc vm.create -c 1 -m 16384 vm-${i}`);
    const refused = run('govc vm.create -c 1 -m 16384 vm-9');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('HA admission control');
    void sim;
  });

  it('answers mistakes as govc does', () => {
    const { run } = vcenter();
    // govmomi cli/vm/info.go: a name that matches nothing is no error, and nothing is printed.
    expect(run('govc vm.info ghost')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    // cli/command.go: the flag set prints nothing itself; Run prints the error as "govc: %s", exit 1.
    expect(run('govc vm.power -off -bogus x')).toMatchObject({ exitCode: 1, stderr: 'govc: flag provided but not defined: -bogus\n' });
    expect(run('govc frob').stderr).toMatch(/^govc: unknown command "frob"\nhint: /);
    expect(run('govc vm.migrate -host esx-99 x').stderr).toBe("govc: host 'esx-99' not found\n");
    expect(run('govc vm.create -g windows95 x').stderr).toContain("invalid guest id 'windows95'");
  });
});

describe('DRS', () => {
  it('fully automated, applies its recommendations itself every five minutes; manual only recommends', () => {
    const { sim, vmw, run } = vcenter();
    for (let i = 0; i < 6; i++) expect(run(`govc vm.create -c 8 -m 16384 -host esx-01 -ds lun01 hot-${i}`).exitCode).toBe(0);
    sim.advance(300_000);
    for (let i = 0; i < 6; i++) sim.setLoad(`hot-${i}`, 1);
    expect(run('govc cluster.change -drs-enabled -drs-mode manual prod').exitCode).toBe(0);
    sim.advance(600_000);
    expect(sim.log.all().some((e) => e.kind === 'drs.applied')).toBe(false);
    expect(sim.recommendBalance('prod', vmw.drsOf('prod').threshold).ok).toBe(true);
    expect(run('govc cluster.change -drs-mode fullyAutomated prod').exitCode).toBe(0);
    sim.advance(300_000);
    const applied = sim.log.all().find((e) => e.kind === 'drs.applied');
    expect(applied?.message).toMatch(/^DRS moved \d+ VMs? in prod \(imbalance [\d.]+ → [\d.]+, threshold 3\)$/);
    sim.advance(120_000);
    expect(['hot-0', 'hot-1', 'hot-2', 'hot-3', 'hot-4', 'hot-5'].some((id) => sim.workload(id)!.host === 'esx-02')).toBe(true);
    expect(run('govc cluster.change -drs-mode sometimes prod').stderr).toMatch(
      /DRS automation level must be one of manual, partiallyAutomated, fullyAutomated, got sometimes/,
    );
  });
});
