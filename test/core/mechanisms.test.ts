// Resource mechanisms drivers declare and the core carries out.
import { describe, expect, it } from 'vitest';
import { costOf } from '../../src/core/billing.js';
import { DEFAULT_POLICY } from '../../src/core/platform-policy.js';
import { Simulation } from '../../src/core/simulation.js';
import { gib, vcpu } from '../../src/core/units.js';
import { cluster, must, vm } from './fixtures.js';

function dockerHost(memGiB = 4, cores = 4) {
  const sim = new Simulation();
  must(sim.addSite({ id: 's', kind: 'datacenter' }));
  must(sim.addCluster({ id: 'd', site: 's', platform: 'docker' }));
  must(sim.addHost({ id: 'docker-01', cluster: 'd', cores, memoryMiB: gib(memGiB), storageMiB: gib(100) }));
  return sim;
}

// Docker reserves nothing unless asked (Swarm-style reservations are what a container claims).
const container = (id: string, extra: object = {}) => ({
  id,
  platform: 'docker' as const,
  cpuMilli: 1000,
  memoryMiB: 512,
  diskMiB: 100,
  claim: [0, 0, 100] as const,
  host: 'docker-01',
  initialState: 'running' as const,
  model: 'steady' as const,
  ...extra,
});

describe('CPU shares', () => {
  it('divide a contended host in proportion to demand x shares', () => {
    const sim = dockerHost(16, 2);
    must(sim.createWorkload(container('hi', { cpuMilli: 2000, model: 'steady', modelLevel: 1, shares: 2048, overhead: 0 })));
    must(sim.createWorkload(container('lo', { cpuMilli: 2000, model: 'steady', modelLevel: 1, shares: 1024, overhead: 0 })));
    sim.advance(5000);
    const hi = sim.workload('hi')!.cpuPct;
    const lo = sim.workload('lo')!.cpuPct;
    const [dHi, dLo] = [sim.workloads.demandCpu[0], sim.workloads.demandCpu[1]];
    expect(hi / lo).toBeCloseTo((2 * dHi) / dLo, 5);
    // Together they get the host's two cores: 2 vCPUs each, so (hi + lo)% of 2 vCPUs = 2 cores.
    expect(((hi + lo) / 100) * 2).toBeCloseTo(2, 1);
  });
});

describe('memory limits and restart policies', () => {
  it('OOM-kills a container that goes over its hard limit, and restarts it as its policy says', () => {
    const sim = dockerHost();
    // Its working set is 512 MiB and steady at ~55%: 280 MiB, over a 200 MiB limit.
    must(sim.createWorkload(container('leaky', { memoryLimitMiB: 200, restart: { policy: 'on-failure', maxRetries: 2 } })));
    sim.advance(1000);
    expect(sim.workload('leaky')!.state).toBe('stopped');
    expect(sim.workloads.exitCode[0]).toBe(137);
    expect(
      sim.log
        .recent(5)
        .map((e) => e.message)
        .find((m) => m.includes('OOM')),
    ).toMatch(/^leaky is stopped: exited \(137\): OOM-killed, using \d+(\.\d)? MiB, over its 200 MiB limit$/);
    sim.advance(60_000);
    // Killed again after each restart, until on-failure's two retries are spent.
    expect(sim.workloads.restartCount[0]).toBe(2);
    expect(sim.workload('leaky')!.state).toBe('stopped');
    expect(sim.log.all().filter((e) => e.message.includes('OOM-killed')).length).toBe(3);
  });

  it('with no policy, a killed container stays down', () => {
    const sim = dockerHost();
    must(sim.createWorkload(container('once', { memoryLimitMiB: 200 })));
    sim.advance(30_000);
    expect(sim.workloads.restartCount[0]).toBe(0);
    expect(sim.workload('once')!.state).toBe('stopped');
  });

  it('kills the biggest container when the host runs out of memory', () => {
    const sim = dockerHost(1);
    sim.setPlatformPolicy('docker', { ...DEFAULT_POLICY, memoryBacking: 'used', oomKill: true });
    must(sim.createWorkload(container('small', { memoryMiB: 256 })));
    must(sim.createWorkload(container('big', { memoryMiB: 2048 })));
    sim.advance(1000);
    expect(sim.workload('big')!.state).toBe('stopped');
    expect(sim.workload('small')!.state).toBe('running');
    expect(sim.log.recent(3).some((e) => e.message.includes('killed by the kernel: host docker-01 is out of memory and swap'))).toBe(true);
  });

  it('brings always and unless-stopped containers back with their host, but not one a person stopped under unless-stopped', () => {
    const sim = dockerHost(8);
    must(sim.createWorkload(container('a', { restart: { policy: 'always' } })));
    must(sim.createWorkload(container('u', { restart: { policy: 'unless-stopped' } })));
    must(sim.createWorkload(container('u2', { restart: { policy: 'unless-stopped' } })));
    must(sim.createWorkload(container('n', { restart: { policy: 'no' } })));
    must(sim.act('u2', 'force-stop'));
    must(sim.setHostState('docker-01', 'failed'));
    must(sim.setHostState('docker-01', 'connected'));
    sim.advance(10_000);
    expect(['a', 'u', 'u2', 'n'].map((id) => sim.workload(id)!.state)).toEqual(['running', 'running', 'stopped', 'failed']);
  });
});

