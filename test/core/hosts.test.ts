import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { gib, vcpu } from '../../src/core/units.js';
import { cluster, must, vm } from './fixtures.js';

describe('hosts', () => {
  it('computes capacity as (total - reserved) x ratio', () => {
    const sim = new Simulation();
    must(sim.addSite({ id: 's', kind: 'datacenter' }));
    must(sim.addCluster({ id: 'c', site: 's', platform: 'kvm' }));
    must(
      sim.addHost({
        id: 'k1',
        cluster: 'c',
        cores: 16,
        memoryMiB: gib(64),
        storageMiB: gib(1000),
        reserved: { memoryMiB: 512, cpuMilli: 1000 },
        ratios: { cpu: 4, memory: 1.5 },
      }),
    );
    expect(sim.host('k1')!.capacity).toEqual({ cpuMilli: (16_000 - 1000) * 4, memoryMiB: Math.floor((gib(64) - 512) * 1.5), diskMiB: gib(1000) });
  });

  it('refuses bad hosts with a sentence naming the field', () => {
    const sim = cluster([{ id: 'h1' }]);
    const dup = sim.addHost({ id: 'h1', cluster: 'c1', cores: 4, memoryMiB: 1024, storageMiB: 0 });
    expect(!dup.ok && dup.error).toEqual({ code: 'duplicate-id', message: 'a host named h1 already exists' });
    const neg = sim.addHost({ id: 'h2', cluster: 'c1', cores: -4, memoryMiB: 1024, storageMiB: 0 });
    expect(!neg.ok && neg.error.message).toBe('host h2 cores must be at least 1, got -4');
    const nocluster = sim.addHost({ id: 'h3', cluster: 'nope', cores: 4, memoryMiB: 1024, storageMiB: 0 });
    expect(!nocluster.ok && nocluster.error.code).toBe('not-found');
    const ctl = sim.addHost({ id: 'h\u001b[31m', cluster: 'c1', cores: 4, memoryMiB: 1024, storageMiB: 0 });
    expect(!ctl.ok && ctl.error.message).toMatch(/control characters/);
  });

  it('a failed host takes its running workloads down at once, keeping their disks where they were', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    must(sim.createWorkload(vm('a', 2, 4, { host: 'h1' })));
    must(sim.createWorkload(vm('b', 2, 4, { host: 'h1', initialState: 'stopped' })));
    must(sim.createWorkload(vm('c', 2, 4, { host: 'h2' })));
    must(sim.setHostState('h1', 'failed'));
    expect(sim.workload('a')?.state).toBe('failed');
    expect(sim.workload('b')?.state).toBe('stopped');
    expect(sim.workload('c')?.state).toBe('running');
    expect(sim.host('h1')!.allocated).toEqual({ cpuMilli: 0, memoryMiB: 0, diskMiB: gib(20) });
    const entries = sim.log.recent(2).map((e) => [e.severity, e.message]);
    expect(entries).toEqual([
      ['critical', 'a failed on h1: host h1 failed'],
      ['critical', 'h1 failed'],
    ]);
    // Starting it again places it on a host that works.
    must(sim.act('a', 'start'));
    expect(sim.workload('a')?.host).toBe('h2');
  });

  it('a failure cancels a transition in flight', () => {
    const sim = cluster([{ id: 'h1' }]);
    const c = must(sim.createWorkload({ id: 'w', platform: 'kvm', cpuMilli: 1000, memoryMiB: 1024, diskMiB: 1024 }));
    sim.advance(c.steps[1].at + 1);
    must(sim.setHostState('h1', 'failed'));
    sim.advanceTo(c.steps[2].at + 1000);
    expect(sim.workload('w')?.state).toBe('failed');
  });

  it('cloud VMs do not notice an on-premises failure', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.addSite({ id: 'weu', kind: 'region' }));
    must(sim.addCluster({ id: 'weu-pool', site: 'weu', platform: 'azure' }));
    must(sim.addHost({ id: 'weu-cap', cluster: 'weu-pool', cores: 1000, memoryMiB: gib(4000), storageMiB: gib(10_000) }));
    must(sim.createWorkload({ id: 'cloud', platform: 'azure', cpuMilli: vcpu(2), memoryMiB: gib(4), diskMiB: gib(30), initialState: 'running' }));
    must(sim.setHostState('h1', 'failed'));
    expect(sim.workload('cloud')?.state).toBe('running');
  });

  describe('a container host inside a VM', () => {
    function nested() {
      const sim = new Simulation();
      must(sim.addSite({ id: 's', kind: 'datacenter' }));
      must(sim.addCluster({ id: 'kvm', site: 's', platform: 'kvm' }));
      must(sim.addCluster({ id: 'docker', site: 's', platform: 'docker' }));
      must(sim.addHost({ id: 'k1', cluster: 'kvm', cores: 16, memoryMiB: gib(64), storageMiB: gib(1000) }));
      must(
        sim.createWorkload({
          id: 'dockervm',
          platform: 'kvm',
          cpuMilli: vcpu(4),
          memoryMiB: gib(8),
          diskMiB: gib(100),
          initialState: 'running',
          model: 'idle',
        }),
      );
      must(sim.addHost({ id: 'dvm', cluster: 'docker', cores: 0, memoryMiB: 0, storageMiB: 0, backingWorkload: 'dockervm' }));
      return sim;
    }

    it("has the VM's vCPUs, memory and disk as its capacity", () => {
      const h = nested().host('dvm')!;
      expect([h.cores, h.memoryMiB, h.storageMiB]).toEqual([4, gib(8), gib(100)]);
      expect(h.backingWorkload).toBe('dockervm');
    });

    it('goes down with its VM and comes back when the VM runs again', () => {
      const sim = nested();
      must(sim.createWorkload({ id: 'nginx', platform: 'docker', cpuMilli: 500, memoryMiB: 256, diskMiB: 100, host: 'dvm', initialState: 'running' }));
      const stop = must(sim.act('dockervm', 'stop'));
      sim.advanceTo(stop[1].at);
      expect(sim.host('dvm')?.state).toBe('failed');
      expect(sim.workload('nginx')?.state).toBe('failed');
      const start = must(sim.act('dockervm', 'start'));
      sim.advanceTo(start[1].at);
      expect(sim.host('dvm')?.state).toBe('connected');
    });

    it("passes its containers' load to the VM and on to the physical host", () => {
      const sim = nested();
      sim.advance(10_000);
      const idle = sim.workload('dockervm')!.cpuPct;
      must(
        sim.createWorkload({
          id: 'busy',
          platform: 'docker',
          cpuMilli: vcpu(2),
          memoryMiB: 1024,
          diskMiB: 100,
          host: 'dvm',
          initialState: 'running',
          model: 'steady',
          modelLevel: 1,
        }),
      );
      sim.advance(10_000);
      expect(sim.workload('busy')!.cpuPct).toBeGreaterThan(80);
      // Two busy vCPUs of containers in a 4-vCPU VM: the VM is at least half busy.
      expect(sim.workload('dockervm')!.cpuPct).toBeGreaterThan(idle + 40);
      expect(sim.host('k1')!.cpuPct).toBeGreaterThan(10);
    });
  });
});
