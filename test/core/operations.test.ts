// Snapshots, migrations, quotas and resizing in the core.
import { describe, expect, it } from 'vitest';
import { dirtyRate, migrationBandwidth, planPreCopy } from '../../src/core/migration-plan.js';
import { DEFAULT_POLICY } from '../../src/core/platform-policy.js';
import { Simulation } from '../../src/core/simulation.js';
import { gib, vcpu } from '../../src/core/units.js';
import { cluster, must, SHARED, vm } from './fixtures.js';

describe('snapshots', () => {
  it('keep a tree, and a memory snapshot takes its RAM in disk', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('web', 2, 4)));
    must(sim.takeSnapshot('web', 'base'));
    must(sim.takeSnapshot('web', 'patched', { memory: true }));
    const tree = sim.snapshots.of(0);
    expect(tree.list.map((s) => [s.name, s.parent, s.withMemory, s.sizeMiB])).toEqual([
      ['base', undefined, false, 0],
      ['patched', 'base', true, gib(4)],
    ]);
    expect(tree.current).toBe('patched');
    expect(sim.host('h1')!.allocated.diskMiB).toBe(gib(10) + gib(4));
    expect(sim.takeSnapshot('web', 'base').ok).toBe(false);
  });

  it('revert restores the spec and the power state captured', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('db', 2, 4, { initialState: 'stopped' })));
    must(sim.takeSnapshot('db', 'small-and-off'));
    must(sim.resize('db', { cpuMilli: vcpu(4), memoryMiB: gib(8) }));
    must(sim.act('db', 'start'));
    sim.advance(200_000);
    expect(sim.workload('db')!.state).toBe('running');
    must(sim.revertSnapshot('db', 'small-and-off'));
    const db = sim.workload('db')!;
    expect([db.state, db.cpuMilli, db.memoryMiB]).toEqual(['stopped', vcpu(2), gib(4)]);
    expect(sim.host('h1')!.allocated).toEqual({ cpuMilli: 0, memoryMiB: 0, diskMiB: gib(10) });
  });

  it('a running snapshot with memory comes back running; without memory it comes back off', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('a', 1, 2)));
    must(sim.takeSnapshot('a', 'warm', { memory: true }));
    must(sim.takeSnapshot('a', 'cold'));
    must(sim.act('a', 'force-stop'));
    must(sim.revertSnapshot('a', 'warm'));
    expect(sim.workload('a')!.state).toBe('running');
    must(sim.revertSnapshot('a', 'cold'));
    expect(sim.workload('a')!.state).toBe('stopped');
  });

  it('deleting one merges it into its parent and frees its disk', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('a', 1, 2)));
    must(sim.takeSnapshot('a', 's1'));
    must(sim.takeSnapshot('a', 's2', { memory: true }));
    must(sim.takeSnapshot('a', 's3'));
    must(sim.deleteSnapshot('a', 's2'));
    expect(sim.snapshots.of(0).list.map((s) => [s.name, s.parent])).toEqual([
      ['s1', undefined],
      ['s3', 's1'],
    ]);
    expect(sim.host('h1')!.allocated.diskMiB).toBe(gib(10));
    expect(sim.deleteSnapshot('a', 'nope').ok).toBe(false);
  });
});

