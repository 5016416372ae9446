// govc returns when the real one returns: it waits for each vSphere task it
// starts, one object after another, and prints what govc prints.
// Sources: govmomi cli/vm/power.go ("Powering on %s... " then "OK"; -s and -r
// start no task; -wait=true by default; -force prints "Error: %s" and goes on),
// cli/vm/create.go, cli/vm/clone.go ("Cloning %s to %s..." through the progress
// logger, then the power-on task), cli/vm/migrate.go ("migrating %s... "),
// cli/vm/destroy.go, cli/host/maintenance/enter.go ("%s entering maintenance
// mode... " with the host's inventory path), cli/flags/output.go (Log: "[02-01-06
// 15:04:05] "), vim25/progress/loger.go, cli/command.go (errors "govc: %s", exit 1).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { VMWARE_BLOCKS } from '../../src/providers/vmware/defaults.js';
import { logStamp } from '../../src/providers/vmware/govc-tasks.js';
import { defaultEstate } from '../default-estate.js';

const STAMP = /^\[\d\d-\d\d-\d\d \d\d:\d\d:\d\d\] /;

function lab() {
  const estate = defaultEstate(1);
  const sim = estate.sim;
  const run = (line: string) => {
    const before = sim.now;
    const r = runLine(estate, line);
    return { ...r, tookMs: sim.now - before };
  };
  return { estate, sim, run };
}

describe('govc waits for its tasks', () => {
  it('the progress logger stamps its lines as Go formats "[02-01-06 15:04:05] " (day first)', () => {
    expect(logStamp(0)).toBe('[01-01-26 00:00:00] ');
    expect(logStamp(((31 + 1) * 24 * 3600 + 3 * 3600 + 4 * 60 + 5) * 1000)).toBe('[02-02-26 03:04:05] ');
  });

  it('vm.power -suspend waits for each VM in turn; -wait=false does not wait', () => {
    const { sim, run } = lab();
    const one = run('govc vm.power -suspend web-02');
    expect(one.stdout).toMatch(/^Suspend VirtualMachine:vm-\d+\.\.\. OK\n$/);
    expect(one.tookMs).toBeGreaterThan(0);
    expect(sim.workload('web-02')?.state).toBe('suspended');
    const both = run('govc vm.power -suspend web-03 app-01');
    expect(both.stdout).toMatch(/^Suspend VirtualMachine:vm-\d+\.\.\. OK\nSuspend VirtualMachine:vm-\d+\.\.\. OK\n$/);
    // One after the other: longer than either alone (VMWARE_DURATIONS.suspend is 10-25 s).
    expect(both.tookMs).toBeGreaterThanOrEqual(20_000);
    const nowait = run('govc vm.power -wait=false -on web-02');
    expect(nowait.stdout).toMatch(/^Powering on VirtualMachine:vm-\d+\.\.\. OK\n$/);
    expect(nowait.tookMs).toBe(0);
    expect(sim.workload('web-02')?.state).not.toBe('suspended');
  });

  it('-s and -r ask the guest and return at once; the guest shuts down afterwards', () => {
    const { sim, run } = lab();
    expect(VMWARE_BLOCKS['vm.power -s']).toBe('at-once');
    const r = run('govc vm.power -s web-02');
    expect(r).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^Shutdown guest VirtualMachine:vm-\d+\.\.\. OK\n$/), tookMs: 0 });
    expect(sim.workload('web-02')?.state).toBe('stopping');
  });

  it('-reset is a hard power cycle: no guest shutdown to wait for; a powered-off VM is refused', () => {
    const { sim, run } = lab();
    const r = run('govc vm.power -reset web-01');
    expect(r.stdout).toMatch(/^Reset VirtualMachine:vm-\d+\.\.\. OK\n$/);
    expect(r.tookMs).toBe(0);
    expect(sim.workload('web-01')?.state).toBe('booting');
    run('govc vm.power -off web-01');
    const off = run('govc vm.power -reset web-01');
    expect(off.exitCode).toBe(1);
    expect(off.stdout).toMatch(/^Reset VirtualMachine:vm-\d+\.\.\. $/);
    expect(off.stderr).toBe('govc: The attempted operation cannot be performed in the current state (Powered off).\n');
  });

  it('an error ends the command, unless -force: then "Error: ..." and the next VM', () => {
    const { run } = lab();
    const r = run('govc vm.power -on web-01 web-02');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^Powering on VirtualMachine:vm-\d+\.\.\. $/);
    expect(r.stderr).toBe('govc: The attempted operation cannot be performed in the current state (Powered on).\n');
    run('govc vm.power -off web-02');
    const forced = run('govc vm.power -on -force web-01 web-02');
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toMatch(
      /^Powering on VirtualMachine:vm-\d+\.\.\. Error: The attempted operation cannot be performed in the current state \(Powered on\)\.\nPowering on VirtualMachine:vm-\d+\.\.\. OK\n$/,
    );
    // A missing VM is found before anything is done: nothing is powered on.
    const missing = run('govc vm.power -off web-03 ghost');
    expect(missing).toMatchObject({ exitCode: 1, stdout: '', stderr: "govc: vm 'ghost' not found\n" });
  });

  it('vm.migrate returns once the VM has moved, with the progress line', () => {
    const { sim, run } = lab();
    const r = run('govc vm.migrate -host esx-04 app-02');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${STAMP.source}migrating VirtualMachine:vm-\\d+\\.\\.\\. OK\\n$`));
    expect(r.tookMs).toBeGreaterThan(0);
    expect(sim.workload('app-02')).toMatchObject({ host: 'esx-04', state: 'running' });
    expect(r.stdout.slice(0, 20)).toBe(logStamp(sim.now));
  });

  it('host.maintenance.enter returns once the host is drained', () => {
    const { sim, run } = lab();
    const running = () => sim.workloads.records.map((x) => sim.workload(x.id)!).filter((v) => v.host === 'esx-04' && v.state === 'running');
    expect(running().length).toBeGreaterThan(0);
    const r = run('govc host.maintenance.enter esx-04');
    expect(r.stdout).toMatch(new RegExp(`${STAMP.source}/dc-east/host/vsphere-prod/esx-04 entering maintenance mode\\.\\.\\. OK\\n$`));
    expect(r.tookMs).toBeGreaterThan(0);
    expect(running()).toEqual([]);
    const again = run('govc host.maintenance.enter esx-04');
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/^govc: /);
  });

  it('vm.clone copies, then powers the clone on; vm.destroy powers off and destroys, printing nothing', () => {
    const { sim, run } = lab();
    run('govc vm.power -off batch-01');
    const c = run('govc vm.clone -vm batch-01 batch-02');
    expect(c.exitCode).toBe(0);
    expect(c.stdout).toMatch(new RegExp(`${STAMP.source}Cloning /dc-east/vm/batch-01 to batch-02\\.\\.\\.OK\\n$`));
    expect(['booting', 'running']).toContain(sim.workload('batch-02')?.state);
    const d = run('govc vm.destroy batch-02');
    expect(d).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(sim.workload('batch-02')?.state ?? 'deleted').toBe('deleted');
  });
});
