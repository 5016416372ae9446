// What the Hyper-V cmdlets print, against captures of the real ones: Get-VM in
// Microsoft's WSL docs (`PS C:\Users\sarah> Get-VM`) and windows-powershell-docs
// (PSHyperV Get-VMState): every column left-aligned, Uptime a .NET TimeSpan
// ("00:00:00" off, "4.00:04:10.4700000" with days); Get-VMMemory piped from it;
// Get-VMSnapshot's columns; the VMState names (Microsoft Learn, Failover Cluster
// "VmState": Running, Off, Saved, Paused, Starting, Saving, Stopping; OffCritical);
// the default checkpoint name (John Savill, Mastering Hyper-V 2016, ch. 6);
// Suspend-ClusterNode's Name and State (Microsoft Learn: Suspend-ClusterNode);
// a wildcard that matches nothing (taliesins/terraform-provider-hyperv#32).
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { gib, tib } from '../../src/core/units.js';
import { runLine } from '../../src/estate/script.js';
import { returned } from '../../src/providers/blocking.js';
import { tokenize } from '../../src/providers/cli/tokenize.js';
import { HypervDriver } from '../../src/providers/hyperv/driver.js';
import { timeSpan } from '../../src/providers/hyperv/format.js';
import { defaultEstate } from '../default-estate.js';

function lab() {
  const sim = new Simulation({ seed: 7 });
  sim.addSite({ id: 'dc', kind: 'datacenter' });
  sim.addCluster({ id: 'hv-cluster', site: 'dc', platform: 'hyperv' });
  const hv = new HypervDriver(sim);
  for (const id of ['hv-01', 'hv-02']) sim.addHost(hv.hostInput({ id, cluster: 'hv-cluster', cores: 24, memoryMiB: gib(192), storageMiB: tib(4) }));
  const run = (line: string) => {
    const t = tokenize(line);
    if (!t.ok) throw new Error(t.error);
    return returned(sim, hv.exec(t.words));
  };
  return { sim, hv, run };
}

describe('what the Hyper-V cmdlets print', () => {
  it('Get-VM: every column left-aligned, as the Hyper-V module prints them', () => {
    const { run } = lab();
    expect(run('New-VM -Name app-02 -MemoryStartupBytes 2GB').stdout).toBe(
      '\n' +
        'Name   State CPUUsage(%) MemoryAssigned(M) Uptime   Status             Version\n' +
        '----   ----- ----------- ----------------- ------   ------             -------\n' +
        'app-02 Off   0           0                 00:00:00 Operating normally 10.0\n',
    );
    run('Start-VM app-02');
    expect(run('Get-VM app-02').stdout).toMatch(/\napp-02 Running \d+ +2048 {14}00:00:00 Operating normally 10\.0\n/);
  });

  it('Uptime is a .NET TimeSpan: a fraction only when there is one, days before the hours', () => {
    expect(timeSpan(0)).toBe('00:00:00');
    expect(timeSpan(145_577)).toBe('00:02:25.5770000');
    expect(timeSpan(4 * 86_400_000 + 250_470)).toBe('4.00:04:10.4700000');
  });

  it('a name pattern that matches nothing prints nothing and is no error; a plain name is', () => {
    const { run } = lab();
    expect(run('Get-VM -Name zz*')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(run('Get-VMSnapshot -VMName zz?')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(run('Get-VM -Name zz').exitCode).toBe(1);
  });

  it('Get-VMMemory: left-aligned', () => {
    const { run } = lab();
    run('New-VM sql 2GB');
    run('Set-VMMemory -VMName sql -DynamicMemoryEnabled $true -MinimumBytes 512MB -MaximumBytes 16GB');
    expect(run('Get-VMMemory sql').stdout).toBe(
      '\n' +
        'VMName DynamicMemoryEnabled Minimum(M) Startup(M) Maximum(M)\n' +
        '------ -------------------- ---------- ---------- ----------\n' +
        'sql    True                 512        2048       16384\n',
    );
  });

  it('a checkpoint with no name is named for the VM and the time, as Hyper-V names it', () => {
    const { sim, run } = lab();
    run('New-VM app 1GB');
    sim.advance(3_600_000 + 13_000);
    run('Checkpoint-VM app');
    expect(run('Get-VMCheckpoint app').stdout).toMatch(
      /\nVMName Name +SnapshotType CreationTime +ParentSnapshotName\n[- ]+\napp +app - \(1\/1\/2026 - 1:00:13 AM\) Production +1\/1\/2026 1:00:13 AM\n/,
    );
    expect(run('Checkpoint-VM app -SnapshotName two -Passthru').stdout).toMatch(
      /\napp +two +Production +1\/1\/2026 1:00:13 AM app - \(1\/1\/2026 - 1:00:13 AM\)\n/,
    );
  });

  it('the states: a booting VM is Running, a saving one Saving, a shutting one Stopping, one on a failed host OffCritical', () => {
    const { sim, hv, run } = lab();
    run('New-VM a 1GB');
    run('New-VM b 1GB');
    run('Start-VM a');
    expect(hv.vm('a')!).toMatchObject({ state: 'booting', nativeState: 'Running' });
    sim.advance(300_000);
    run('Start-VM b');
    sim.advance(300_000);
    hv.exec(['Save-VM', 'a', '-AsJob']);
    hv.exec(['Stop-VM', 'b', '-AsJob']);
    expect([hv.vm('a')!.nativeState, hv.vm('b')!.nativeState]).toEqual(['Saving', 'Stopping']);
    sim.advance(60_000);
    run('Start-VM b');
    sim.advance(300_000);
    sim.setHostState(hv.vm('b')!.host!, 'failed');
    expect(hv.vm('b')!.nativeState).toBe('OffCritical');
  });

  it('Suspend-ClusterNode and Resume-ClusterNode print the node: Name and State', () => {
    const e = defaultEstate(1);
    expect(runLine(e, 'Suspend-ClusterNode -Name HV-03 -Drain').stdout).toBe('\nName  State\n----  -----\nhv-03 Paused\n');
    expect(runLine(e, 'Resume-ClusterNode hv-03').stdout).toBe('\nName  State\n----  -----\nhv-03 Up\n');
  });

  it('-Passthru prints the VM when the cmdlet returns', () => {
    const { run } = lab();
    run('New-VM app 1GB');
    expect(run('Start-VM app -Passthru').stdout).toMatch(/^\nName +State +CPUUsage\(%\)[^\n]*\n[- ]+\napp +Running /);
    expect(run('Stop-VM app -Passthru').stdout).toMatch(/\napp +Off +0 +0 +00:00:00 /);
  });
});