describe('live migration', () => {
  it('follows memory / (bandwidth x share), round after round, until the rest fits the downtime', () => {
    const bw = migrationBandwidth(10_000, 0.75);
    const plan = planPreCopy({ memoryMiB: 8192, dirtyMiBps: 100, bandwidthMiBps: bw, maxDowntimeMs: 300, throttle: 'none' });
    expect(plan.converged).toBe(true);
    expect(plan.rounds[0].ms).toBeCloseTo((8192 / bw) * 1000, 6);
    for (let i = 1; i < plan.rounds.length; i++) expect(plan.rounds[i].sentMiB).toBeCloseTo((100 * plan.rounds[i - 1].ms) / 1000, 6);
    expect(plan.downtimeMs).toBeLessThanOrEqual(300);
    expect(plan.totalMs).toBeCloseTo(plan.rounds.reduce((a, r) => a + r.ms, 0) + plan.downtimeMs, 6);
  });

  it('does not converge when the guest dirties memory faster than the link, unless throttled', () => {
    const input = { memoryMiB: 65536, dirtyMiBps: 2000, bandwidthMiBps: 900, maxDowntimeMs: 300 };
    expect(planPreCopy({ ...input, throttle: 'none' }).converged).toBe(false);
    const throttled = planPreCopy({ ...input, throttle: 'auto-converge' });
    expect(throttled.converged).toBe(true);
    expect(throttled.throttle).toBeGreaterThan(0.5);
  });

  it('holds the claim on both hosts in flight and on the target afterwards', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    must(sim.createWorkload(vm('v', 2, 8, { ...SHARED, host: 'h1' })));
    sim.advance(2000);
    const info = must(sim.migrate('v', 'h2'));
    expect(sim.workload('v')!.state).toBe('migrating');
    expect(sim.host('h1')!.allocated.memoryMiB).toBe(gib(8));
    expect(sim.host('h2')!.allocated.memoryMiB).toBe(gib(8));
    sim.advanceTo(info.endsAt);
    expect(sim.workload('v')!.state).toBe('running');
    expect(sim.workload('v')!.host).toBe('h2');
    expect(sim.host('h1')!.allocated.memoryMiB).toBe(0);
    expect(sim.ledger.liveClaims).toBe(1);
    expect(sim.log.recent(1)[0].message).toMatch(/^v is running on h2: migrated from h1 in \d+\.\d s, downtime \d+ ms$/);
  });

  it('takes the time its plan says', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    must(sim.createWorkload(vm('v', 2, 16, { ...SHARED, host: 'h1', model: 'steady', modelLevel: 0.5 })));
    sim.advance(5000);
    const cpu = sim.workload('v')!.cpuPct;
    const info = must(sim.migrate('v', 'h2'));
    const expected = planPreCopy({
      memoryMiB: gib(16),
      dirtyMiBps: dirtyRate(gib(16), cpu),
      bandwidthMiBps: migrationBandwidth(10_000, 0.75),
      maxDowntimeMs: 300,
      throttle: 'auto-converge',
    });
    expect(info.endsAt - info.startedAt).toBe(Math.max(1, Math.round(expected.totalMs)));
  });

  it('is refused with reasons: wrong state, wrong hypervisor, no room, too many in flight', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2', memGiB: 4 }, { id: 'h3' }]);
    sim.setPlatformPolicy('kvm', { ...DEFAULT_POLICY, migration: { ...DEFAULT_POLICY.migration, maxConcurrent: 1 } });
    must(sim.createWorkload(vm('big', 1, 8, { ...SHARED, host: 'h1' })));
    must(sim.createWorkload(vm('off', 1, 1, { ...SHARED, host: 'h1', initialState: 'stopped' })));
    expect(sim.migrate('off', 'h3', { live: true }).ok).toBe(false);
    const full = sim.migrate('big', 'h2');
    expect(!full.ok && full.error.message).toBe('Insufficient memory: needs 8 GiB, h2 has 4 GiB free');
    must(sim.migrate('big', 'h3'));
    const busy = sim.migrate('off', 'h3');
    expect(!busy.ok && busy.error.message).toBe('h1 already has 1 migration in flight, its limit');
  });

  it('is called off when a host fails, leaving no claim on two hosts', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    must(sim.createWorkload(vm('v', 2, 8, { ...SHARED, host: 'h1' })));
    const info = must(sim.migrate('v', 'h2'));
    must(sim.setHostState('h2', 'failed'));
    expect(sim.workload('v')!.state).toBe('running');
    expect(sim.workload('v')!.host).toBe('h1');
    expect(sim.ledger.liveClaims).toBe(1);
    sim.advanceTo(info.endsAt + 1000);
    expect(sim.workload('v')!.host).toBe('h1');
  });

  it('moves a powered-off VM cold, copying its disk, also across sites', () => {
    const sim = new Simulation();
    must(sim.addSite({ id: 'east', kind: 'datacenter' }));
    must(sim.addSite({ id: 'west', kind: 'datacenter' }));
    must(sim.addCluster({ id: 'e', site: 'east', platform: 'kvm' }));
    must(sim.addCluster({ id: 'w', site: 'west', platform: 'kvm' }));
    must(sim.addHost({ id: 'e1', cluster: 'e', cores: 8, memoryMiB: gib(32), storageMiB: gib(1000), nicMbps: 1000 }));
    must(sim.addHost({ id: 'w1', cluster: 'w', cores: 8, memoryMiB: gib(32), storageMiB: gib(1000), nicMbps: 1000 }));
    must(sim.createWorkload({ id: 'v', platform: 'kvm', cpuMilli: 1000, memoryMiB: 1024, diskMiB: gib(50), initialState: 'stopped' }));
    const info = must(sim.migrate('v', 'w1'));
    expect(info.live).toBe(false);
    expect(info.endsAt - info.startedAt).toBe(Math.round((gib(50) / migrationBandwidth(1000, 0.75)) * 1000));
    sim.advanceTo(info.endsAt);
    expect(sim.workload('v')!).toMatchObject({ state: 'stopped', host: 'w1' });
  });
});

