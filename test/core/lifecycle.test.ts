import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { gib, vcpu } from '../../src/core/units.js';
import { cluster, must, vm } from './fixtures.js';

const S = 1000;

function usedMem(sim: Simulation, host: string): number {
  return sim.host(host)!.allocated.memoryMiB;
}

describe('workload lifecycle', () => {
  it('creates a VM through provisioning and booting, each taking time from its durations', () => {
    const sim = cluster([{ id: 'h1' }]);
    const created = must(
      sim.createWorkload({
        id: 'web',
        platform: 'kvm',
        cpuMilli: vcpu(2),
        memoryMiB: gib(4),
        diskMiB: gib(20),
        durations: { provision: [10 * S, 10 * S], boot: [60 * S, 90 * S] },
      }),
    );
    expect(created.steps.map((s) => s.state)).toEqual(['provisioning', 'booting', 'running']);
    expect(created.steps[1].at).toBe(10 * S);
    const bootMs = created.steps[1].durationMs;
    expect(bootMs).toBeGreaterThanOrEqual(60 * S);
    expect(bootMs).toBeLessThanOrEqual(90 * S);
    // Powering on holds the whole claim from the start.
    expect(usedMem(sim, 'h1')).toBe(gib(4));
    sim.advance(10 * S);
    expect(sim.workload('web')?.state).toBe('booting');
    expect(sim.workload('web')?.target).toBe('running');
    sim.advanceTo(created.steps[2].at);
    expect(sim.workload('web')?.state).toBe('running');
    expect(sim.workload('web')?.uptimeMs).toBe(0);
    sim.advance(5 * S);
    expect(sim.workload('web')?.uptimeMs).toBe(5 * S);
  });

  it('a VM created powered off holds only its disk, and takes its CPU and memory when started', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload({ ...vm('db', 4, 16), initialState: undefined, powerOn: false }));
    sim.advance(60 * S);
    expect(sim.workload('db')?.state).toBe('stopped');
    expect(sim.host('h1')!.allocated).toEqual({ cpuMilli: 0, memoryMiB: 0, diskMiB: gib(10) });
    const steps = must(sim.act('db', 'start'));
    expect(steps.map((s) => s.state)).toEqual(['booting', 'running']);
    expect(sim.host('h1')!.allocated).toEqual({ cpuMilli: vcpu(4), memoryMiB: gib(16), diskMiB: gib(10) });
  });

  it('stops gracefully over time and gives back CPU and memory once stopped', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('app', 2, 8)));
    const steps = must(sim.act('app', 'stop'));
    expect(sim.workload('app')?.state).toBe('stopping');
    expect(usedMem(sim, 'h1')).toBe(gib(8));
    sim.advanceTo(steps[1].at);
    expect(sim.workload('app')?.state).toBe('stopped');
    expect(usedMem(sim, 'h1')).toBe(0);
  });

  it('force-stop is immediate, and the boot it interrupted never completes', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload({ ...vm('x', 1, 1), initialState: 'stopped' }));
    const steps = must(sim.act('x', 'start'));
    must(sim.act('x', 'force-stop'));
    expect(sim.workload('x')?.state).toBe('stopped');
    sim.advanceTo(steps[1].at + 1000);
    expect(sim.workload('x')?.state).toBe('stopped');
  });

  it('restarts through stopping and booting, keeping its claim', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('r', 1, 2)));
    const steps = must(sim.act('r', 'restart'));
    expect(steps.map((s) => s.state)).toEqual(['stopping', 'booting', 'running']);
    sim.advanceTo(steps[1].at);
    expect(sim.workload('r')?.state).toBe('booting');
    expect(usedMem(sim, 'h1')).toBe(gib(2));
    sim.advanceTo(steps[2].at);
    expect(sim.workload('r')?.state).toBe('running');
  });

  it('pauses and resumes at once; suspends to disk and resumes over time', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('p', 1, 2)));
    must(sim.act('p', 'pause'));
    expect(sim.workload('p')?.state).toBe('paused');
    expect(usedMem(sim, 'h1')).toBe(gib(2));
    must(sim.act('p', 'resume'));
    expect(sim.workload('p')?.state).toBe('running');
    const suspend = must(sim.act('p', 'suspend'));
    sim.advanceTo(suspend[1].at);
    expect(sim.workload('p')?.state).toBe('suspended');
    expect(usedMem(sim, 'h1')).toBe(0);
    const resume = must(sim.act('p', 'resume'));
    expect(resume.map((s) => s.state)).toEqual(['booting', 'running']);
  });

  it('is made paused (memory held) or suspended (disk only) when an estate is built so, and resumes from there', () => {
    const sim = cluster([{ id: 'h1', cores: 8, memGiB: 32 }]);
    must(sim.createWorkload({ ...vm('p', 2, 8), initialState: 'paused' }));
    must(sim.createWorkload({ ...vm('s', 2, 8), initialState: 'suspended' }));
    expect(sim.host('h1')!.allocated.memoryMiB).toBe(gib(8));
    must(sim.act('p', 'resume'));
    const resumed = must(sim.act('s', 'resume'));
    sim.advanceTo(resumed.at(-1)!.at);
    expect([sim.workload('p')?.state, sim.workload('s')?.state]).toEqual(['running', 'running']);
    expect(sim.host('h1')!.allocated.memoryMiB).toBe(gib(16));
    const container = sim.createWorkload({ ...vm('c', 1, 1), platform: 'docker', initialState: 'suspended' });
    expect(!container.ok && container.error.message).toBe('workload c: a container cannot start suspended');
    const odd = sim.createWorkload({ ...vm('o', 1, 1), initialState: 'hibernating' as never });
    expect(!odd.ok && odd.error.message).toBe('workload o: its initial state must be one of running, stopped, paused, suspended, deallocated');
  });

  it('refuses actions that make no sense, with a sentence', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('v', 1, 1)));
    const again = sim.act('v', 'start');
    expect(again.ok).toBe(false);
    // The state it was in rides along as a fact, for drivers to put in their own words.
    if (!again.ok) expect(again.error).toEqual({ code: 'invalid-state', message: 'cannot start v: it is running', facts: { state: 'running' } });
    const dealloc = sim.act('v', 'deallocate');
    expect(!dealloc.ok && dealloc.error.code).toBe('unsupported');
    const missing = sim.act('nope', 'stop');
    expect(!missing.ok && missing.error.message).toBe('no workload named nope');
    must(sim.act('v', 'delete'));
    const gone = sim.act('v', 'start');
    expect(!gone.ok && gone.error.message).toBe('v has been deleted');
  });

  it('deletes at once and frees everything the workload held', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('d', 2, 4)));
    must(sim.act('d', 'delete'));
    expect(sim.workload('d')?.state).toBe('deleted');
    expect(sim.host('h1')!.allocated).toEqual({ cpuMilli: 0, memoryMiB: 0, diskMiB: 0 });
    expect(sim.workloadViews().map((w) => w.id)).not.toContain('d');
  });

  it('refuses to start a VM whose host has no room left, and changes nothing', () => {
    const sim = cluster([{ id: 'h1', memGiB: 16 }]);
    must(sim.createWorkload({ ...vm('a', 1, 12), initialState: 'stopped' }));
    must(sim.createWorkload(vm('b', 1, 8)));
    const start = sim.act('a', 'start');
    expect(start.ok).toBe(false);
    if (!start.ok) expect(start.error.message).toBe('Insufficient memory: needs 12 GiB, h1 has 8 GiB free');
    expect(sim.workload('a')?.state).toBe('stopped');
  });

  it('logs every state a workload enters, with its sim time', () => {
    const sim = cluster([{ id: 'h1' }]);
    const c = must(sim.createWorkload({ id: 'w', platform: 'kvm', cpuMilli: 1000, memoryMiB: 1024, diskMiB: 1024 }));
    sim.advanceTo(c.steps[2].at);
    const mine = sim.log.all().filter((e) => e.subjectId === 'w');
    expect(mine.map((e) => [e.kind, e.at, e.message])).toEqual([
      ['workload.provisioning', 0, 'w is being created on h1'],
      ['workload.booting', c.steps[1].at, 'w is booting on h1'],
      ['workload.running', c.steps[2].at, 'w is running on h1'],
    ]);
  });
});

