// Edges of the day-2 operations found in review: each one once did something
// wrong, and now does what an administrator would expect.
import { describe, expect, it } from 'vitest';
import { HA_DETECT_MS } from '../../src/core/ha-restart.js';
import { Simulation } from '../../src/core/simulation.js';
import { gib } from '../../src/core/units.js';
import { cluster, must, SHARED, vm } from './fixtures.js';

function twoSites() {
  const sim = new Simulation({ seed: 3 });
  must(sim.addSite({ id: 'east', kind: 'datacenter' }));
  must(sim.addSite({ id: 'west', kind: 'datacenter' }));
  must(sim.addCluster({ id: 'ce', site: 'east', platform: 'kvm', ha: { kind: 'percentage', cpuPct: 0, memoryPct: 0 } }));
  must(sim.addCluster({ id: 'cw', site: 'west', platform: 'kvm' }));
  for (const [id, c] of [
    ['e1', 'ce'],
    ['e2', 'ce'],
    ['w1', 'cw'],
  ])
    must(sim.addHost({ id, cluster: c, cores: 16, memoryMiB: gib(64), storageMiB: gib(2000) }));
  must(sim.createWorkload(vm('db', 2, 8, { host: 'e1', diskMiB: gib(20) })));
  return sim;
}

describe('day-2 edges', () => {
  it('a snapshot is not deleted while its VM migrates', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    must(sim.createWorkload(vm('a', 2, 8, { ...SHARED, host: 'h1' })));
    must(sim.takeSnapshot('a', 's', { memory: true }));
    must(sim.migrate('a', 'h2'));
    expect(sim.deleteSnapshot('a', 's')).toMatchObject({ ok: false, error: { message: 'cannot delete a snapshot of a while it is migrating' } });
  });

  it('an evacuation waits for busy targets instead of stalling', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }, { id: 'h3' }]);
    sim.policies.kvm = { ...sim.policies.kvm, migration: { ...sim.policies.kvm.migration, maxConcurrent: 1 } };
    must(sim.createWorkload(vm('busy', 2, 8, { ...SHARED, host: 'h3' })));
    must(sim.createWorkload(vm('keep', 2, 8, { ...SHARED, host: 'h1' })));
    must(sim.migrate('busy', 'h2')); // h2 and h3 are at their limit
    must(sim.enterMaintenance('h1'));
    sim.advance(600_000);
    expect(sim.workload('keep')!.host).not.toBe('h1');
    expect(sim.log.all().some((e) => e.message === 'h1 is in maintenance mode: no VM runs on it')).toBe(true);
  });

  it('a powered-off VM can be moved off a host in maintenance', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    must(sim.createWorkload(vm('off', 2, 8, { ...SHARED, host: 'h1', initialState: 'stopped' })));
    must(sim.enterMaintenance('h1'));
    must(sim.migrate('off', 'h2', { live: false }));
  });

  it('a revert does not power a VM on where it cannot run', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    must(sim.createWorkload(vm('a', 2, 8, { ...SHARED, host: 'h1' })));
    must(sim.takeSnapshot('a', 'live', { memory: true }));
    must(sim.setHostState('h1', 'failed'));
    expect(sim.revertSnapshot('a', 'live')).toMatchObject({ ok: false, error: { message: 'cannot revert a to live powered on: its host h1 is failed' } });
  });

  it("a copy does not inherit its source's relationships", () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('gold', 2, 4)));
    must(sim.takeSnapshot('gold', 'base'));
    must(sim.clone('gold', { id: 'lc', linked: true }));
    sim.advance(10_000);
    must(sim.clone('lc', { id: 'full' }));
    expect(sim.workload('full')!.attrs).toEqual({ clonedFrom: 'lc' });
  });

  it('a failover never leaves two copies running', () => {
    const sim = twoSites();
    const r = must(sim.replicate('db', 'west', 60_000));
    sim.advance(r.seedMs + 1000);
    expect(sim.act('db-replica', 'start')).toMatchObject({ ok: false, error: { message: 'db-replica is a replica of db: fail it over to start it' } });
    must(sim.act('db', 'pause'));
    expect(sim.failover('db-replica')).toMatchObject({ ok: false, error: { message: 'db is paused: shut it down first for a planned failover' } });
    must(sim.act('db', 'resume'));
    must(sim.failSite('east'));
    must(sim.failoverSite('east'));
    must(sim.setHostState('e1', 'connected'));
    must(sim.setHostState('e2', 'connected'));
    sim.advance(HA_DETECT_MS * 20);
    expect(sim.workload('db')!.state).toBe('failed');
    expect(sim.act('db', 'start')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/db was failed over to db-replica/) } });
  });

  it('replicating again after deleting a replica keeps one sync chain', () => {
    const sim = twoSites();
    const first = must(sim.replicate('db', 'west', 60_000));
    sim.advance(first.seedMs + 1000);
    must(sim.act('db-replica', 'delete'));
    must(sim.replicate('db', 'west', 60_000));
    sim.advance(70_000);
    expect(Number(sim.workload('db-replica')!.attrs.replicaSyncedAt)).toBe(-1); // still seeding: no old chain stamps it
  });

  it('a restore point does not restore over another VM that took its name', () => {
    const sim = twoSites();
    must(sim.addBackupTarget({ id: 'repo', site: 'east', capacityMiB: gib(100), throughputMiBps: 200 }));
    sim.advance(must(sim.backup('db', 'repo')).endsAt - sim.now);
    must(sim.act('db', 'delete'));
    must(sim.createWorkload(vm('db', 1, 2, { host: 'e2', initialState: 'stopped' })));
    expect(sim.restore('db-1')).toMatchObject({ ok: false, error: { message: 'the VM db-1 came from was deleted: restore it as a new VM (give a new name)' } });
    must(sim.backup('db', 'repo'));
  });

  it('balancing proposes only moves that can all start at once', () => {
    const sim = cluster([
      { id: 'h1', cpuRatio: 4 },
      { id: 'h2', cpuRatio: 4 },
      { id: 'h3', cpuRatio: 4 },
    ]);
    sim.policies.kvm = { ...sim.policies.kvm, migration: { ...sim.policies.kvm.migration, maxConcurrent: 2 } };
    for (let i = 0; i < 8; i++) must(sim.createWorkload(vm(`v${i}`, 4, 4, { host: 'h1', model: 'steady', modelLevel: 0.9 })));
    sim.advance(5_000);
    const b = must(sim.recommendBalance('c1', 5));
    expect(b.moves.length).toBeLessThanOrEqual(2);
    expect(sim.applyBalance(b.moves).refused).toEqual([]);
  });
});