describe('quotas', () => {
  function region(limit: number) {
    const sim = new Simulation();
    must(sim.addSite({ id: 'westeurope', kind: 'region' }));
    must(sim.addCluster({ id: 'weu', site: 'westeurope', platform: 'azure' }));
    must(sim.addHost({ id: 'cap', cluster: 'weu', cores: 10_000, memoryMiB: gib(10_000), storageMiB: gib(100_000) }));
    sim.quotas.define('weu/bs', 'Standard BS Family vCPUs in westeurope', limit);
    return sim;
  }
  const bvm = (id: string, cpus: number) => ({
    id,
    platform: 'azure' as const,
    cpuMilli: vcpu(cpus),
    memoryMiB: 1024,
    diskMiB: 1024,
    initialState: 'running' as const,
    quota: [{ key: 'weu/bs', amount: cpus }],
  });

  it("refuses what would go over, in Azure's words, and counts deallocated cores too", () => {
    const sim = region(10);
    for (let i = 0; i < 5; i++) must(sim.createWorkload(bvm(`b${i}`, 2)));
    const over = sim.createWorkload(bvm('b5', 2));
    expect(!over.ok && over.error).toEqual({
      code: 'quota-exceeded',
      message: 'Quota exceeded: Standard BS Family vCPUs in westeurope, 10 of 10 used; b5 needs 2 more',
    });
    const d = must(sim.act('b0', 'deallocate'));
    sim.advanceTo(d[1].at);
    expect(sim.createWorkload(bvm('b5', 2)).ok).toBe(false);
    must(sim.act('b0', 'delete'));
    must(sim.createWorkload(bvm('b5', 2)));
    expect(sim.quotas.get('weu/bs')!.used).toBe(10);
  });

  it('a resize is checked against the quota too', () => {
    const sim = region(4);
    must(sim.createWorkload(bvm('a', 2)));
    const r = sim.resize('a', { cpuMilli: vcpu(8), quota: [{ key: 'weu/bs', amount: 8 }] });
    expect(!r.ok && r.error.code).toBe('quota-exceeded');
    expect(sim.quotas.get('weu/bs')!.used).toBe(2);
    must(sim.resize('a', { cpuMilli: vcpu(4), quota: [{ key: 'weu/bs', amount: 4 }] }));
    expect(sim.quotas.get('weu/bs')!.used).toBe(4);
  });
});

describe('load', () => {
  it('sets how busy a workload is, from the next tick, and refuses nonsense', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('w', 4, 4, { model: 'idle' })));
    must(sim.setLoad('w', 0.9));
    sim.advance(5000);
    expect(sim.workload('w')!.cpuPct).toBeGreaterThan(70);
    expect(sim.setLoad('w', 2).ok).toBe(false);
    expect(sim.setLoad('nope', 0.5).ok).toBe(false);
  });
});

