// Hyper-V cmdlets return when the real ones return (HYPERV_BLOCKS): they wait out
// the job they ask Hyper-V for, unless given -AsJob. Sources: Microsoft Learn,
// Start-VM, Stop-VM, Save-VM, Restart-VM (-Wait "blocks the pipeline until the
// virtual machine has restarted"), Move-VM, and Suspend-ClusterNode ("If the Wait
// parameter is not specified, then the call is initiated and the cmdlet returns
// without waiting"); the -AsJob table as Windows PowerShell 5.1 prints a job
// (azure-powershell docs: New-AzResourceGroupDeployment -AsJob).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { returned } from '../../src/providers/blocking.js';
import { HYPERV_DURATIONS } from '../../src/providers/hyperv/defaults.js';
import { defaultEstate } from '../default-estate.js';

function estate() {
  const e = defaultEstate(1);
  const run = (line: string) => {
    const before = e.sim.now;
    const r = runLine(e, line);
    return { ...r, waited: e.sim.now - before };
  };
  const state = (name: string) => {
    const line = runLine(e, `Get-VM -Name ${name}`).stdout.split('\n')[3];
    return line.split(/ +/)[1];
  };
  return { e, run, state };
}

describe('Hyper-V cmdlets return when the real ones return', () => {
  it('Start-VM returns once the VM is Running: powered on, its guest still booting inside it', () => {
    const { e, run, state } = estate();
    run('New-VM -Name app -MemoryStartupBytes 2GB');
    const r = run('Start-VM -Name app');
    expect([r.exitCode, r.stdout, r.stderr, r.waited]).toEqual([0, '', '', 0]);
    expect(e.sim.workload('app')!.state).toBe('booting');
    expect(state('app')).toBe('Running');
  });

  it('Stop-VM returns once the guest has shut down and the VM is Off', () => {
    const { run, state } = estate();
    const r = run('Stop-VM -Name ad-02');
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, '', '']);
    // The shutdown through the integration service takes the driver's stop time.
    expect(r.waited).toBeGreaterThanOrEqual(HYPERV_DURATIONS.stop[0]);
    expect(r.waited).toBeLessThanOrEqual(HYPERV_DURATIONS.stop[1]);
    expect(state('ad-02')).toBe('Off');
  });

  it('Stop-VM -TurnOff pulls the plug: Off at once', () => {
    const { run, state } = estate();
    expect(run('Stop-VM -Name ad-02 -TurnOff').waited).toBe(0);
    expect(state('ad-02')).toBe('Off');
  });

  it('Save-VM and Stop-VM -Save return once the VM is Saved', () => {
    const { run, state } = estate();
    const save = run('Save-VM -Name ad-01');
    expect(save.waited).toBeGreaterThanOrEqual(HYPERV_DURATIONS.suspend[0]);
    expect(state('ad-01')).toBe('Saved');
    expect(run('Stop-VM -Name ad-02 -Save').waited).toBeGreaterThan(0);
    expect(state('ad-02')).toBe('Saved');
  });

  it('Start-VM of a Saved VM waits out the restore, which Get-VM shows as Starting', () => {
    const { e, run, state } = estate();
    run('Save-VM -Name ad-01');
    const first = e.providers.exec('Start-VM -Name ad-01');
    expect(first.blocking?.waitingFor).toBe('ad-01 to start');
    expect(state('ad-01')).toBe('Starting');
    const before = e.sim.now;
    const r = returned(e.sim, first);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(e.sim.now - before).toBeGreaterThanOrEqual(HYPERV_DURATIONS.resume[0]);
    expect(state('ad-01')).toBe('Running');
    expect(e.sim.workload('ad-01')!.state).toBe('running');
  });

  it('Save-VM of a VM whose guest is still booting saves it: it is Running to Hyper-V', () => {
    const { run, state } = estate();
    run('New-VM -Name app -MemoryStartupBytes 2GB');
    run('Start-VM -Name app');
    const r = run('Save-VM -Name app');
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(state('app')).toBe('Saved');
  });

  it('Restart-VM returns once the VM is Running again; with -Wait once its guest is up', () => {
    const { e, run, state } = estate();
    const r = run('Restart-VM -Name ad-02 -Force');
    expect(r.exitCode).toBe(0);
    expect(e.sim.workload('ad-02')!.state).toBe('booting');
    expect(state('ad-02')).toBe('Running');
    const w = run('Restart-VM -Name ad-01 -Force -Wait');
    expect(w.exitCode).toBe(0);
    expect(w.waited).toBeGreaterThanOrEqual(HYPERV_DURATIONS.boot[0]);
    expect(e.sim.workload('ad-01')!.state).toBe('running');
  });

  it('Move-VM returns once the VM runs on the destination host', () => {
    const { e, run } = estate();
    const from = e.sim.workload('ad-01')!.host;
    const to = from === 'hv-01' ? 'hv-02' : 'hv-01';
    const r = run(`Move-VM -Name ad-01 -DestinationHost ${to}`);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(r.waited).toBeGreaterThan(0);
    expect(e.sim.workload('ad-01')).toMatchObject({ state: 'running', host: to });
  });

  it('Suspend-ClusterNode -Drain returns once the drain has begun; with -Wait once the node is empty', () => {
    const { e, run } = estate();
    const on = (host: string) => e.sim.workloadViews().filter((w) => w.platform === 'hyperv' && w.host === host && w.state !== 'stopped');
    const busy = ['hv-01', 'hv-02', 'hv-03'].filter((h) => on(h).length > 0);
    const waited = run(`Suspend-ClusterNode -Name ${busy[0]} -Drain -Wait`);
    expect(waited.exitCode, waited.stderr).toBe(0);
    expect(waited.stdout).toMatch(new RegExp(`^\\nName +State\\n-+ +-+\\n${busy[0]} +Paused\\n`));
    expect(waited.waited).toBeGreaterThan(0);
    expect(on(busy[0])).toEqual([]);
    run(`Resume-ClusterNode -Name ${busy[0]}`);
    const started = run(`Suspend-ClusterNode -Name ${busy[1]} -Drain`);
    expect([started.exitCode, started.waited], started.stderr).toEqual([0, 0]);
    expect(on(busy[1]).length).toBeGreaterThan(0);
  });

  it('-AsJob returns at once with the job, which goes on', () => {
    const { e, run, state } = estate();
    const r = run('Stop-VM -Name ad-02 -AsJob');
    expect(r.waited).toBe(0);
    expect(r.stdout).toBe(
      '\n' +
        'Id     Name            PSJobTypeName   State         HasMoreData     Location             Command\n' +
        '--     ----            -------------   -----         -----------     --------             -------\n' +
        '1      Job1                            Running       True            localhost            Stop-VM\n',
    );
    expect(state('ad-02')).toBe('Stopping');
    expect(run('Save-VM -Name ad-01 -AsJob').stdout).toContain('\n2      Job2 ');
    expect(state('ad-01')).toBe('Saving');
    e.sim.advance(60_000);
    expect([state('ad-01'), state('ad-02')]).toEqual(['Saved', 'Off']);
  });

  it('a wildcard name waits for every VM it matched', () => {
    const { e, run } = estate();
    const r = run('Stop-VM -Name ad-*');
    expect(r.exitCode).toBe(0);
    expect([e.sim.workload('ad-01')!.state, e.sim.workload('ad-02')!.state]).toEqual(['stopped', 'stopped']);
  });
});