describe('burstable CPU credits', () => {
  function b1s(initial: number, level: number) {
    const sim = new Simulation();
    must(sim.addSite({ id: 'weu', kind: 'region' }));
    must(sim.addCluster({ id: 'pool', site: 'weu', platform: 'azure' }));
    must(sim.addHost({ id: 'cap', cluster: 'pool', cores: 1000, memoryMiB: gib(1000), storageMiB: gib(1000) }));
    must(
      sim.createWorkload({
        id: 'b',
        platform: 'azure',
        cpuMilli: vcpu(1),
        memoryMiB: 1024,
        diskMiB: 1024,
        initialState: 'running',
        model: 'steady',
        modelLevel: level,
        overhead: 0,
        credits: { basePct: 10, initial, max: 144 },
      }),
    );
    return sim;
  }

  it('earns 6 credits an hour idle at a 10% base, up to its cap', () => {
    const sim = b1s(0, 0);
    sim.advance(3_600_000);
    expect(sim.workloads.credits[0]).toBeCloseTo(6, 1);
    sim.advance(30 * 3_600_000);
    expect(sim.workloads.credits[0]).toBeCloseTo(144, 5);
  });

  it('spends credits above its base, then is held to its base', () => {
    const sim = b1s(30, 1);
    sim.advance(10_000);
    expect(sim.workload('b')!.cpuPct).toBeGreaterThan(80);
    // At ~100% it spends 0.9 credits a minute: 30 credits last about 33 minutes.
    sim.advance(40 * 60_000);
    expect(sim.workloads.credits[0]).toBeLessThan(0.1);
    sim.advance(5000);
    expect(sim.workload('b')!.cpuPct).toBeCloseTo(10, 0);
  });
});

describe('page sharing', () => {
  it('saves memory between powered-on guests of the same image on one host', () => {
    const sim = cluster([{ id: 'h1', memGiB: 128 }]);
    sim.setPlatformPolicy('kvm', { ...DEFAULT_POLICY, pageSharing: { name: 'KSM', sharedShare: 0.2 } });
    for (const id of ['a', 'b', 'c']) must(sim.createWorkload(vm(id, 1, 4, { image: 'ubuntu', model: 'steady' })));
    must(sim.createWorkload(vm('d', 1, 4, { image: 'windows' })));
    sim.advance(1000);
    // Three 4 GiB ubuntu guests: two copies of 20% of 4 GiB saved each.
    expect(sim.metrics.hostSharedMiB[0]).toBeCloseTo(2 * 0.2 * 4096, 0);
    must(sim.act('c', 'force-stop'));
    sim.advance(1000);
    expect(sim.metrics.hostSharedMiB[0]).toBeCloseTo(0.2 * 4096, 0);
  });
});