describe('snapshot deltas', () => {
  it("grow with the guest's writes, claim that disk, and freeze into the next snapshot", () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('db', 2, 4, { model: 'steady', modelLevel: 0.5 })));
    const base = sim.host('h1')!.allocated.diskMiB;
    sim.advance(60_000);
    expect(sim.snapshots.of(0).runningMiB).toBe(0); // no snapshot: writes go to the disk itself
    must(sim.takeSnapshot('db', 'one'));
    sim.advance(100_000);
    const tree = sim.snapshots.of(0);
    // Two vCPUs at about 50%: about a MiB a second.
    expect(tree.runningMiB).toBeGreaterThan(70);
    expect(tree.runningMiB).toBeLessThan(130);
    expect(sim.host('h1')!.allocated.diskMiB).toBe(base + tree.runningMiB);
    const written = tree.runningMiB;
    must(sim.takeSnapshot('db', 'two'));
    expect([tree.list[1].deltaMiB, tree.runningMiB]).toEqual([written, 0]);
    sim.advance(50_000);
    const since = tree.runningMiB;
    expect(since).toBeGreaterThan(0);
    must(sim.revertSnapshot('db', 'two'));
    expect(tree.runningMiB).toBe(0);
    expect(sim.host('h1')!.allocated.diskMiB).toBe(base + written);
    expect(sim.log.all().at(-1)!.message).toMatch(new RegExp(`${since} MiB written since discarded`));
  });

  it('merge into the running delta when the current one is deleted, and go when the last one does', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('app', 4, 4, { model: 'steady', modelLevel: 0.5 })));
    const base = sim.host('h1')!.allocated.diskMiB;
    must(sim.takeSnapshot('app', 'a'));
    sim.advance(30_000);
    must(sim.takeSnapshot('app', 'b'));
    sim.advance(30_000);
    const tree = sim.snapshots.of(0);
    const [deltaB, running] = [tree.list[1].deltaMiB, tree.runningMiB];
    must(sim.deleteSnapshot('app', 'b'));
    expect(tree.runningMiB).toBe(deltaB + running);
    expect(sim.host('h1')!.allocated.diskMiB).toBe(base + sim.snapshots.totalMiB(0));
    must(sim.deleteSnapshot('app', 'a'));
    expect(sim.snapshots.totalMiB(0)).toBe(0);
    expect(sim.host('h1')!.allocated.diskMiB).toBe(base);
  });

  it('pause the guest when its host has no disk left for the delta', () => {
    const sim = cluster([{ id: 'h1', diskGiB: 10 }]);
    must(sim.createWorkload(vm('full', 8, 4, { diskMiB: gib(10) - 200, model: 'steady', modelLevel: 1 })));
    must(sim.takeSnapshot('full', 's'));
    sim.advance(120_000);
    expect(sim.workload('full')!.state).toBe('paused');
    expect(sim.log.all().some((e) => /full is paused: no disk left on h1 for its snapshot delta/.test(e.message))).toBe(true);
    expect(sim.host('h1')!.allocated.diskMiB).toBeLessThanOrEqual(gib(10));
  });
});

describe('templates', () => {
  it('are powered-off VMs that cannot start; VMs are cloned from them and are not templates', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('gold', 2, 4)));
    expect(sim.setTemplate('gold', true)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/power gold off first/) } });
    must(sim.act('gold', 'force-stop'));
    must(sim.setTemplate('gold', true));
    expect(sim.act('gold', 'start')).toMatchObject({
      ok: false,
      error: { message: 'gold is a template: deploy a VM from it by cloning it, or make it a VM again' },
    });
    must(sim.clone('gold', { id: 'app-1', powerOn: true }));
    sim.advance(600_000);
    expect(sim.workload('app-1')!.state).toBe('running');
    expect(sim.workload('app-1')!.attrs.template).toBeUndefined();
    must(sim.setTemplate('gold', false));
    must(sim.act('gold', 'start'));
  });
});

describe('cross-site moves', () => {
  it('are cold only, and copy the disk over the link between the sites', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.addSite({ id: 'dr', kind: 'datacenter' }));
    must(sim.addCluster({ id: 'c2', site: 'dr', platform: 'kvm' }));
    must(sim.addHost({ id: 'far', cluster: 'c2', cores: 16, memoryMiB: gib(64), storageMiB: gib(1000), nicMbps: 25_000 }));
    must(sim.createWorkload(vm('app', 2, 4, { host: 'h1', diskMiB: gib(10) })));
    expect(sim.migrate('app', 'far')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/cannot move live to far: it is in another site \(dr\)/) },
    });
    must(sim.act('app', 'force-stop'));
    const info = must(sim.migrate('app', 'far', { live: false }));
    const share = sim.policies.kvm.migration.bandwidthShare;
    expect(info.endsAt - info.startedAt).toBe(Math.round((gib(10) / migrationBandwidth(1_000, share)) * 1000));
  });
});
