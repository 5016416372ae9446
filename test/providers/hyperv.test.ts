import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { gib, tib } from '../../src/core/units.js';
import { tokenize } from '../../src/providers/cli/tokenize.js';
import { HypervDriver } from '../../src/providers/hyperv/driver.js';

function hosts() {
  const sim = new Simulation({ seed: 7 });
  sim.addSite({ id: 'dc', kind: 'datacenter' });
  sim.addCluster({ id: 'hv-cluster', site: 'dc', platform: 'hyperv' });
  const hv = new HypervDriver(sim);
  for (const id of ['hv-01', 'hv-02']) sim.addHost(hv.hostInput({ id, cluster: 'hv-cluster', cores: 24, memoryMiB: gib(192), storageMiB: tib(4) }));
  hv.addSwitch('External', 'External', 'Ethernet 1');
  const run = (line: string) => {
    const t = tokenize(line);
    if (!t.ok) throw new Error(t.error);
    return hv.exec(t.words);
  };
  return { sim, hv, run };
}

describe('Hyper-V cmdlets', () => {
  it('New-VM creates an Off VM, Start-VM starts it, Get-VM shows it', () => {
    const { sim, run } = hosts();
    const made = run('New-VM -Name app-02 -MemoryStartupBytes 2GB -Generation 2 -SwitchName External');
    expect(made.exitCode).toBe(0);
    expect(made.stdout).toMatch(
      new RegExp(
        [
          String.raw`\nName +State +CPUUsage\(%\) +MemoryAssigned\(M\) +Uptime +Status +Version\n`,
          String.raw`---- +----- +----------- +----------------- +------ +------ +-------\n`,
          String.raw`app-02 +Off +0 +0 +00:00:00 +Operating normally +10\.0\n`,
        ].join(''),
      ),
    );
    expect(run('start-vm app-02').exitCode).toBe(0);
    sim.advance(300_000);
    expect(run('Get-VM -Name app-02').stdout).toMatch(/app-02 +Running +\d+ +2048 +00:0\d:\d\d(\.\d{7})? +Operating normally/);
    expect(run('Get-VM app*').stdout).toContain('app-02');
  });

  it('production checkpoints keep no memory; standard ones do', () => {
    const { sim, hv, run } = hosts();
    run('New-VM app 1GB');
    run('Start-VM app');
    sim.advance(300_000);
    run('Checkpoint-VM -Name app -SnapshotName prod-cp');
    run('Set-VM -Name app -CheckpointType Standard');
    run('Checkpoint-VM -Name app -SnapshotName std-cp');
    const list = run('Get-VMSnapshot -VMName app').stdout;
    expect(list).toMatch(/app +prod-cp +Production +1\/1\/2026 12:05:00 AM\s*\n/);
    expect(list).toMatch(/app +std-cp +Standard +1\/1\/2026 12:05:00 AM +prod-cp/);
    expect(hv.sim.workloadRow(0)!.snapshots.list.map((s) => s.withMemory)).toEqual([false, true]);
    expect(run('Restore-VMSnapshot -VMName app -Name prod-cp -Confirm:$false').exitCode).toBe(0);
    // A production checkpoint of a running VM comes back Off.
    expect(hv.vm('app')!.nativeState).toBe('Off');
  });

  it("Dynamic Memory: only while off, within Hyper-V's bounds, and then it follows demand", () => {
    const { sim, hv, run } = hosts();
    run('New-VM sql 2GB');
    expect(run('Set-VMMemory -VMName sql -DynamicMemoryEnabled $true -MinimumBytes 512MB -MaximumBytes 16GB -Buffer 20').exitCode).toBe(0);
    expect(run('Get-VMMemory sql').stdout).toMatch(/sql +True +512 +2048 +16384/);
    expect(run('Set-VMMemory -VMName sql -Buffer 3').stderr).toContain('The 3 argument is outside the range of 5 to 2000.');
    run('Start-VM sql');
    expect(run('Set-VMMemory -VMName sql -DynamicMemoryEnabled $false').stderr).toContain('requires it to be turned off');
    sim.advance(600_000);
    const assigned = sim.host(hv.vm('sql')!.host!)!.allocated.memoryMiB;
    expect(assigned).not.toBe(2048);
    expect(assigned).toBeGreaterThanOrEqual(512);
    expect(assigned).toBeLessThanOrEqual(16384);
  });

  it('Move-VM live-migrates to another host', () => {
    const { sim, run } = hosts();
    run('New-VM web 4GB');
    run('Start-VM web');
    sim.advance(300_000);
    const from = sim.workload('web')!.host;
    const to = from === 'hv-01' ? 'hv-02' : 'hv-01';
    // Its VHDX is on its host's own storage: the move takes it along only with -IncludeStorage (shared-nothing live migration).
    expect(run(`Move-VM -Name web -DestinationHost ${to}`).exitCode).toBe(1);
    expect(run(`Move-VM -Name web -DestinationHost ${to} -IncludeStorage`).exitCode).toBe(0);
    sim.advance(600_000);
    expect(sim.workload('web')!.host).toBe(to);
  });

  it('Move-VM -IncludeStorage -DestinationStoragePath on another cluster’s CSV moves the VM and its VHDX there', () => {
    // Shared-nothing live migration between failover clusters (Move-VM's -IncludeStorage with -DestinationStoragePath,
    // the Hyper-V module docs): the VHDX is copied to the destination's storage first, the VM running.
    const { sim, hv, run } = hosts();
    sim.addCluster({ id: 'hv-dr', site: 'dc', platform: 'hyperv' });
    sim.addHost(hv.hostInput({ id: 'hv-09', cluster: 'hv-dr', cores: 24, memoryMiB: gib(192), storageMiB: tib(4) }));
    sim.addDatastore({ id: 'Volume1', medium: 'san', clusters: ['hv-cluster'], capacityMiB: tib(1) });
    sim.addDatastore({ id: 'Volume9', medium: 'san', clusters: ['hv-dr'], capacityMiB: tib(1) });
    run('New-VM web 4GB -NewVHDPath C:\\ClusterStorage\\Volume1\\web\\web.vhdx -NewVHDSizeBytes 40GB');
    run('Start-VM web');
    sim.advance(300_000);
    expect(sim.diskOn('web')?.datastore).toBe('Volume1');
    expect(run('Move-VM -Name web -DestinationHost hv-09').stderr).toMatch(/hv-09 does not mount datastore Volume1/);
    expect(run('Move-VM -Name web -DestinationHost hv-09 -IncludeStorage -DestinationStoragePath C:\\ClusterStorage\\Volume9\\web').exitCode).toBe(0);
    sim.advance(600_000);
    expect(sim.workload('web')).toMatchObject({ host: 'hv-09', state: 'running' });
    expect(sim.diskOn('web')?.datastore).toBe('Volume9');
  });

  it('Stop-VM shuts down; -TurnOff is immediate; Remove-VM needs -Force and an Off VM', () => {
    const { sim, hv, run } = hosts();
    run('New-VM x');
    run('Start-VM x');
    sim.advance(300_000);
    run('Stop-VM x -TurnOff');
    expect(hv.vm('x')!.nativeState).toBe('Off');
    expect(run('Remove-VM x').stderr).toContain('add -Force');
    expect(run('Remove-VM x -Force').exitCode).toBe(0);
    expect(run('Get-VM x').stderr).toContain('Hyper-V was unable to find a virtual machine with name "x".');
  });

  it('answers mistakes as PowerShell does', () => {
    const { run } = hosts();
    run('New-VM x');
    expect(run('Get-VMM').stderr).toMatch(/^Get-VMM : The term 'Get-VMM' is not recognized as the name of a cmdlet/);
    expect(run('Get-VM -Bogus 1').stderr).toMatch(/^Get-VM : A parameter cannot be found that matches parameter name 'Bogus'\.\nAt line:1 char:8\n/);
    expect(run('Restart-VM x').stderr).toMatch(/^Restart-VM : 'x' failed to change state\./);
    expect(run('New-VM y -Generation 3').stderr).toContain('The 3 argument is greater than the maximum allowed range of 2');
    expect(run('Checkpoint-VM').stderr).toContain('missing mandatory parameters: Name');
    expect(run('New-VM z -SwitchName Nope').stderr).toContain('unable to find a virtual switch with name "Nope"');
  });
});