describe('cloud VMs', () => {
  function region() {
    const sim = new Simulation();
    must(sim.addSite({ id: 'westeurope', kind: 'region' }));
    must(sim.addCluster({ id: 'weu', site: 'westeurope', platform: 'azure' }));
    must(sim.addHost({ id: 'weu-pool', cluster: 'weu', cores: 1000, memoryMiB: gib(4000), storageMiB: gib(100_000) }));
    must(sim.createWorkload({ id: 'vm1', platform: 'azure', cpuMilli: vcpu(2), memoryMiB: gib(4), diskMiB: gib(30), initialState: 'running' }));
    return sim;
  }

  it('keeps its allocation while stopped, and releases it only when deallocated', () => {
    const sim = region();
    const stop = must(sim.act('vm1', 'stop'));
    sim.advanceTo(stop[1].at);
    expect(sim.workload('vm1')?.state).toBe('stopped');
    expect(sim.host('weu-pool')!.allocated.memoryMiB).toBe(gib(4));
    const dealloc = must(sim.act('vm1', 'deallocate'));
    expect(sim.log.recent(1)[0].message).toBe('vm1 is deallocating');
    sim.advanceTo(dealloc[1].at);
    expect(sim.workload('vm1')?.state).toBe('deallocated');
    expect(sim.workload('vm1')?.host).toBeUndefined();
    expect(sim.host('weu-pool')!.allocated.memoryMiB).toBe(0);
    const start = must(sim.act('vm1', 'start'));
    expect(sim.workload('vm1')?.host).toBe('weu-pool');
    sim.advanceTo(start[1].at);
    expect(sim.workload('vm1')?.state).toBe('running');
  });

  it('can be made deallocated (an imported one), holding nothing, and started from there', () => {
    const sim = region();
    must(sim.createWorkload({ id: 'vm2', platform: 'azure', cpuMilli: vcpu(2), memoryMiB: gib(4), diskMiB: gib(30), initialState: 'deallocated' }));
    expect(sim.workload('vm2')?.state).toBe('deallocated');
    expect(sim.workload('vm2')?.host).toBeUndefined();
    expect(sim.host('weu-pool')!.allocated.memoryMiB).toBe(gib(4));
    const start = must(sim.act('vm2', 'start'));
    sim.advanceTo(start[1].at);
    expect([sim.workload('vm2')?.state, sim.workload('vm2')?.host]).toEqual(['running', 'weu-pool']);
    const refused = sim.createWorkload({ id: 'vm3', platform: 'azure', cpuMilli: vcpu(2), memoryMiB: gib(4), diskMiB: gib(30), initialState: 'paused' });
    expect(!refused.ok && refused.error.message).toBe('workload vm3: a cloud-vm cannot start paused');
  });

  it('cannot be paused or suspended', () => {
    const sim = region();
    expect(!sim.act('vm1', 'pause').ok).toBe(true);
    expect(!sim.act('vm1', 'suspend').ok).toBe(true);
  });
});