describe('Dynamic Memory', () => {
  it('moves assigned memory with demand plus its buffer, between minimum and maximum', () => {
    const sim = cluster([{ id: 'h1', memGiB: 64 }], { platform: 'hyperv' });
    must(
      sim.createWorkload({
        id: 'dm',
        platform: 'hyperv',
        cpuMilli: 2000,
        memoryMiB: 2048,
        diskMiB: 1024,
        initialState: 'running',
        model: 'idle',
        overhead: 0,
        dynamicMemory: { minimumMiB: 512, maximumMiB: 8192, bufferPct: 20 },
      }),
    );
    expect(sim.host('h1')!.allocated.memoryMiB).toBe(2048);
    sim.advance(3000);
    // Idle guests use about a quarter of their startup memory: ~512 MiB plus 20%.
    const assigned = sim.host('h1')!.allocated.memoryMiB;
    const demand = sim.workloads.demandMem[0];
    expect(assigned).toBeGreaterThanOrEqual(512);
    expect(Math.abs(assigned - Math.max(512, demand * 1.2))).toBeLessThan(Math.max(32, 0.05 * assigned) + 1);
  });

  it("sizes a guest by its startup memory, not its maximum (Hyper-V's default 1 TB), and boots it next with its startup memory", () => {
    const sim = cluster([{ id: 'h1', memGiB: 64 }], { platform: 'hyperv' });
    const dynamicMemory = { minimumMiB: 512, maximumMiB: 1_048_576, bufferPct: 20 };
    must(sim.createWorkload({ ...vm('big', 2, 4), platform: 'hyperv', model: 'steady', overhead: 0, dynamicMemory }));
    sim.advance(600_000);
    const assigned = sim.workloadRow('big')!.claim[1];
    // Demand is a share of 4 GiB; assigned follows it with its buffer, far below the host's 64 GiB.
    expect(sim.workloads.demandMem[0]).toBeLessThan(4096);
    expect(assigned).toBeLessThan(4096 * 1.2 + 32);
    expect(sim.workloads.memPct[0]).toBeCloseTo((100 * sim.workloads.demandMem[0]) / 1_048_576, 6);
    const stop = must(sim.act('big', 'force-stop'));
    sim.advanceTo(stop.at(-1)!.at + 1000);
    expect(sim.workloadRow('big')!.claim[1]).toBe(4096);
    expect(sim.workloadRow('big')!.dynamicMemory).toEqual({ ...dynamicMemory, startupMiB: 4096 });
  });

  it('claims its startup memory again once off, even on a host that has filled up meanwhile', () => {
    const sim = cluster([{ id: 'h1', memGiB: 8 }], { platform: 'hyperv' });
    const dynamicMemory = { minimumMiB: 512, maximumMiB: 8192, bufferPct: 20 };
    must(sim.createWorkload({ ...vm('dm', 1, 4), platform: 'hyperv', model: 'idle', overhead: 0, dynamicMemory }));
    sim.advance(600_000);
    const shrunk = sim.workloadRow('dm')!.claim[1];
    expect(shrunk).toBeLessThan(4096);
    const free = sim.host('h1')!.capacity.memoryMiB - sim.host('h1')!.allocated.memoryMiB;
    must(sim.createWorkload({ id: 'filler', platform: 'hyperv', cpuMilli: 1000, memoryMiB: free, diskMiB: 1024, initialState: 'running', overhead: 0 }));
    must(sim.act('dm', 'force-stop'));
    expect(sim.workloadRow('dm')!.claim[1]).toBe(4096);
  });

  it('refuses settings Hyper-V refuses', () => {
    const sim = cluster([{ id: 'h1' }], { platform: 'hyperv' });
    const r = sim.createWorkload({
      id: 'x',
      platform: 'hyperv',
      cpuMilli: 1000,
      memoryMiB: 1024,
      diskMiB: 1,
      dynamicMemory: { minimumMiB: 2048, maximumMiB: 4096, bufferPct: 20 },
    });
    expect(!r.ok && r.error.message).toBe('x: the minimum memory (2048 MB) cannot be greater than the startup memory (1024 MB)');
  });
});

describe('billing by power state', () => {
  it('bills while allocated, not while creating, deallocating or deallocated', () => {
    const sim = new Simulation();
    must(sim.addSite({ id: 'weu', kind: 'region' }));
    must(sim.addCluster({ id: 'pool', site: 'weu', platform: 'azure' }));
    must(sim.addHost({ id: 'cap', cluster: 'pool', cores: 1000, memoryMiB: gib(1000), storageMiB: gib(1000) }));
    const c = must(
      sim.createWorkload({
        id: 'v',
        platform: 'azure',
        cpuMilli: 2000,
        memoryMiB: 4096,
        diskMiB: 1024,
        billing: { ratePerHour: 0.1 },
        durations: { provision: [60_000, 60_000], boot: [0, 0] },
      }),
    );
    sim.advanceTo(c.steps[2].at);
    expect(costOf(sim, 0)).toBe(0);
    sim.advance(3_600_000);
    expect(costOf(sim, 0)).toBeCloseTo(0.1, 10);
    const stop = must(sim.act('v', 'stop'));
    sim.advanceTo(stop[1].at + 3_600_000);
    // Stopped but still allocated: still billed.
    expect(costOf(sim, 0)).toBeCloseTo(0.1 + (0.1 * (stop[1].at + 3_600_000 - c.steps[2].at - 3_600_000)) / 3_600_000, 10);
    const before = costOf(sim, 0);
    const dealloc = must(sim.act('v', 'deallocate'));
    sim.advanceTo(dealloc[1].at + 10 * 3_600_000);
    // Deallocating and deallocated are not billed (Microsoft Learn, "States and billing status of Azure Virtual Machines").
    expect(costOf(sim, 0)).toBeCloseTo(before, 10);
  });
});
